// The weekly state review (every Monday, for the Women & Child Development Corporation) and the monthly
// report of each District Operation Committee. Built from the counters only, stored in the table, and
// announced by a link, never with figures or anything personal in the message.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../core/keys.ts';
import { queryAll } from '../core/query.ts';
import { addDays, financialYear, istDate, istTimestamp } from '../core/time.ts';
import { DISTRICTS } from '../network/geography.ts';
import { reportedBlock } from './beside.ts';
import { type Report, type ReportKind, ReportStore } from './report-store.ts';
import type { ReportedFigures } from './reported.ts';
import { addCounter, type Cell, type Flow, readStats, zeroFlow } from './stats.ts';

export type { Report, ReportKind };

/** The port for "a report is ready" (an SNS e-mail topic in AWS, an outbox locally). */
export interface ReportAnnouncer {
  announce(subject: string, message: string): Promise<void>;
}

/** Monday (IST) of the week before the one `at` falls in. */
export function previousWeek(at: Date): { from: string; to: string } {
  const today = istDate(at);
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const thisMonday = addDays(today, -weekday);
  return { from: addDays(thisMonday, -7), to: addDays(thisMonday, -1) };
}

/** The IST month before the one `at` falls in, as YYYY-MM with its first and last day. */
export function previousMonth(at: Date): { month: string; from: string; to: string } {
  const today = istDate(at);
  const firstOfThis = `${today.slice(0, 7)}-01`;
  const to = addDays(firstOfThis, -1);
  return { month: to.slice(0, 7), from: `${to.slice(0, 7)}-01`, to };
}

async function dailyFlows(
  doc: DynamoDBDocumentClient,
  table: string,
  from: string,
  to: string,
): Promise<Map<string, Flow>> {
  const byDistrict = new Map<string, Flow>();
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const items = await queryAll(doc, {
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.dailyPartition(day) },
    });
    for (const i of items) {
      const d = i.district as string;
      const flow = byDistrict.get(d) ?? zeroFlow();
      byDistrict.set(d, flow);
      addCounter(flow, i);
    }
  }
  return byDistrict;
}

const sum = (flows: Iterable<Flow>, pick: (f: Flow) => number) => [...flows].reduce((n, f) => n + pick(f), 0);

export class Reports {
  private readonly store: ReportStore;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly announcer: ReportAnnouncer,
    private readonly webUrl: string,
    private readonly smallCell = 5,
    /** Earlier years as the state reported them, listed beside this year's live figures. */
    private readonly reported?: ReportedFigures,
  ) {
    this.store = new ReportStore(doc, table);
  }

  /**
   * The weekly review for the week before `at`: new, resolved, follow-ups missed and escalations
   * unacknowledged that week; financial year to date; open cases and those pending over 30 days; by district.
   */
  async weekly(at: Date): Promise<{ report: Report; created: boolean }> {
    const period = previousWeek(at);
    const fy = financialYear(at);
    const week = await dailyFlows(this.doc, this.table, period.from, period.to);
    const ytd = await readStats(this.doc, this.table, fy, {}, istDate(at), this.smallCell);
    const cell = (n: number): Cell => (n > 0 && n < this.smallCell ? `<${this.smallCell}` : n);
    const districts = new Set([...week.keys(), ...ytd.byDistrict.map((d) => d.district)]);
    const years = this.reported
      ? (await reportedBlock(this.doc, this.table, this.reported, { kind: 'state' }, fy)).years
      : [];
    const report: Report = {
      reportId: `weekly-${period.from}`,
      kind: 'weekly',
      title: `Weekly state review, ${period.from} to ${period.to}`,
      period,
      fy,
      generatedAt: istTimestamp(at),
      figures: {
        week: {
          registered: sum(week.values(), (f) => f.registered),
          resolved: sum(week.values(), (f) => f.resolved),
          followUpsMissed: sum(week.values(), (f) => f.followUps.MISSED),
          escalationsUnacknowledged: sum(week.values(), (f) => f.escalations.UNACKNOWLEDGED),
        },
        yearToDate: { registered: ytd.registered, resolved: ytd.resolved },
        openNow: ytd.openCases.total,
        pendingOver30Days: ytd.openCases.pendingOver30Days,
        escalationsOpen: ytd.escalations.openNow.length,
        // By financial year: counted here (live) beside what the state reported; the two are never added.
        byYear: years.map((y) => ({
          fy: y.fy,
          registered: y.live.registered,
          resolved: y.live.resolved,
          reportedRegistered: y.reported?.registered ?? null,
          reportedResolved: y.reported?.resolved ?? null,
          reportedUpTo: y.reported?.upToMonth ?? null,
        })),
        byDistrict: [...districts].sort().map((district) => {
          const w = week.get(district) ?? zeroFlow();
          const y = ytd.byDistrict.find((d) => d.district === district);
          return {
            district,
            weekRegistered: cell(w.registered),
            weekResolved: cell(w.resolved),
            weekFollowUpsMissed: cell(w.followUps.MISSED),
            weekEscalationsUnacknowledged: cell(w.escalations.UNACKNOWLEDGED),
            yearRegistered: y?.registered ?? 0,
            yearResolved: y?.resolved ?? 0,
            openNow: y?.openNow ?? 0,
            pendingOver30Days: y?.pendingOver30Days ?? 0,
          };
        }),
      },
    };
    const created = await this.store.put(report);
    if (created)
      await this.announcer.announce(
        `Sakhi OSC: ${report.title}`,
        `The weekly state review is ready: ${this.webUrl}/#/reports/weekly/${report.reportId}`,
      );
    return { report, created };
  }

  /** One report per district for the month before `at`, for its District Operation Committee. */
  async monthlyDistrict(at: Date): Promise<{ reports: Report[]; created: number }> {
    const { month, from, to } = previousMonth(at);
    const fy = financialYear(new Date(`${to}T12:00:00+05:30`));
    const monthly = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.counterPartition(fy) },
    });
    const ytd = await readStats(this.doc, this.table, fy, {}, istDate(at), this.smallCell);
    const flows = new Map<string, Flow>();
    for (const i of monthly) {
      if (i.month !== month) continue;
      const d = i.district as string;
      const flow = flows.get(d) ?? zeroFlow();
      flows.set(d, flow);
      addCounter(flow, i);
    }
    const cell = (n: number): Cell => (n > 0 && n < this.smallCell ? `<${this.smallCell}` : n);
    const reports: Report[] = [];
    let created = 0;
    for (const { name } of DISTRICTS) {
      const row = ytd.byDistrict.find((d) => d.district === name) ?? {
        district: name,
        registered: 0,
        resolved: 0,
        openNow: 0,
        pendingOver30Days: 0,
      };
      const f = flows.get(row.district) ?? zeroFlow();
      const report: Report = {
        reportId: `monthly-${month}-${row.district.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
        kind: 'monthly',
        title: `District Operation Committee report, ${row.district}, ${month}`,
        period: { from, to },
        fy,
        district: row.district,
        generatedAt: istTimestamp(at),
        figures: {
          month: {
            registered: cell(f.registered),
            resolved: cell(f.resolved),
            referred: cell(f.referred),
            shelterAdmissions: cell(f.services.SHELTER),
            followUpsMissed: cell(f.followUps.MISSED),
            escalationsOpened: cell(f.escalations.opened),
            escalationsUnacknowledged: cell(f.escalations.UNACKNOWLEDGED),
            categories: Object.fromEntries(Object.entries(f.categories).map(([k, v]) => [k, cell(v)])),
            referralSources: Object.fromEntries(Object.entries(f.referralSources).map(([k, v]) => [k, cell(v)])),
          },
          yearToDate: { registered: row.registered, resolved: row.resolved },
          openNow: row.openNow,
          pendingOver30Days: row.pendingOver30Days,
        },
      };
      reports.push(report);
      if (await this.store.put(report)) created++;
    }
    if (created)
      await this.announcer.announce(
        `Sakhi OSC: district reports for ${month}`,
        `The monthly District Operation Committee reports for ${month} are ready: ${this.webUrl}/#/reports/monthly`,
      );
    return { reports, created };
  }
}

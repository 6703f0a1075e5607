// The weekly state review (every Monday, for the Women & Child Development Corporation) and the monthly
// report of each District Operation Committee. Built from the counters only, stored in the table, and
// announced by a link, never with figures or anything personal in the message.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as keys from '../core/keys.ts';
import { queryAll } from '../core/query.ts';
import { addDays, financialYear, istDate, istTimestamp, monthsOfFinancialYear } from '../core/time.ts';
import { DISTRICTS } from '../network/geography.ts';
import { reportedBlock } from './beside.ts';
import { monthlyProtection } from './protection-figures.ts';
import { type Report, type ReportKind, ReportStore } from './report-store.ts';
import type { ReportedReads } from './reported.ts';
import { type Cell, SmallCells, smallCellMark } from './small-cells.ts';
import { addCounter, type Flow, readStats, readStatsData, zeroFlow } from './stats.ts';
import { areaFigures, districtArea } from './stats-figures.ts';

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
const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/** Sums a per-type record (milestone type → count) over flows. */
function byType(flows: Iterable<Flow>, pick: (f: Flow) => Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of flows) for (const [k, n] of Object.entries(pick(f))) out[k] = (out[k] ?? 0) + n;
  return out;
}

export class Reports {
  private readonly store: ReportStore;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly announcer: ReportAnnouncer,
    private readonly webUrl: string,
    private readonly smallCell = 5,
    /** Earlier years as the state reported them, listed beside this year's live figures. */
    private readonly reported?: ReportedReads,
  ) {
    this.store = new ReportStore(doc, table);
  }

  /**
   * The weekly review for the week before `at`: new, resolved, follow-ups missed and escalations
   * unacknowledged that week, legal deadlines missed and shelter use; financial year to date; open cases and
   * those pending over 30 days, deadlines overdue and who is in the shelters now; by district.
   */
  async weekly(at: Date): Promise<{ report: Report; created: boolean }> {
    const period = previousWeek(at);
    const fy = financialYear(at);
    const week = await dailyFlows(this.doc, this.table, period.from, period.to);
    const ytd = await readStats(this.doc, this.table, fy, {}, istDate(at), this.smallCell);
    // Every district is a row (a district with nothing that week may have to be withheld beside a small one).
    const districts = new Set([
      ...DISTRICTS.map((d) => d.name),
      ...week.keys(),
      ...ytd.byDistrict.map((d) => d.district),
    ]);
    // The week's district rows add up to the week's state totals: protect them as one table.
    const cells = new SmallCells(this.smallCell);
    const WEEK: Record<string, (f: Flow) => number> = {
      registered: (f) => f.registered,
      resolved: (f) => f.resolved,
      followUpsMissed: (f) => f.followUps.MISSED,
      escalationsUnacknowledged: (f) => f.escalations.UNACKNOWLEDGED,
      milestonesOverdue: (f) => total(f.protection.milestones.overdue),
      shelterAdmissions: (f) => f.protection.shelter.admitted,
    };
    for (const [key, pick] of Object.entries(WEEK)) {
      cells.add(`S|${key}`, sum(week.values(), pick), { exact: true });
      for (const d of districts) cells.add(`${d}|${key}`, pick(week.get(d) ?? zeroFlow()));
      cells.line(
        `S|${key}`,
        [...districts].map((d) => `${d}|${key}`),
      );
    }
    cells.protect();
    const cell = (district: string, key: string) => cells.shown(`${district}|${key}`);
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
          // Legal deadlines that passed this week, by milestone type, and the shelter's use (the state's own).
          milestonesOverdue: byType(week.values(), (f) => f.protection.milestones.overdue),
          shelterAdmissions: sum(week.values(), (f) => f.protection.shelter.admitted),
          shelterDischarges: sum(week.values(), (f) => f.protection.shelter.discharged),
          shelterStaysOverdue: sum(week.values(), (f) => f.protection.shelter.overdue),
          childrenCases: sum(week.values(), (f) => f.protection.children),
        },
        overdueDeadlinesNow: ytd.milestones.overdueNowTotal,
        inShelterNow: ytd.shelter.inShelterNow,
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
          const y = ytd.byDistrict.find((d) => d.district === district);
          return {
            district,
            weekRegistered: cell(district, 'registered'),
            weekResolved: cell(district, 'resolved'),
            weekFollowUpsMissed: cell(district, 'followUpsMissed'),
            weekEscalationsUnacknowledged: cell(district, 'escalationsUnacknowledged'),
            weekMilestonesOverdue: cell(district, 'milestonesOverdue'),
            weekShelterAdmissions: cell(district, 'shelterAdmissions'),
            // As GET /stats shows it to the state (the same decision).
            overdueDeadlinesNow: y?.overdueDeadlines ?? 0,
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
    // The figures GET /stats also shows (the month's registrations and resolutions, the year so far, open
    // now) are taken as the state's view decided them, so that a report and the page cannot be played
    // against each other.
    const data = await readStatsData(this.doc, this.table, fy, istDate(at));
    const figures = areaFigures(
      data.centres,
      monthsOfFinancialYear(fy),
      this.smallCell,
      'exactState',
      DISTRICTS.map((d) => d.name),
    );
    const flows = new Map<string, Flow>();
    for (const i of monthly) {
      if (i.month !== month) continue;
      const d = i.district as string;
      const flow = flows.get(d) ?? zeroFlow();
      flows.set(d, flow);
      addCounter(flow, i);
    }
    const reports: Report[] = [];
    let created = 0;
    for (const { name } of DISTRICTS) {
      const area = districtArea(name);
      const f = flows.get(name) ?? zeroFlow();
      const cells = monthCells(f, this.smallCell, {
        registered: figures.cell(area, `m:registered:${month}`),
        resolved: figures.cell(area, `m:resolved:${month}`),
      });
      const row = {
        district: name,
        registered: figures.cell(area, 'registered'),
        resolved: figures.cell(area, 'resolved'),
        openNow: figures.cell(area, 'open'),
        pendingOver30Days: figures.cell(area, 'over30'),
      };
      const report: Report = {
        reportId: `monthly-${month}-${row.district.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
        kind: 'monthly',
        title: `District Operation Committee report, ${row.district}, ${month}`,
        period: { from, to },
        fy,
        district: row.district,
        generatedAt: istTimestamp(at),
        figures: {
          // The protection figures of the month as the state's view decided them (each month adds up to the year).
          month: { ...cells, ...monthlyProtection((key) => figures.cell(area, key), month) },
          yearToDate: { registered: row.registered, resolved: row.resolved },
          openNow: row.openNow,
          pendingOver30Days: row.pendingOver30Days,
          overdueDeadlinesNow: figures.cell(area, 'overdueDeadlinesNow'),
          inShelterNow: figures.cell(area, 'inShelterNow'),
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

/**
 * A district's figures of one month. Registrations and resolutions as the state's view shows them; the rest
 * protected here, with the referral sources (one per case) adding up to the registrations.
 */
function monthCells(f: Flow, threshold: number, decided: { registered: Cell; resolved: Cell }) {
  const cells = new SmallCells(threshold);
  cells.add('registered', f.registered, { decided: decided.registered });
  const sources = Object.entries(f.referralSources);
  for (const [k, v] of sources) cells.add(`src:${k}`, v);
  cells.line(
    'registered',
    sources.map(([k]) => `src:${k}`),
  );
  cells.protect();
  const one = (n: number): Cell => (n > 0 && n < threshold ? smallCellMark(threshold) : n);
  return {
    registered: decided.registered,
    resolved: decided.resolved,
    referred: one(f.referred),
    followUpsMissed: one(f.followUps.MISSED),
    escalationsOpened: one(f.escalations.opened),
    escalationsUnacknowledged: one(f.escalations.UNACKNOWLEDGED),
    categories: Object.fromEntries(Object.entries(f.categories).map(([k, v]) => [k, one(v)])),
    referralSources: Object.fromEntries(sources.map(([k]) => [k, cells.shown(`src:${k}`)])),
  };
}

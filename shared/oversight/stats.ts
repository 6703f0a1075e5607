// Oversight figures from the pre-aggregated counters. What it reads grows with the number of centres (and
// with what is open or due right now), never with the number of cases ever stored. No figure carries
// personal data; below the state level a count under the small-cell threshold is shown as "<5", so nobody
// can be singled out in a small district.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../core/keys.ts';
import { queryAll } from '../core/query.ts';
import { INDEXES } from '../core/table.ts';
import { addDays, daysBetween, monthsOfFinancialYear } from '../core/time.ts';
import { CATEGORIES, REFERRAL_SOURCES, RISK_LEVELS, SERVICES } from '../core/vocabulary.ts';
import type { ReportedBlock } from './beside.ts';
import { homeDistrictLabel } from './home-district.ts';

export interface StatsScope {
  district?: string;
  centreId?: string;
}

export type Cell = number | string;

export interface Flow {
  registered: number;
  resolved: number;
  reresolved: number;
  referred: number;
  withdrawn: number;
  reopened: number;
  closed: number;
  transferredIn: number;
  transferredOut: number;
  categories: Record<string, number>;
  referralSources: Record<string, number>;
  risk: Record<string, number>;
  services: Record<string, number>;
  followUps: { SAFE: number; AT_RISK: number; UNREACHABLE: number; MISSED: number };
  /** Registrations by her home district (district name, OTHER or NOT_GIVEN): home-district.ts. */
  homeDistricts: Record<string, number>;
  escalations: {
    opened: number;
    ACKNOWLEDGED: number;
    UNACKNOWLEDGED: number;
    FAILED: number;
    byReason: Record<string, number>;
  };
  /** Onward referrals by status, then partner kind (SENT counts every referral made). */
  partnerReferrals: Record<string, Record<string, number>>;
}

export const zeroFlow = (): Flow => ({
  registered: 0,
  resolved: 0,
  reresolved: 0,
  referred: 0,
  withdrawn: 0,
  reopened: 0,
  closed: 0,
  transferredIn: 0,
  transferredOut: 0,
  categories: Object.fromEntries(CATEGORIES.map((c) => [c, 0])),
  referralSources: Object.fromEntries(REFERRAL_SOURCES.map((c) => [c, 0])),
  risk: Object.fromEntries(RISK_LEVELS.map((c) => [c, 0])),
  services: Object.fromEntries(SERVICES.map((c) => [c, 0])),
  followUps: { SAFE: 0, AT_RISK: 0, UNREACHABLE: 0, MISSED: 0 },
  homeDistricts: {},
  escalations: { opened: 0, ACKNOWLEDGED: 0, UNACKNOWLEDGED: 0, FAILED: 0, byReason: {} },
  partnerReferrals: {},
});

/** Adds one counter item's fields into a flow (the writer's field names of counters.ts). */
export function addCounter(flow: Flow, item: Record<string, unknown>): void {
  for (const [k, raw] of Object.entries(item)) {
    if (typeof raw !== 'number') continue;
    const n = raw;
    if (k in flow && typeof (flow as unknown as Record<string, unknown>)[k] === 'number')
      (flow as unknown as Record<string, number>)[k] += n;
    else if (k.startsWith('cat_')) flow.categories[k.slice(4)] = (flow.categories[k.slice(4)] ?? 0) + n;
    else if (k.startsWith('src_')) flow.referralSources[k.slice(4)] = (flow.referralSources[k.slice(4)] ?? 0) + n;
    else if (k.startsWith('risk_')) flow.risk[k.slice(5)] = (flow.risk[k.slice(5)] ?? 0) + n;
    else if (k.startsWith('svc_')) flow.services[k.slice(4)] = (flow.services[k.slice(4)] ?? 0) + n;
    else if (k.startsWith('followup_'))
      (flow.followUps as Record<string, number>)[k.slice(9)] =
        ((flow.followUps as Record<string, number>)[k.slice(9)] ?? 0) + n;
    else if (k.startsWith('home_')) {
      const home = homeDistrictLabel(k.slice(5));
      flow.homeDistricts[home] = (flow.homeDistricts[home] ?? 0) + n;
    } else if (k === 'esc_opened') flow.escalations.opened += n;
    else if (k.startsWith('esc_reason_'))
      flow.escalations.byReason[k.slice(11)] = (flow.escalations.byReason[k.slice(11)] ?? 0) + n;
    else if (k.startsWith('pref_')) {
      const [status, ...kind] = k.slice(5).split('_');
      const byKind = flow.partnerReferrals[status] ?? {};
      byKind[kind.join('_')] = (byKind[kind.join('_')] ?? 0) + n;
      flow.partnerReferrals[status] = byKind;
    } else if (k.startsWith('esc_'))
      (flow.escalations as unknown as Record<string, number>)[k.slice(4)] =
        ((flow.escalations as unknown as Record<string, number>)[k.slice(4)] ?? 0) + n;
  }
}

const inScope = (scope: StatsScope) => (i: Record<string, unknown>) =>
  (!scope.centreId || i.centreId === scope.centreId) && (!scope.district || i.district === scope.district);

export const AGE_BUCKETS = [
  { label: '0-7', max: 7 },
  { label: '8-30', max: 30 },
  { label: '31-90', max: 90 },
  { label: '91-180', max: 180 },
  { label: '>180', max: Infinity },
] as const;

/** The label of the age bucket a number of days falls in (the last bucket has no upper bound). */
export const ageBucket = (days: number): string =>
  (AGE_BUCKETS.find((b) => days <= b.max) ?? AGE_BUCKETS[AGE_BUCKETS.length - 1]).label;

export interface StatsResult {
  fy: string;
  asOf: string;
  scope: StatsScope;
  smallCellThreshold: number;
  registered: Cell;
  resolved: Cell;
  totals: Record<string, unknown>;
  byMonth: Array<{ month: string; registered: Cell; resolved: Cell }>;
  byDistrict: Array<{
    district: string;
    registered: Cell;
    resolved: Cell;
    openNow: Cell;
    pendingOver30Days: Cell;
    followUpsMissed: Cell;
    escalationsUnacknowledged: Cell;
  }>;
  byCentre: Array<{
    centreId: string;
    district: string;
    registered: Cell;
    resolved: Cell;
    openNow: Cell;
    followUpsMissed: Cell;
    escalationsUnacknowledged: Cell;
  }>;
  openCases: { total: Cell; byAgeDays: Record<string, Cell>; pendingOver30Days: Cell };
  followUps: { dueNow: Cell; missedThisYear: Cell; outcomes: Record<string, Cell> };
  escalations: {
    openNow: Array<{ caseNumber: string; district: string; level: number; reason: string; requestedAt: string }>;
    opened: Cell;
    acknowledged: Cell;
    unacknowledged: Cell;
    failed: Cell;
  };
  shelter: { admissions: Cell };
  /** Set by GET /stats: earlier years as reported, beside the live figures (never added to them). */
  reported?: ReportedBlock;
}

/**
 * The figures of a financial year in a scope. `today` is the IST date the "now" figures (open cases, due
 * follow-ups, open escalations) are taken at.
 */
export async function readStats(
  doc: DynamoDBDocumentClient,
  table: string,
  fy: string,
  scope: StatsScope,
  today: string,
  smallCell = 5,
): Promise<StatsResult> {
  const matches = inScope(scope);
  const [monthly, open, escalations, due] = await Promise.all([
    queryAll(doc, {
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.counterPartition(fy) },
    }),
    queryAll(doc, {
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.openPartition() },
    }),
    queryAll(doc, {
      TableName: table,
      IndexName: INDEXES.byState.name,
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.byState('ESCALATION') },
    }),
    queryAll(doc, {
      TableName: table,
      IndexName: INDEXES.dueFollowUps.name,
      KeyConditionExpression: 'duePk = :pk AND dueSk < :tomorrow',
      ExpressionAttributeValues: { ':pk': keys.due(), ':tomorrow': addDays(today, 1) },
    }),
  ]);

  const total = zeroFlow();
  const months = new Map(monthsOfFinancialYear(fy).map((m) => [m, zeroFlow()]));
  const centres = new Map<string, { district: string; flow: Flow; open: number; over30: number }>();
  const centreOf = (i: Record<string, unknown>) => {
    const id = i.centreId as string;
    const c = centres.get(id) ?? { district: i.district as string, flow: zeroFlow(), open: 0, over30: 0 };
    centres.set(id, c);
    return c;
  };
  for (const item of monthly.filter(matches)) {
    addCounter(total, item);
    const m = months.get(item.month as string);
    if (m) addCounter(m, item);
    addCounter(centreOf(item).flow, item);
  }

  const ages = Object.fromEntries(AGE_BUCKETS.map((b) => [b.label, 0])) as Record<string, number>;
  let openTotal = 0;
  let over30 = 0;
  for (const item of open.filter(matches)) {
    const c = centreOf(item);
    for (const [k, v] of Object.entries(item)) {
      if (!/^d\d{8}$/.test(k) || typeof v !== 'number' || v <= 0) continue;
      const day = `${k.slice(1, 5)}-${k.slice(5, 7)}-${k.slice(7, 9)}`;
      const age = daysBetween(day, today);
      ages[ageBucket(age)] += v;
      openTotal += v;
      c.open += v;
      if (age > 30) {
        over30 += v;
        c.over30 += v;
      }
    }
  }

  const openEscalations = escalations.filter(matches);
  const dueNow = due.filter(matches).length;

  // The totals are of the caller's own scope (her centre, her district, or the state), whose case list she
  // may read anyway: exact. Rows for single districts and centres are small areas: their small counts are
  // shown as "<5", so a figure never singles a woman out in a small place.
  const cell = (n: number, suppress = false): Cell => (suppress && n > 0 && n < smallCell ? `<${smallCell}` : n);
  const cells = (r: Record<string, number>, suppress?: boolean) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, cell(v, suppress)]));

  const districts = new Map<
    string,
    { registered: number; resolved: number; open: number; over30: number; missed: number; unack: number }
  >();
  for (const [, c] of centres) {
    const d = districts.get(c.district) ?? { registered: 0, resolved: 0, open: 0, over30: 0, missed: 0, unack: 0 };
    d.registered += c.flow.registered;
    d.resolved += c.flow.resolved;
    d.open += c.open;
    d.over30 += c.over30;
    d.missed += c.flow.followUps.MISSED;
    d.unack += c.flow.escalations.UNACKNOWLEDGED;
    districts.set(c.district, d);
  }

  return {
    fy,
    asOf: today,
    scope,
    smallCellThreshold: smallCell,
    registered: cell(total.registered),
    resolved: cell(total.resolved),
    totals: {
      referred: cell(total.referred),
      withdrawn: cell(total.withdrawn),
      reopened: cell(total.reopened),
      closed: cell(total.closed),
      transferredIn: cell(total.transferredIn),
      transferredOut: cell(total.transferredOut),
      partnerReferrals: Object.fromEntries(
        Object.entries(total.partnerReferrals).map(([status, byKind]) => [status, cells(byKind)]),
      ),
      categories: cells(total.categories),
      referralSources: cells(total.referralSources),
      risk: cells(total.risk),
      services: cells(total.services),
      // Where the women come from: a small count could point at one woman of a small place, so "<5" always.
      homeDistricts: cells(Object.fromEntries(Object.entries(total.homeDistricts).filter(([, n]) => n !== 0)), true),
    },
    byMonth: [...months].map(([month, f]) => ({ month, registered: cell(f.registered), resolved: cell(f.resolved) })),
    // Rows are below the state level whatever the caller's scope: always suppressed.
    byDistrict: [...districts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([district, d]) => ({
        district,
        registered: cell(d.registered, true),
        resolved: cell(d.resolved, true),
        openNow: cell(d.open, true),
        pendingOver30Days: cell(d.over30, true),
        followUpsMissed: cell(d.missed, true),
        escalationsUnacknowledged: cell(d.unack, true),
      })),
    byCentre: [...centres]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([centreId, c]) => ({
        centreId,
        district: c.district,
        registered: cell(c.flow.registered, true),
        resolved: cell(c.flow.resolved, true),
        openNow: cell(c.open, true),
        followUpsMissed: cell(c.flow.followUps.MISSED, true),
        escalationsUnacknowledged: cell(c.flow.escalations.UNACKNOWLEDGED, true),
      })),
    openCases: { total: cell(openTotal), byAgeDays: cells(ages), pendingOver30Days: cell(over30) },
    followUps: { dueNow: cell(dueNow), missedThisYear: cell(total.followUps.MISSED), outcomes: cells(total.followUps) },
    escalations: {
      // Case numbers only: they identify a file at the centre, never a person.
      openNow: openEscalations
        .map((e) => ({
          caseNumber: e.caseNumber as string,
          district: e.district as string,
          level: Math.max(1, (e.level as number) ?? 1),
          reason: e.reason as string,
          requestedAt: String(e.gsi3sk ?? '').split('#')[0],
        }))
        .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt)),
      opened: cell(total.escalations.opened),
      acknowledged: cell(total.escalations.ACKNOWLEDGED),
      unacknowledged: cell(total.escalations.UNACKNOWLEDGED),
      failed: cell(total.escalations.FAILED),
    },
    shelter: { admissions: cell(total.services.SHELTER) },
  };
}

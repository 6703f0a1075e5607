// Oversight figures from the pre-aggregated counters. What it reads grows with the number of centres (and
// with what is open or due right now), never with the number of cases ever stored. No figure carries
// personal data. A caller's own area is exact (a centre's staff, a district's officer: they read those cases
// anyway; the state's own totals). Below that, for the state, every figure of a district or a centre is
// protected: a count under the small-cell threshold is "<5", and complementary figures are withheld ("x")
// so that none can be worked out from a total, from the months, or by asking for one district
// (small-cells.ts, stats-figures.ts).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as keys from '../core/keys.ts';
import { queryAll } from '../core/query.ts';
import { INDEXES } from '../core/table.ts';
import { addDays, daysBetween, monthsOfFinancialYear } from '../core/time.ts';
import { CATEGORIES, REFERRAL_SOURCES, RISK_LEVELS, SERVICES } from '../core/vocabulary.ts';
import { DISTRICTS } from '../network/geography.ts';
import type { Cell } from './small-cells.ts';
import {
  type AreaFigures,
  areaFigures,
  type CentreFigures,
  centreArea,
  districtArea,
  FOLLOW_UP_OUTCOMES,
  STATE,
} from './stats-figures.ts';
import { AGE_BUCKETS, addCounter, ageBucket, zeroFlow } from './stats-flow.ts';

export type { Cell } from './small-cells.ts';
export { AGE_BUCKETS, addCounter, ageBucket, type Flow, zeroFlow } from './stats-flow.ts';

import type { ReportedBlock } from './beside.ts';
import {
  addOccupancy,
  addOverdue,
  protectionStats,
  readProtectionNow,
  shelterNowRow,
  zeroProtectionNow,
} from './protection-figures.ts';

export interface StatsScope {
  district?: string;
  centreId?: string;
}

/** Whose figures are exact: the caller's own area only (`own`), or the state's totals only (`state`). */
export type Exactness = 'own' | 'state';

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
    /** Legal deadlines overdue now. */
    overdueDeadlines: Cell;
  }>;
  byCentre: Array<{
    centreId: string;
    district: string;
    registered: Cell;
    resolved: Cell;
    openNow: Cell;
    followUpsMissed: Cell;
    escalationsUnacknowledged: Cell;
    overdueDeadlines: Cell;
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
  shelter: ReturnType<typeof protectionStats>['shelter'];
  /** Who is in the shelters now, by centre and by district (protected like every figure below the state). */
  shelterTonight: ShelterTonightRow[];
  shelterTonightByDistrict: Array<Omit<ShelterTonightRow, 'centreId'>>;
  children: Cell;
  milestones: ReturnType<typeof protectionStats>['milestones'];
  /** Set by GET /stats: earlier years as reported, beside the live figures (never added to them). */
  reported?: ReportedBlock;
}

export interface ShelterTonightRow {
  centreId: string;
  district: string;
  inShelter: Cell;
  children: Cell;
  overdue: Cell;
}

export interface StatsData {
  centres: CentreFigures[];
  /** Open escalations now, by case number (no figure: a list of files). */
  escalations: Array<Record<string, unknown>>;
}

/** Reads what every centre counted in a financial year, and what is open or due at `today`. */
export async function readStatsData(
  doc: DynamoDBDocumentClient,
  table: string,
  fy: string,
  today: string,
  scope: StatsScope = {},
): Promise<StatsData> {
  const matches = (i: Record<string, unknown>) =>
    (!scope.centreId || i.centreId === scope.centreId) && (!scope.district || i.district === scope.district);
  const [monthly, open, escalations, due, now] = await Promise.all([
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
    readProtectionNow(doc, table, scope),
  ]);
  const centres = new Map<string, CentreFigures>();
  const centreOf = (i: Record<string, unknown>) => {
    const id = i.centreId as string;
    const c = centres.get(id) ?? {
      centreId: id,
      district: i.district as string,
      flow: zeroFlow(),
      months: new Map(),
      ages: Object.fromEntries(AGE_BUCKETS.map((b) => [b.label, 0])),
      due: 0,
      now: zeroProtectionNow(),
    };
    centres.set(id, c);
    return c;
  };
  for (const item of monthly.filter(matches)) {
    const c = centreOf(item);
    addCounter(c.flow, item);
    const month = item.month as string;
    const m = c.months.get(month) ?? zeroFlow();
    c.months.set(month, m);
    addCounter(m, item);
  }
  for (const item of open.filter(matches)) {
    const c = centreOf(item);
    for (const [k, v] of Object.entries(item)) {
      if (!/^d\d{8}$/.test(k) || typeof v !== 'number' || v <= 0) continue;
      const day = `${k.slice(1, 5)}-${k.slice(5, 7)}-${k.slice(7, 9)}`;
      c.ages[ageBucket(daysBetween(day, today))] += v;
    }
  }
  for (const item of due.filter(matches)) centreOf(item).due++;
  for (const item of now.occupancy.filter(matches)) addOccupancy(centreOf(item).now, item);
  for (const item of now.overdue.filter(matches)) addOverdue(centreOf(item).now, item);
  return { centres: [...centres.values()], escalations: escalations.filter(matches) };
}

/**
 * The figures of a financial year in a scope. `today` is the IST date the "now" figures (open cases, due
 * follow-ups, open escalations) are taken at; `exact` whose figures are exact (see Exactness).
 */
export async function readStats(
  doc: DynamoDBDocumentClient,
  table: string,
  fy: string,
  scope: StatsScope,
  today: string,
  smallCell = 5,
  exact: Exactness = 'state',
): Promise<StatsResult> {
  // The state's view decides the pattern for every area, so it reads every centre whatever the scope.
  const data = await readStatsData(doc, table, fy, today, exact === 'state' ? {} : scope);
  const months = monthsOfFinancialYear(fy);
  const figures =
    exact === 'state'
      ? areaFigures(
          data.centres,
          months,
          smallCell,
          'exactState',
          DISTRICTS.map((d) => d.name),
        )
      : areaFigures(data.centres, months, smallCell, 'exactAll');
  return statsOf(data, figures, fy, scope, today, smallCell);
}

/** The answer for one scope, from the figures of every area. */
export function statsOf(
  data: StatsData,
  figures: AreaFigures,
  fy: string,
  scope: StatsScope,
  today: string,
  smallCell: number,
): StatsResult {
  const area = scope.centreId ? centreArea(scope.centreId) : scope.district ? districtArea(scope.district) : STATE;
  const cell = (key: string, a = area) => figures.cell(a, key);
  const inScope = (c: CentreFigures) =>
    (!scope.centreId || c.centreId === scope.centreId) && (!scope.district || c.district === scope.district);
  const centres = data.centres.filter(inScope).sort((a, b) => a.centreId.localeCompare(b.centreId));
  // The state's rows are every district (one withheld with nothing counted must be listed as withheld).
  const districts =
    scope.district || scope.centreId
      ? [...new Set(centres.map((c) => c.district))]
      : [...new Set([...figures.districts, ...centres.map((c) => c.district)])].sort((a, b) => a.localeCompare(b));
  const group = (prefix: string, names: readonly string[], a = area) =>
    Object.fromEntries(names.map((n) => [n, cell(`${prefix}:${n}`, a)]));
  const matches = (i: Record<string, unknown>) =>
    (!scope.centreId || i.centreId === scope.centreId) && (!scope.district || i.district === scope.district);

  return {
    fy,
    asOf: today,
    scope,
    smallCellThreshold: smallCell,
    registered: cell('registered'),
    resolved: cell('resolved'),
    totals: {
      referred: cell('referred'),
      withdrawn: cell('withdrawn'),
      reopened: cell('reopened'),
      closed: cell('closed'),
      transferredIn: cell('transferredIn'),
      transferredOut: cell('transferredOut'),
      // Onward referrals by status, then partner kind.
      partnerReferrals: Object.fromEntries(
        figures
          .partnerReferralKinds(area)
          .map(([status, kinds]) => [
            status,
            Object.fromEntries(kinds.map((kind) => [kind, cell(`pref:${status}:${kind}`)])),
          ]),
      ),
      categories: group('cat', CATEGORIES),
      referralSources: group('src', REFERRAL_SOURCES),
      risk: group('risk', RISK_LEVELS),
      services: group('svc', SERVICES),
      // Where the women come from (her home district, another place, not given), protected like the rest.
      homeDistricts: group('home', figures.keysOf('home')),
    },
    byMonth: monthsOfFinancialYear(fy).map((month) => ({
      month,
      registered: cell(`m:registered:${month}`),
      resolved: cell(`m:resolved:${month}`),
    })),
    // A centre's own figures are its district's row in a centre's scope (the rest of the district is not hers).
    byDistrict: districts.map((district) => {
      const a = scope.centreId ? area : districtArea(district);
      return {
        district,
        registered: cell('registered', a),
        resolved: cell('resolved', a),
        openNow: cell('open', a),
        pendingOver30Days: cell('over30', a),
        followUpsMissed: cell('fu:MISSED', a),
        escalationsUnacknowledged: cell('esc:UNACKNOWLEDGED', a),
        overdueDeadlines: cell('overdueDeadlinesNow', a),
      };
    }),
    byCentre: centres.map((c) => {
      const a = centreArea(c.centreId);
      return {
        centreId: c.centreId,
        district: c.district,
        registered: cell('registered', a),
        resolved: cell('resolved', a),
        openNow: cell('open', a),
        followUpsMissed: cell('fu:MISSED', a),
        escalationsUnacknowledged: cell('esc:UNACKNOWLEDGED', a),
        overdueDeadlines: cell('overdueDeadlinesNow', a),
      };
    }),
    openCases: {
      total: cell('open'),
      byAgeDays: Object.fromEntries(AGE_BUCKETS.map((b) => [b.label, cell(`age:${b.label}`)])),
      pendingOver30Days: cell('over30'),
    },
    followUps: {
      dueNow: cell('due'),
      missedThisYear: cell('fu:MISSED'),
      outcomes: group('fu', FOLLOW_UP_OUTCOMES),
    },
    escalations: {
      // Case numbers only: they identify a file at the centre, never a person.
      openNow: data.escalations
        .filter(matches)
        .map((e) => ({
          caseNumber: e.caseNumber as string,
          district: e.district as string,
          level: Math.max(1, (e.level as number) ?? 1),
          reason: e.reason as string,
          requestedAt: String(e.gsi3sk ?? '').split('#')[0],
        }))
        .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt)),
      opened: cell('esc:opened'),
      acknowledged: cell('esc:ACKNOWLEDGED'),
      unacknowledged: cell('esc:UNACKNOWLEDGED'),
      failed: cell('esc:FAILED'),
    },
    // Legal milestones, children's cases, shelter stays (protection-figures.ts), by the same pattern.
    ...protectionStats((key) => cell(key)),
    // Who is in the shelters now, by centre and district (the form lists the rows that are not all zero).
    shelterTonight: centres.map((c) => ({
      centreId: c.centreId,
      district: c.district,
      ...shelterNowRow((k) => cell(k, centreArea(c.centreId))),
    })),
    shelterTonightByDistrict: districts.map((district) => ({
      district,
      ...shelterNowRow((k) => cell(k, scope.centreId ? area : districtArea(district))),
    })),
  };
}

// The figures of legal milestones, children's cases and shelter stays: the counter fields they are kept in
// (written with each change, see milestones/ and shelter/), what is true right now at each centre (who is in
// its shelter, which deadlines are overdue: the occupancy counters and the OVERDUE queue, never a count of
// cases), and their keys among the figures of every area (stats-figures.ts), where they are protected with
// the others: small counts "<5", complementary ones "x", in one pattern for all views. No figure here carries
// anything personal.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as keys from '../core/keys.ts';
import { queryAll } from '../core/query.ts';
import { INDEXES } from '../core/table.ts';
import { MILESTONE_TYPES, SHELTER_DESTINATIONS } from '../core/vocabulary.ts';
import type { Cell } from './small-cells.ts';

export interface ProtectionFlow {
  /** Children's cases (under 18) whose pathway started in the period. */
  children: number;
  shelter: {
    admitted: number;
    discharged: number;
    overdue: number;
    children: number;
    destinations: Record<string, number>;
  };
  milestones: {
    done: Record<string, number>;
    onTime: Record<string, number>;
    late: Record<string, number>;
    overdue: Record<string, number>;
  };
}

const zeros = (list: readonly string[]) => Object.fromEntries(list.map((k) => [k, 0])) as Record<string, number>;

export const zeroProtection = (): ProtectionFlow => ({
  children: 0,
  shelter: { admitted: 0, discharged: 0, overdue: 0, children: 0, destinations: zeros(SHELTER_DESTINATIONS) },
  milestones: {
    done: zeros(MILESTONE_TYPES),
    onTime: zeros(MILESTONE_TYPES),
    late: zeros(MILESTONE_TYPES),
    overdue: zeros(MILESTONE_TYPES),
  },
});

const MILESTONE_PREFIXES = [
  ['ms_done_', 'done'],
  ['ms_ontime_', 'onTime'],
  ['ms_late_', 'late'],
  ['ms_overdue_', 'overdue'],
] as const;
const SHELTER_FIELDS = {
  shelter_admitted: 'admitted',
  shelter_discharged: 'discharged',
  shelter_overdue: 'overdue',
  shelter_children: 'children',
} as const;

/** Adds one counter field into the flow; false when the field is not one of these figures. */
export function addProtectionField(p: ProtectionFlow, k: string, n: number): boolean {
  if (k === 'children') {
    p.children += n;
    return true;
  }
  if (k in SHELTER_FIELDS) {
    p.shelter[SHELTER_FIELDS[k as keyof typeof SHELTER_FIELDS]] += n;
    return true;
  }
  if (k.startsWith('shelter_dest_')) {
    const d = k.slice('shelter_dest_'.length);
    p.shelter.destinations[d] = (p.shelter.destinations[d] ?? 0) + n;
    return true;
  }
  for (const [prefix, what] of MILESTONE_PREFIXES) {
    if (!k.startsWith(prefix)) continue;
    const t = k.slice(prefix.length);
    p.milestones[what][t] = (p.milestones[what][t] ?? 0) + n;
    return true;
  }
  return false;
}

/** What is true now at one centre: its deadlines overdue by type, and who is in its shelter. */
export interface ProtectionNow {
  overdue: Record<string, number>;
  inShelter: number;
  children: number;
  staysOverdue: number;
}

export const zeroProtectionNow = (): ProtectionNow => ({
  overdue: zeros(MILESTONE_TYPES),
  inShelter: 0,
  children: 0,
  staysOverdue: 0,
});

/** A centre's occupancy item (SHELTER / <centreId>) into its "now" figures. */
export function addOccupancy(now: ProtectionNow, item: Record<string, unknown>): void {
  const num = (v: unknown) => Math.max(0, Number(v ?? 0));
  now.inShelter += num(item.inShelter);
  now.children += num(item.children);
  now.staysOverdue += num(item.overdue);
}

/** One overdue milestone of the OVERDUE queue into its centre's "now" figures. */
export function addOverdue(now: ProtectionNow, item: Record<string, unknown>): void {
  const t = item.milestoneType as string;
  now.overdue[t] = (now.overdue[t] ?? 0) + 1;
}

/** Who is in each centre's shelter now (one item per centre) and every overdue deadline (one per milestone). */
export async function readProtectionNow(
  doc: DynamoDBDocumentClient,
  table: string,
  scope: { district?: string },
): Promise<{ occupancy: Array<Record<string, unknown>>; overdue: Array<Record<string, unknown>> }> {
  const [occupancy, overdue] = await Promise.all([
    queryAll(doc, {
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.occupancyPartition() },
    }),
    queryAll(doc, {
      TableName: table,
      IndexName: INDEXES.queue.name,
      KeyConditionExpression: scope.district ? 'q1pk = :pk AND begins_with(q1sk, :d)' : 'q1pk = :pk',
      ExpressionAttributeValues: {
        ':pk': keys.overdueMilestones(),
        ...(scope.district ? { ':d': `${scope.district}#` } : {}),
      },
    }),
  ]);
  return { occupancy, overdue };
}

/** The keys of these figures among the figures of an area (stats-figures.ts). */
export const PROTECTION_KEYS = {
  children: 'children',
  done: (t: string) => `ms:done:${t}`,
  onTime: (t: string) => `ms:ontime:${t}`,
  late: (t: string) => `ms:late:${t}`,
  /** Deadlines marked overdue in the period (by the deadline check), by milestone type. */
  overdue: (t: string) => `ms:overdue:${t}`,
  admitted: 'shelter:admitted',
  discharged: 'shelter:discharged',
  staysOverdue: 'shelter:overdue',
  childrenAdmitted: 'shelter:children',
  destination: (d: string) => `shelter:dest:${d}`,
  /** Now: deadlines overdue (in all and by type), and who is in the shelter. */
  overdueNow: 'overdueDeadlinesNow',
  overdueNowOf: (t: string) => `msnow:${t}`,
  inShelterNow: 'inShelterNow',
  childrenNow: 'shelterChildrenNow',
  staysOverdueNow: 'shelterOverdueNow',
  /** A figure of one month (the monthly district report), part of the year's. */
  month: (key: string, month: string) => `m:${key}:${month}`,
} as const;
const K = PROTECTION_KEYS;

/** The figures the monthly district report shows for its month (each month adds up to the year's). */
export const MONTHLY_PROTECTION_KEYS: readonly string[] = [
  K.admitted,
  K.discharged,
  K.staysOverdue,
  K.children,
  ...MILESTONE_TYPES.map(K.overdue),
  K.done('FIR_REGISTERED'),
  K.done('MLC_EXAMINATION'),
  K.onTime('CWC_PRODUCTION'),
  K.late('CWC_PRODUCTION'),
];

/** One flow's figures by key. */
function flowKeyed(p: ProtectionFlow): Record<string, number> {
  const out: Record<string, number> = {
    [K.children]: p.children,
    [K.admitted]: p.shelter.admitted,
    [K.discharged]: p.shelter.discharged,
    [K.staysOverdue]: p.shelter.overdue,
    [K.childrenAdmitted]: p.shelter.children,
  };
  for (const t of MILESTONE_TYPES) {
    out[K.done(t)] = p.milestones.done[t] ?? 0;
    out[K.onTime(t)] = p.milestones.onTime[t] ?? 0;
    out[K.late(t)] = p.milestones.late[t] ?? 0;
    out[K.overdue(t)] = p.milestones.overdue[t] ?? 0;
  }
  for (const d of SHELTER_DESTINATIONS) out[K.destination(d)] = p.shelter.destinations[d] ?? 0;
  return out;
}

/** A centre's protection figures by key: the year's, the months' the monthly report shows, and now. */
export function protectionKeyed(
  c: { flow: { protection: ProtectionFlow }; months: Map<string, { protection: ProtectionFlow }>; now: ProtectionNow },
  months: readonly string[],
): Record<string, number> {
  const out = flowKeyed(c.flow.protection);
  for (const m of months) {
    const f = c.months.get(m);
    const of = f ? flowKeyed(f.protection) : {};
    for (const key of MONTHLY_PROTECTION_KEYS) out[K.month(key, m)] = of[key] ?? 0;
  }
  out[K.overdueNow] = Object.values(c.now.overdue).reduce((a, b) => a + b, 0);
  for (const t of MILESTONE_TYPES) out[K.overdueNowOf(t)] = c.now.overdue[t] ?? 0;
  out[K.inShelterNow] = c.now.inShelter;
  out[K.childrenNow] = c.now.children;
  out[K.staysOverdueNow] = c.now.staysOverdue;
  return out;
}

/**
 * The additive lines among an area's protection figures: every discharge has one destination; every
 * deadline overdue now is of one type; a year's figure is the sum of its months'.
 */
export function protectionLines(months: readonly string[]): Array<[string, string[]]> {
  return [
    [K.discharged, SHELTER_DESTINATIONS.map(K.destination)],
    [K.overdueNow, MILESTONE_TYPES.map(K.overdueNowOf)],
    ...MONTHLY_PROTECTION_KEYS.map((key): [string, string[]] => [key, months.map((m) => K.month(key, m))]),
  ];
}

/** What GET /stats shows of these figures for an area, each as the area's pattern decided it. */
export function protectionStats(cell: (key: string) => Cell) {
  const byType = (key: (t: string) => string) => Object.fromEntries(MILESTONE_TYPES.map((t) => [t, cell(key(t))]));
  return {
    /** Shelter stays: this year's flows (admissions are stays) and who is in the shelters now. */
    shelter: {
      admissions: cell(K.admitted),
      discharged: cell(K.discharged),
      dischargedTo: Object.fromEntries(SHELTER_DESTINATIONS.map((d) => [d, cell(K.destination(d))])),
      overdueMarked: cell(K.staysOverdue),
      childrenAdmitted: cell(K.childrenAdmitted),
      /** SHELTER recorded as a service: no longer an admission (an admission is a stay). */
      servicesRecorded: cell('svc:SHELTER'),
      inShelterNow: cell(K.inShelterNow),
      childrenNow: cell(K.childrenNow),
      overdueNow: cell(K.staysOverdueNow),
    },
    /** Children's cases (under 18) whose child pathway started this year. */
    children: cell(K.children),
    milestones: {
      done: byType(K.done),
      onTime: byType(K.onTime),
      late: byType(K.late),
      overdueMarked: byType(K.overdue),
      /** Overdue now, by type and in all (the OVERDUE queue in scope). */
      overdueNow: byType(K.overdueNowOf),
      overdueNowTotal: cell(K.overdueNow),
    },
  };
}

/** Who is in a shelter now, for one row (a centre, a district) of the oversight page. */
export const shelterNowRow = (cell: (key: string) => Cell) => ({
  inShelter: cell(K.inShelterNow),
  children: cell(K.childrenNow),
  overdue: cell(K.staysOverdueNow),
});

/** A district's protection figures of one month, as the state's view decided them (the monthly report). */
export function monthlyProtection(cell: (key: string) => Cell, month: string) {
  const m = (key: string) => cell(K.month(key, month));
  return {
    // Admissions are shelter stays now (SHELTER services recorded before them were counted by the backfill).
    shelterAdmissions: m(K.admitted),
    shelterDischarges: m(K.discharged),
    shelterStaysOverdue: m(K.staysOverdue),
    childrenCases: m(K.children),
    milestonesOverdue: Object.fromEntries(MILESTONE_TYPES.map((t) => [t, m(K.overdue(t))])),
    firRegistered: m(K.done('FIR_REGISTERED')),
    mlcExaminations: m(K.done('MLC_EXAMINATION')),
    cwcProductionOnTime: m(K.onTime('CWC_PRODUCTION')),
    cwcProductionLate: m(K.late('CWC_PRODUCTION')),
  };
}

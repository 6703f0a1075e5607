// The figures of legal milestones, children's cases and shelter stays: the counter fields they are kept in
// (written with each change, see milestones/ and shelter/), and what is true right now (who is in a shelter
// tonight, which deadlines are overdue), read from the occupancy counters and the OVERDUE queue, never by
// counting cases. No figure here carries anything personal.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../core/keys.ts';
import { queryAll } from '../core/query.ts';
import { INDEXES } from '../core/table.ts';
import { MILESTONE_TYPES, SHELTER_DESTINATIONS } from '../core/vocabulary.ts';

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

export interface PlaceScope {
  centreId?: string;
  district?: string;
}

export interface ShelterTonightRow {
  centreId: string;
  district: string;
  inShelter: number;
  children: number;
  overdue: number;
}

export interface ProtectionNow {
  /** Who is in each centre's shelter now: operational figures, exact, as GET /centres/{id}/occupancy. */
  shelterTonight: ShelterTonightRow[];
  /** Overdue legal deadlines now, by type and by centre (counts only). */
  overdueByType: Record<string, number>;
  overdueByCentre: Array<{ centreId: string; district: string; overdue: number }>;
}

/** What is true now in a scope: shelter occupancy (one item per centre) and the OVERDUE queue (one per item). */
export async function readProtectionNow(
  doc: DynamoDBDocumentClient,
  table: string,
  scope: PlaceScope,
): Promise<ProtectionNow> {
  const matches = (i: Record<string, unknown>) =>
    (!scope.centreId || i.centreId === scope.centreId) && (!scope.district || i.district === scope.district);
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
  const num = (v: unknown) => Math.max(0, Number(v ?? 0));
  const shelterTonight = occupancy
    .filter(matches)
    .map((i) => ({
      centreId: i.centreId as string,
      district: i.district as string,
      inShelter: num(i.inShelter),
      children: num(i.children),
      overdue: num(i.overdue),
    }))
    .sort((a, b) => a.district.localeCompare(b.district) || a.centreId.localeCompare(b.centreId));
  const overdueByType = zeros(MILESTONE_TYPES);
  const byCentre = new Map<string, { centreId: string; district: string; overdue: number }>();
  for (const m of overdue.filter(matches)) {
    overdueByType[m.milestoneType as string] = (overdueByType[m.milestoneType as string] ?? 0) + 1;
    const row = byCentre.get(m.centreId as string) ?? {
      centreId: m.centreId as string,
      district: m.district as string,
      overdue: 0,
    };
    row.overdue++;
    byCentre.set(row.centreId, row);
  }
  return { shelterTonight, overdueByType, overdueByCentre: [...byCentre.values()] };
}

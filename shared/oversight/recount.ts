// A full recount of the statistics counters from the cases themselves (each case, its history and its
// services). It is the oracle the tests compare the live counters with, and what the backfill writes when
// counters were lost or a new figure is added. It reads every case: an operator's job, never a request's.
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { OPEN_STATUSES } from '../cases/lifecycle.ts';
import type { CaseRecord, HistoryEvent } from '../cases/model.ts';
import { registrationCounts } from '../cases/registration.ts';
import * as keys from '../core/keys.ts';
import { INDEXES } from '../core/table.ts';
import { financialYear, istDate, istMonth } from '../core/time.ts';
import type { MilestoneType } from '../core/vocabulary.ts';
import { MILESTONE_FIELDS } from '../milestones/model.ts';
import { type CounterScope, field } from './counters.ts';

export interface CounterSet {
  /** `${pk}|${sk}` → the counter item's numeric fields and its labels. */
  items: Map<
    string,
    { key: { pk: string; sk: string }; labels: Record<string, string>; counts: Record<string, number> }
  >;
}

function bump(
  set: CounterSet,
  key: { pk: string; sk: string },
  labels: Record<string, string>,
  add: Record<string, number>,
) {
  const id = `${key.pk}|${key.sk}`;
  const entry = set.items.get(id) ?? { key, labels, counts: {} };
  set.items.set(id, entry);
  for (const [k, n] of Object.entries(add)) entry.counts[k] = (entry.counts[k] ?? 0) + n;
}

function flows(set: CounterSet, at: string, scope: CounterScope, add: Record<string, number>) {
  const when = new Date(at);
  const labels = { centreId: scope.centreId, district: scope.district };
  bump(
    set,
    keys.counter(financialYear(when), scope.centreId, istMonth(when)),
    { ...labels, month: istMonth(when), fy: financialYear(when) },
    add,
  );
  bump(set, keys.dailyCounter(istDate(when), scope.centreId), { ...labels, day: istDate(when) }, add);
}

/**
 * The centre a case was at when it was registered: the sender of its first transfer, or where it is now.
 * (A centre's figures count what it handled: each flow counts at the centre the case was at when it happened.)
 */
function firstScope(c: CaseRecord, events: HistoryEvent[]): CounterScope {
  const moved = events.find((e) => e.action === 'CASE_TRANSFERRED');
  const d = (moved?.details ?? {}) as Record<string, unknown>;
  return moved ? { centreId: String(d.fromCentreId), district: String(d.fromDistrict) } : c;
}

/** What a registration counts: its flows, and her home district as it is now (a correction moves it). */
const registered = (c: CaseRecord): Record<string, number> => ({
  ...registrationCounts(c),
  ...(c.homeDistrict ? { [field.home(c.homeDistrict)]: 1 } : {}),
});

/**
 * What the counters of one case should hold, from its own record and history (and, for who is in a shelter
 * now, its open stays among `parts`, the other items of its partition).
 */
export function countCase(
  set: CounterSet,
  c: CaseRecord,
  history: HistoryEvent[],
  parts: Array<Record<string, unknown>> = [],
): void {
  const events = [...history].sort((a, b) => a.at.localeCompare(b.at));
  let scope = firstScope(c, events);
  for (const e of events) {
    const d = (e.details ?? {}) as Record<string, unknown>;
    switch (e.action) {
      case 'CASE_REGISTERED':
        flows(set, e.at, scope, registered(c));
        break;
      // A case from the centre's register: counted in the months the register says, not the import's.
      case 'CASE_IMPORTED':
        flows(set, String(d.registeredAt), scope, registered(c));
        if (d.resolvedAt) flows(set, String(d.resolvedAt), scope, { resolved: 1 });
        break;
      case 'FOLLOW_UP_SETTLED':
        if (e.to === 'CLOSED') flows(set, e.at, scope, { closed: 1 });
        break;
      case 'STATUS_CHANGED':
        if (e.to === 'REFERRED' || e.to === 'WITHDRAWN') flows(set, e.at, scope, { [e.to.toLowerCase()]: 1 });
        break;
      case 'SERVICE_RECORDED':
        // Before shelter stays existed, a SHELTER service was how an admission was recorded: such a service
        // (its history says nothing about it) counts as an admission. One recorded since says `admission: false`.
        flows(set, e.at, scope, {
          [field.service(String(d.type))]: 1,
          ...(d.type === 'SHELTER' && d.admission !== false ? { [field.shelterAdmitted]: 1 } : {}),
        });
        break;
      case 'CHILD_PATHWAY_STARTED':
        flows(set, e.at, scope, { [MILESTONE_FIELDS.children]: 1 });
        break;
      case 'MILESTONE_RECORDED': {
        const t = d.type as MilestoneType;
        flows(set, e.at, scope, {
          [MILESTONE_FIELDS.done(t)]: 1,
          ...(d.timeliness === 'ON_TIME' ? { [MILESTONE_FIELDS.onTime(t)]: 1 } : {}),
          ...(d.timeliness === 'LATE' ? { [MILESTONE_FIELDS.late(t)]: 1 } : {}),
        });
        break;
      }
      case 'MILESTONE_OVERDUE':
        flows(set, e.at, scope, { [MILESTONE_FIELDS.overdue(d.type as MilestoneType)]: 1 });
        break;
      case 'SHELTER_ADMITTED':
        flows(set, e.at, scope, {
          [field.shelterAdmitted]: 1,
          ...(Number(d.children) > 0 ? { [field.shelterChildren]: Number(d.children) } : {}),
        });
        break;
      case 'SHELTER_DISCHARGED':
        flows(set, e.at, scope, { [field.shelterDischarged]: 1, [field.shelterDestination(String(d.destination))]: 1 });
        break;
      case 'SHELTER_STAY_OVERDUE':
        flows(set, e.at, scope, { [field.shelterOverdue]: 1 });
        break;
      case 'CASE_RESOLVED':
        flows(set, e.at, scope, d.firstResolution === false ? { reresolved: 1 } : { resolved: 1 });
        break;
      case 'FOLLOW_UP_RECORDED': {
        const add: Record<string, number> = { [field.followUp(String(d.outcome))]: 1 };
        if (e.to === 'REOPENED') add.reopened = 1;
        if (e.to === 'CLOSED') add.closed = 1;
        flows(set, e.at, scope, add);
        break;
      }
      case 'FOLLOW_UP_MISSED':
        flows(set, e.at, scope, { [field.followUp('MISSED')]: 1 });
        break;
      case 'ESCALATION_REQUESTED':
        flows(set, e.at, scope, { esc_opened: 1, [`esc_reason_${String(d.reason)}`]: 1 });
        break;
      case 'ESCALATION_ACKNOWLEDGED':
      case 'ESCALATION_UNACKNOWLEDGED':
      case 'ESCALATION_FAILED':
        flows(set, e.at, scope, { [field.escalationEnded(e.action.slice('ESCALATION_'.length))]: 1 });
        break;
      case 'PARTNER_REFERRAL_SENT':
      case 'PARTNER_REFERRAL_UPDATED':
        flows(set, e.at, scope, { [field.partnerReferral(String(d.status), String(d.partnerKind))]: 1 });
        break;
      case 'CASE_TRANSFERRED': {
        const to = { centreId: String(d.toCentreId), district: String(d.toDistrict) };
        flows(set, e.at, scope, { [field.transfer('out')]: 1 });
        flows(set, e.at, to, { [field.transfer('in')]: 1 });
        scope = to;
        break;
      }
    }
  }
  for (const stay of parts.filter((i) => i.type === 'SHELTER_STAY' && i.status === 'OPEN')) {
    const children = (stay.children as unknown[] | undefined)?.length ?? 0;
    bump(
      set,
      keys.occupancy(stay.centreId as string),
      { centreId: stay.centreId as string, district: stay.district as string },
      { inShelter: 1, children, overdue: stay.overdue ? 1 : 0 },
    );
  }
  if (OPEN_STATUSES.has(c.status)) {
    bump(
      set,
      keys.openCases(c.centreId),
      { centreId: c.centreId, district: c.district },
      { [`d${c.registeredAt.slice(0, 10).replace(/-/g, '')}`]: 1 },
    );
  }
}

/** Recounts every case of the state (through the byState index, page by page). */
export async function recount(doc: DynamoDBDocumentClient, table: string): Promise<CounterSet> {
  const set: CounterSet = { items: new Map() };
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: table,
        IndexName: INDEXES.byState.name,
        KeyConditionExpression: 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.byState('CASE') },
        ExclusiveStartKey,
      }),
    );
    ExclusiveStartKey = page.LastEvaluatedKey;
    for (const summary of page.Items ?? []) {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const part = await doc.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.casePartition(summary.caseId as string) },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        items.push(...(part.Items ?? []));
        start = part.LastEvaluatedKey;
      } while (start);
      const c = items.find((i) => i.sk === 'CASE') as CaseRecord | undefined;
      if (!c) continue;
      const history = items.filter((i) => String(i.sk).startsWith('EVENT#')) as unknown as HistoryEvent[];
      countCase(set, c, history, items);
    }
  } while (ExclusiveStartKey);
  return set;
}

/** Reads the live counter items that a recount covers, for comparison. */
export async function liveCounters(
  doc: DynamoDBDocumentClient,
  table: string,
  pks: string[],
): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  for (const pk of new Set(pks)) {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      for (const i of page.Items ?? []) {
        const counts = Object.fromEntries(
          Object.entries(i).filter(([, v]) => typeof v === 'number' && v !== 0),
        ) as Record<string, number>;
        out.set(`${i.pk}|${i.sk}`, counts);
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }
  return out;
}

/**
 * Writes the recount over the live counters (idempotent: running it twice writes the same items). Run it
 * when nothing else writes (it replaces, it does not add).
 */
export async function writeCounters(doc: DynamoDBDocumentClient, table: string, set: CounterSet): Promise<number> {
  let n = 0;
  for (const { key, labels, counts } of set.items.values()) {
    await doc.send(new PutCommand({ TableName: table, Item: { ...key, ...labels, ...counts } }));
    n++;
  }
  return n;
}

export interface RecountCheck {
  equal: boolean;
  /** Counter items whose live fields differ from the recount (ids only, no personal data). */
  differences: Array<{ item: string; live: Record<string, number>; recount: Record<string, number> }>;
}

/** Compares the live counters with a full recount. */
export async function checkCounters(
  doc: DynamoDBDocumentClient,
  table: string,
): Promise<RecountCheck & { set: CounterSet }> {
  const set = await recount(doc, table);
  const pks = [...set.items.values()].map((e) => e.key.pk);
  const live = await liveCounters(doc, table, [...pks, keys.openPartition(), keys.occupancyPartition()]);
  const differences: RecountCheck['differences'] = [];
  const ids = new Set([...live.keys(), ...set.items.keys()]);
  for (const id of ids) {
    const l = live.get(id) ?? {};
    const r = Object.fromEntries(Object.entries(set.items.get(id)?.counts ?? {}).filter(([, v]) => v !== 0));
    const fields = new Set([...Object.keys(l), ...Object.keys(r)]);
    if ([...fields].some((f) => (l[f] ?? 0) !== (r[f] ?? 0))) differences.push({ item: id, live: l, recount: r });
  }
  return { equal: differences.length === 0, differences, set };
}

/**
 * The backfill: writes the recount over the live counters, and removes counter items the recount does not
 * have. Idempotent: a second run finds nothing to change.
 */
export async function backfillCounters(
  doc: DynamoDBDocumentClient,
  table: string,
): Promise<{ written: number; removed: number; wasEqual: boolean }> {
  const check = await checkCounters(doc, table);
  const written = await writeCounters(doc, table, check.set);
  let removed = 0;
  for (const d of check.differences) {
    if (check.set.items.has(d.item)) continue;
    const [pk, sk] = d.item.split('|');
    await doc.send(new DeleteCommand({ TableName: table, Key: { pk, sk } }));
    removed++;
  }
  return { written, removed, wasEqual: check.equal };
}

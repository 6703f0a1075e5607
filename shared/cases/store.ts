// The case repository: every read and write of cases goes through here. Each change is one DynamoDB
// transaction that also appends the history item and bumps the statistics counters, so the audit and the
// figures can never disagree with the cases.
import { randomUUID } from 'node:crypto';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { badRequest, conflict, forbidden, preconditionFailed } from '../core/errors.ts';
import { keys } from '../core/keys.ts';
import {
  assertInScope,
  isCentreRole,
  ownCentre,
  ownDistrict,
  type Principal,
  seesSurvivorDetails,
} from '../core/principal.ts';
import { queryAll } from '../core/query.ts';
import { AlreadyApplied, currentIdempotency } from '../core/request-context.ts';
import { INDEXES } from '../core/table.ts';
import { istTimestamp } from '../core/time.ts';
import type { CaseStatus, RiskLevel } from '../core/vocabulary.ts';
import type { CentreStore } from '../network/centre-store.ts';
import { counterItems, field, openCaseItem } from '../oversight/counters.ts';
import { findMove, OPEN_STATUSES, takesServices } from './lifecycle.ts';
import type { ChangeStatusInput, CreateCaseInput, ListCasesQuery, RecordServiceInput } from './schemas.ts';

export interface Actor {
  userId: string;
  username: string;
  role: string;
}

export interface CaseRecord {
  caseId: string;
  caseNumber: string;
  centreId: string;
  district: string;
  status: CaseStatus;
  version: number;
  riskLevel: RiskLevel;
  fy: string;
  registeredAt: string;
  registeredBy: Actor;
  updatedAt: string;
  survivor: CreateCaseInput['survivor'];
  incident: CreateCaseInput['incident'];
  referral: CreateCaseInput['referral'];
  servicesNeeded: CreateCaseInput['servicesNeeded'];
  consent: CreateCaseInput['consent'];
  resolvedAt?: string;
  lastResolvedAt?: string;
  closedAt?: string;
  resolution?: { outcome: string; note?: string; followUpWorkerId: string };
  followUpRounds?: number;
  /** Escalations: a per-case sequence, and the open escalation per reason (one at a time). */
  escalationSeq?: number;
  openEscalations?: Partial<Record<string, string>>;
}

export interface CaseSummary {
  caseId: string;
  caseNumber: string;
  centreId: string;
  district: string;
  status: CaseStatus;
  version: number;
  riskLevel: RiskLevel;
  registeredAt: string;
  updatedAt: string;
}

export interface HistoryEvent {
  eventId: string;
  caseId: string;
  at: string;
  actor: Actor;
  action: string;
  from?: string;
  to?: string;
  details?: Record<string, unknown>;
}

export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** What a change sets on the case (its version is added) and the other items of the same transaction. */
export interface CaseChange {
  set: Partial<CaseRecord>;
  items: TransactItem[];
}

export const actorOf = (p: Principal): Actor => ({ userId: p.userId, username: p.username, role: p.role });

/** The actor recorded when the system itself acts (schedules, workflows). */
export const SYSTEM_ACTOR: Actor = { userId: 'system', username: 'system', role: 'system' };

const STRIP = new Set([
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'duePk',
  'dueSk',
  'type',
  'expiresAt',
]);
export function clean<T extends Record<string, unknown>>(item: T): T {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !STRIP.has(k))) as T;
}

export function isCancelled(err: unknown): err is { name: string; CancellationReasons?: Array<{ Code?: string }> } {
  return typeof err === 'object' && err !== null && (err as { name?: string }).name === 'TransactionCanceledException';
}
/**
 * Another transaction held one of the items (the centre's counters are shared by all its changes): nothing
 * was written, and the same transaction can simply be tried again.
 */
export const lostRace = (err: unknown) =>
  (isCancelled(err) && (err.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict')) ||
  (typeof err === 'object' && err !== null && (err as { name?: string }).name === 'TransactionConflictException');

/** A short random pause before trying a conflicted transaction again. */
export const backoff = (attempt: number) => new Promise((r) => setTimeout(r, 10 + Math.random() * 40 * (attempt + 1)));

export const failedAt = (err: unknown, index: number) =>
  isCancelled(err) && err.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';

/** One history item for a change, to be written in the same transaction as the change. */
export function historyPut(
  table: string,
  caseId: string,
  actor: Actor,
  action: string,
  at: string,
  extra: Partial<HistoryEvent> = {},
): TransactItem {
  const eventId = randomUUID();
  return {
    Put: {
      TableName: table,
      Item: { ...keys.event(caseId, at, eventId), type: 'EVENT', eventId, caseId, at, actor, action, ...extra },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export class CaseStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    readonly table: string,
    private readonly centres: CentreStore,
  ) {}

  // ---- read ------------------------------------------------------------------------------------------------

  /** The case item, or 404 when missing or outside the caller's scope. */
  async getCaseItem(caseId: string, caller: Principal, consistent = false): Promise<CaseRecord> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.case(caseId), ConsistentRead: consistent }),
    );
    assertInScope(caller, Item as CaseRecord | undefined);
    return Item as CaseRecord;
  }

  /** The whole case partition in one query: the case, its services, follow-ups, escalations and history. */
  async getCaseWithParts(caseId: string, caller: Principal) {
    const items = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.casePartition(caseId) },
    });
    const caseItem = items.find((i) => i.sk === 'CASE') as CaseRecord | undefined;
    assertInScope(caller, caseItem);
    // Oversight roles see what was done and when, never the free text the centre's team wrote.
    const view = seesSurvivorDetails(caller) ? (i: Record<string, unknown>) => i : withoutNotes;
    const of = (prefix: string) => items.filter((i) => String(i.sk).startsWith(prefix)).map((i) => view(clean(i)));
    return {
      case: caseItem,
      services: of('SERVICE#').map(({ serviceType, ...s }) => ({ ...s, type: serviceType })),
      followUps: of('FOLLOWUP#').filter((f) => f.status !== 'CANCELLED'),
      escalations: of('ESCALATION#'),
      history: of('EVENT#') as unknown as HistoryEvent[],
    };
  }

  async listCases(caller: Principal, q: ListCasesQuery): Promise<{ items: CaseSummary[]; nextCursor?: string }> {
    const index = await this.pickListIndex(caller, q);
    if (!index) return { items: [] };
    const limit = q.limit ? Number(q.limit) : 50;
    const filters: string[] = [];
    const values: Record<string, unknown> = { ':pk': index.pk };
    const names: Record<string, string> = { '#pk': index.def.partitionKey };
    if (q.status) {
      filters.push('#status = :status');
      names['#status'] = 'status';
      values[':status'] = q.status;
    }
    if (q.caseNumber) {
      filters.push('caseNumber = :cn');
      values[':cn'] = q.caseNumber;
    }
    let ExclusiveStartKey = decodeCursor(q.cursor);
    // A cursor is only ever this list's own: the same index partition, and nothing but its keys.
    const cursorKeys = new Set(['pk', 'sk', index.def.partitionKey, index.def.sortKey]);
    if (
      ExclusiveStartKey &&
      (ExclusiveStartKey[index.def.partitionKey] !== index.pk ||
        Object.entries(ExclusiveStartKey).some(([k, v]) => !cursorKeys.has(k) || typeof v !== 'string'))
    ) {
      throw badRequest('The cursor is not valid', [{ path: 'query.cursor', code: 'invalid', message: 'Is not valid' }]);
    }
    const items: CaseSummary[] = [];
    // A filter applies after DynamoDB's page limit, so keep reading until the page is full or the index ends.
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: index.def.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          FilterExpression: filters.length ? filters.join(' AND ') : undefined,
          ScanIndexForward: false,
          Limit: limit - items.length,
          ExclusiveStartKey,
        } satisfies QueryCommandInput),
      );
      for (const i of page.Items ?? []) items.push(toSummary(i as CaseRecord));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey && items.length < limit);
    return { items, ...(ExclusiveStartKey ? { nextCursor: encodeCursor(ExclusiveStartKey) } : {}) };
  }

  private async pickListIndex(caller: Principal, q: ListCasesQuery) {
    const centre = (id: string) => ({ def: INDEXES.byCentre, pk: keys.byCentre(id) });
    if (isCentreRole(caller)) {
      if (q.centreId && q.centreId !== caller.centreId) return undefined;
      return centre(ownCentre(caller));
    }
    if (caller.role === 'district-officer') {
      if (q.centreId) {
        const c = await this.centres.get(q.centreId);
        return c && c.district === caller.district ? centre(c.centreId) : undefined;
      }
      if (q.district && q.district !== caller.district) return undefined;
      return { def: INDEXES.byDistrict, pk: keys.byDistrict(ownDistrict(caller)) };
    }
    if (caller.role === 'state-admin') {
      if (q.centreId) return centre(q.centreId);
      if (q.district) return { def: INDEXES.byDistrict, pk: keys.byDistrict(q.district) };
      return { def: INDEXES.byState, pk: keys.byState('CASE') };
    }
    throw forbidden();
  }

  async history(caseId: string, caller: Principal): Promise<HistoryEvent[]> {
    const { history } = await this.getCaseWithParts(caseId, caller);
    return history;
  }

  // ---- change ----------------------------------------------------------------------------------------------

  /**
   * Applies a change to a case under optimistic concurrency.
   * 1. Read the case (404 outside scope); with If-Match, a different version is 412 at once.
   * 2. `build` checks the change against the case and returns the case update plus any other items.
   * 3. One transaction with the case guarded by its version; a lost race is 412 with If-Match, else re-read
   *    and try again.
   */
  async change(
    caseId: string,
    caller: Principal,
    ifMatch: number | undefined,
    build: (c: CaseRecord) => Promise<CaseChange | undefined> | CaseChange | undefined,
  ): Promise<CaseRecord> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const current = await this.getCaseItem(caseId, caller, true);
      if (ifMatch !== undefined && current.version !== ifMatch) throw preconditionFailed();
      const version = current.version + 1;
      const change = await build(current);
      // Nothing to change (e.g. the thing asked for already exists): write nothing.
      if (!change) return current;
      const { set, items } = change;
      const updated: CaseRecord = { ...current, ...set, version };
      const names: Record<string, string> = { '#version': 'version' };
      const values: Record<string, unknown> = { ':expected': current.version };
      const assignments = Object.entries({ ...set, version }).map(([k, v], i) => {
        names[`#a${i}`] = k;
        values[`:a${i}`] = v;
        return `#a${i} = :a${i}`;
      });
      // The request's Idempotency-Key, if it has one, is spent in this very transaction.
      const idem = currentIdempotency();
      const idemItems: TransactItem[] =
        idem && !idem.used
          ? [
              {
                Put: {
                  TableName: this.table,
                  Item: {
                    ...idem.key,
                    type: 'IDEMPOTENCY',
                    requestHash: idem.requestHash,
                    caseId,
                    version,
                    expiresAt: idem.expiresAt,
                  },
                  ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
                  ExpressionAttributeValues: { ':now': Math.floor(Date.now() / 1000) },
                },
              },
            ]
          : [];
      try {
        await this.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.table,
                  Key: keys.case(caseId),
                  UpdateExpression: `SET ${assignments.join(', ')}`,
                  ConditionExpression: '#version = :expected',
                  ExpressionAttributeNames: names,
                  ExpressionAttributeValues: values,
                },
              },
              ...items,
              ...idemItems,
            ],
          }),
        );
        if (idem) idem.used = true;
        return updated;
      } catch (err) {
        if (idemItems.length && failedAt(err, items.length + 1)) throw new AlreadyApplied();
        if (failedAt(err, 0)) {
          if (ifMatch !== undefined) throw preconditionFailed();
          continue;
        }
        if (lostRace(err)) {
          await backoff(attempt);
          continue;
        }
        throw err;
      }
    }
    throw conflict('The case is being changed by someone else; reload and try again');
  }

  async recordService(caseId: string, caller: Principal, input: RecordServiceInput, now: Date) {
    const at = istTimestamp(now);
    const serviceId = randomUUID();
    const actor = actorOf(caller);
    let service: Record<string, unknown> = {};
    await this.change(caseId, caller, undefined, (c) => {
      if (!takesServices(c.status)) throw conflict(`A ${c.status} case takes no new services`);
      service = { serviceId, caseId, type: input.type, note: input.note, at, recordedBy: actor };
      return {
        set: { updatedAt: at },
        items: [
          {
            Put: {
              TableName: this.table,
              Item: { ...keys.service(caseId, at, serviceId), ...service, serviceType: input.type, type: 'SERVICE' },
            },
          },
          historyPut(this.table, caseId, actor, 'SERVICE_RECORDED', at, { details: { serviceId, type: input.type } }),
          ...counterItems(this.table, now, c, { [field.service(input.type)]: 1 }),
        ],
      };
    });
    return service;
  }

  async changeStatus(
    caseId: string,
    caller: Principal,
    input: ChangeStatusInput,
    ifMatch: number | undefined,
    now: Date,
  ) {
    const at = istTimestamp(now);
    const actor = actorOf(caller);
    return this.change(caseId, caller, ifMatch, async (c) => {
      const move = findMove(c.status, input.status);
      if (!move) throw conflict(`A case cannot move from ${c.status} to ${input.status}`);
      if (move.via !== 'status') {
        throw conflict(
          move.via === 'resolve'
            ? 'Resolve a case with POST /cases/{caseId}/resolve'
            : `${input.status} follows from recording follow-ups`,
        );
      }
      const items = [
        historyPut(this.table, caseId, actor, 'STATUS_CHANGED', at, {
          from: c.status,
          to: input.status,
          details: input.note ? { note: input.note } : undefined,
        }),
      ];
      // Referred elsewhere or withdrawn: counted, no longer open, and a plan still running from before a
      // reopening stops (no more reminders, no missed follow-ups escalated for a case the centre let go).
      if (input.status === 'REFERRED' || input.status === 'WITHDRAWN') {
        items.push(...counterItems(this.table, now, c, { [input.status.toLowerCase()]: 1 }));
        if (OPEN_STATUSES.has(c.status)) items.push(openCaseItem(this.table, c, -1));
        const plan = await queryAll(this.doc, {
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :f)',
          ExpressionAttributeValues: { ':pk': keys.casePartition(caseId), ':f': 'FOLLOWUP#' },
          ConsistentRead: true,
        });
        for (const f of plan.filter((x) => x.status === 'PENDING' || x.status === 'MISSED')) {
          items.push({
            Update: {
              TableName: this.table,
              Key: { pk: f.pk as string, sk: f.sk as string },
              UpdateExpression: 'SET #s = :cancelled REMOVE duePk, dueSk',
              ConditionExpression: '#s = :was',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':cancelled': 'CANCELLED', ':was': f.status },
            },
          });
        }
      }
      return { set: { status: input.status, updatedAt: at }, items };
    });
  }
}

export function caseIndexKeys(c: Pick<CaseRecord, 'centreId' | 'district' | 'registeredAt' | 'caseId'>) {
  const sort = `${c.registeredAt}#${c.caseId}`;
  return {
    gsi1pk: keys.byCentre(c.centreId),
    gsi1sk: sort,
    gsi2pk: keys.byDistrict(c.district),
    gsi2sk: sort,
    gsi3pk: keys.byState('CASE'),
    gsi3sk: sort,
  };
}

export function toSummary(c: CaseRecord): CaseSummary {
  return {
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    centreId: c.centreId,
    district: c.district,
    status: c.status,
    version: c.version,
    riskLevel: c.riskLevel,
    registeredAt: c.registeredAt,
    updatedAt: c.updatedAt,
  };
}

/** What a caller may see of a case: the centre's team sees everything, oversight roles no identity or story. */
export function viewOf(c: CaseRecord, caller: Principal): Record<string, unknown> {
  const base = clean(c as unknown as Record<string, unknown>);
  if (seesSurvivorDetails(caller)) return base;
  const { survivor: _s, incident, consent: _c, referral, resolution, ...rest } = base as unknown as CaseRecord;
  return {
    ...rest,
    incident: { categories: incident.categories },
    referral: { source: referral.source },
    ...(resolution ? { resolution: { followUpWorkerId: resolution.followUpWorkerId } } : {}),
  };
}

/** Free text staff write (notes, outcomes) can name her or tell what happened: the centre's team only. */
const FREE_TEXT = new Set(['note', 'acknowledgementNote', 'outcomeNote']);
export function withoutNotes<T extends Record<string, unknown>>(item: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    if (FREE_TEXT.has(k)) continue;
    out[k] = k === 'details' && v && typeof v === 'object' ? withoutNotes(v as Record<string, unknown>) : v;
  }
  return out as T;
}

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed && !Array.isArray(parsed)) return parsed;
  } catch {
    /* fall through */
  }
  throw badRequest('The cursor is not valid', [{ path: 'query.cursor', code: 'invalid', message: 'Is not valid' }]);
}

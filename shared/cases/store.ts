// The case repository: every read and write of a case goes through here. Each change is one DynamoDB
// transaction that also appends the history item and bumps the statistics counters, so the audit and the
// figures can never disagree with the cases. A change may carry the request's Idempotency-Key, which is
// spent in the same transaction.
import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from '../core/cursor.ts';
import { conflict, preconditionFailed } from '../core/errors.ts';
import { AlreadyApplied, spendItem } from '../core/idempotency.ts';
import * as keys from '../core/keys.ts';
import { assertInScope, type Principal, seesSurvivorDetails } from '../core/principal.ts';
import { queryAll } from '../core/query.ts';
import { areaFor } from '../core/scope.ts';
import { INDEXES } from '../core/table.ts';
import { istTimestamp } from '../core/time.ts';
import {
  type ChangeOptions,
  ConditionFailed,
  type NamedItem,
  named,
  RETRY,
  retryingRaces,
  type TransactItem,
  Transaction,
} from '../core/transactions.ts';
import { cancelFollowUp } from '../follow-ups/plan.ts';
import { type FollowUpStatus, isOpenFollowUp } from '../follow-ups/rules.ts';
import type { CentreStore } from '../network/centre-store.ts';
import { counterItems, field, openCaseItem } from '../oversight/counters.ts';
import { retentionBookkeeping } from '../privacy/retention.ts';
import { findMove, OPEN_STATUSES, takesServices } from './lifecycle.ts';
import { actorOf, type CaseRecord, type HistoryEvent, historyPut, isSystem } from './model.ts';
import type { ChangeStatusInput, ListCasesQuery, RecordServiceInput } from './schemas.ts';
import { type CaseSummary, CENTRE_ONLY_EVENTS, clean, shelterStayView, toSummary, withoutNotes } from './views.ts';

/** What a change sets on the case (its version is added) and the other items of the same transaction. */
export type { ChangeOptions };

export interface CaseChange {
  set: Partial<CaseRecord>;
  /** Attributes the change takes off the case (a pending transfer once it is decided). */
  remove?: ReadonlyArray<keyof CaseRecord>;
  /** Named items: when one fails its condition, the change throws ConditionFailed with that name. */
  items: Array<TransactItem | NamedItem>;
}

/**
 * A case's reads and changes that every store building on a case uses (getCaseItem, change): a class of its
 * own, so their handlers do not bundle the case lists, history and status changes of CaseStore.
 */
export class CaseChanges {
  constructor(
    protected readonly doc: DynamoDBDocumentClient,
    readonly table: string,
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

  // ---- change ----------------------------------------------------------------------------------------------

  /**
   * Applies a change to a case under optimistic concurrency.
   * 1. Read the case (404 outside scope); with If-Match, a different version is 412 at once.
   * 2. `build` checks the change against the case and returns the case update plus any other items.
   * 3. One transaction: the case guarded by its version, the change's items, and the request's
   *    Idempotency-Key. A lost race is 412 with If-Match, else the case is read again and the change rebuilt;
   *    a key already spent is AlreadyApplied (the first attempt made the change).
   */
  async change(
    caseId: string,
    caller: Principal,
    opts: ChangeOptions,
    build: (c: CaseRecord) => Promise<CaseChange | undefined> | CaseChange | undefined,
  ): Promise<CaseRecord> {
    return retryingRaces(async () => {
      const current = await this.getCaseItem(caseId, caller, true);
      // Retention took her details out for good: nobody may put new ones in (a correction, a note, a
      // reference) where no later run would find them. Only the system's own follow-through (the document
      // checker, retention itself) still changes such a case.
      if (current.anonymisedAt && !isSystem(caller)) {
        throw conflict('This case was anonymised under the retention period: it takes no more changes');
      }
      // A retention run has claimed it and is removing her details: nothing new may slip in behind it.
      if (current.retentionStartedAt && !isSystem(caller)) {
        throw conflict('This case is being anonymised under the retention period: it takes no more changes');
      }
      if (opts.ifMatch !== undefined && current.version !== opts.ifMatch) throw preconditionFailed();
      const version = current.version + 1;
      const change = await build(current);
      // Nothing to change (e.g. the thing asked for already exists): write nothing.
      if (!change) return current;
      // Whatever the change does to the case's status or legal hold, its place in the retention queue follows
      // in the same transaction (shared/privacy/retention.ts).
      const book = retentionBookkeeping(this.table, current, { ...current, ...change.set } as CaseRecord);
      const set = { ...change.set, ...book.set };
      const removed = [...(change.remove ?? []), ...book.remove].filter((k) => !(k in set));
      const names: Record<string, string> = { '#version': 'version' };
      const values: Record<string, unknown> = { ':expected': current.version };
      const assignments = Object.entries({ ...set, version }).map(([k, v], i) => {
        names[`#a${i}`] = k;
        values[`:a${i}`] = v;
        return `#a${i} = :a${i}`;
      });
      const removals = removed.map((k, i) => {
        names[`#r${i}`] = k;
        return `#r${i}`;
      });
      const tx = new Transaction().add(
        named('case', {
          Update: {
            TableName: this.table,
            Key: keys.case(caseId),
            UpdateExpression: `SET ${assignments.join(', ')}${removals.length ? ` REMOVE ${removals.join(', ')}` : ''}`,
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        }),
        ...change.items,
        ...book.items,
      );
      const idem = opts.idempotency && !opts.idempotency.spent ? opts.idempotency : undefined;
      if (idem) tx.add(named('idempotency', spendItem(this.table, idem, new Date(), { caseId, version })));
      try {
        await tx.send(this.doc);
      } catch (err) {
        if (tx.failed(err, 'idempotency')) throw new AlreadyApplied();
        if (tx.failed(err, 'case')) {
          if (opts.ifMatch !== undefined) throw preconditionFailed();
          return RETRY;
        }
        const failed = tx.failedNames(err);
        if (failed.length) throw new ConditionFailed(failed[0]);
        throw err;
      }
      if (idem) idem.spent = true;
      const updated = { ...current, ...set, version } as Record<string, unknown>;
      for (const k of removed) delete updated[k];
      return updated as unknown as CaseRecord;
    });
  }
}

/** Every read and write of a case: CaseChanges, and the case's lists, history, services and status. */
export class CaseStore extends CaseChanges {
  constructor(
    doc: DynamoDBDocumentClient,
    table: string,
    private readonly centres: CentreStore,
  ) {
    super(doc, table);
  }

  // ---- read ------------------------------------------------------------------------------------------------

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
      // Her shelter stays, newest first (oversight: dates, counts and destinations, no text).
      shelterStays: items
        .filter((i) => String(i.sk).startsWith('STAY#'))
        .sort((a, b) => String(b.admittedAt).localeCompare(String(a.admittedAt)))
        .map((i) => shelterStayView(i, caller)),
      /** Other cases of the same woman at this centre (shared/similar): the centre's team only. */
      links: seesSurvivorDetails(caller) ? of('LINK#') : [],
      history: (of('EVENT#') as unknown as HistoryEvent[]).filter(
        (e) => seesSurvivorDetails(caller) || !CENTRE_ONLY_EVENTS.has(e.action),
      ),
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
    // A cursor is only ever this list's own: the same index partition, and exactly its keys.
    let ExclusiveStartKey: Record<string, unknown> | undefined = decodeCursor(
      q.cursor,
      { name: index.def.partitionKey, value: index.pk },
      ['pk', 'sk', index.def.partitionKey, index.def.sortKey],
    );
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

  /** The index partition that lists the caller's area, narrowed by the query; undefined outside her scope. */
  private async pickListIndex(caller: Principal, q: ListCasesQuery) {
    const area = await areaFor(caller, q, (id) => this.centres.get(id));
    if (!area) return undefined;
    if (area.kind === 'centre') return { def: INDEXES.byCentre, pk: keys.byCentre(area.centreId) };
    if (area.kind === 'district') return { def: INDEXES.byDistrict, pk: keys.byDistrict(area.district) };
    return { def: INDEXES.byState, pk: keys.byState('CASE') };
  }

  async history(caseId: string, caller: Principal): Promise<HistoryEvent[]> {
    const { history } = await this.getCaseWithParts(caseId, caller);
    return history;
  }

  async recordService(
    caseId: string,
    caller: Principal,
    input: RecordServiceInput,
    now: Date,
    opts: ChangeOptions = {},
  ) {
    const at = istTimestamp(now);
    const serviceId = randomUUID();
    const actor = actorOf(caller);
    let service: Record<string, unknown> = {};
    await this.change(caseId, caller, opts, (c) => {
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
          historyPut(this.table, caseId, actor, 'SERVICE_RECORDED', at, {
            // Shelter is admitted as a stay now (shelter/): a SHELTER service is a service, not an admission.
            details: { serviceId, type: input.type, ...(input.type === 'SHELTER' ? { admission: false } : {}) },
          }),
          ...counterItems(this.table, now, c, { [field.service(input.type)]: 1 }),
        ],
      };
    });
    return service;
  }

  async changeStatus(caseId: string, caller: Principal, input: ChangeStatusInput, now: Date, opts: ChangeOptions = {}) {
    const at = istTimestamp(now);
    const actor = actorOf(caller);
    return this.change(caseId, caller, opts, async (c) => {
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
        for (const f of plan.filter((x) => isOpenFollowUp(x.status as string))) {
          items.push(cancelFollowUp(this.table, caseId, f as { followUpId: string; status: FollowUpStatus }));
        }
      }
      return { set: { status: input.status, updatedAt: at }, items };
    });
  }
}

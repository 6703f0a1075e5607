// Case numbers: gapless per centre and financial year, each written in the same transaction as its case.
//
// One registration alone takes the next number in one transaction guarded by the centre's sequence (the
// quick way, `commit` with a batch of one). A burst at one centre would make every writer fight over that
// sequence item: each transaction but one fails and is tried again, so forty at once never finish. Instead,
// a registration that loses the quick way joins the centre's queue (a PENDING item holding the checked
// request) and one writer at a time, the holder of a short lease, numbers the queue in batches: one
// transaction numbers up to a few dozen cases, with their items, the merged counter updates, the sequence
// and the removal of their queue items. The others only wait for their case to appear.
//
// Nothing is lost or numbered twice, whoever dies when: a batch is one transaction (all its cases or none);
// a queued registration is numbered by whichever writer holds the lease next, its own request or another's;
// a request that gives up takes its queue item back (503, nothing written) unless it was numbered meanwhile
// (then 201). A queued retry of a request already applied is taken out of the queue and answered as the
// first attempt was (or 422 for another body).
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import * as keys from '../core/keys.ts';
import { financialYear, istDate } from '../core/time.ts';
import { busy, isConditionFailure, lostRace, MAX_TRANSACTION_ITEMS, named, Transaction } from '../core/transactions.ts';
import type { Centre } from '../network/centre-store.ts';
import { counterItems, openCaseItem } from '../oversight/counters.ts';
import type { CaseRecord } from './model.ts';
import { idempotencyItemName, type Registration, registrationItems } from './registration-items.ts';
import { type CaseSummary, toSummary } from './views.ts';

/** What became of a batch: numbered, stale (try again), or these registrations' keys were already spent. */
export type CommitResult =
  | { outcome: 'committed'; summaries: Map<string, CaseSummary>; last: number }
  | { outcome: 'stale' }
  | { outcome: 'spent'; caseIds: string[] };

/** What became of one queued registration. */
export type QueueState = { state: 'waiting' } | { state: 'numbered'; summary: CaseSummary } | { state: 'dropped' };

/** Items every batch adds besides its cases: the sequence, two counters, the open-cases counter. */
const SHARED_ITEMS = 4;
/** The lease on numbering a centre's queue: long enough for a few batches, short if its holder dies. */
const LEASE_MS = 3_000;
/** How long the lease holder numbers before it lets another writer take over. */
const DRAIN_MS = 2_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class CaseNumbers {
  /** This process's requests waiting in a queue, and what became of those this process numbered or dropped. */
  private readonly waiting = new Set<string>();
  private readonly outcomes = new Map<string, Exclude<QueueState, { state: 'waiting' }>>();
  /** The centres this process is numbering right now: its other waiters there wait for that, not the table. */
  private readonly draining = new Map<string, Promise<void>>();

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async lastNumber(centreId: string, fy: string): Promise<number> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.sequence(centreId, fy), ConsistentRead: true }),
    );
    return (Item?.last as number | undefined) ?? 0;
  }

  /**
   * Numbers `batch` (one centre, one IST day, oldest first) prev+1, prev+2, ... in one transaction.
   * `queued`: the registrations are in the queue, and leave it in the same transaction.
   */
  async commit(centre: Centre, batch: Registration[], prev: number, queued: boolean): Promise<CommitResult> {
    const tx = new Transaction();
    const counts: Record<string, number> = {};
    const summaries = new Map<string, CaseSummary>();
    let record: CaseRecord | undefined;
    batch.forEach((r, i) => {
      const built = registrationItems(this.table, r, prev + i + 1);
      record = built.record;
      summaries.set(r.caseId, built.summary);
      tx.add(...built.items);
      for (const [k, n] of Object.entries(built.counts)) counts[k] = (counts[k] ?? 0) + n;
      if (queued) {
        tx.add(
          named(`pending:${r.caseId}`, {
            Delete: {
              TableName: this.table,
              Key: keys.intakePending(centre.centreId, r.at, r.caseId),
              ConditionExpression: 'attribute_exists(pk)',
            },
          }),
        );
      }
    });
    if (!record) return { outcome: 'committed', summaries, last: prev };
    const first = batch[0];
    const next = prev + batch.length;
    tx.add(
      named('sequence', {
        Update: {
          TableName: this.table,
          Key: keys.sequence(centre.centreId, record.fy),
          UpdateExpression: 'SET #last = :next',
          ConditionExpression: prev === 0 ? 'attribute_not_exists(#last)' : '#last = :prev',
          ExpressionAttributeNames: { '#last': 'last' },
          ExpressionAttributeValues: prev === 0 ? { ':next': next } : { ':next': next, ':prev': prev },
        },
      }),
      // One batch is one IST day, so its cases share one monthly, one daily and one open-cases counter item.
      ...counterItems(this.table, new Date(first.now), centre, counts),
      openCaseItem(this.table, { ...centre, registeredAt: first.at }, batch.length),
    );
    try {
      await tx.send(this.doc);
    } catch (err) {
      const failed = tx.failedNames(err);
      const spent = batch.filter((r) => failed.includes(idempotencyItemName(r.caseId))).map((r) => r.caseId);
      if (spent.length) return { outcome: 'spent', caseIds: spent };
      if (lostRace(err) || failed.length) return { outcome: 'stale' };
      throw err;
    }
    return { outcome: 'committed', summaries, last: next };
  }

  /**
   * Is anything waiting in the centre's queue? Then a new registration joins it rather than overtaking it
   * (and a registration left there by a request that died is numbered by the next one).
   */
  async queueEmpty(centreId: string): Promise<boolean> {
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': keys.intakePartition(centreId), ':p': 'P#' },
        ProjectionExpression: 'pk',
        ConsistentRead: true,
        Limit: 1,
      }),
    );
    return !Items?.length;
  }

  /** Puts a registration in its centre's queue. */
  async enqueue(r: Registration): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keys.intakePending(r.centre.centreId, r.at, r.caseId), type: 'INTAKE', registration: r },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /** Takes a registration back out of the queue; false when it has left already (numbered or dropped). */
  async withdraw(r: Registration): Promise<boolean> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.table,
          Key: keys.intakePending(r.centre.centreId, r.at, r.caseId),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  /** Still queued, numbered (its case exists), or dropped (its key was spent by an earlier attempt). */
  async stateOf(r: Registration): Promise<QueueState> {
    const known = this.outcomes.get(r.caseId);
    if (known) return known;
    // The queue item first: numbering removes it and writes the case at once, so read in this order.
    const pending = await this.doc.send(
      new GetCommand({
        TableName: this.table,
        Key: keys.intakePending(r.centre.centreId, r.at, r.caseId),
        ConsistentRead: true,
      }),
    );
    if (pending.Item) return { state: 'waiting' };
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.case(r.caseId), ConsistentRead: true }),
    );
    return Item ? { state: 'numbered', summary: toSummary(Item as CaseRecord) } : { state: 'dropped' };
  }

  /**
   * Waits until `r` (queued) is numbered or dropped, numbering the centre's queue itself whenever it can take
   * the lease. Past the deadline it takes `r` back out of the queue and answers 503 (nothing written).
   */
  async await(r: Registration, deadline: number): Promise<Exclude<QueueState, { state: 'waiting' }>> {
    const centreId = r.centre.centreId;
    this.waiting.add(r.caseId);
    try {
      for (let round = 0; ; round++) {
        const now = await this.stateOf(r);
        if (now.state !== 'waiting') return now;
        if (Date.now() > deadline) {
          if (await this.withdraw(r)) throw busy();
          continue;
        }
        // Another request of this process is numbering the centre's queue (its batches include this one), or
        // trying to: wait for it rather than the table. Only one request per process tries for the lease.
        const local = this.draining.get(centreId);
        if (local) {
          await local;
          continue;
        }
        let done: () => void = () => undefined;
        this.draining.set(centreId, new Promise<void>((resolve) => (done = resolve)));
        try {
          if (await this.takeLease(centreId, r.caseId)) {
            try {
              await this.drain(r, deadline);
            } finally {
              await this.releaseLease(centreId, r.caseId);
            }
          } else {
            // Another process is numbering: look again in a moment (jittered, so waiters do not poll in step).
            await sleep(30 + Math.random() * Math.min(250, 50 * (round + 1)));
          }
        } finally {
          this.draining.delete(centreId);
          done();
        }
      }
    } finally {
      this.waiting.delete(r.caseId);
      this.outcomes.delete(r.caseId);
    }
  }

  /**
   * Numbers the queue, batch after batch, until it is empty, or this writer's own registration is numbered
   * and it has numbered for long enough (its own request must still answer in time). The lease is renewed
   * before each batch: a writer that lost it (too slow, so it expired) stops.
   */
  private async drain(own: Registration, deadline: number): Promise<void> {
    const { centre, caseId } = own;
    const until = Math.min(Date.now() + DRAIN_MS, deadline);
    let prev: number | undefined;
    while ((!this.outcomes.has(caseId) || Date.now() < until) && (await this.takeLease(centre.centreId, caseId))) {
      const batch = await this.nextBatch(centre.centreId);
      if (!batch.length) return;
      prev ??= await this.lastNumber(centre.centreId, financialYear(new Date(batch[0].now)));
      const result = await this.commit(centre, batch, prev, true);
      if (result.outcome === 'committed') {
        prev = result.last;
        for (const [id, summary] of result.summaries) this.tell(id, { state: 'numbered', summary });
        continue;
      }
      prev = undefined;
      if (result.outcome === 'spent') await this.drop(batch.filter((r) => result.caseIds.includes(r.caseId)));
      else await sleep(5 + Math.random() * 20);
      if (Date.now() > deadline) return;
    }
  }

  /** Tells a request of this process that waits for this registration what became of it (saves its reads). */
  private tell(caseId: string, outcome: Exclude<QueueState, { state: 'waiting' }>): void {
    if (this.waiting.has(caseId)) this.outcomes.set(caseId, outcome);
  }

  /**
   * The oldest queued registrations that fit one transaction: one IST day (one set of counter items), each
   * Idempotency-Key at most once (a transaction may touch an item only once; the later one waits its turn).
   */
  private async nextBatch(centreId: string): Promise<Registration[]> {
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': keys.intakePartition(centreId), ':p': 'P#' },
        ConsistentRead: true,
        Limit: 50,
      }),
    );
    let queued = (Items ?? []).map((i) => i.registration as Registration);
    // Retries whose first attempt was applied meanwhile would only fail the batch's transaction: drop them.
    const spent = await this.alreadySpent(queued);
    if (spent.length) {
      await this.drop(spent);
      queued = queued.filter((r) => !spent.includes(r));
      if (!queued.length) return this.nextBatch(centreId);
    }
    if (!queued.length) return [];
    const day = istDate(new Date(queued[0].now));
    const batch: Registration[] = [];
    const claimed = new Set<string>();
    let size = SHARED_ITEMS;
    for (const r of queued) {
      if (istDate(new Date(r.now)) !== day) break;
      const key = r.idem ? `${r.idem.key.pk}|${r.idem.key.sk}` : undefined;
      if (key && claimed.has(key)) continue;
      const items = registrationItems(this.table, r, 1).items.length + 1;
      if (size + items > MAX_TRANSACTION_ITEMS) break;
      size += items;
      if (key) claimed.add(key);
      batch.push(r);
    }
    return batch;
  }

  /** Queued registrations whose Idempotency-Key is spent already (an earlier attempt was applied). */
  private async alreadySpent(queued: Registration[]): Promise<Registration[]> {
    const withKeys = queued.filter((r) => r.idem);
    const spent = new Set<string>();
    for (let i = 0; i < withKeys.length; i += 100) {
      const unique = new Map(
        withKeys.slice(i, i + 100).map((r) => [`${r.idem?.key.pk}|${r.idem?.key.sk}`, r.idem?.key]),
      );
      let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
        [this.table]: { Keys: [...unique.values()] as Record<string, unknown>[] },
      };
      while (request && Object.keys(request).length) {
        const out: BatchGetCommandOutput = await this.doc.send(new BatchGetCommand({ RequestItems: request as never }));
        for (const item of out.Responses?.[this.table] ?? []) {
          const live = typeof item.expiresAt !== 'number' || item.expiresAt >= Date.now() / 1000;
          if (live) spent.add(`${item.pk}|${item.sk}`);
        }
        request = out.UnprocessedKeys as typeof request;
      }
    }
    return withKeys.filter((r) => spent.has(`${r.idem?.key.pk}|${r.idem?.key.sk}`));
  }

  /** Takes registrations out of the queue whose requests will answer as their first attempt did. */
  private async drop(registrations: Registration[]): Promise<void> {
    await Promise.all(
      registrations.map(async (r) => {
        if (await this.withdraw(r)) this.tell(r.caseId, { state: 'dropped' });
      }),
    );
  }

  private async takeLease(centreId: string, owner: string): Promise<boolean> {
    const now = Date.now();
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.intakeLease(centreId), type: 'LEASE', owner, expiresAtMs: now + LEASE_MS },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAtMs < :now OR #o = :me',
          ExpressionAttributeNames: { '#o': 'owner' },
          ExpressionAttributeValues: { ':now': now, ':me': owner },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  private async releaseLease(centreId: string, owner: string): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.table,
          Key: keys.intakeLease(centreId),
          ConditionExpression: '#o = :me',
          ExpressionAttributeNames: { '#o': 'owner' },
          ExpressionAttributeValues: { ':me': owner },
        }),
      );
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
  }
}

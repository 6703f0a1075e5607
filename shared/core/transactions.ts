// DynamoDB transactions with named items: a change is one TransactWrite, and when it is cancelled the
// cancellation reasons say, by name, which guarded item failed its condition (the idempotency record, the
// case version, the sequence...), instead of callers counting positions in the item list.
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { HttpError } from './errors.ts';
import { AlreadyApplied, type IdempotencyClaim, spendItem } from './idempotency.ts';

export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** How a request's change is guarded: optimistic concurrency (If-Match) and its Idempotency-Key. */
export interface ChangeOptions {
  ifMatch?: number;
  idempotency?: IdempotencyClaim;
}

/** An item whose failed condition a caller wants to recognise. */
export interface NamedItem {
  name: string;
  item: TransactItem;
}

export const named = (name: string, item: TransactItem): NamedItem => ({ name, item });

const isNamed = (x: TransactItem | NamedItem): x is NamedItem => 'name' in x && 'item' in x;

/** DynamoDB allows at most this many items in one transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

export class Transaction {
  private readonly items: TransactItem[] = [];
  private readonly names = new Map<string, number>();

  add(...entries: Array<TransactItem | NamedItem>): this {
    for (const e of entries) {
      if (isNamed(e)) {
        if (this.names.has(e.name)) throw new Error(`Two transaction items are named ${e.name}`);
        this.names.set(e.name, this.items.length);
        this.items.push(e.item);
      } else this.items.push(e);
    }
    return this;
  }

  get size(): number {
    return this.items.length;
  }

  async send(doc: DynamoDBDocumentClient): Promise<void> {
    if (this.items.length > MAX_TRANSACTION_ITEMS) {
      throw new Error(
        `A transaction of ${this.items.length} items is over DynamoDB's limit of ${MAX_TRANSACTION_ITEMS}`,
      );
    }
    await doc.send(new TransactWriteCommand({ TransactItems: this.items }));
  }

  /** Did the named item fail its condition (and so cancel the transaction)? */
  failed(err: unknown, name: string): boolean {
    const index = this.names.get(name);
    return (
      index !== undefined && isCancelled(err) && err.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed'
    );
  }

  /**
   * Sends a change that is not on a case (a case's go through CaseStore.change) with the request's
   * Idempotency-Key spent in the same transaction, once: AlreadyApplied when an earlier attempt spent it,
   * ConditionFailed naming the first named item whose condition failed. `spend: false` for all but the
   * last transaction of a change written in several.
   */
  async sendSpending(
    doc: DynamoDBDocumentClient,
    table: string,
    opts: ChangeOptions,
    now: Date,
    { spend = true }: { spend?: boolean } = {},
  ): Promise<void> {
    const key = spend && opts.idempotency && !opts.idempotency.spent ? opts.idempotency : undefined;
    if (key) this.add(named('idempotency', spendItem(table, key, now)));
    try {
      await this.send(doc);
    } catch (err) {
      if (this.failed(err, 'idempotency')) throw new AlreadyApplied();
      const failed = this.failedNames(err);
      if (failed.length) throw new ConditionFailed(failed[0]);
      throw err;
    }
    if (key) key.spent = true;
  }

  /** The names of the items whose condition failed. */
  failedNames(err: unknown): string[] {
    return [...this.names.keys()].filter((n) => this.failed(err, n));
  }
}

/** Thrown by a store when a named item's condition failed: the caller decides what that means. */
export class ConditionFailed extends Error {
  constructor(readonly item: string) {
    super(`The condition of ${item} failed`);
    this.name = 'ConditionFailed';
  }
}

export function isCancelled(err: unknown): err is { name: string; CancellationReasons?: Array<{ Code?: string }> } {
  return typeof err === 'object' && err !== null && (err as { name?: string }).name === 'TransactionCanceledException';
}

export const isConditionFailure = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { name?: string }).name === 'ConditionalCheckFailedException';

/**
 * Another transaction held one of the items (the centre's counters are shared by all its changes): nothing
 * was written, and the same transaction can simply be tried again.
 */
export const lostRace = (err: unknown): boolean =>
  (isCancelled(err) && (err.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict')) ||
  (typeof err === 'object' && err !== null && (err as { name?: string }).name === 'TransactionConflictException');

/**
 * Waits before another attempt after a lost race: full jitter on an exponential ceiling (capped), so writers
 * that collided spread out instead of colliding again in step.
 */
export function backoff(attempt: number, baseMs = 10, capMs = 400): Promise<void> {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return new Promise((r) => setTimeout(r, Math.random() * ceiling));
}

/** 503 with Retry-After: the change could not win its races in time; nothing was written. */
export const busy = (detail = 'Too many changes to the same records at once; nothing was saved. Please retry.') =>
  new HttpError(503, 'Busy', detail, undefined, { 'retry-after': '1' });

/** Returned by a unit of work that wants another attempt (it read something stale). */
export const RETRY: unique symbol = Symbol('retry');

/**
 * Runs `work` until it succeeds. A lost race (or RETRY) is tried again after a jittered backoff until the
 * deadline; then 503 with Retry-After. Many writers on one item (a burst at one centre) spread out instead
 * of failing after a fixed number of tries. The default deadline stays inside the Lambda timeout (10 s).
 */
export async function retryingRaces<T>(
  work: (attempt: number) => Promise<T | typeof RETRY>,
  deadlineMs = 7_000,
): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await work(attempt);
      if (result !== RETRY) return result;
    } catch (err) {
      if (!lostRace(err)) throw err;
    }
    if (Date.now() > deadline) throw busy();
    await backoff(attempt);
  }
}

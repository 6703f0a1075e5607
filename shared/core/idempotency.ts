// Idempotency, in one place: the Idempotency-Key header and its error, the record a key leaves, spending it
// in the same transaction as the change it guards, and answering a retry as the first attempt was answered.
//
// A key is scoped to its owner (a user, or a control room's referral source) and, for changes, to the route
// and its path, and bound to a hash of the body: the same key with another body is 422, never a replay.
// Spending the key inside the change's own transaction means a crash can never leave a change without its
// key or a key without its change, so a retried request is applied exactly once.
import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { badRequest, HttpError } from './errors.ts';
import { FREE_TEXT_ATTRIBUTES } from './free-text.ts';
import * as keys from './keys.ts';
import type { TransactItem } from './transactions.ts';

/** The shape of an Idempotency-Key header, on every route that takes one. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

/** The header's value, checked; undefined when absent. 400 naming the header when malformed. */
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(header)) {
    throw badRequest('Idempotency-Key must be 8–128 letters, digits, - or _', [
      { path: 'header.Idempotency-Key', code: 'invalid_format', message: 'Has the wrong format' },
    ]);
  }
  return header;
}

export const keyReused = () =>
  new HttpError(422, 'Idempotency key reused', 'This Idempotency-Key was already used with a different request body');

/** What a request claims: its key, the hash of its body, and how long the key is kept. */
export interface IdempotencyClaim {
  key: { pk: string; sk: string };
  requestHash: string;
  /** Seconds since the epoch after which the key may be reused; undefined keeps it for good. */
  expiresAt?: number;
  /** Set by the store that put the key into its transaction: a request spends its key at most once. */
  spent: boolean;
}

export const requestHash = (body: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('base64url');

/** A claim under an owner's scope. `ttlSeconds` undefined: the key is kept for good. */
export function claim(scope: string, key: string, body: unknown, now: Date, ttlSeconds?: number): IdempotencyClaim {
  return {
    key: keys.idempotency(scope, key),
    requestHash: requestHash(body),
    ...(ttlSeconds === undefined ? {} : { expiresAt: Math.floor(now.getTime() / 1000) + ttlSeconds }),
    spent: false,
  };
}

/** The claim of a change (every POST/PATCH that takes a key): scoped to the caller, the route and its path. */
export function changeClaim(
  routeId: string,
  userId: string,
  params: Record<string, string>,
  body: unknown,
  key: string,
  now: Date,
  ttlSeconds: number,
): IdempotencyClaim {
  return claim(userId, `${routeId}:${Object.values(params).join(':')}:${key}`, body, now, ttlSeconds);
}

/** What a spent key remembers besides its hash: the answer, or (until it is kept) what was changed. */
export interface SpentRecord {
  statusCode?: number;
  response?: unknown;
  caseId?: string;
  version?: number;
}

/**
 * The item that spends a key, for the change's own transaction. It fails its condition when the key is
 * already spent and not yet expired: the transaction then writes nothing, and the store throws
 * AlreadyApplied.
 */
export function spendItem(table: string, c: IdempotencyClaim, now: Date, record: SpentRecord = {}): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: {
        ...c.key,
        type: 'IDEMPOTENCY',
        requestHash: c.requestHash,
        ...record,
        ...(c.expiresAt ? { expiresAt: c.expiresAt } : {}),
      },
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
      ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
    },
  };
}

/** Thrown by a store when the request's key was already spent: an earlier attempt made the change. */
export class AlreadyApplied extends Error {
  constructor() {
    super('This request was already applied');
    this.name = 'AlreadyApplied';
  }
}

export interface StoredAnswer {
  statusCode: number;
  body: unknown;
  headers: Record<string, string>;
  /** False while the first attempt has made the change but not yet kept its answer (or died before it). */
  kept: boolean;
}

/** Fields of an answer that may be kept beside a key: ids and versions, never the survivor's details. */
const KEEPABLE = ['caseId', 'caseNumber', 'status', 'version', 'centreId'];

/**
 * Never kept beside a key: a presigned URL is a credential for as long as it lives, and a replay signs a
 * fresh one (the route's `replayed` hook in functions/lib/http.ts).
 */
const NEVER_KEPT = new Set(['uploadUrl', 'downloadUrl']);

/**
 * Staff's words and a milestone's reference are never kept beside a key: retention cleans a case's partition,
 * not the keys' items, so a note in a kept answer would outlive her record. A replay answers without them.
 */
const NOT_KEPT_TEXT: ReadonlySet<string> = new Set([...FREE_TEXT_ATTRIBUTES, 'reference']);

/** An answer without the fields never kept, at any depth. */
function scrubbed(value: unknown, drop: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => scrubbed(v, drop));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !NEVER_KEPT.has(k) && !drop.has(k))
      .map(([k, v]) => [k, scrubbed(v, drop)]),
  );
}

export class IdempotencyStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * The first attempt's answer for a spent, unexpired key; undefined for a key never spent. The same key with
   * another body is 422.
   */
  async replay(c: IdempotencyClaim, now: Date): Promise<StoredAnswer | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.table, Key: c.key, ConsistentRead: true }));
    if (!Item) return undefined;
    if (typeof Item.expiresAt === 'number' && Item.expiresAt < now.getTime() / 1000) return undefined;
    if (Item.requestHash !== undefined && Item.requestHash !== c.requestHash) throw keyReused();
    // The change was made; if the first attempt died before its answer was kept, say so plainly.
    const body = Item.response ?? { applied: true, caseId: Item.caseId, version: Item.version };
    return {
      statusCode: (Item.statusCode as number | undefined) ?? 200,
      body,
      headers: { ...(Item.headers as Record<string, string> | undefined), 'idempotent-replayed': 'true' },
      kept: Item.statusCode !== undefined,
    };
  }

  /**
   * The first attempt's answer, waiting a moment for it when that attempt is still in flight (its change is
   * made, its answer about to be kept): a retry sent at the same moment gets the same answer, not a plain
   * "applied". After `ms`, what there is.
   */
  async answerOf(c: IdempotencyClaim, now: Date, ms = 3_000): Promise<StoredAnswer | undefined> {
    const end = Date.now() + ms;
    for (;;) {
      const answer = await this.replay(c, now);
      if (!answer || answer.kept || Date.now() > end) return answer;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * Keeps the answer beside a spent key (best effort: the change itself is already safe). An answer that
   * carries the survivor's details is kept as its ids only: no second copy of her data, even for two days.
   */
  async remember(c: IdempotencyClaim, statusCode: number, headers: Record<string, string>, answer: unknown) {
    const body =
      answer && typeof answer === 'object' && 'survivor' in answer
        ? Object.fromEntries(Object.entries(answer).filter(([k]) => KEEPABLE.includes(k)))
        : scrubbed(answer, NOT_KEPT_TEXT);
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: c.key,
        UpdateExpression: 'SET statusCode = :s, headers = :h, #r = :b',
        ExpressionAttributeNames: { '#r': 'response' },
        ExpressionAttributeValues: { ':s': statusCode, ':h': headers, ':b': body },
      }),
    );
  }
}

// Disabled sign-ins. Centre staff lose access through their roster entry (checked on every request); a
// district officer or a state user has no roster entry, and the ID token she holds stays valid for up to an
// hour after Cognito disables her. So the state disables her here: a REVOKED item that every request checks
// (through a short per-process cache, like the roster check), and an ACCOUNT request, written in the same
// transaction, with which the account-sync consumer disables the Cognito user and signs her out everywhere
// (her refresh tokens die with it). Her tokens are refused within `ttlMs` on every warm Lambda.
import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { conflict } from '../core/errors.ts';
import * as keys from '../core/keys.ts';
import type { Principal } from '../core/principal.ts';
import { istTimestamp } from '../core/time.ts';
import { type ChangeOptions, type TransactItem, Transaction } from '../core/transactions.ts';
import { adminAuditItem } from './centre-admin.ts';
import type { ChangeUserAccessInput } from './schemas.ts';

/** How long a process trusts what it read about a user's access (and the clock it is measured with). */
export interface AccessCache {
  ttlMs: number;
  now: () => number;
}

export const DEFAULT_ACCESS_CACHE: AccessCache = { ttlMs: 15_000, now: Date.now };

export interface AccessChange {
  username: string;
  enabled: boolean;
  at: string;
}

/**
 * The check every request makes (has the state disabled this sign-in?), apart from the changes, so the HTTP
 * factory bundles only the check.
 */
export class RevokedUsers {
  private readonly cache = new Map<string, { at: number; revoked: boolean }>();
  /** Moves on with every forget(): a read that straddles a change is not remembered (see CentreStore). */
  private generation = 0;

  constructor(
    protected readonly doc: DynamoDBDocumentClient,
    protected readonly table: string,
    private readonly life: AccessCache = DEFAULT_ACCESS_CACHE,
  ) {}

  /** Has the state disabled this sign-in? Read at most once per `ttlMs` per user in this process. */
  async isRevoked(username: string): Promise<boolean> {
    const hit = this.cache.get(username);
    if (hit && this.life.now() - hit.at < this.life.ttlMs) return hit.revoked;
    const began = this.generation;
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.userRevoked(username) }));
    const revoked = Boolean(Item);
    if (began === this.generation) this.cache.set(username, { at: this.life.now(), revoked });
    // A cache of every user ever seen would only grow in a long-lived process: keep the recent ones.
    if (this.cache.size > 5_000) this.cache.delete(this.cache.keys().next().value as string);
    return revoked;
  }

  /** Forgets what this process read about a user (her access just changed). */
  forget(username: string): void {
    this.generation++;
    this.cache.delete(username);
  }
}

export class UserAccess extends RevokedUsers {
  constructor(
    doc: DynamoDBDocumentClient,
    table: string,
    life: AccessCache = DEFAULT_ACCESS_CACHE,
    /** The process's request check, which must forget her too (functions/lib/deps.ts `revokedUsers`). */
    private readonly checks?: RevokedUsers,
  ) {
    super(doc, table, life);
  }

  async disable(
    username: string,
    input: ChangeUserAccessInput,
    caller: Principal,
    now: Date,
    opts: ChangeOptions = {},
  ): Promise<AccessChange> {
    if (username === caller.username) throw conflict('You cannot disable your own sign-in');
    const at = istTimestamp(now);
    await this.write(
      [
        {
          Put: {
            TableName: this.table,
            Item: { ...keys.userRevoked(username), type: 'REVOKED', username, at, by: caller.username },
          },
        },
        this.accountRequest(username, 'disable', at),
        adminAuditItem(this.table, caller, 'USER_DISABLED', { username, ...reasonOf(input) }, at),
      ],
      opts,
      now,
    );
    this.forget(username);
    this.checks?.forget(username);
    return { username, enabled: false, at };
  }

  async enable(
    username: string,
    input: ChangeUserAccessInput,
    caller: Principal,
    now: Date,
    opts: ChangeOptions = {},
  ): Promise<AccessChange> {
    const at = istTimestamp(now);
    await this.write(
      [
        { Delete: { TableName: this.table, Key: keys.userRevoked(username) } },
        this.accountRequest(username, 'enable', at),
        adminAuditItem(this.table, caller, 'USER_ENABLED', { username, ...reasonOf(input) }, at),
      ],
      opts,
      now,
    );
    this.forget(username);
    this.checks?.forget(username);
    return { username, enabled: true, at };
  }

  /** What the account-sync consumer carries out (the same item shape as a roster's). */
  private accountRequest(username: string, action: 'enable' | 'disable', at: string): TransactItem {
    return {
      Put: {
        TableName: this.table,
        Item: { ...keys.userAccountRequest(username, at, randomUUID()), type: 'ACCOUNT', action, username },
      },
    };
  }

  private async write(items: TransactItem[], opts: ChangeOptions, now: Date): Promise<void> {
    const tx = new Transaction().add(...items);
    await tx.sendSpending(this.doc, this.table, opts, now);
  }
}

// The reason is the state's own note on an account; it names no survivor and stays in the audit only.
const reasonOf = (input: ChangeUserAccessInput) => (input.reason ? { reason: input.reason } : {});

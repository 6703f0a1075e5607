// What one request carries down to the store without threading it through every call: its
// Idempotency-Key. The HTTP factory sets it; CaseStore.change writes the key in the same transaction as the
// request's one change to a case, so a retried request can never apply its change twice.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestIdempotency {
  key: { pk: string; sk: string };
  requestHash: string;
  expiresAt: number;
  /** Set once the key has gone into a transaction: a request makes at most one change. */
  used: boolean;
}

const storage = new AsyncLocalStorage<{ idempotency?: RequestIdempotency }>();

export function withRequestContext<T>(ctx: { idempotency?: RequestIdempotency }, fn: () => Promise<T>): Promise<T> {
  return storage.run(ctx, fn);
}

export const currentIdempotency = (): RequestIdempotency | undefined => storage.getStore()?.idempotency;

/** Thrown when the request's key is already spent: the change was made by an earlier attempt. */
export class AlreadyApplied extends Error {
  constructor() {
    super('This request was already applied');
  }
}

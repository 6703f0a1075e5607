// The queue between roster changes and sign-in accounts. A roster change writes an ACCOUNT item in its own
// transaction (the outbox); the stream dispatcher forwards it to this queue, and account-sync carries it out
// from the queue alone. So the code with Cognito admin rights never reads the table or its stream, where
// survivors' records pass too.
import { createHash } from 'node:crypto';
import type { AccountAction } from './roster.ts';

export interface AccountRequestQueue {
  /**
   * Queues one request. `id` is the ACCOUNT item's sort key, unique per request: a redelivered stream record
   * sends the same id, and the queue keeps one. Requests for one user are carried out in order.
   */
  send(request: AccountAction, id: string): Promise<void>;
}

/** The request alone, from an ACCOUNT item (no keys, no type): what travels on the queue. */
export function accountRequestOf(item: Record<string, unknown>): AccountAction {
  if (item.action === 'create') return { action: 'create', account: item.account as never };
  if (item.action === 'enable' || item.action === 'disable')
    return { action: item.action, username: String(item.username) };
  throw new Error('ACCOUNT item without a known action');
}

/** The user a request is about: requests for one user keep their order (the FIFO message group). */
export function accountRequestGroup(request: AccountAction): string {
  const username = request.action === 'create' ? request.account.username : request.username;
  // Hashed: a group id takes a limited set of characters, and a user name may be an e-mail address.
  return createHash('sha256').update(username).digest('hex').slice(0, 32);
}

/** A queue message body back into a request; throws on anything else (the message then goes to the DLQ). */
export function parseAccountRequest(body: string): AccountAction {
  return accountRequestOf(JSON.parse(body) as Record<string, unknown>);
}

// The read audit: every read of a case (who, what, when) beside the case's own partition, and every list,
// figures, report or export read in a per-day partition. Each item also carries the reader's key in the
// sparse `queue` index (ACTOR#<userId>, then time), so "what did this person read between these days" is one
// query when a breach is suspected, never a scan. Written before the data is returned; ids, case numbers,
// roles and actions only, never personal data.
import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { AlreadyApplied, type IdempotencyClaim, spendItem } from '../core/idempotency.ts';
import * as keys from '../core/keys.ts';
import type { Principal } from '../core/principal.ts';
import { istTimestamp } from '../core/time.ts';
import { named, Transaction } from '../core/transactions.ts';

const actorOf = (p: Principal) => ({ userId: p.userId, username: p.username, role: p.role });

/** What a read that is not of one case was: a list, the figures, a report, a download, an audit query. */
export type ListAction = 'LIST_READ' | 'REPORT_READ' | 'EXPORT' | 'ACCESS_LOG_QUERY';

export class ReadAudit {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Someone read a case (or part of it: `what` is CASE_READ, HISTORY_READ, DOCUMENT_DOWNLOAD...). */
  async caseRead(caseId: string, caller: Principal, what: string, now: Date): Promise<void> {
    const at = istTimestamp(now);
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.read(caseId, at, randomUUID()),
          type: 'READ',
          caseId,
          at,
          actor: actorOf(caller),
          action: what,
          q1pk: keys.actorReads(caller.userId),
          q1sk: keys.actorReadSort(at, caseId),
        },
      }),
    );
  }

  /** Someone listed cases or read figures: the query (filters only), and how many items came back. */
  async listRead(
    caller: Principal,
    query: Record<string, unknown>,
    count: number,
    now: Date,
    action: ListAction = 'LIST_READ',
    idem?: IdempotencyClaim,
  ): Promise<{ at: string }> {
    const at = istTimestamp(now);
    const item = {
      Put: {
        TableName: this.table,
        Item: {
          ...keys.userAudit(at.slice(0, 10), at, randomUUID()),
          type: 'LIST_READ',
          action,
          at,
          actor: actorOf(caller),
          query,
          count,
          q1pk: keys.actorReads(caller.userId),
          q1sk: keys.actorReadSort(at, action),
        },
      },
    };
    // A download recorded from the form spends its Idempotency-Key with it: a retried record is one record.
    if (!idem || idem.spent) {
      await this.doc.send(new PutCommand(item.Put));
      return { at };
    }
    const tx = new Transaction().add(item, named('idempotency', spendItem(this.table, idem, now)));
    try {
      await tx.send(this.doc);
    } catch (err) {
      if (tx.failed(err, 'idempotency')) throw new AlreadyApplied();
      throw err;
    }
    idem.spent = true;
    return { at };
  }
}

// The read audit: every read of a case (who, what, when) in the case's own partition, and every list or
// statistics read in a per-day partition. Written before the data is returned; ids only, no personal data.
import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../core/keys.ts';
import type { Principal } from '../core/principal.ts';
import { istTimestamp } from '../core/time.ts';

const actorOf = (p: Principal) => ({ userId: p.userId, username: p.username, role: p.role });

export class ReadAudit {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Someone read a case (or part of it). */
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
        },
      }),
    );
  }

  /** Someone listed cases or read figures: the query (filters only), and how many items came back. */
  async listRead(caller: Principal, query: Record<string, unknown>, count: number, now: Date): Promise<void> {
    const at = istTimestamp(now);
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.userAudit(at.slice(0, 10), at, randomUUID()),
          type: 'LIST_READ',
          at,
          actor: actorOf(caller),
          query,
          count,
        },
      }),
    );
  }
}

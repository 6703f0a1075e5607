// The daily cap on escalation SMS, per centre: what one client can cost. A flood of high-risk cases at one
// centre (a compromised account, a script) would otherwise send three levels of SMS for each and drain the
// month's SNS spend limit for the whole state in a day. One counter item per centre and IST day, taken
// before sending: the conditional update succeeds only while the day's total stays within the cap, so two
// workflows at once can never both pass the last place. Over the cap, nobody is texted; the escalation is
// recorded and moves on as usual, and the caller raises a metric the operators are alarmed on.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as keys from '../core/keys.ts';
import { TTL_ATTRIBUTE } from '../core/table.ts';
import { istDate } from '../core/time.ts';

/** Counters outlive their day by a week (to look at after an alarm), then DynamoDB removes them. */
const KEEP_SECONDS = 8 * 24 * 3600;

export class SmsBudget {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    /** SMS per centre per IST day. */
    readonly cap: number,
  ) {}

  /**
   * Takes `count` SMS from the centre's budget for the IST day of `at`. True: send them. False: the day's
   * cap would be passed, nothing was taken, send none. (A step retried after a failed send takes again: at
   * least once, like the sending itself.)
   */
  async take(centreId: string, count: number, at: Date): Promise<boolean> {
    if (count <= 0) return true;
    if (count > this.cap) return false;
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.smsBudget(istDate(at), centreId),
          UpdateExpression: 'ADD sent :n SET #ttl = if_not_exists(#ttl, :ttl), centreId = :centre',
          ConditionExpression: 'attribute_not_exists(sent) OR sent <= :room',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: {
            ':n': count,
            ':room': this.cap - count,
            ':ttl': Math.floor(at.getTime() / 1000) + KEEP_SECONDS,
            ':centre': centreId,
          },
        }),
      );
      return true;
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }
}

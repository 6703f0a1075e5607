// The SQS adapter of the account request queue: a FIFO queue, one message group per user (so a disable
// never overtakes the create or enable before it), deduplicated by the ACCOUNT item's key. SendMessage in
// the JSON protocol (aws-json.ts), not the SDK client: the stream dispatcher is its only caller.
import { createHash } from 'node:crypto';
import { type AccountRequestQueue, accountRequestGroup } from '../network/account-requests.ts';
import type { AccountAction } from '../network/roster.ts';
import type { AwsJsonClient } from './aws-json.ts';

export class SqsAccountRequests implements AccountRequestQueue {
  constructor(
    private readonly queueUrl: string,
    private readonly sqs: AwsJsonClient,
  ) {}

  async send(request: AccountAction, id: string): Promise<void> {
    await this.sqs.call('SendMessage', {
      QueueUrl: this.queueUrl,
      MessageBody: JSON.stringify(request),
      MessageGroupId: accountRequestGroup(request),
      // Within SQS's five-minute window, a second send of the same request is dropped.
      MessageDeduplicationId: createHash('sha256').update(id).digest('hex'),
    });
  }
}

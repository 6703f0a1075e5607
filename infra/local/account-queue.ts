// The local stand-in for account-sync's SQS queue: the stream dispatcher's request is handed to the
// account-sync handler at once, as one SQS message in the shape Lambda's SQS event source delivers. A
// reported failure throws, so the dispatcher's stream record fails and is retried (SQS would retry the
// message). Requests are carried out in the order sent, as the FIFO queue does for one user.
import { createHash, randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { type AccountRequestQueue, accountRequestGroup } from '#shared/network/account-requests.ts';
import type { AccountAction } from '#shared/network/roster.ts';

type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

export const LOCAL_ACCOUNT_QUEUE_ARN = 'arn:aws:sqs:ap-south-1:000000000000:local-account-requests.fifo';

export class LocalAccountQueue implements AccountRequestQueue {
  private last: Promise<void> = Promise.resolve();

  constructor(
    private readonly handler: () => Promise<Handler>,
    private readonly context: () => Context,
  ) {}

  send(request: AccountAction, id: string): Promise<void> {
    const run = this.last.then(() => this.deliver(request, id));
    this.last = run.catch(() => undefined);
    return run;
  }

  private async deliver(request: AccountAction, id: string): Promise<void> {
    const body = JSON.stringify(request);
    const messageId = randomUUID();
    const event: SQSEvent = {
      Records: [
        {
          messageId,
          receiptHandle: `local-${messageId}`,
          body,
          attributes: {
            ApproximateReceiveCount: '1',
            SentTimestamp: String(Date.now()),
            SenderId: 'local',
            ApproximateFirstReceiveTimestamp: String(Date.now()),
            MessageGroupId: accountRequestGroup(request),
            MessageDeduplicationId: createHash('sha256').update(id).digest('hex'),
          },
          messageAttributes: {},
          md5OfBody: createHash('md5').update(body).digest('hex'),
          eventSource: 'aws:sqs',
          eventSourceARN: LOCAL_ACCOUNT_QUEUE_ARN,
          awsRegion: 'ap-south-1',
        },
      ],
    };
    const res = await (await this.handler())(event, this.context());
    if (res?.batchItemFailures?.length) throw new Error('account-sync reported the request as failed');
  }
}

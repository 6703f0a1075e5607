// Consumes the table's stream (new ESCALATION and NOTIFICATION items, by the event source's filter): the
// transactional outbox of this system. A change and its "start the workflow" / "send this SMS" request are
// written in one transaction; this handler carries the request out, at least once, and idempotently:
// the workflow execution is named after the escalation, so a redelivered record never starts a second one.
// A failure reports its record, and the stream is retried from there.
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { backgroundHandler } from '../lib/scheduled.ts';
import { deps } from '../lib/deps.ts';
import { workflowStarter } from '../lib/workflow.ts';
import { notifierPort } from '../lib/notifier.ts';
import { logger } from '../lib/observability.ts';
import type { EscalationRecord } from '#shared/escalations.ts';
import type { SmsMessage } from '#shared/sms.ts';

async function dispatch(item: Record<string, unknown>): Promise<void> {
  if (item.type === 'ESCALATION') {
    const e = item as unknown as EscalationRecord;
    if (e.started) return;
    await workflowStarter().start(e.executionName, { caseId: e.caseId, escalationId: e.escalationId, level: 1 });
    await deps().escalations.markStarted(e);
    return;
  }
  if (item.type === 'NOTIFICATION') {
    for (const m of (item.messages ?? []) as SmsMessage[]) await notifierPort().send(m);
  }
}

export const handler = backgroundHandler('stream-dispatcher', async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) continue;
    try {
      await dispatch(unmarshall(record.dynamodb.NewImage as never));
    } catch (err) {
      // The stream is retried from the first failed record on; the ones after it are redelivered too, which
      // is safe because every dispatch is idempotent.
      logger.error('dispatch failed; the record will be retried', { sequenceNumber: record.dynamodb.SequenceNumber, error: (err as Error).name });
      batchItemFailures.push({ itemIdentifier: record.dynamodb.SequenceNumber! });
      break;
    }
  }
  return { batchItemFailures };
});

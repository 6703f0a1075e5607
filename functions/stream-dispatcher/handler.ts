// Consumes the table's stream (new ESCALATION, NOTIFICATION and ACCOUNT items, by the event source's
// filter): the transactional outbox of this system. A change and its "start the workflow" / "send this SMS"
// / "change this sign-in" request are written in one transaction; this handler carries the request out, at
// least once, and idempotently: the workflow execution is named after the escalation, so a redelivered
// record never starts a second one; an account request is forwarded to account-sync's queue, deduplicated
// by its key (account-sync itself may not read the stream: survivors' records pass there too).
// A failure reports its record, and the stream is retried from there.

import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { Language } from '#shared/core/vocabulary.ts';
import type { EscalationRecord } from '#shared/escalations/store.ts';
import { accountRequestOf } from '#shared/network/account-requests.ts';
import type { TemplateName } from '#shared/notifications/sms.ts';
import {
  accountRequests,
  centreStore,
  docClient,
  escalationStore,
  notifier,
  tableName,
  workflowStarter,
} from '../lib/deps.ts';
import { logger, MetricUnit, metrics } from '../lib/observability.ts';
import { backgroundHandler } from '../lib/scheduled.ts';

interface Notification {
  pk: string;
  sk: string;
  centreId: string;
  district?: string;
  template: TemplateName;
  slots: Record<Language, string[]>;
}

async function dispatch(item: Record<string, unknown>): Promise<void> {
  if (item.type === 'ACCOUNT') {
    await accountRequests().send(accountRequestOf(item), String(item.sk));
    return;
  }
  if (item.type === 'ESCALATION') {
    const e = item as unknown as EscalationRecord;
    if (e.started) return;
    await workflowStarter().start(e.executionName, { caseId: e.caseId, escalationId: e.escalationId, level: 1 });
    await escalationStore().markStarted(e);
    return;
  }
  if (item.type === 'NOTIFICATION') {
    const n = item as unknown as Notification;
    // Already sent on an earlier delivery of this record: nothing to do.
    const current = await docClient().send(
      new GetCommand({ TableName: tableName(), Key: { pk: n.pk, sk: n.sk }, ConsistentRead: true }),
    );
    if (!current.Item || current.Item.sentAt) return;
    // The centre's administrators; if the centre has none right now, the district's officers, so a referral
    // is never left unannounced. With nobody at all, it is recorded as undeliverable and the alarm raised.
    const staff = await centreStore().staff(n.centreId);
    let recipients: Array<{ phone: string; language: Language }> = staff.filter(
      (s) => s.active && s.role === 'CENTRE_ADMINISTRATOR' && s.phone,
    );
    if (recipients.length === 0 && n.district)
      recipients = await escalationStore().recipients({ centreId: n.centreId, district: n.district }, 2);
    if (recipients.length === 0) {
      metrics.addMetric('NotificationUndeliverable', MetricUnit.Count, 1);
      logger.error('notification has no recipient', { sk: n.sk });
    }
    for (const r of recipients)
      await notifier().send({
        to: r.phone,
        language: r.language,
        template: n.template,
        slots: n.slots[r.language],
      });
    await docClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: n.pk, sk: n.sk },
        UpdateExpression: 'SET sentAt = :now, recipients = :n',
        ExpressionAttributeValues: { ':now': new Date().toISOString(), ':n': recipients.length },
      }),
    );
  }
}

export const handler = backgroundHandler(
  'stream-dispatcher',
  async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) continue;
      try {
        await dispatch(unmarshall(record.dynamodb.NewImage as never));
      } catch (err) {
        // The stream is retried from the first failed record on; the ones after it are redelivered too, which
        // is safe because every dispatch is idempotent.
        logger.error('dispatch failed; the record will be retried', {
          sequenceNumber: record.dynamodb.SequenceNumber,
          error: (err as Error).name,
        });
        batchItemFailures.push({ itemIdentifier: record.dynamodb.SequenceNumber ?? '' });
        break;
      }
    }
    return { batchItemFailures };
  },
);

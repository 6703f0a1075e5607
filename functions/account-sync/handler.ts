// Consumes ACCOUNT items from the table's stream (written with roster changes): creates, enables or
// disables the staff member's sign-in (Cognito in AWS). Each action is idempotent, so a redelivered record
// does no harm; a failure reports its record, and the stream retries from there.

import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { AccountAction } from '#shared/network/roster.ts';
import { identity } from '../lib/deps.ts';
import { logger } from '../lib/observability.ts';
import { backgroundHandler } from '../lib/scheduled.ts';

export const handler = backgroundHandler(
  'account-sync',
  async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    for (const record of event.Records) {
      if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) continue;
      const request = unmarshall(record.dynamodb.NewImage as never) as AccountAction & { type: string };
      if (request.type !== 'ACCOUNT') continue;
      try {
        if (request.action === 'create') await identity().createAccount(request.account);
        else await identity().setEnabled(request.username, request.action === 'enable');
      } catch (err) {
        logger.error('account change failed; the record will be retried', {
          sequenceNumber: record.dynamodb.SequenceNumber,
          action: request.action,
          error: (err as Error).name,
        });
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb.SequenceNumber ?? '' }] };
      }
    }
    return { batchItemFailures: [] };
  },
);

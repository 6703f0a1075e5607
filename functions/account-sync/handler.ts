// Consumes account requests from its own queue (roster changes write an ACCOUNT item; the stream dispatcher
// forwards it here): creates, enables or disables the staff member's sign-in (Cognito in AWS). This handler
// reads neither the table nor its stream. Each action is idempotent, so a redelivered message does no harm.
// A failure reports its message and every one after it in the batch (a later request for the same user
// must not overtake it); SQS retries them, and after its retries the message waits in the DLQ, which alarms.

import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseAccountRequest } from '#shared/network/account-requests.ts';
import { identity } from '../lib/deps.ts';
import { logger } from '../lib/observability.ts';
import { backgroundHandler } from '../lib/scheduled.ts';

export const handler = backgroundHandler('account-sync', async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const failed: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    if (failed.length) {
      failed.push({ itemIdentifier: record.messageId });
      continue;
    }
    let action: string | undefined;
    try {
      const request = parseAccountRequest(record.body);
      action = request.action;
      if (request.action === 'create') await identity().createAccount(request.account);
      else await identity().setEnabled(request.username, request.action === 'enable');
    } catch (err) {
      logger.error('account change failed; the message will be retried', {
        messageId: record.messageId,
        action,
        error: err as Error,
      });
      failed.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failed };
});

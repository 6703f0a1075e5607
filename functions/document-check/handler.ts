// The upload checker: S3 sends it every object created under cases/ (locally, the S3 stand-in sends the same
// event). Each record's document is settled by shared/documents/check.ts: AVAILABLE when the first bytes and
// the size match what was declared, else REJECTED and the object deleted. An error is re-thrown, so Lambda
// retries the event and then parks it in the dead-letter queue (with an alarm); the sweep checks any upload
// left PENDING.
import type { S3Event } from 'aws-lambda';
import { documentOfKey, eventKey } from '#shared/documents/check.ts';
import { uploadChecker } from '../lib/deps.ts';
import { logger, MetricUnit, metrics } from '../lib/observability.ts';
import { backgroundHandler } from '../lib/scheduled.ts';

export const handler = backgroundHandler('document-check', async (event: S3Event) => {
  const outcomes: string[] = [];
  for (const record of event.Records ?? []) {
    const ids = documentOfKey(eventKey(record.s3.object.key));
    if (!ids) {
      logger.warn('object outside cases/<caseId>/<documentId> ignored');
      continue;
    }
    const outcome = await uploadChecker().settle(
      ids.caseId,
      ids.documentId,
      { versionId: record.s3.object.versionId },
      new Date(),
    );
    logger.info('document checked', { ...ids, outcome });
    metrics.addMetric(`Document${outcome === 'AVAILABLE' ? 'Available' : 'NotAvailable'}`, MetricUnit.Count, 1);
    outcomes.push(outcome);
  }
  return { outcomes };
});

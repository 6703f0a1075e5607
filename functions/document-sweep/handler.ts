// The sweep of uploads whose window has ended (hourly in AWS; locally POST
// /_local/schedules/document-uploads/run): through the sparse uploads queue, never a scan. An upload that
// came is checked (its S3 event may have failed); one that never came is marked EXPIRED.
import { uploadChecker } from '../lib/deps.ts';
import { logger, MetricUnit, metrics } from '../lib/observability.ts';
import { backgroundHandler, type ScheduleEvent, scheduledAt } from '../lib/scheduled.ts';

export const handler = backgroundHandler('document-sweep', async (event: ScheduleEvent) => {
  const result = await uploadChecker().sweep(scheduledAt(event), (ids, err) =>
    logger.warn('upload not settled; tried again next run', { ...ids, error: (err as Error).name }),
  );
  metrics.addMetric('UploadsExpired', MetricUnit.Count, result.outcomes.EXPIRED ?? 0);
  metrics.addMetric('UploadsSweepFailed', MetricUnit.Count, result.failed);
  logger.info('upload sweep done', { due: result.due, failed: result.failed, ...result.outcomes });
  return result;
});

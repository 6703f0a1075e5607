// The daily retention job, fired by EventBridge Scheduler at 02:30 Asia/Kolkata (locally by
// POST /_local/schedules/retention/run): anonymises the cases whose retention period has passed
// (shared/privacy/retention-run.ts). "Now" is the schedule's own time, so a retried run works on its day.
// A case that could not be done is logged by id and retried the next run; any such case fails the run, so
// the schedule's retries and then its dead-letter alarm tell the operators.
import type { Context } from 'aws-lambda';
import { config } from '#shared/core/config.ts';
import { addRetentionPart } from '#shared/privacy/retention-parts.ts';
import { runRetention } from '#shared/privacy/retention-run.ts';
import { caseStore, docClient, documentStore, tableName } from '../lib/deps.ts';

// The case's documents go with her identity: every version of every object, and the items marked DELETED.
addRetentionPart(({ record, at }) => ({
  erase: async () => {
    await documentStore().deleteAllForCase(record.caseId, new Date(at));
  },
}));

import { logger, MetricUnit, metrics } from '../lib/observability.ts';
import { backgroundHandler, type ScheduleEvent, scheduledAt } from '../lib/scheduled.ts';

export const handler = backgroundHandler('retention', async (event: ScheduleEvent, context: Context) => {
  // Stop a minute (at most a fifth of the time) before Lambda's timeout; the cases left wait for the next run
  // (or this run's retry).
  const remaining = context.getRemainingTimeInMillis?.() ?? Number.POSITIVE_INFINITY;
  const result = await runRetention(
    {
      doc: docClient(),
      table: tableName(),
      cases: caseStore(),
      years: config().retentionYears,
      onError: (caseId, err) =>
        logger.warn('case not anonymised; retried next run', { caseId, error: (err as Error).name }),
    },
    scheduledAt(event),
    Date.now() + Math.max(remaining - 60_000, remaining * 0.8),
  );
  metrics.addMetric('CasesAnonymised', MetricUnit.Count, result.anonymised);
  metrics.addMetric('AnonymisationFailed', MetricUnit.Count, result.failed);
  logger.info('retention done', { ...result });
  if (result.failed) throw new Error(`${result.failed} case(s) could not be anonymised`);
  return result;
});

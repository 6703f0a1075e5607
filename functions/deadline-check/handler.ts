// The deadline check, fired by EventBridge Scheduler every 15 minutes in Asia/Kolkata (locally by
// POST /_local/schedules/deadlines/run). "Now" is the schedule's own time from the event, so a retried or
// late invocation decides as of the moment it was meant for; a second run for that moment changes nothing.
import { runDeadlineCheck } from '#shared/milestones/deadline-check.ts';
import { caseStore, docClient, shelterStore, tableName } from '../lib/deps.ts';
import { logger, MetricUnit, metrics } from '../lib/observability.ts';
import { backgroundHandler, type ScheduleEvent, scheduledAt } from '../lib/scheduled.ts';

export const handler = backgroundHandler('deadline-check', async (event: ScheduleEvent) => {
  const result = await runDeadlineCheck(
    {
      doc: docClient(),
      table: tableName(),
      cases: caseStore(),
      shelter: shelterStore(),
      onError: (what, ids, err) =>
        logger.warn(`${what} not done; retried next run`, { ...ids, error: (err as Error).name }),
    },
    scheduledAt(event),
  );
  metrics.addMetric('MilestonesOverdue', MetricUnit.Count, result.overdue);
  metrics.addMetric('DeadlineEscalations', MetricUnit.Count, result.escalated);
  metrics.addMetric('ShelterStaysOverdue', MetricUnit.Count, result.staysOverdue);
  metrics.addMetric('DeadlineCheckFailed', MetricUnit.Count, result.failed);
  logger.info('deadline check done', { ...result });
  // An item that failed stays queued and is tried again in 15 minutes; a failed query fails the run (retried
  // by Scheduler, then the dead-letter queue and its alarm).
  return result;
});

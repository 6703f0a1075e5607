// The daily reminder sweep, fired by EventBridge Scheduler at 09:00 Asia/Kolkata (locally by
// POST /_local/schedules/followup-reminders/run). "Now" is the schedule's own time from the event, so a
// retried or late invocation works on the day it was meant for.
import { config } from '#shared/core/config.ts';
import { sweepReminders } from '#shared/follow-ups/reminder-sweep.ts';
import { caseStore, centreStore, docClient, notifier, tableName } from '../lib/deps.ts';
import { logger, MetricUnit, metrics } from '../lib/observability.ts';
import { backgroundHandler, type ScheduleEvent, scheduledAt } from '../lib/scheduled.ts';

export const handler = backgroundHandler('followup-reminders', async (event: ScheduleEvent) => {
  const result = await sweepReminders(
    {
      doc: docClient(),
      table: tableName(),
      cases: caseStore(),
      centres: centreStore(),
      notifier: notifier(),
      missedAfterDays: config().missedAfterDays,
      onError: (what, ids, err) =>
        logger.warn(`${what} not done; retried next run`, { ...ids, error: (err as Error).name }),
    },
    scheduledAt(event),
  );
  metrics.addMetric('RemindersSent', MetricUnit.Count, result.sent);
  metrics.addMetric('RemindersFailed', MetricUnit.Count, result.failed);
  metrics.addMetric('FollowUpsMissed', MetricUnit.Count, result.missed);
  logger.info('sweep done', { ...result });
  return result;
});

// Monday 10:00 IST (EventBridge Scheduler; locally POST /_local/schedules/weekly-review/run): the weekly
// state review of the week before, stored and announced to the state officials by a link.

import { reports } from '../lib/deps.ts';
import { backgroundHandler, type ScheduleEvent, scheduledAt } from '../lib/scheduled.ts';

export const handler = backgroundHandler('weekly-review', async (event: ScheduleEvent) => {
  const { report, created } = await reports().weekly(scheduledAt(event));
  return { reportId: report.reportId, created };
});

// 1st of each month, 10:00 IST: one report per district for its District Operation Committee, from the
// same counters and code as the weekly review.

import { reports } from '../lib/deps.ts';
import { backgroundHandler, type ScheduleEvent, scheduledAt } from '../lib/scheduled.ts';

export const handler = backgroundHandler('monthly-district-report', async (event: ScheduleEvent) => {
  const result = await reports().monthlyDistrict(scheduledAt(event));
  return { reports: result.reports.length, created: result.created };
});

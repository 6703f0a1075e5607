// 1st of each month, 10:00 IST: one report per district for its District Operation Committee, from the
// same counters and code as the weekly review.

import { reportsService } from '../lib/reports.ts';
import { backgroundHandler, type ScheduleEvent, scheduledAt } from '../lib/scheduled.ts';

export const handler = backgroundHandler('monthly-district-report', async (event: ScheduleEvent) => {
  const { reports, created } = await reportsService().monthlyDistrict(scheduledAt(event));
  return { reports: reports.length, created };
});

// 1st of each month, 10:00 IST: one report per district for its District Operation Committee, from the
// same counters and code as the weekly review.
import { backgroundHandler, scheduledAt, type ScheduleEvent } from '../lib/scheduled.ts';
import { reportsService } from '../lib/reports.ts';

export const handler = backgroundHandler('monthly-district-report', async (event: ScheduleEvent) => {
  const { reports, created } = await reportsService().monthlyDistrict(scheduledAt(event));
  return { reports: reports.length, created };
});

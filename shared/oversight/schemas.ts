// The query schemas of statistics and reports.
import * as z from 'zod/mini';
import { centreIdSchema, text } from '../core/schema-parts.ts';

export const statsQuerySchema = z.strictObject({
  fy: z.optional(
    z.string().check(
      z.regex(/^\d{4}-\d{2}$/),
      z.refine((fy) => (Number(fy.slice(0, 4)) + 1) % 100 === Number(fy.slice(5)), {
        error: 'Must be a financial year such as 2026-27',
      }),
    ),
  ),
  district: z.optional(text(60)),
  centreId: z.optional(centreIdSchema),
});
export type StatsQuery = z.infer<typeof statsQuerySchema>;

export const reportsQuerySchema = z.strictObject({
  district: z.optional(text(60)),
});

// The query schemas of statistics and reports, and the figures of earlier years as the state reported them.
import * as z from 'zod/mini';
import { centreIdSchema, text } from '../core/schema-parts.ts';

/** An Indian financial year as the state writes it: 2026-27. */
export const fySchema = /* @__PURE__ */ (() =>
  z.string().check(
    z.regex(/^\d{4}-\d{2}$/),
    z.refine((fy) => (Number(fy.slice(0, 4)) + 1) % 100 === Number(fy.slice(5)), {
      error: 'Must be a financial year such as 2026-27',
    }),
  ))();

export const statsQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    fy: z.optional(fySchema),
    district: z.optional(text(60)),
    centreId: z.optional(centreIdSchema),
  }))();
export type StatsQuery = z.infer<typeof statsQuerySchema>;

export const reportsQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    district: z.optional(text(60)),
  }))();

const monthSchema = /* @__PURE__ */ (() => z.string().check(z.regex(/^\d{4}-(?:0[1-9]|1[0-2])$/)))();
const countSchema = /* @__PURE__ */ (() => z.int().check(z.minimum(0), z.maximum(10_000_000)))();

/**
 * One figure as the state reported it: registered and resolved in a financial year (or one month of it), for
 * the state (no district, no centre), a district, or a centre. `upToMonth`: the year's figure covers only the
 * months up to this one (a year still running when it was published).
 */
export const reportedFigureSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    fy: fySchema,
    month: z.optional(monthSchema),
    district: z.optional(text(60)),
    centreId: z.optional(centreIdSchema),
    registered: countSchema,
    resolved: countSchema,
    upToMonth: z.optional(monthSchema),
    source: z.optional(text(200)),
  }))();
export type ReportedFigureInput = z.infer<typeof reportedFigureSchema>;

export const recordReportedFiguresSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    figures: z.array(reportedFigureSchema).check(z.minLength(1), z.maxLength(50)),
  }))();
export type RecordReportedFiguresInput = z.infer<typeof recordReportedFiguresSchema>;

export const reportedFiguresQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    fy: z.optional(fySchema),
    district: z.optional(text(60)),
    centreId: z.optional(centreIdSchema),
  }))();
export type ReportedFiguresQuery = z.infer<typeof reportedFiguresQuerySchema>;

// The request schemas of privacy: the access logs' queries, legal hold, and the record of a download.
import * as z from 'zod/mini';
import { isoDate, text } from '../core/schema-parts.ts';

const limit = /* @__PURE__ */ (() => z.optional(z.string().check(z.regex(/^(?:[1-9]|[1-9]\d|100)$/))))();
const cursor = /* @__PURE__ */ (() => z.optional(z.string().check(z.maxLength(1024))))();

export const caseAccessLogQuerySchema = /* @__PURE__ */ (() => z.strictObject({ limit, cursor }))();
export type CaseAccessLogQuery = z.infer<typeof caseAccessLogQuerySchema>;

/** A user id (Cognito `sub`, or a local user's id): letters, digits and a few separators, nothing personal. */
const userId = /* @__PURE__ */ (() => z.string().check(z.trim(), z.regex(/^[A-Za-z0-9._:@-]{1,128}$/)))();

export const accessLogQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    actor: userId,
    /** IST calendar days, both included. */
    from: z.optional(isoDate),
    to: z.optional(isoDate),
    limit,
    cursor,
  }))();
export type AccessLogQuery = z.infer<typeof accessLogQuerySchema>;

export const legalHoldSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    hold: z.boolean(),
    /** Why (a court case pending...): free text, seen by the centre's team only. */
    reason: text(500),
  }))();
export type LegalHoldInput = z.infer<typeof legalHoldSchema>;

export const EXPORT_KINDS = ['OVERSIGHT_CSV', 'REPORT_CSV'] as const;

/** The form tells the API of a download it made itself (a CSV of figures as shown). */
export const recordExportSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    what: z.enum(EXPORT_KINDS),
    /** The file's name: a slug of what, the year and the scope (sakhi-osc-by-centre-fy2026-27-patna). */
    name: z.string().check(z.trim(), z.regex(/^[a-z0-9][a-z0-9._-]{0,149}$/)),
    rows: z.int().check(z.minimum(0), z.maximum(100_000)),
  }))();
export type RecordExportInput = z.infer<typeof recordExportSchema>;

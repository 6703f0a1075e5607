// The request schemas of the go-live imports: the query every import route takes, and the cells of a case row
// that the case body itself does not carry (the register's number and dates, the status, the follow-up
// worker). Everything else in a row is checked with the API's own createCaseSchema / createStaffSchema.
import * as z from 'zod/mini';
import { isoDate, staffIdSchema } from '../core/schema-parts.ts';

export const importQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** `true` (the default) checks every row and writes nothing; `false` imports. */
    dryRun: z.optional(z.enum(['true', 'false'])),
    /** The spreadsheet row of the first row after the header, when a large file is sent in chunks (default 2). */
    firstRow: z.optional(z.string().check(z.regex(/^(?:[2-9]|[1-9]\d{1,6})$/))),
  }))();
export type ImportQuery = z.infer<typeof importQuerySchema>;

/** The statuses a case can be imported in: open, or resolved and still being monitored. */
export const IMPORT_STATUSES = ['REGISTERED', 'IN_PROGRESS', 'RESOLVED', 'MONITORING'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const isResolvedImport = (s: string) => s === 'RESOLVED' || s === 'MONITORING';

/** A register's own number for a case (`145/2025`, `OSC-PAT/2025-26/045`): letters, digits, / - _ . and spaces. */
export const registerNumberSchema = z
  .string()
  .check(z.trim(), z.minLength(1), z.maxLength(40), z.regex(/^[A-Za-z0-9][A-Za-z0-9 /_.-]*$/));

/** The register number as its marker keys it: one spelling however it was typed (spaces, case). */
export const registerKey = (n: string) => n.trim().replace(/\s+/g, ' ').toUpperCase();

/** A date of the register: a day of the calendar, not after the day of the import. */
export const registerDate = (today: string) =>
  isoDate.check(
    z.refine((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || d <= today, {
      error: 'Must not be in the future',
      params: { code: 'future_date' },
    }),
  );

/** The import's own cells of a case row, each checked on its own; rules across cells follow in case-rows.ts. */
export const importedCaseFields = (today: string) =>
  z.strictObject({
    registerNumber: registerNumberSchema,
    registeredOn: registerDate(today),
    status: z.enum(IMPORT_STATUSES),
    resolvedOn: z.optional(registerDate(today)),
    followUpWorkerId: z.optional(staffIdSchema),
  });
export type ImportedCaseFields = z.infer<ReturnType<typeof importedCaseFields>>;

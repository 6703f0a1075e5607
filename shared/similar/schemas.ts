// The request schema of linking two cases of one centre (the same woman's visits).
import * as z from 'zod/mini';

/** Case ids are UUIDs. */
export const caseIdSchema = /* @__PURE__ */ (() =>
  z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)))();

export const linkCaseSchema = /* @__PURE__ */ (() => z.strictObject({ caseId: caseIdSchema }))();
export type LinkCaseInput = z.infer<typeof linkCaseSchema>;

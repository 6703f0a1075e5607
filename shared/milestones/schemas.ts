// The request schemas of legal and protection milestones. The reference each type carries (an FIR's number
// and police station, an MLC number...) is checked against the table in rules.ts, at its own field.
import * as z from 'zod/mini';
import { text } from '../core/schema-parts.ts';
import { MILESTONE_TYPES } from '../core/vocabulary.ts';
import { referenceProblems } from './rules.ts';

/** Partners are named by the partner directory's ids: a slug, no personal data. */
const partnerIdSchema = /* @__PURE__ */ (() => z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/)))();

export const milestoneReferenceSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    number: z.optional(text(40)),
    policeStation: z.optional(text(80)),
    court: z.optional(text(120)),
  }))();

export const recordMilestoneSchema = z
  .strictObject({
    type: z.enum(MILESTONE_TYPES),
    /** When it happened (or, for a hearing, when it will): ISO 8601 with offset; default now. */
    at: z.optional(z.iso.datetime({ offset: true })),
    reference: z.optional(milestoneReferenceSchema),
    partnerId: z.optional(partnerIdSchema),
    note: z.optional(text(1000)),
  })
  .check(
    z.superRefine((m, ctx) => {
      for (const p of referenceProblems(m.type, m.reference)) {
        ctx.addIssue({ code: 'custom', path: p.path, message: p.message, input: m.reference?.[p.path[1]] });
      }
    }),
  );
export type RecordMilestoneInput = z.infer<typeof recordMilestoneSchema>;

export const overdueMilestonesQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    district: z.optional(text(60)),
  }))();
export type OverdueMilestonesQuery = z.infer<typeof overdueMilestonesQuerySchema>;

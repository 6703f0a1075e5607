// The request schemas of resolution and follow-ups.
import * as z from 'zod/mini';
import { staffIdSchema, text } from '../core/schema-parts.ts';
import { FOLLOW_UP_OUTCOMES } from '../core/vocabulary.ts';

export const resolveCaseSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    outcome: text(500),
    followUpWorkerId: staffIdSchema,
    note: z.optional(text(1000)),
  }))();
export type ResolveCaseInput = z.infer<typeof resolveCaseSchema>;

export const recordFollowUpSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    outcome: z.enum(FOLLOW_UP_OUTCOMES),
    note: z.optional(text(1000)),
  }))();
export type RecordFollowUpInput = z.infer<typeof recordFollowUpSchema>;

/** Settling a follow-up that was past due when its case was imported (a decision, with an optional note). */
export const settleFollowUpSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    note: z.optional(text(1000)),
  }))();
export type SettleFollowUpInput = z.infer<typeof settleFollowUpSchema>;

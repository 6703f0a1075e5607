// The request schemas of escalations.
import * as z from 'zod/mini';
import { text } from '../core/schema-parts.ts';
import { REQUESTABLE_ESCALATION_REASONS } from '../core/vocabulary.ts';

export const startEscalationSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    reason: z.enum(REQUESTABLE_ESCALATION_REASONS),
    note: z.optional(text(1000)),
  }))();
export type StartEscalationInput = z.infer<typeof startEscalationSchema>;

export const acknowledgeEscalationSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    note: z.optional(text(1000)),
  }))();

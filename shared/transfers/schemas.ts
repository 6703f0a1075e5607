// The request schemas of transfers between centres.
import * as z from 'zod/mini';
import { centreIdSchema, staffIdSchema, text } from '../core/schema-parts.ts';

export const TRANSFER_STATUSES = ['PENDING', 'ACCEPTED', 'DECLINED', 'CANCELLED'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
export const TRANSFER_DIRECTIONS = ['incoming', 'outgoing'] as const;

export const requestTransferSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    toCentreId: centreIdSchema,
    reason: text(1000),
  }))();
export type RequestTransferInput = z.infer<typeof requestTransferSchema>;

export const acceptTransferSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** Who follows her up at the receiving centre: required when the case has follow-ups still to do. */
    followUpWorkerId: z.optional(staffIdSchema),
  }))();
export type AcceptTransferInput = z.infer<typeof acceptTransferSchema>;

export const declineTransferSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    reason: text(1000),
  }))();
export type DeclineTransferInput = z.infer<typeof declineTransferSchema>;

export const cancelTransferSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    reason: z.optional(text(1000)),
  }))();
export type CancelTransferInput = z.infer<typeof cancelTransferSchema>;

export const listTransfersQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    direction: z.optional(z.enum(TRANSFER_DIRECTIONS)),
    status: z.optional(z.enum(TRANSFER_STATUSES)),
  }))();
export type ListTransfersQuery = z.infer<typeof listTransfersQuerySchema>;

// The request schemas of the partner directory and of onward referrals to partners.
import * as z from 'zod/mini';
import { text } from '../core/schema-parts.ts';
import { ALL_SUBTYPES, PARTNER_KINDS, REFERRAL_BASES, REFERRAL_UPDATES, subtypesOf } from './rules.ts';

/** A partner's number: a mobile, a landline with its STD code, or a short helpline number. */
export const partnerPhone = /* @__PURE__ */ (() => z.string().check(z.trim(), z.regex(/^\+?[0-9][0-9 -]{2,19}$/)))();
/** Partner ids are `<district-slug>-<8 hex>`: the district they are filed under, no personal data. */
export const partnerIdSchema = /* @__PURE__ */ (() => z.string().check(z.regex(/^[a-z][a-z-]{1,40}-[0-9a-f]{8}$/)))();

const subtypeFits = (p: { kind?: string; subtype?: string }) =>
  p.subtype === undefined || p.kind === undefined || subtypesOf(p.kind).includes(p.subtype);

export const createPartnerSchema = z
  .strictObject({
    name: text(160),
    kind: z.enum(PARTNER_KINDS),
    subtype: z.optional(z.enum(ALL_SUBTYPES)),
    district: text(60),
    phone: z.optional(partnerPhone),
    address: z.optional(text(300)),
  })
  .check(z.refine(subtypeFits, { path: ['subtype'], error: 'Not a kind of this partner' }));
export type CreatePartnerInput = z.infer<typeof createPartnerSchema>;

/** An edit: any field; `active: false` takes a stale entry out of the pickers (it stays on old referrals). */
export const updatePartnerSchema = z
  .strictObject({
    name: z.optional(text(160)),
    kind: z.optional(z.enum(PARTNER_KINDS)),
    subtype: z.optional(z.enum(ALL_SUBTYPES)),
    phone: z.optional(partnerPhone),
    address: z.optional(text(300)),
    active: z.optional(z.boolean()),
  })
  .check(z.refine(subtypeFits, { path: ['subtype'], error: 'Not a kind of this partner' }));
export type UpdatePartnerInput = z.infer<typeof updatePartnerSchema>;

export const listPartnersQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    district: z.optional(text(60)),
    kind: z.optional(z.enum(PARTNER_KINDS)),
    /** Deactivated entries too (for those who keep the directory). */
    includeInactive: z.optional(z.enum(['true', 'false'])),
  }))();
export type ListPartnersQuery = z.infer<typeof listPartnersQuerySchema>;

export const createPartnerReferralSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    partnerId: partnerIdSchema,
    purpose: z.optional(text(300)),
    basis: z.enum(REFERRAL_BASES),
    note: z.optional(text(1000)),
  }))();
export type CreatePartnerReferralInput = z.infer<typeof createPartnerReferralSchema>;

export const updatePartnerReferralSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    status: z.enum(REFERRAL_UPDATES),
    note: z.optional(text(1000)),
  }))();
export type UpdatePartnerReferralInput = z.infer<typeof updatePartnerReferralSchema>;

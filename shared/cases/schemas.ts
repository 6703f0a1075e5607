// The request schemas of cases: registration (by staff and by the 181 / 112 control rooms), services,
// status changes and the case list's query.
import * as z from 'zod/mini';
import { centreIdSchema, indianMobile, isoDate, nonEmptyUnique, text, unique } from '../core/schema-parts.ts';
import {
  CASE_STATUSES,
  CATEGORIES,
  REFERRAL_SOURCES,
  RELATIONSHIPS,
  RISK_LEVELS,
  SERVICES,
} from '../core/vocabulary.ts';
import { NOTICE_LANGUAGES } from '../privacy/wording.ts';

export const survivorSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    name: text(120),
    age: z.int().check(z.minimum(0), z.maximum(120)),
    phone: z.optional(indianMobile),
    safeToContact: z.boolean(),
    district: z.optional(text(60)),
    address: z.optional(text(500)),
  }))();

export const incidentSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    categories: nonEmptyUnique(z.enum(CATEGORIES), CATEGORIES.length),
    date: z.optional(isoDate),
    perpetratorRelationship: z.optional(z.enum(RELATIONSHIPS)),
    description: z.optional(text(4000)),
  }))();

const referenceSchema = /* @__PURE__ */ (() =>
  z.string().check(z.trim(), z.regex(/^[A-Za-z0-9][A-Za-z0-9/_-]{2,63}$/)))();

export const referralSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    source: z.enum(REFERRAL_SOURCES),
    reference: z.optional(referenceSchema),
  }))();

export const consentSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    services: z.boolean(),
    shareWithPolice: z.boolean(),
    contactByPhone: z.boolean(),
  }))();

const servicesNeededSchema = /* @__PURE__ */ (() => unique(z.enum(SERVICES), SERVICES.length))();

/**
 * The privacy notice was given to her at registration, in this language (by the registering user). Optional,
 * so API clients of before keep working: a case registered without it records the notice as still to be
 * given at first contact, as a 181 / 112 referral always does (a control room cannot give it).
 */
export const noticeSchema = /* @__PURE__ */ (() => z.strictObject({ language: z.enum(NOTICE_LANGUAGES) }))();

export const createCaseSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    centreId: z.optional(centreIdSchema),
    survivor: survivorSchema,
    incident: incidentSchema,
    referral: referralSchema,
    servicesNeeded: servicesNeededSchema,
    consent: consentSchema,
    riskLevel: z.enum(RISK_LEVELS),
    notice: z.optional(noticeSchema),
  }))();
export type CreateCaseInput = z.infer<typeof createCaseSchema>;

/** A referral from the 181 helpline or 112 ERSS control room: strict, and always with its reference. */
export const referralCaseSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    centreId: z.optional(centreIdSchema),
    survivor: survivorSchema,
    incident: incidentSchema,
    referral: z.strictObject({
      source: z.enum(['HELPLINE_181', 'ERSS_112']),
      reference: referenceSchema,
    }),
    servicesNeeded: servicesNeededSchema,
    consent: consentSchema,
    riskLevel: z.enum(RISK_LEVELS),
  }))();
export type ReferralCaseInput = z.infer<typeof referralCaseSchema>;

export const recordServiceSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    type: z.enum(SERVICES),
    note: z.optional(text(1000)),
  }))();
export type RecordServiceInput = z.infer<typeof recordServiceSchema>;

export const changeStatusSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    status: z.enum(CASE_STATUSES),
    note: z.optional(text(1000)),
  }))();
export type ChangeStatusInput = z.infer<typeof changeStatusSchema>;

export const listCasesQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    status: z.optional(z.enum(CASE_STATUSES)),
    caseNumber: z.optional(z.string().check(z.trim(), z.regex(/^[A-Z0-9]{2,8}\/\d{4}-\d{2}\/\d{5}$/))),
    centreId: z.optional(centreIdSchema),
    district: z.optional(text(60)),
    limit: z.optional(z.string().check(z.regex(/^(?:[1-9]|[1-9]\d|100)$/))),
    cursor: z.optional(z.string().check(z.maxLength(1024))),
  }))();
export type ListCasesQuery = z.infer<typeof listCasesQuerySchema>;

/**
 * A correction of her details: any of them, with the reason. `null` takes an optional detail out (a phone
 * that is not hers or not safe any more). The reason is free text: her centre's team reads it, oversight never.
 */
const s = survivorSchema.shape;
export const correctCaseSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    survivor: z.strictObject({
      name: z.optional(s.name),
      age: z.optional(s.age),
      phone: z.optional(z.nullable(indianMobile)),
      safeToContact: z.optional(s.safeToContact),
      district: z.optional(z.nullable(text(60))),
      address: z.optional(z.nullable(text(500))),
    }),
    reason: text(500),
  }))();
export type CorrectCaseInput = z.infer<typeof correctCaseSchema>;

/** Her consent, changed: the flags given are set (at least one), each change dated in the history. */
export const changeConsentSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    services: z.optional(z.boolean()),
    shareWithPolice: z.optional(z.boolean()),
    contactByPhone: z.optional(z.boolean()),
    note: z.optional(text(1000)),
  }))();
export type ChangeConsentInput = z.infer<typeof changeConsentSchema>;

// The single source of validation: these schemas validate requests in every handler, give the TypeScript
// types, become API Gateway request models and the OpenAPI document, and validate the staff form in the browser.
// The vocabulary (categories, sources, statuses...) lives in vocabulary.ts without zod, so code that only
// needs the words (statistics, GET handlers) does not carry the validator.
// zod/mini rather than classic zod: the same checks at a fifth of the bundle cost (see README, "What each
// import costs").
import * as z from 'zod/mini';

export * from './vocabulary.ts';
import {
  CASE_STATUSES,
  CATEGORIES,
  CENTRE_STATUSES,
  ESCALATION_REASONS,
  FOLLOW_UP_OUTCOMES,
  LANGUAGES,
  REFERRAL_SOURCES,
  RELATIONSHIPS,
  RISK_LEVELS,
  SERVICES,
  STAFF_ROLES,
} from './vocabulary.ts';

// ---- building blocks -------------------------------------------------------------------------------------
const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
/** An Indian mobile number in E.164 form. */
export const indianMobile = z.string().check(z.regex(/^\+91[6-9]\d{9}$/));
const isoDate = z.iso.date();
/** Centre ids look like `osc-patna-1`: lowercase slug, no personal data, safe in URLs and logs. */
export const centreIdSchema = z.string().check(z.regex(/^osc-[a-z0-9-]{2,60}$/));
const nonEmptyUnique = <T extends z.ZodMiniType>(item: T, max: number) =>
  z.array(item).check(
    z.minLength(1),
    z.maxLength(max),
    z.refine((xs) => new Set(xs as unknown[]).size === xs.length, { error: 'Each value may appear only once' }),
  );

export const survivorSchema = z.strictObject({
  name: text(120),
  age: z.int().check(z.minimum(0), z.maximum(120)),
  phone: z.optional(indianMobile),
  safeToContact: z.boolean(),
  district: z.optional(text(60)),
  address: z.optional(text(500)),
});

export const incidentSchema = z.strictObject({
  categories: nonEmptyUnique(z.enum(CATEGORIES), CATEGORIES.length),
  date: z.optional(isoDate),
  perpetratorRelationship: z.optional(z.enum(RELATIONSHIPS)),
  description: z.optional(text(4000)),
});

export const referralSchema = z.strictObject({
  source: z.enum(REFERRAL_SOURCES),
  reference: z.optional(z.string().check(z.trim(), z.regex(/^[A-Za-z0-9][A-Za-z0-9/_-]{2,63}$/))),
});

export const consentSchema = z.strictObject({
  services: z.boolean(),
  shareWithPolice: z.boolean(),
  contactByPhone: z.boolean(),
});

export const createCaseSchema = z.strictObject({
  centreId: z.optional(centreIdSchema),
  survivor: survivorSchema,
  incident: incidentSchema,
  referral: referralSchema,
  servicesNeeded: z.array(z.enum(SERVICES)).check(
    z.maxLength(SERVICES.length),
    z.refine((xs) => new Set(xs).size === xs.length, { error: 'Each value may appear only once' }),
  ),
  consent: consentSchema,
  riskLevel: z.enum(RISK_LEVELS),
});
export type CreateCaseInput = z.infer<typeof createCaseSchema>;

export const recordServiceSchema = z.strictObject({
  type: z.enum(SERVICES),
  note: z.optional(text(1000)),
});
export type RecordServiceInput = z.infer<typeof recordServiceSchema>;

export const changeStatusSchema = z.strictObject({
  status: z.enum(CASE_STATUSES),
  note: z.optional(text(1000)),
});
export type ChangeStatusInput = z.infer<typeof changeStatusSchema>;

export const resolveCaseSchema = z.strictObject({
  outcome: text(500),
  followUpWorkerId: z.string().check(z.regex(/^[a-z0-9-]{2,64}$/)),
  note: z.optional(text(1000)),
});
export type ResolveCaseInput = z.infer<typeof resolveCaseSchema>;

export const recordFollowUpSchema = z.strictObject({
  outcome: z.enum(FOLLOW_UP_OUTCOMES),
  note: z.optional(text(1000)),
});
export type RecordFollowUpInput = z.infer<typeof recordFollowUpSchema>;

export const startEscalationSchema = z.strictObject({
  reason: z.enum(ESCALATION_REASONS),
  note: z.optional(text(1000)),
});
export type StartEscalationInput = z.infer<typeof startEscalationSchema>;

export const acknowledgeEscalationSchema = z.strictObject({
  note: z.optional(text(1000)),
});

export const listCasesQuerySchema = z.strictObject({
  status: z.optional(z.enum(CASE_STATUSES)),
  caseNumber: z.optional(z.string().check(z.trim(), z.regex(/^[A-Z0-9]{2,8}\/\d{4}-\d{2}\/\d{5}$/))),
  centreId: z.optional(centreIdSchema),
  district: z.optional(text(60)),
  limit: z.optional(z.string().check(z.regex(/^(?:[1-9]|[1-9]\d|100)$/))),
  cursor: z.optional(z.string().check(z.maxLength(1024))),
});
export type ListCasesQuery = z.infer<typeof listCasesQuerySchema>;

export const statsQuerySchema = z.strictObject({
  fy: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}$/), z.refine((fy) => (Number(fy.slice(0, 4)) + 1) % 100 === Number(fy.slice(5)), { error: 'Must be a financial year such as 2026-27' }))),
  district: z.optional(text(60)),
  centreId: z.optional(centreIdSchema),
});
export type StatsQuery = z.infer<typeof statsQuerySchema>;

export const reportsQuerySchema = z.strictObject({
  district: z.optional(text(60)),
});

/** A referral from the 181 helpline or 112 ERSS control room: strict, and always with its reference. */
export const referralCaseSchema = z.strictObject({
  centreId: z.optional(centreIdSchema),
  survivor: survivorSchema,
  incident: incidentSchema,
  referral: z.strictObject({
    source: z.enum(['HELPLINE_181', 'ERSS_112']),
    reference: z.string().check(z.trim(), z.regex(/^[A-Za-z0-9][A-Za-z0-9/_-]{2,63}$/)),
  }),
  servicesNeeded: createCaseSchema.shape.servicesNeeded,
  consent: consentSchema,
  riskLevel: z.enum(RISK_LEVELS),
});
export type ReferralCaseInput = z.infer<typeof referralCaseSchema>;

export const createCentreSchema = z.strictObject({
  name: text(120),
  district: text(60),
  subdivision: text(60),
  status: z.enum(CENTRE_STATUSES),
});
export type CreateCentreInput = z.infer<typeof createCentreSchema>;

export const updateCentreSchema = z.strictObject({
  name: z.optional(text(120)),
  subdivision: z.optional(text(60)),
  status: z.optional(z.enum(CENTRE_STATUSES)),
});
export type UpdateCentreInput = z.infer<typeof updateCentreSchema>;

export const createStaffSchema = z.strictObject({
  name: text(120),
  role: z.enum(STAFF_ROLES),
  phone: indianMobile,
  language: z.enum(LANGUAGES),
  /** A sign-in account for the case system (guards and cooks need none). */
  systemAccess: z.optional(z.enum(['none', 'centre-staff', 'centre-admin'])),
  email: z.optional(z.string().check(z.trim(), z.maxLength(254), z.regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/))),
}).check(
  // A sign-in account is an e-mail invitation (Cognito): without an address she could never sign in.
  z.refine((s) => !s.systemAccess || s.systemAccess === 'none' || Boolean(s.email), { path: ['email'], error: 'Required for a staff member with a sign-in' }),
);

export type CreateStaffInput = z.infer<typeof createStaffSchema>;

export const updateStaffSchema = z.strictObject({
  name: z.optional(text(120)),
  role: z.optional(z.enum(STAFF_ROLES)),
  phone: z.optional(indianMobile),
  language: z.optional(z.enum(LANGUAGES)),
  active: z.optional(z.boolean()),
  /** When deactivating: the colleague who takes over her pending follow-ups. */
  reassignTo: z.optional(z.string().check(z.regex(/^[a-z0-9-]{2,64}$/))),
});
export type UpdateStaffInput = z.infer<typeof updateStaffSchema>;

/** The request schemas by name: the route table points at these, and the OpenAPI/API Gateway models use them. */
export const requestSchemas = {
  CreateCase: createCaseSchema,
  RecordService: recordServiceSchema,
  ChangeStatus: changeStatusSchema,
  ResolveCase: resolveCaseSchema,
  RecordFollowUp: recordFollowUpSchema,
  StartEscalation: startEscalationSchema,
  AcknowledgeEscalation: acknowledgeEscalationSchema,
  ReferralCase: referralCaseSchema,
  CreateCentre: createCentreSchema,
  UpdateCentre: updateCentreSchema,
  CreateStaff: createStaffSchema,
  UpdateStaff: updateStaffSchema,
} as const;
export type RequestSchemaName = keyof typeof requestSchemas;

export const querySchemas = {
  ListCases: listCasesQuerySchema,
  Stats: statsQuerySchema,
  Reports: reportsQuerySchema,
} as const;
export type QuerySchemaName = keyof typeof querySchemas;

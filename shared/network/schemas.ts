// The request schemas of centres and their rosters.
import * as z from 'zod/mini';
import { indianMobile, staffIdSchema, text } from '../core/schema-parts.ts';
import { CENTRE_STATUSES, LANGUAGES, STAFF_ROLES } from '../core/vocabulary.ts';

export const createCentreSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    name: text(120),
    district: text(60),
    subdivision: text(60),
    status: z.enum(CENTRE_STATUSES),
  }))();
export type CreateCentreInput = z.infer<typeof createCentreSchema>;

export const updateCentreSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    name: z.optional(text(120)),
    subdivision: z.optional(text(60)),
    status: z.optional(z.enum(CENTRE_STATUSES)),
  }))();
export type UpdateCentreInput = z.infer<typeof updateCentreSchema>;

export const SIGN_IN_MISMATCH =
  'The centre-admin sign-in is for the Centre Administrator only, and hers is the centre-admin sign-in';

/** Does a sign-in (none, centre-staff, centre-admin) fit a roster role? centre-admin ⇔ CENTRE_ADMINISTRATOR. */
export function signInFitsRole(role: string, access: string | undefined): boolean {
  if (!access || access === 'none') return true;
  return (access === 'centre-admin') === (role === 'CENTRE_ADMINISTRATOR');
}

export const createStaffSchema = z
  .strictObject({
    name: text(120),
    role: z.enum(STAFF_ROLES),
    phone: indianMobile,
    language: z.enum(LANGUAGES),
    /** A sign-in account for the case system (guards and cooks need none). */
    systemAccess: z.optional(z.enum(['none', 'centre-staff', 'centre-admin'])),
    email: z.optional(
      z
        .string()
        .check(z.trim(), z.maxLength(254), z.regex(/^[^@\s\p{Cf}\p{Cc}]+@[^@\s\p{Cf}\p{Cc}]+\.[^@\s\p{Cf}\p{Cc}]+$/u)),
    ),
  })
  .check(
    // A sign-in account is an e-mail invitation (Cognito): without an address she could never sign in.
    z.refine((s) => !s.systemAccess || s.systemAccess === 'none' || Boolean(s.email), {
      path: ['email'],
      error: 'Required for a staff member with a sign-in',
    }),
    // Level-1 escalation SMS go to the roster's Centre Administrator, and only a centre-admin sign-in can
    // acknowledge them: the two must be the same person.
    z.refine((s) => signInFitsRole(s.role, s.systemAccess), { path: ['systemAccess'], error: SIGN_IN_MISMATCH }),
  );
export type CreateStaffInput = z.infer<typeof createStaffSchema>;

export const updateStaffSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    name: z.optional(text(120)),
    role: z.optional(z.enum(STAFF_ROLES)),
    phone: z.optional(indianMobile),
    language: z.optional(z.enum(LANGUAGES)),
    active: z.optional(z.boolean()),
    /** When deactivating: the colleague who takes over her pending follow-ups. */
    reassignTo: z.optional(staffIdSchema),
  }))();
export type UpdateStaffInput = z.infer<typeof updateStaffSchema>;

/** Cognito usernames as this system makes them (staff ids, `officer.patna`, e-mail addresses). */
export const USERNAME = /^[A-Za-z0-9._@+-]{1,128}$/;

/** Disabling or enabling a sign-in (district and state users; centre staff go through their roster). */
export const changeUserAccessSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    reason: z.optional(text(500)),
  }))();
export type ChangeUserAccessInput = z.infer<typeof changeUserAccessSchema>;

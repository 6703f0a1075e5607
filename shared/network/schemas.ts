// The request schemas of centres and their rosters.
import * as z from 'zod/mini';
import { indianMobile, staffIdSchema, text } from '../core/schema-parts.ts';
import { CENTRE_STATUSES, LANGUAGES, STAFF_ROLES } from '../core/vocabulary.ts';

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
  );
export type CreateStaffInput = z.infer<typeof createStaffSchema>;

export const updateStaffSchema = z.strictObject({
  name: z.optional(text(120)),
  role: z.optional(z.enum(STAFF_ROLES)),
  phone: z.optional(indianMobile),
  language: z.optional(z.enum(LANGUAGES)),
  active: z.optional(z.boolean()),
  /** When deactivating: the colleague who takes over her pending follow-ups. */
  reassignTo: z.optional(staffIdSchema),
});
export type UpdateStaffInput = z.infer<typeof updateStaffSchema>;

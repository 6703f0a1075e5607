// The request schemas of shelter stays: admission (with the children who stay with her) and discharge.
import * as z from 'zod/mini';
import { text } from '../core/schema-parts.ts';
import { CHILD_SEXES, SHELTER_DESTINATIONS } from '../core/vocabulary.ts';
import { BOY_MAX_AGE, CHILD_MAX_AGE, mayStayWithHer } from './rules.ts';

export const shelterChildSchema = z
  .strictObject({
    age: z.int().check(z.minimum(0), z.maximum(CHILD_MAX_AGE)),
    sex: z.enum(CHILD_SEXES),
  })
  .check(
    // At the age, so the 400 names `children.N.age`.
    z.refine((c) => mayStayWithHer(c), {
      path: ['age'],
      error: `Boys older than ${BOY_MAX_AGE} cannot stay in the centre's shelter`,
    }),
  );

export const admitShelterSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    children: z.optional(z.array(shelterChildSchema).check(z.maxLength(10))),
    note: z.optional(text(1000)),
    /** Why this stay goes beyond the default length (Bihar: special cases, up to 10 days). */
    extendedReason: z.optional(text(500)),
    /** Days of the stay; above the default only with extendedReason, never above the stage's maximum. */
    days: z.optional(z.int().check(z.minimum(1), z.maximum(31))),
  }))();
export type AdmitShelterInput = z.infer<typeof admitShelterSchema>;

export const dischargeShelterSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    destination: z.enum(SHELTER_DESTINATIONS),
    note: z.optional(text(1000)),
  }))();
export type DischargeShelterInput = z.infer<typeof dischargeShelterSchema>;

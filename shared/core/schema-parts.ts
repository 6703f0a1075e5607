// Building blocks of the request schemas, shared by every feature's schemas.ts: trimmed text with a limit,
// an Indian mobile number, an ISO date, a centre id, a list of unique values.
// zod/mini rather than classic zod: the same checks at a fifth of the bundle cost (see README, "What each
// import costs").
import * as z from 'zod/mini';

export const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
/** An Indian mobile number in E.164 form. */
export const indianMobile = z.string().check(z.regex(/^\+91[6-9]\d{9}$/));
export const isoDate = z.iso.date();
/** Centre ids look like `osc-patna-1`: lowercase slug, no personal data, safe in URLs and logs. */
export const centreIdSchema = z.string().check(z.regex(/^osc-[a-z0-9-]{2,60}$/));
/** Staff ids: lowercase slug, no personal data. */
export const staffIdSchema = z.string().check(z.regex(/^[a-z0-9-]{2,64}$/));
export const nonEmptyUnique = <T extends z.ZodMiniType>(item: T, max: number) =>
  z.array(item).check(
    z.minLength(1),
    z.maxLength(max),
    z.refine((xs) => new Set(xs as unknown[]).size === xs.length, { error: 'Each value may appear only once' }),
  );
export const unique = <T extends z.ZodMiniType>(item: T, max: number) =>
  z.array(item).check(
    z.maxLength(max),
    z.refine((xs) => new Set(xs as unknown[]).size === xs.length, { error: 'Each value may appear only once' }),
  );

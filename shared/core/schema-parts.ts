// Building blocks of the request schemas, shared by every feature's schemas.ts: trimmed text with a limit,
// an Indian mobile number, an ISO date, a centre id, a list of unique values.
// zod/mini rather than classic zod: the same checks at a fifth of the bundle cost (see README, "What each
// import costs").
import * as z from 'zod/mini';

/**
 * What does not show on a page: white space, format characters (zero-width space U+200B, joiners U+200C/D,
 * word joiner U+2060, BOM U+FEFF, bidi marks), control characters, combining marks with nothing to sit on,
 * and the "blank" letters (Hangul fillers, the blank Braille pattern). A Hindi name keeps its marks, since
 * they come with letters; a text with no visible character at all is no text.
 */
const INVISIBLE = /[\s\p{Cf}\p{Cc}\p{Z}\p{M}\u115F\u1160\u3164\uFFA0\u2800]/gu;
export const hasVisibleText = (s: string): boolean => s.replace(INVISIBLE, '') !== '';

/**
 * Free text: trimmed, required (a text of only invisible characters counts as empty, so it reads as
 * "required" like an empty one), at most `max` characters.
 */
export const text = (max: number) =>
  z.string().check(
    z.trim(),
    z.overwrite((s) => (hasVisibleText(s) ? s : '')),
    z.minLength(1),
    z.maxLength(max),
  );
/** An Indian mobile number in E.164 form. */
export const indianMobile = /* @__PURE__ */ (() => z.string().check(z.regex(/^\+91[6-9]\d{9}$/)))();
export const isoDate = /* @__PURE__ */ (() => z.iso.date())();
/** Centre ids look like `osc-patna-1`: lowercase slug, no personal data, safe in URLs and logs. */
export const centreIdSchema = /* @__PURE__ */ (() => z.string().check(z.regex(/^osc-[a-z0-9-]{2,60}$/)))();
/** Staff ids: lowercase slug, no personal data. */
export const staffIdSchema = /* @__PURE__ */ (() => z.string().check(z.regex(/^[a-z0-9-]{2,64}$/)))();
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

// The correction form's values: what the case has, as the fields show it, and back again as the API body with
// only the details that differ (a cleared optional detail is `null`: taken off the case). Kept apart from the
// panel so the conversion can be tested on its own; the shared CorrectCase schema then checks the result.
import { normalisePhone } from '../../format.ts';
import type { CaseView } from '../../types.ts';

export type EditValues = {
  'survivor.name': string;
  'survivor.age': string;
  'survivor.phone': string;
  'survivor.safeToContact': boolean;
  'survivor.district': string;
  'survivor.address': string;
  reason: string;
};

type Survivor = NonNullable<CaseView['survivor']>;

export const initialOf = (s: Survivor): EditValues => ({
  'survivor.name': s.name,
  'survivor.age': String(s.age),
  'survivor.phone': s.phone?.replace(/^\+91/, '') ?? '',
  'survivor.safeToContact': s.safeToContact,
  'survivor.district': s.district ?? '',
  'survivor.address': s.address ?? '',
  reason: '',
});

/** Typed digits become a number; anything else goes to the schema as typed, which names it an invalid age. */
const ageOf = (typed: string): unknown => (/^\d{1,3}$/.test(typed.trim()) ? Number(typed.trim()) : typed.trim());

/** Only what differs from the case: a cleared optional detail is `null` (taken off the case). */
export function correctionBody(s: Survivor, v: EditValues): { survivor: Record<string, unknown>; reason: string } {
  const survivor: Record<string, unknown> = {};
  const name = v['survivor.name'].trim();
  if (name !== s.name) survivor.name = name;
  const age = ageOf(v['survivor.age']);
  if (age !== s.age) survivor.age = age;
  const phone = normalisePhone(v['survivor.phone']);
  if (phone !== s.phone) survivor.phone = phone ?? null;
  if (v['survivor.safeToContact'] !== s.safeToContact) survivor.safeToContact = v['survivor.safeToContact'];
  for (const key of ['district', 'address'] as const) {
    const typed = v[`survivor.${key}`].trim();
    if (typed !== (s[key] ?? '')) survivor[key] = typed || null;
  }
  return { survivor, reason: v.reason.trim() };
}

// Where the women a centre serves come from: her home district (survivor.district) counted with the
// registration, so a District Operation Committee sees how many women of its district were helped, at its
// own centre or at another. A correction of her district moves the count in the registration's counters
// (decrement the old district, increment the new) in the correction's own transaction, so the figures and
// the recount stay equal. The code is a district slug of the state's geography, `other` for a place the
// geography does not know, or `unknown` when none was given: never free text.
import type { CorrectionContributor } from '../cases/correction-parts.ts';
import type { RegistrationContributor } from '../cases/registration-parts.ts';
import { DISTRICTS, findDistrict } from '../network/geography.ts';
import { field } from './counters.ts';

export const homeDistrictCode = (district: string | undefined): string =>
  district ? (findDistrict(district)?.slug ?? 'other') : 'unknown';

/** A code as the statistics name it: the district's name, OTHER or NOT_GIVEN. */
export function homeDistrictLabel(code: string): string {
  if (code === 'unknown') return 'NOT_GIVEN';
  return DISTRICTS.find((d) => d.slug === code)?.name ?? 'OTHER';
}

export const homeDistrictOnRegistration: RegistrationContributor = ({ record }) => {
  const code = homeDistrictCode(record.survivor.district);
  return { counts: { [field.home(code)]: 1 }, set: { homeDistrict: code } };
};

export const homeDistrictOnCorrection: CorrectionContributor = ({ before, after, changed }) => {
  if (!changed.includes('district')) return undefined;
  const to = homeDistrictCode(after.survivor.district);
  const from = before.homeDistrict;
  if (from === to) return undefined;
  // A case registered before this figure existed was never counted: from now on it is.
  const registrationCounts: Record<string, number> = { [field.home(to)]: 1 };
  if (from !== undefined) registrationCounts[field.home(from)] = -1;
  return { registrationCounts, set: { homeDistrict: to } };
};

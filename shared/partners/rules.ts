// The rules of onward referrals, as pure functions over plain values: which partners there are, which of her
// consents a referral to each kind needs, when the law lets a centre refer without it, and how a referral's
// status may move. The API enforces these and the form offers only what they allow (browser-safe).

export const PARTNER_KINDS = [
  'POLICE_STATION',
  'HOSPITAL',
  'DLSA',
  'PROTECTION_OFFICER',
  'CWC',
  'SHELTER_HOME',
  'OSC',
  'NGO',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** The kinds of institution a directory entry may name besides its kind (optional). */
export const ALL_SUBTYPES = [
  'MAHILA_THANA',
  'SJPU',
  'GENERAL',
  'DISTRICT_HOSPITAL',
  'MEDICAL_COLLEGE',
  'SUBDIVISIONAL_HOSPITAL',
  'PHC_CHC',
  'SWADHAR_GREH',
  'SHAKTI_SADAN',
  'SHORT_STAY_HOME',
  'CHILDRENS_HOME',
] as const;
export type PartnerSubtype = (typeof ALL_SUBTYPES)[number];

export const PARTNER_SUBTYPES: Partial<Record<PartnerKind, readonly PartnerSubtype[]>> = {
  POLICE_STATION: ['MAHILA_THANA', 'SJPU', 'GENERAL'],
  HOSPITAL: ['DISTRICT_HOSPITAL', 'MEDICAL_COLLEGE', 'SUBDIVISIONAL_HOSPITAL', 'PHC_CHC'],
  SHELTER_HOME: ['SWADHAR_GREH', 'SHAKTI_SADAN', 'SHORT_STAY_HOME', 'CHILDRENS_HOME'],
};

export const subtypesOf = (kind: string): readonly string[] => PARTNER_SUBTYPES[kind as PartnerKind] ?? [];

export const REFERRAL_BASES = ['CONSENT', 'MANDATORY_REPORTING'] as const;
export type ReferralBasis = (typeof REFERRAL_BASES)[number];

export const REFERRAL_STATUSES = ['SENT', 'ACCEPTED', 'DECLINED', 'DONE', 'WITHDRAWN'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
/** What a status change may ask for (SENT is where every referral starts). */
export const REFERRAL_UPDATES = ['ACCEPTED', 'DECLINED', 'DONE', 'WITHDRAWN'] as const;

/** The moves of a referral: the partner takes her or not; a taken referral is done; the centre may withdraw. */
export const REFERRAL_MOVES: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  SENT: ['ACCEPTED', 'DECLINED', 'WITHDRAWN'],
  ACCEPTED: ['DONE', 'WITHDRAWN'],
  DECLINED: [],
  DONE: [],
  WITHDRAWN: [],
};

export const referralMoves = (from: string): readonly ReferralStatus[] => REFERRAL_MOVES[from as ReferralStatus] ?? [];

/** The consents of a case that a referral can rest on. */
export type ConsentField = 'services' | 'shareWithPolice';

/** A police station learns of her only with her consent to share with the police; every other partner needs
 * her consent to services. */
export const consentNeededFor = (kind: string): ConsentField =>
  kind === 'POLICE_STATION' ? 'shareWithPolice' : 'services';

/**
 * Where the law obliges the centre to report a child's case whatever her (or her guardian's) consent: the
 * police or SJPU (POCSO s.19) and the Child Welfare Committee (JJ Act s.31). Nowhere else.
 */
export const MANDATORY_REPORTING_KINDS: readonly PartnerKind[] = ['POLICE_STATION', 'CWC'];

export const isMinor = (age: number | undefined): boolean => typeof age === 'number' && age < 18;

/** Why a referral may not be sent, as a stable code at the field it is about (the form words it). */
export interface ReferralRefusal {
  path: string;
  code: 'consent_required' | 'not_a_minor' | 'not_mandatory_for_kind';
  message: string;
}

/**
 * May this case be referred to a partner of this kind on this basis? Undefined when it may; otherwise the
 * reason, naming the consent that is missing (`consent.shareWithPolice`) or the fact that rules it out.
 */
export function referralRefusal(
  c: { consent?: Partial<Record<ConsentField, boolean>>; survivor?: { age?: number } },
  kind: string,
  basis: ReferralBasis,
): ReferralRefusal | undefined {
  if (basis === 'CONSENT') {
    const needed = consentNeededFor(kind);
    if (c.consent?.[needed] === true) return undefined;
    return {
      path: `consent.${needed}`,
      code: 'consent_required',
      message:
        needed === 'shareWithPolice'
          ? 'Her consent to share her case with the police is not recorded'
          : 'Her consent to services is not recorded',
    };
  }
  if (!isMinor(c.survivor?.age)) {
    return {
      path: 'survivor.age',
      code: 'not_a_minor',
      message: 'Mandatory reporting applies only when she is under 18',
    };
  }
  if (!MANDATORY_REPORTING_KINDS.includes(kind as PartnerKind)) {
    return {
      path: 'basis',
      code: 'not_mandatory_for_kind',
      message: 'Mandatory reporting goes to the police (SJPU) or the Child Welfare Committee only',
    };
  }
  return undefined;
}

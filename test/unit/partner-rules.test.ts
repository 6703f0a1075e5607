// The rules of onward referrals (shared/partners/rules.ts): which consent each kind of partner needs, when
// mandatory reporting may stand in for it, and how a referral's status moves.
import { describe, expect, it } from 'vitest';
import { consentNeededFor, referralMoves, referralRefusal } from '#shared/partners/rules.ts';

const agreed = (services: boolean, shareWithPolice: boolean, age = 30) => ({
  consent: { services, shareWithPolice },
  survivor: { age },
});

describe('referral rules', () => {
  it('a police station needs her consent to share with the police; every other partner her consent to services', () => {
    // Assess
    expect(consentNeededFor('POLICE_STATION')).toBe('shareWithPolice');
    for (const kind of ['HOSPITAL', 'DLSA', 'PROTECTION_OFFICER', 'CWC', 'SHELTER_HOME', 'OSC', 'NGO']) {
      expect(consentNeededFor(kind)).toBe('services');
    }
    expect(referralRefusal(agreed(true, false), 'POLICE_STATION', 'CONSENT')).toMatchObject({
      path: 'consent.shareWithPolice',
      code: 'consent_required',
    });
    expect(referralRefusal(agreed(false, true), 'POLICE_STATION', 'CONSENT')).toBeUndefined();
    expect(referralRefusal(agreed(false, true), 'NGO', 'CONSENT')).toMatchObject({ path: 'consent.services' });
    expect(referralRefusal(agreed(true, false), 'NGO', 'CONSENT')).toBeUndefined();
  });

  it('mandatory reporting only for a girl under 18, and only to the police or the CWC', () => {
    // Assess
    expect(referralRefusal(agreed(false, false, 18), 'POLICE_STATION', 'MANDATORY_REPORTING')?.code).toBe(
      'not_a_minor',
    );
    expect(referralRefusal(agreed(false, false, 17), 'POLICE_STATION', 'MANDATORY_REPORTING')).toBeUndefined();
    expect(referralRefusal(agreed(false, false, 12), 'CWC', 'MANDATORY_REPORTING')).toBeUndefined();
    expect(referralRefusal(agreed(false, false, 12), 'SHELTER_HOME', 'MANDATORY_REPORTING')?.code).toBe(
      'not_mandatory_for_kind',
    );
    // An anonymised case has no age: never a minor by default.
    expect(
      referralRefusal({ consent: { services: false, shareWithPolice: false } }, 'CWC', 'MANDATORY_REPORTING'),
    ).toMatchObject({ code: 'not_a_minor' });
  });

  it('moves SENT to ACCEPTED, DECLINED or WITHDRAWN; ACCEPTED to DONE or WITHDRAWN; nothing after', () => {
    // Assess
    expect(referralMoves('SENT')).toEqual(['ACCEPTED', 'DECLINED', 'WITHDRAWN']);
    expect(referralMoves('ACCEPTED')).toEqual(['DONE', 'WITHDRAWN']);
    for (const end of ['DECLINED', 'DONE', 'WITHDRAWN', 'UNKNOWN']) expect(referralMoves(end)).toEqual([]);
  });
});

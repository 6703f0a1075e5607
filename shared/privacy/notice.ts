// The record of the privacy notice, written with the registration (a registration part): given in a language
// by the registering user, or, when the registration did not say (a 181 / 112 referral, an older API client),
// to be given at first contact. The legal basis follows her age: her consent, or for a girl under 18 the
// child's interest under law, never a guardian's consent (the guardian may be the abuser).
import type { CorrectionContributor } from '../cases/correction-parts.ts';
import type { NoticeRecord } from '../cases/model.ts';
import type { RegistrationContributor } from '../cases/registration-parts.ts';
import { legalBasisFor, NOTICE_VERSION } from './wording.ts';

export const noticePart: RegistrationContributor = ({ input, actor, at }) => {
  const given = 'notice' in input ? input.notice : undefined;
  const notice: NoticeRecord = {
    status: given ? 'GIVEN' : 'AT_FIRST_CONTACT',
    ...(given ? { language: given.language } : {}),
    basis: legalBasisFor(input.survivor.age),
    version: NOTICE_VERSION,
    at,
    by: actor,
  };
  const { status, language, basis, version } = notice;
  // In history as part of the registration itself (one event, not a second one at the same instant).
  return { set: { notice }, details: { notice: { status, basis, version, ...(language ? { language } : {}) } } };
};

/**
 * A correction of her age moves the legal basis with it (a woman found to be 16 is processed in the child's
 * interest under law, not on her consent); the rest of the notice record stays as it was given.
 */
export const noticeOnCorrection: CorrectionContributor = ({ before, after }) => {
  const notice = before.notice;
  if (!notice) return undefined;
  const basis = legalBasisFor(after.survivor.age);
  return basis === notice.basis ? undefined : { set: { notice: { ...notice, basis } } };
};

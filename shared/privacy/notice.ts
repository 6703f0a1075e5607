// The record of the privacy notice, written with the registration (a registration part): given in a language
// by the registering user, or, when the registration did not say (a 181 / 112 referral, an older API client),
// to be given at first contact. The legal basis follows her age: her consent, or for a girl under 18 the
// child's interest under law, never a guardian's consent (the guardian may be the abuser).

import { historyPut, type NoticeRecord } from '../cases/model.ts';
import type { RegistrationContributor } from '../cases/registration-parts.ts';
import { legalBasisFor, NOTICE_VERSION } from './wording.ts';

export const noticePart: RegistrationContributor = ({ table, record, input, actor, at }) => {
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
  return {
    set: { notice },
    items: [
      historyPut(table, record.caseId, actor, given ? 'PRIVACY_NOTICE_GIVEN' : 'PRIVACY_NOTICE_DUE', at, {
        details: { status, basis, version, ...(language ? { language } : {}) },
      }),
    ],
  };
};

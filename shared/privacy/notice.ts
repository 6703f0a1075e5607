// The record of the privacy notice, written with the registration (a registration part): given in a language
// by the registering user, or, when the registration did not say (a 181 / 112 referral, an older API client),
// to be given at first contact. The legal basis follows her age: her consent, or for a girl under 18 the
// child's interest under law, never a guardian's consent (the guardian may be the abuser). A notice still due
// is recorded later with `recordNotice` (POST /cases/{caseId}/notice).
import { actorOf, historyPut, type NoticeRecord } from '../cases/model.ts';
import type { RegistrationContributor } from '../cases/registration-parts.ts';
import type { CaseStore } from '../cases/store.ts';
import { conflict } from '../core/errors.ts';
import type { Principal } from '../core/principal.ts';
import { istTimestamp } from '../core/time.ts';
import type { ChangeOptions } from '../core/transactions.ts';
import type { RecordNoticeInput } from './schemas.ts';
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
 * The notice given at first contact (a 181 / 112 referral, an older client's registration), by a member of
 * the centre's team: recorded once on the case and in history. 409 when it was given already, or when the
 * case was anonymised (there is nobody left to tell).
 */
export async function recordNotice(
  cases: CaseStore,
  caseId: string,
  caller: Principal,
  input: RecordNoticeInput,
  now: Date,
  opts: ChangeOptions = {},
) {
  const at = istTimestamp(now);
  const actor = actorOf(caller);
  return cases.change(caseId, caller, opts, (c) => {
    if (c.anonymisedAt) throw conflict('This case was anonymised');
    if (c.notice?.status === 'GIVEN') throw conflict('The notice was already given');
    const notice: NoticeRecord = {
      status: 'GIVEN',
      language: input.language,
      basis: legalBasisFor(c.survivor.age),
      version: NOTICE_VERSION,
      at,
      by: actor,
    };
    return {
      set: { notice, updatedAt: at },
      items: [
        historyPut(cases.table, caseId, actor, 'PRIVACY_NOTICE_GIVEN', at, {
          details: { status: 'GIVEN', basis: notice.basis, version: NOTICE_VERSION, language: input.language },
        }),
      ],
    };
  });
}

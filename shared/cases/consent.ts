// Her consent, changed after registration (she now agrees to involve the police; she no longer wants calls).
// In: the flags to set (at least one) and an optional note. Out: the case as it now is.
// Each flag that changes is dated: `consentChangedAt` on the case (what the form shows beside each toggle)
// and one CONSENT_CHANGED history event listing each change (which flag, from, to) at its time; the flags
// are booleans, not identity, so oversight sees them; the note is free text and stays with the centre.
// Whatever depends on consent reads the case's current value: the reminder sweep (a worker is told to visit,
// not to phone, when contactByPhone is false) and onward referrals (shareWithPolice, services).
import { badRequest } from '../core/errors.ts';
import type { Principal } from '../core/principal.ts';
import { istTimestamp } from '../core/time.ts';
import type { ChangeOptions } from '../core/transactions.ts';
import { actorOf, type CaseRecord, type ConsentFlag, historyPut } from './model.ts';
import type { ChangeConsentInput } from './schemas.ts';
import type { CaseChanges } from './store.ts';

export const CONSENT_FLAGS: readonly ConsentFlag[] = ['services', 'shareWithPolice', 'contactByPhone'];

export async function changeConsent(
  cases: CaseChanges,
  caseId: string,
  caller: Principal,
  input: ChangeConsentInput,
  now: Date,
  opts: ChangeOptions,
): Promise<CaseRecord> {
  const given = CONSENT_FLAGS.filter((f) => input[f] !== undefined);
  if (!given.length) {
    throw badRequest('Say which consent changes', [
      { path: '(body)', code: 'required', message: 'Give at least one of services, shareWithPolice, contactByPhone' },
    ]);
  }
  const at = istTimestamp(now);
  const actor = actorOf(caller);
  return cases.change(caseId, caller, opts, (c) => {
    const changes = given
      .filter((f) => input[f] !== c.consent[f])
      .map((f) => ({ consent: f, from: c.consent[f], to: input[f] as boolean }));
    if (!changes.length) {
      throw badRequest(
        'Her consent is already recorded as given',
        given.map((f) => ({ path: f, code: 'unchanged', message: `Already ${c.consent[f]}` })),
      );
    }
    const consent = { ...c.consent };
    const consentChangedAt = { ...c.consentChangedAt };
    for (const x of changes) {
      consent[x.consent] = x.to;
      consentChangedAt[x.consent] = at;
    }
    return {
      set: { consent, consentChangedAt, updatedAt: at },
      items: [
        historyPut(cases.table, caseId, actor, 'CONSENT_CHANGED', at, {
          details: { changes, ...(input.note ? { note: input.note } : {}) },
        }),
      ],
    };
  });
}

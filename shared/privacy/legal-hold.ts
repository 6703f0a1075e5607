// Legal hold: a court case is pending (or the law otherwise needs the record kept), so the retention job
// leaves the case alone however long ago it ended. Placing or lifting it is a change of the case, with its
// reason in history; its place in the retention queue follows in the same transaction (CaseStore.change).
import { actorOf, historyPut } from '../cases/model.ts';
import type { CaseChanges } from '../cases/store.ts';
import { conflict } from '../core/errors.ts';
import type { Principal } from '../core/principal.ts';
import { istTimestamp } from '../core/time.ts';
import type { ChangeOptions } from '../core/transactions.ts';
import { isHeld } from './rules.ts';
import type { LegalHoldInput } from './schemas.ts';

export async function setLegalHold(
  cases: CaseChanges,
  caseId: string,
  caller: Principal,
  input: LegalHoldInput,
  now: Date,
  opts: ChangeOptions = {},
) {
  const at = istTimestamp(now);
  const actor = actorOf(caller);
  return cases.change(caseId, caller, opts, (c) => {
    if (c.anonymisedAt) throw conflict('This case was anonymised: there is nothing left to hold');
    if (input.hold && c.retentionStartedAt) {
      throw conflict('The retention period has passed and her details are being removed: it cannot be held now');
    }
    if (isHeld(c) === input.hold)
      throw conflict(input.hold ? 'The case is already on legal hold' : 'The case is not on legal hold');
    return {
      set: { legalHold: { held: input.hold, at, by: actor, note: input.reason }, updatedAt: at },
      items: [
        historyPut(cases.table, caseId, actor, input.hold ? 'LEGAL_HOLD_PLACED' : 'LEGAL_HOLD_LIFTED', at, {
          details: { note: input.reason },
        }),
      ],
    };
  });
}

// Correcting her details (a typo in the name, a new safe phone number, the right district).
// In: the fields to change (null takes an optional one out) and the reason; If-Match (the route requires it).
// Out: the case as it now is.
// 1. The case is read in the caller's scope (404 outside), its version checked (412 when stale).
// 2. Only fields whose value differs count; none → 400 naming `survivor`, nothing written.
// 3. One transaction: the case, a CASE_CORRECTED history event naming the fields and carrying the reason as
//    its note (never the old or new values: a correction is often a phone number she must be safe with),
//    and what each contributor of CORRECTION_PARTS derives from the corrected fields (lookup keys, the
//    home-district figure moved in the registration's counters...).
import { badRequest } from '../core/errors.ts';
import type { Principal } from '../core/principal.ts';
import { istTimestamp } from '../core/time.ts';
import type { ChangeOptions } from '../core/transactions.ts';
import { mergedCounterItems, registrationCentre } from '../oversight/counters.ts';
import { correctionParts } from './correction-parts.ts';
import { actorOf, type CaseRecord, historyPut, type SurvivorField } from './model.ts';
import type { CorrectCaseInput } from './schemas.ts';
import type { CaseChanges } from './store.ts';

export const SURVIVOR_FIELDS: readonly SurvivorField[] = [
  'name',
  'age',
  'phone',
  'safeToContact',
  'district',
  'address',
];

type Survivor = CaseRecord['survivor'];

/** The survivor with the correction applied: a value replaces, null removes, an absent field stays. */
export function corrected(current: Survivor, change: CorrectCaseInput['survivor']): Survivor {
  const next: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(change)) {
    if (v === undefined) continue;
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return next as Survivor;
}

export const changedFields = (before: Survivor, after: Survivor): SurvivorField[] =>
  SURVIVOR_FIELDS.filter((f) => before[f] !== after[f]);

export async function correctCase(
  cases: CaseChanges,
  caseId: string,
  caller: Principal,
  input: CorrectCaseInput,
  now: Date,
  opts: ChangeOptions,
): Promise<CaseRecord> {
  const at = istTimestamp(now);
  const actor = actorOf(caller);
  return cases.change(caseId, caller, opts, async (c) => {
    const survivor = corrected(c.survivor, input.survivor);
    const changed = changedFields(c.survivor, survivor);
    if (!changed.length) {
      throw badRequest('Nothing to correct: every detail given is as the case already has it', [
        { path: 'survivor', code: 'unchanged', message: 'No detail differs from the case' },
      ]);
    }
    const after: CaseRecord = { ...c, survivor, updatedAt: at };
    const parts = await correctionParts({ table: cases.table, before: c, after, changed, actor, at, now });
    return {
      set: { survivor, updatedAt: at, ...parts.set },
      items: [
        historyPut(cases.table, caseId, actor, 'CASE_CORRECTED', at, {
          details: { fields: changed, note: input.reason },
        }),
        ...parts.items,
        ...mergedCounterItems(cases.table, [
          { at: new Date(c.registeredAt), centreId: registrationCentre(c), add: parts.registrationCounts },
          { at: now, centreId: c.centreId, scope: c, add: parts.counts },
        ]),
      ],
    };
  });
}

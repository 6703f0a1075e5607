// What else a correction of her details changes besides the case and its history: each feature that keeps
// something derived from a survivor field (the similar-case lookup keys from her phone, name and age; the
// home-district figure; a child's legal deadlines when a correction makes her under 18...) adds one
// contributor to CORRECTION_PARTS. Every part's items go into the correction's own transaction, so nothing
// derived from the old value outlives it.
//   items               extra items of the transaction (named ones fail as ConditionFailed(name))
//   registrationCounts  moves in the counters of the registration (its month and day, where it was
//                       counted): what the registration counted from a field that is now corrected
//   counts              flows of the correction's own month and day
//   set                 attributes of the case item
// Counter additions of every part are merged, so one counter item is updated once.
import type { NamedItem, TransactItem } from '../core/transactions.ts';
import { childPathwayCorrectionPart } from '../milestones/child-pathway.ts';
import { homeDistrictOnCorrection } from '../oversight/home-district.ts';
import { noticeOnCorrection } from '../privacy/notice.ts';
import { similarOnCorrection } from '../similar/lookup.ts';
import type { Actor, CaseRecord, SurvivorField } from './model.ts';

export interface CorrectionContext {
  table: string;
  /** The case as stored before the correction. */
  before: CaseRecord;
  /** The case with the corrected survivor (not yet stored). */
  after: CaseRecord;
  /** The survivor fields whose value differs. */
  changed: readonly SurvivorField[];
  actor: Actor;
  /** The correction's time, IST ISO. */
  at: string;
  now: Date;
}

export interface CorrectionPart {
  items?: Array<TransactItem | NamedItem>;
  registrationCounts?: Record<string, number>;
  counts?: Record<string, number>;
  set?: Partial<CaseRecord>;
}

export type CorrectionContributor = (
  ctx: CorrectionContext,
) => CorrectionPart | undefined | Promise<CorrectionPart | undefined>;

/** The contributors, in order. */
const CORRECTION_PARTS: CorrectionContributor[] = [
  similarOnCorrection,
  homeDistrictOnCorrection,
  // Her age corrected to under 18 starts the child pathway; corrected to 18 or more, it stops.
  childPathwayCorrectionPart,
  // ...and the notice's legal basis: her consent, or the child's interest under law.
  noticeOnCorrection,
];

const addInto = (into: Record<string, number>, add: Record<string, number> = {}) => {
  for (const [k, n] of Object.entries(add)) into[k] = (into[k] ?? 0) + n;
};

export async function correctionParts(ctx: CorrectionContext): Promise<Required<CorrectionPart>> {
  const out: Required<CorrectionPart> = { items: [], registrationCounts: {}, counts: {}, set: {} };
  for (const part of CORRECTION_PARTS) {
    const p = await part(ctx);
    if (!p) continue;
    out.items.push(...(p.items ?? []));
    addInto(out.registrationCounts, p.registrationCounts);
    addInto(out.counts, p.counts);
    Object.assign(out.set, p.set);
  }
  return out;
}

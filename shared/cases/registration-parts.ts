// What else a registration writes besides the case, its number, its history and its counters: each feature
// that starts something the moment a case is registered (its lookup keys, a child's legal deadlines, the
// record of the notice she was given...) adds one contributor to PARTS. Every part's items go into the
// registration's own transaction, so a case never exists without them; counts join the registration's
// counter update (one transaction may touch a counter item only once).
import type { TransactItem } from '../core/transactions.ts';
import { homeDistrictOnRegistration } from '../oversight/home-district.ts';
import { noticePart } from '../privacy/notice.ts';
import { similarOnRegistration } from '../similar/lookup.ts';
import type { Actor, CaseRecord } from './model.ts';
import type { CreateCaseInput } from './schemas.ts';

export interface RegistrationContext {
  table: string;
  /** The case as it will be stored (number, centre, district, survivor...). */
  record: CaseRecord;
  input: CreateCaseInput;
  actor: Actor;
  /** The registration time, IST ISO (for an imported case, the register's date). */
  at: string;
  now: Date;
  /**
   * Set when the case comes from a centre's register at go-live: registered long ago, and perhaps resolved.
   * A contributor decides what applies to such a case (deadlines counted from an old registration would be
   * overdue at once; lookup keys still apply). Its counts go to the register's registration month.
   */
  imported?: { registerNumber: string; importedAt: string };
}

export interface RegistrationPart {
  items?: TransactItem[];
  /** Added to the centre's counters of the registration month and day. */
  counts?: Record<string, number>;
  /** Set on the case item. */
  set?: Partial<CaseRecord>;
  /** Added to the details of the CASE_REGISTERED history event (codes and ids only, never her data). */
  details?: Record<string, unknown>;
}

export type RegistrationContributor = (ctx: RegistrationContext) => RegistrationPart | undefined;

/** The contributors, in order. */
const PARTS: RegistrationContributor[] = [similarOnRegistration, homeDistrictOnRegistration, noticePart];

export function registrationParts(ctx: RegistrationContext): Required<RegistrationPart> {
  const out: Required<RegistrationPart> = { items: [], counts: {}, set: {}, details: {} };
  for (const part of PARTS) {
    const p = part(ctx);
    if (!p) continue;
    out.items.push(...(p.items ?? []));
    for (const [k, n] of Object.entries(p.counts ?? {})) out.counts[k] = (out.counts[k] ?? 0) + n;
    Object.assign(out.set, p.set);
    Object.assign(out.details, p.details);
  }
  return out;
}

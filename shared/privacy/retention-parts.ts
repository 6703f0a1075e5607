// What else anonymising a case removes besides the case partition's own text: each feature that keeps a
// lookup which could find her again (the similar-case keys of earlier visits, a control room's reference)
// or data elsewhere (documents) adds one contributor to RETENTION_PARTS. The job (retention-run.ts) deletes
// each part's keys first, then runs each part's `erase` (side effects outside the table, e.g. S3 objects),
// and finally writes each part's `items` in the case's own anonymisation transaction. Every part must be
// idempotent: a job that stopped half-way runs again the next day.
import type { CaseRecord } from '../cases/model.ts';
import { keys } from '../core/keys.ts';
import type { TransactItem } from '../core/transactions.ts';

export interface RetentionContext {
  table: string;
  /** The case as stored, before anonymisation. */
  record: CaseRecord;
  /** Every item of the case's partition (services, follow-ups, history, the feature's own items...). */
  items: Array<Record<string, unknown>>;
  /** The anonymisation time, IST ISO. */
  at: string;
}

export interface RetentionPart {
  /** Items to delete (lookups keyed by a hash of her phone or name...), before the case is anonymised. */
  deletes?: Array<{ pk: string; sk: string }>;
  /** Work outside the table (deleting the case's documents from storage); must be safe to repeat. */
  erase?: () => Promise<void>;
  /** Items for the anonymisation transaction (keep it small: DynamoDB allows 100 items in all). */
  items?: TransactItem[];
}

export type RetentionContributor = (ctx: RetentionContext) => RetentionPart | undefined;

/**
 * A control room's referral is remembered by its reference for good (the same referral never makes a second
 * case); that record ties the helpline's own file on her to this case, so it goes.
 */
const controlRoomReference: RetentionContributor = ({ record }) => {
  const { source, reference } = record.referral;
  if (!reference || (source !== 'HELPLINE_181' && source !== 'ERSS_112')) return undefined;
  return { deletes: [keys.idempotency(`REFERRAL#${source}`, reference)] };
};

/**
 * The contributors. Hooks for the features being built beside this one: the similar-case keys
 * (`SIMILAR#…`, casework) add a contributor that deletes them; case documents add one whose `erase` calls
 * `deleteAllForCase(caseId)` (shared/documents/) once that exists.
 */
export const RETENTION_PARTS: RetentionContributor[] = [controlRoomReference];

/** Adds a contributor that needs something only the composition root has (a storage client). */
export function addRetentionPart(part: RetentionContributor): void {
  if (!RETENTION_PARTS.includes(part)) RETENTION_PARTS.push(part);
}

export function retentionParts(ctx: RetentionContext): Required<Omit<RetentionPart, 'erase'>> & {
  erase: Array<() => Promise<void>>;
} {
  const out = {
    deletes: [] as Array<{ pk: string; sk: string }>,
    items: [] as TransactItem[],
    erase: [] as Array<() => Promise<void>>,
  };
  for (const part of RETENTION_PARTS) {
    const p = part(ctx);
    if (!p) continue;
    out.deletes.push(...(p.deletes ?? []));
    out.items.push(...(p.items ?? []));
    if (p.erase) out.erase.push(p.erase);
  }
  return out;
}

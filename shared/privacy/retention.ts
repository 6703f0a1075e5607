// Retention bookkeeping and anonymisation, as pure functions over stored items.
// 1. Bookkeeping: a case that waits for anonymisation (rules.ts awaitsRetention) has one marker item in its
//    partition, in the sparse `queue` index under DUE#RETENTION, sorted by the day it ended. CaseStore.change
//    calls `retentionBookkeeping` on every change, so whatever moves a case into or out of a terminal status,
//    onto or off legal hold, or anonymises it, writes or deletes the marker in that same transaction; no
//    caller has to remember it. Sorting by the day it ended (not by a due date) means a changed retention
//    setting applies to every waiting case at once, and the writers need not know the setting.
// 2. Anonymisation: what to remove from the case item (identity, story, the control room's reference, the
//    resolution's words, every note) and from every other item of the partition (each free-text attribute
//    listed in cases/views.ts). Case number, centre, district, dates, categories, statuses, services' types,
//    outcomes and who-did-what stay, so the figures and a recount do not change.

import { isTerminal } from '../cases/lifecycle.ts';
import type { CaseRecord } from '../cases/model.ts';
import { FREE_TEXT_ATTRIBUTES } from '../cases/views.ts';
import * as keys from '../core/keys.ts';
import type { TransactItem } from '../core/transactions.ts';
import { awaitsRetention, endedOn } from './rules.ts';

export interface Bookkeeping {
  set: Partial<CaseRecord>;
  remove: Array<keyof CaseRecord>;
  items: TransactItem[];
}

/** The marker item of a waiting case: ids and the day it ended only. */
export function retentionMarker(table: string, caseId: string, ended: string): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: {
        ...keys.retentionMarker(caseId),
        type: 'RETENTION',
        caseId,
        endedOn: ended,
        q1pk: keys.retentionQueue(),
        q1sk: keys.retentionSort(ended, caseId),
      },
    },
  };
}

/**
 * What a change of a case does to its place in the retention queue: `before` as stored, `after` as the change
 * leaves it (before its own bookkeeping). Entering a terminal status stamps `endedAt` with the change's time;
 * leaving one removes it.
 */
export function retentionBookkeeping(table: string, before: CaseRecord, after: CaseRecord): Bookkeeping {
  const out: Bookkeeping = { set: {}, remove: [], items: [] };
  const next = { ...after };
  if (isTerminal(after.status) && !isTerminal(before.status)) {
    out.set.endedAt = after.updatedAt;
    next.endedAt = after.updatedAt;
  } else if (!isTerminal(after.status) && before.endedAt) {
    out.remove.push('endedAt');
    next.endedAt = undefined;
  }
  const was = awaitsRetention(before) ? endedOn(before) : undefined;
  const will = awaitsRetention(next) ? endedOn(next) : undefined;
  if (will && will !== was) out.items.push(retentionMarker(table, after.caseId, will));
  else if (!will && was) out.items.push({ Delete: { TableName: table, Key: keys.retentionMarker(after.caseId) } });
  return out;
}

// ---- anonymisation --------------------------------------------------------------------------------------

/** The attribute paths of free text in a stored item, at any depth (maps and lists), as path segments. */
export function freeTextPaths(item: Record<string, unknown>, skip: ReadonlySet<string> = STORAGE): string[][] {
  const out: string[][] = [];
  const walk = (v: unknown, path: string[]) => {
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, [...path, `[${i}]`]);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (path.length === 0 && skip.has(k)) continue;
        if (FREE_TEXT_ATTRIBUTES.has(k)) out.push([...path, k]);
        else walk(x, [...path, k]);
      }
    }
  };
  walk(item, []);
  return out;
}

const STORAGE = new Set(['pk', 'sk', 'type']);

/** An UpdateExpression REMOVE of these paths (names as placeholders, list positions as they are). */
export function removeExpression(paths: string[][]): { expression: string; names: Record<string, string> } {
  const names: Record<string, string> = {};
  const ids = new Map<string, string>();
  const name = (seg: string) => {
    let id = ids.get(seg);
    if (!id) {
      id = `#n${ids.size}`;
      ids.set(seg, id);
      names[id] = seg;
    }
    return id;
  };
  const parts = paths.map((p) =>
    p.map((seg, i) => (seg.startsWith('[') ? seg : `${i ? '.' : ''}${name(seg)}`)).join(''),
  );
  return { expression: `REMOVE ${parts.join(', ')}`, names };
}

const without = <T extends object>(o: T | undefined, drop: string[]): T | undefined => {
  if (!o) return o;
  const out = { ...o } as Record<string, unknown>;
  for (const k of drop) delete out[k];
  return out as T;
};

/**
 * The case item's new values: her name, phone and address, the story, the control room's reference (it finds
 * her in the helpline's own records), the resolution's words and every note removed; her age band stays as
 * her age, her district, categories, consent flags and every date and status stay.
 */
export function anonymisedCaseSet(c: CaseRecord, at: string): Partial<CaseRecord> {
  const scrub = <T extends object>(o: T | undefined, drop: string[] = []): T | undefined => {
    const x = without(o, drop);
    if (!x) return x;
    const copy = structuredClone(x) as Record<string, unknown>;
    for (const path of freeTextPaths(copy, new Set())) {
      let node = copy as Record<string, unknown>;
      for (const seg of path.slice(0, -1))
        node = (seg.startsWith('[') ? (node as never)[Number(seg.slice(1, -1))] : node[seg]) as Record<string, unknown>;
      delete node[path[path.length - 1]];
    }
    return copy as T;
  };
  const set: Partial<CaseRecord> = {
    anonymisedAt: at,
    survivor: scrub(c.survivor, ['name', 'phone', 'address']) as CaseRecord['survivor'],
    incident: scrub(c.incident) as CaseRecord['incident'],
    referral: scrub(c.referral, ['reference']) as CaseRecord['referral'],
  };
  if (c.resolution) set.resolution = scrub(c.resolution, ['outcome']) as CaseRecord['resolution'];
  if (c.legalHold) set.legalHold = scrub(c.legalHold);
  return set;
}

/** What no anonymised case item may still hold (the integration test reads the raw items with this). */
export const IDENTITY_PATHS = ['survivor.name', 'survivor.phone', 'survivor.address', 'incident.description'];

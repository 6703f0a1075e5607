// What a caller may see of a case. The centre's own team sees everything; district and state oversight see
// the case's progress, never the survivor's identity, her story, the resolution text or any note staff wrote.
// Pure functions over stored items: the form may import this module too.
import { type Principal, seesSurvivorDetails } from '../core/principal.ts';
import type { CaseStatus, RiskLevel } from '../core/vocabulary.ts';
import type { CaseRecord } from './model.ts';

export interface CaseSummary {
  caseId: string;
  caseNumber: string;
  centreId: string;
  district: string;
  status: CaseStatus;
  version: number;
  riskLevel: RiskLevel;
  registeredAt: string;
  updatedAt: string;
}

/** Storage attributes (keys, index keys, item type, TTL) that no answer carries. */
const STORAGE_ATTRIBUTES = new Set([
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'duePk',
  'dueSk',
  'q1pk',
  'q1sk',
  'type',
  'expiresAt',
  // What the lookup and the counters keep of her details: not part of any answer.
  'lookupHashes',
  'homeDistrict',
]);

export function clean<T extends Record<string, unknown>>(item: T): T {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !STORAGE_ATTRIBUTES.has(k))) as T;
}

export function toSummary(c: CaseRecord): CaseSummary {
  return {
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    centreId: c.centreId,
    district: c.district,
    status: c.status,
    version: c.version,
    riskLevel: c.riskLevel,
    registeredAt: c.registeredAt,
    updatedAt: c.updatedAt,
  };
}

/** The case as this caller may see it. */
export function viewOf(c: CaseRecord, caller: Principal): Record<string, unknown> {
  const base = clean(c as unknown as Record<string, unknown>);
  if (seesSurvivorDetails(caller)) return base;
  const {
    survivor: _s,
    incident,
    consent: _c,
    consentChangedAt: _cc,
    referral,
    resolution,
    legalHold,
    notice,
    ...rest
  } = base as unknown as CaseRecord;
  return {
    ...rest,
    incident: { categories: incident.categories },
    referral: { source: referral.source },
    ...(resolution ? { resolution: { followUpWorkerId: resolution.followUpWorkerId } } : {}),
    // That a case is held, and since when, is oversight's business; why (free text) is not.
    ...(legalHold ? { legalHold: { held: legalHold.held, at: legalHold.at } } : {}),
    ...(notice ? { notice: { status: notice.status, basis: notice.basis, at: notice.at } } : {}),
  };
}

/**
 * History events only the centre's team sees: that two cases are one woman's (a link) says who she is across
 * visits, which district and state must never learn.
 */
export const CENTRE_ONLY_EVENTS: ReadonlySet<string> = new Set(['CASE_LINKED']);

import { FREE_TEXT_ATTRIBUTES } from '../core/free-text.ts';

export { FREE_TEXT_ATTRIBUTES };

const FREE_TEXT = FREE_TEXT_ATTRIBUTES;

export function withoutNotes<T extends Record<string, unknown>>(item: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    if (FREE_TEXT.has(k)) continue;
    out[k] = k === 'details' && v && typeof v === 'object' ? withoutNotes(v as Record<string, unknown>) : v;
  }
  return out as T;
}

/** A legal milestone as this caller may see it: oversight sees its type, status and times, never its text. */
export function milestoneView(m: Record<string, unknown>, caller: Principal): Record<string, unknown> {
  const { milestoneType, ...rest } = clean(m);
  const full: Record<string, unknown> = { ...rest, type: milestoneType };
  if (seesSurvivorDetails(caller)) return full;
  const pick = ['milestoneId', 'type', 'status', 'dueAt', 'doneAt', 'overdueAt'] as const;
  return Object.fromEntries(pick.filter((k) => full[k] !== undefined).map((k) => [k, full[k]]));
}

/** A shelter stay as this caller may see it: oversight sees dates, counts and the destination, no text. */
export function shelterStayView(s: Record<string, unknown>, caller: Principal): Record<string, unknown> {
  const view = clean(s);
  return seesSurvivorDetails(caller) ? view : withoutNotes(view);
}

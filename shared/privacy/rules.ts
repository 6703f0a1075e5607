// Retention, as pure rules: when a case waits for anonymisation and when it is due. No official retention
// period for One-Stop Centre records was found (DOMAIN.md): the period is a stage setting (retentionYears),
// counted from the day the case ended (CLOSED, WITHDRAWN, or REFERRED: handed over for good). A case on legal
// hold, or already anonymised, never waits. The form may import this module too.
import { isTerminal } from '../cases/lifecycle.ts';
import type { CaseStatus } from '../core/vocabulary.ts';

/** What the rules read of a case. */
export interface RetentionFacts {
  status: CaseStatus;
  endedAt?: string;
  closedAt?: string;
  updatedAt: string;
  legalHold?: { held: boolean };
  anonymisedAt?: string;
}

export const isHeld = (c: Pick<RetentionFacts, 'legalHold'>) => c.legalHold?.held === true;

/**
 * The IST day the case ended. A case that ended before this was recorded (no endedAt) counts from its
 * closing, else from its last change: never earlier than the true end, so such a case is kept longer, not less.
 */
export function endedOn(c: RetentionFacts): string | undefined {
  if (!isTerminal(c.status)) return undefined;
  return (c.endedAt ?? c.closedAt ?? c.updatedAt).slice(0, 10);
}

/** Does the case wait in the retention queue? Ended, not held, not yet anonymised. */
export const awaitsRetention = (c: RetentionFacts) => isTerminal(c.status) && !isHeld(c) && !c.anonymisedAt;

/**
 * The last day a case may have ended to be due on `today` (both IST dates): `today` less the period in
 * years. 29 February in a year without one is the 28th, so the period is never cut short.
 */
export function retentionCutoff(today: string, years: number): string {
  const [y, m, d] = today.split('-').map(Number);
  const year = y - years;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(m)}-${pad(Math.min(d, lastDay))}`;
}

/** The first day the case is due (IST): the day it ended plus the period, or undefined while it is not waiting. */
export function retentionDueOn(c: RetentionFacts, years: number): string | undefined {
  const ended = endedOn(c);
  if (!ended || !awaitsRetention(c)) return undefined;
  const [y, m, d] = ended.split('-').map(Number);
  // The smallest day whose cutoff reaches the end day: the same day `years` later (28 Feb for 29 Feb → +1).
  const year = y + years;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const due = new Date(Date.UTC(year, m - 1, Math.min(d, lastDay)));
  if (d > lastDay) due.setUTCDate(due.getUTCDate() + 1);
  return due.toISOString().slice(0, 10);
}

/** Is the case to be anonymised on `today`? Ended, past the period, not on legal hold, not done already. */
export function isDueForAnonymisation(c: RetentionFacts, today: string, years: number): boolean {
  const ended = endedOn(c);
  return ended !== undefined && awaitsRetention(c) && ended <= retentionCutoff(today, years);
}

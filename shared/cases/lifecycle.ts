// The case lifecycle as one table of allowed moves. Every status change in the system (the status route,
// resolution, follow-up outcomes, closure) is checked against this table and nothing else.
import type { CaseStatus } from '../core/vocabulary.ts';

/** How a move may be made: by staff through the status route, or only as a side effect of another action. */
export type MoveVia = 'status' | 'resolve' | 'follow-up';

export const MOVES: ReadonlyArray<{ from: CaseStatus; to: CaseStatus; via: MoveVia }> = [
  { from: 'REGISTERED', to: 'IN_PROGRESS', via: 'status' },
  { from: 'REGISTERED', to: 'REFERRED', via: 'status' },
  { from: 'REGISTERED', to: 'WITHDRAWN', via: 'status' },
  { from: 'IN_PROGRESS', to: 'RESOLVED', via: 'resolve' },
  { from: 'IN_PROGRESS', to: 'REFERRED', via: 'status' },
  { from: 'IN_PROGRESS', to: 'WITHDRAWN', via: 'status' },
  { from: 'RESOLVED', to: 'MONITORING', via: 'follow-up' },
  { from: 'RESOLVED', to: 'REOPENED', via: 'follow-up' },
  { from: 'RESOLVED', to: 'CLOSED', via: 'follow-up' },
  { from: 'MONITORING', to: 'REOPENED', via: 'follow-up' },
  { from: 'MONITORING', to: 'CLOSED', via: 'follow-up' },
  { from: 'REOPENED', to: 'IN_PROGRESS', via: 'status' },
  { from: 'REOPENED', to: 'RESOLVED', via: 'resolve' },
  { from: 'REOPENED', to: 'REFERRED', via: 'status' },
  { from: 'REOPENED', to: 'WITHDRAWN', via: 'status' },
];

export function findMove(from: CaseStatus, to: CaseStatus) {
  return MOVES.find((m) => m.from === from && m.to === to);
}

export function canMove(from: CaseStatus, to: CaseStatus, via: MoveVia): boolean {
  return findMove(from, to)?.via === via;
}

/** Statuses staff may pick next through `POST /cases/{id}/status` (what the form offers). */
export function nextStatuses(from: CaseStatus): CaseStatus[] {
  return MOVES.filter((m) => m.from === from && m.via === 'status').map((m) => m.to);
}

/** Ended cases: closed after monitoring, withdrawn by her, or handed over for good. */
export const TERMINAL_STATUSES: ReadonlySet<CaseStatus> = new Set(['CLOSED', 'WITHDRAWN', 'REFERRED']);
export const isTerminal = (s: CaseStatus) => TERMINAL_STATUSES.has(s);

/** Services are recorded on any case the centre has not let go of (a referred case may still get one). */
export const takesServices = (s: CaseStatus) => s !== 'CLOSED' && s !== 'WITHDRAWN';

/** An ended case is never escalated: nobody is working on it any more. */
export const mayEscalate = (s: CaseStatus) => !isTerminal(s);

/** Follow-up outcomes are recorded while she is monitored after a resolution. */
export const takesFollowUps = (s: CaseStatus) => s === 'RESOLVED' || s === 'MONITORING';

/** Open cases are the ones the centre is still working on (before resolution, or reopened). */
export const OPEN_STATUSES: ReadonlySet<CaseStatus> = new Set(['REGISTERED', 'IN_PROGRESS', 'REOPENED']);

/** A centre's status moves: a planned centre opens when staffed or is dropped; an operating one closes; a
 * closed one can reopen. The API enforces these and the form offers only these. */
export const CENTRE_MOVES: Readonly<Record<string, readonly string[]>> = {
  PLANNED: ['OPERATIONAL', 'CLOSED'],
  OPERATIONAL: ['CLOSED'],
  CLOSED: ['OPERATIONAL'],
};

// What the signed-in role may do, so the form offers exactly the actions the API allows and nothing else.
// Roles come from the route table (shared/routes.ts) wherever a route is already there; the contract's roles
// stand in for routes still being built. The case's own state (shared/lifecycle.ts) narrows it further.

import {
  canMove,
  isTerminal,
  mayEscalate,
  nextStatuses,
  takesFollowUps,
  takesServices,
} from '../../shared/cases/lifecycle.ts';
import { ROUTES, type Route } from '../../shared/core/routes.ts';
import { isOpenFollowUp, maySettle } from '../../shared/follow-ups/rules.ts';
import type { CaseStatus, Role } from '../../shared/schemas.ts';

const CENTRE: readonly Role[] = ['centre-staff', 'centre-admin'];
const OVERSIGHT_ACK: readonly Role[] = ['centre-admin', 'district-officer', 'state-admin'];
const OVERSIGHT_HOLD: readonly Role[] = ['centre-admin', 'state-admin'];

type Method = 'GET' | 'POST' | 'PATCH';

function rolesFor(method: Method, path: string, fallback: readonly Role[]): readonly Role[] {
  const r = (ROUTES as readonly Route[]).find((x) => x.method === method && x.path === path);
  return r ? r.roles : fallback;
}

const may = (role: Role, method: Method, path: string, fallback: readonly Role[]) =>
  rolesFor(method, path, fallback).includes(role);

export interface CaseLike {
  status: CaseStatus;
}

export const isCentreRole = (role: Role) => role === 'centre-staff' || role === 'centre-admin';

/**
 * Registering needs a centre: centre roles register at their own; the state picks an operating centre on the
 * register screen (the API needs its centreId). The helpline's machine client has no screens.
 */
export const canRegister = (role: Role) => role !== 'helpline' && may(role, 'POST', '/cases', CENTRE);

/** The register screen asks for the centre: roles that have none of their own. */
export const picksCentre = (role: Role) => !isCentreRole(role);

export const canRecordService = (role: Role, c: CaseLike) =>
  may(role, 'POST', '/cases/{caseId}/services', CENTRE) && takesServices(c.status);

export const statusMoves = (role: Role, c: CaseLike): CaseStatus[] =>
  may(role, 'POST', '/cases/{caseId}/status', CENTRE) ? nextStatuses(c.status) : [];

export const canResolve = (role: Role, c: CaseLike) =>
  may(role, 'POST', '/cases/{caseId}/resolve', CENTRE) && canMove(c.status, 'RESOLVED', 'resolve');

export const canRecordFollowUp = (role: Role, c: CaseLike, f: { status?: string }) =>
  may(role, 'POST', '/cases/{caseId}/followups/{followUpId}', CENTRE) &&
  isOpenFollowUp(f.status) &&
  takesFollowUps(c.status);

/** A follow-up already past due when its case was imported may be settled instead (a decision for staff). */
export const canSettleFollowUp = (role: Role, c: CaseLike, f: { status?: string }) =>
  may(role, 'POST', '/cases/{caseId}/followups/{followUpId}/settle', CENTRE) &&
  maySettle(f.status) &&
  takesFollowUps(c.status);

export const canEscalate = (role: Role, c: CaseLike) =>
  may(role, 'POST', '/cases/{caseId}/escalations', CENTRE) && mayEscalate(c.status);

/** Case documents: the centre's own team only (district and state never see them), as the route table says. */
export const canSeeDocuments = (role: Role) => may(role, 'GET', '/cases/{caseId}/documents', CENTRE);

/** Onward referrals to partners: the centre's team, on a case still being worked on. */
export const canReferOnward = (role: Role, c: CaseLike) =>
  may(role, 'POST', '/cases/{caseId}/partner-referrals', CENTRE) && !isTerminal(c.status);

export const canUpdateReferral = (role: Role) =>
  may(role, 'PATCH', '/cases/{caseId}/partner-referrals/{referralId}', CENTRE);

/** The centre administrator hands a case on; not one that has ended. */
export const canTransfer = (role: Role, c: CaseLike) =>
  may(role, 'POST', '/cases/{caseId}/transfers', ['centre-admin']) && !isTerminal(c.status);

/** Recording her consent, where the API has the route (another part of the casework adds it). */
export const canRecordConsent = (role: Role) =>
  (ROUTES as readonly Route[]).some((r) => r.method === 'POST' && r.path === '/cases/{caseId}/consent') &&
  may(role, 'POST', '/cases/{caseId}/consent', CENTRE);

/** Who keeps which district's partner directory: the state any; a centre administrator or officer her own. */
export const keepsPartnersOf = (p: { role: Role }, district: string, home: string | undefined) =>
  may(p.role, 'POST', '/partners', ['centre-admin', 'district-officer', 'state-admin']) &&
  (p.role === 'state-admin' || (home !== undefined && home === district));

/** The level each role answers for: 1 centre administrator, 2 district officer, 3 state. */
const LEVEL: Partial<Record<Role, number>> = { 'centre-admin': 1, 'district-officer': 2, 'state-admin': 3 };

/** The level that is currently notified, or a higher one, may acknowledge an open escalation. */
export const canAcknowledge = (role: Role, e: { level?: number; status?: string }) =>
  may(role, 'POST', '/cases/{caseId}/escalations/{escalationId}/acknowledge', OVERSIGHT_ACK) &&
  e.status === 'OPEN' &&
  (LEVEL[role] ?? 0) >= Math.max(1, e.level ?? 1);

/** People who may take follow-ups: not the guards and cooks, who need no access to cases. */
export const followUpCandidates = <S extends { active?: boolean; role: string }>(staff: S[]): S[] =>
  staff.filter((s) => s.active !== false && s.role !== 'SECURITY' && s.role !== 'MULTIPURPOSE');

/** The moves of a centre's status, from the same table the API enforces. */
export { CENTRE_MOVES } from '../../shared/cases/lifecycle.ts';

const READERS: readonly Role[] = ['centre-staff', 'centre-admin', 'district-officer', 'state-admin'];

export interface Permissions {
  reads: boolean;
  registers: boolean;
  /** The oversight figures (GET /stats): every reader, narrowed to her scope by the API. */
  oversight: boolean;
  /** Monthly district reports (district officer: her own; state: all). */
  monthlyReports: boolean;
  /** The weekly state review: the state corporation only. */
  weeklyReports: boolean;
  /** Adding, opening and closing centres. */
  manageCentres: boolean;
  /** Keeping a roster: a centre administrator her own centre's, the state any centre's. */
  manageStaff: boolean;
  /** What one user read in a period (the breach query): the state only. */
  accessQuery: boolean;
  /** Go-live imports of a register and a roster: a centre administrator her own centre's, the state any. */
  importsCases: boolean;
  importsStaff: boolean;
  /** Figures of earlier years as reported: the state enters and imports them. */
  reportsFigures: boolean;
  /** The partner directory (every reader looks; some keep their district's). */
  partners: boolean;
  /** The transfers inbox of a centre: its administrator. */
  transfers: boolean;
}

/** What the navigation offers and which screens open. */
export function permissionsFor(role: Role): Permissions {
  const reports = may(role, 'GET', '/reports/{kind}', ['district-officer', 'state-admin']);
  return {
    reads: may(role, 'GET', '/cases', READERS),
    registers: canRegister(role),
    oversight: may(role, 'GET', '/stats', READERS),
    monthlyReports: reports,
    weeklyReports: reports && role === 'state-admin',
    manageCentres:
      may(role, 'POST', '/centres', ['state-admin']) && may(role, 'PATCH', '/centres/{centreId}', ['state-admin']),
    manageStaff: may(role, 'POST', '/centres/{centreId}/staff', ['centre-admin', 'state-admin']),
    accessQuery: may(role, 'GET', '/access-log', ['state-admin']),
    importsCases: may(role, 'POST', '/centres/{centreId}/imports', ['centre-admin', 'state-admin']),
    importsStaff: may(role, 'POST', '/centres/{centreId}/staff/imports', ['centre-admin', 'state-admin']),
    reportsFigures: may(role, 'POST', '/reported-figures', ['state-admin']),
    partners: may(role, 'GET', '/partners', READERS),
    transfers: may(role, 'GET', '/transfers', ['centre-admin']),
  };
}

/** The import kinds a role may bring in, in the order the import screen offers them. */
export function importKindsFor(role: Role): Array<'cases' | 'staff' | 'figures'> {
  const p = permissionsFor(role);
  return [
    ...(p.importsCases ? (['cases'] as const) : []),
    ...(p.importsStaff ? (['staff'] as const) : []),
    ...(p.reportsFigures ? (['figures'] as const) : []),
  ];
}

/** May this user keep the roster of this centre? (The API also checks: another centre's is "not found".) */
export const managesRosterOf = (p: { role: Role; centreId?: string }, centreId: string) =>
  permissionsFor(p.role).manageStaff && (p.role === 'state-admin' || p.centreId === centreId);

/** Who read a case: the centre's administrator and the state (the API says 404 for another centre's). */
export const canReadAccessLog = (role: Role) => may(role, 'GET', '/cases/{caseId}/access-log', OVERSIGHT_HOLD);

/** Placing or lifting a legal hold: the same people. */
export const canSetLegalHold = (role: Role) => may(role, 'POST', '/cases/{caseId}/legal-hold', OVERSIGHT_HOLD);

// What the signed-in role may do, so the form offers exactly the actions the API allows and nothing else.
// Roles come from the route table (shared/routes.ts) wherever a route is already there; the contract's roles
// stand in for routes still being built. The case's own state (shared/lifecycle.ts) narrows it further.
import { ROUTES, type Route } from '../../shared/routes.ts';
import { canMove, nextStatuses } from '../../shared/lifecycle.ts';
import type { CaseStatus, Role } from '../../shared/schemas.ts';

const CENTRE: readonly Role[] = ['centre-staff', 'centre-admin'];
const OVERSIGHT_ACK: readonly Role[] = ['centre-admin', 'district-officer', 'state-admin'];

function rolesFor(method: 'GET' | 'POST', path: string, fallback: readonly Role[]): readonly Role[] {
  const r = (ROUTES as readonly Route[]).find((x) => x.method === method && x.path === path);
  return r ? r.roles : fallback;
}

const may = (role: Role, method: 'GET' | 'POST', path: string, fallback: readonly Role[]) => rolesFor(method, path, fallback).includes(role);

export interface CaseLike {
  status: CaseStatus;
}

export const isCentreRole = (role: Role) => role === 'centre-staff' || role === 'centre-admin';

/** Registering needs a centre: state-admin may register through the API with a centreId, not in this form. */
export const canRegister = (role: Role) => isCentreRole(role) && may(role, 'POST', '/cases', CENTRE);

export const canRecordService = (role: Role, c: CaseLike) =>
  may(role, 'POST', '/cases/{caseId}/services', CENTRE) && c.status !== 'CLOSED' && c.status !== 'WITHDRAWN';

export const statusMoves = (role: Role, c: CaseLike): CaseStatus[] =>
  may(role, 'POST', '/cases/{caseId}/status', CENTRE) ? nextStatuses(c.status) : [];

export const canResolve = (role: Role, c: CaseLike) =>
  may(role, 'POST', '/cases/{caseId}/resolve', CENTRE) && canMove(c.status, 'RESOLVED', 'resolve');

export const canRecordFollowUp = (role: Role, c: CaseLike, f: { status?: string }) =>
  may(role, 'POST', '/cases/{caseId}/followups/{followUpId}', CENTRE) &&
  (f.status === 'PENDING' || f.status === 'MISSED') &&
  (c.status === 'RESOLVED' || c.status === 'MONITORING');

export const canEscalate = (role: Role, c: CaseLike) =>
  may(role, 'POST', '/cases/{caseId}/escalations', CENTRE) && !['CLOSED', 'WITHDRAWN', 'REFERRED'].includes(c.status);

/** The level each role answers for: 1 centre administrator, 2 district officer, 3 state. */
const LEVEL: Partial<Record<Role, number>> = { 'centre-admin': 1, 'district-officer': 2, 'state-admin': 3 };

/** The level that is currently notified, or a higher one, may acknowledge an open escalation. */
export const canAcknowledge = (role: Role, e: { level?: number; status?: string }) =>
  may(role, 'POST', '/cases/{caseId}/escalations/{escalationId}/acknowledge', OVERSIGHT_ACK) &&
  e.status === 'OPEN' &&
  (LEVEL[role] ?? 0) >= Math.max(1, e.level ?? 1);

/** What the navigation offers: reading cases (every role but the helpline's machine client), registering. */
export function permissionsFor(role: Role): { reads: boolean; registers: boolean } {
  return {
    reads: may(role, 'GET', '/cases', ['centre-staff', 'centre-admin', 'district-officer', 'state-admin']),
    registers: canRegister(role),
  };
}

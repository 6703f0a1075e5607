// Who is calling, from the authorizer's claims (Cognito in AWS, locally signed tokens in the local runtime:
// the same claim names), and what they may see.
import { forbidden, notFound, unauthorized } from './errors.ts';
import { INTAKE_SOURCES, type IntakeSource, ROLES, type Role } from './vocabulary.ts';

export interface Principal {
  userId: string;
  username: string;
  role: Role;
  centreId?: string;
  district?: string;
  staffId?: string;
  /**
   * The control room a `helpline` caller is (181 or 112): the only referral source it may use. A machine
   * client's comes from its app client id (the stack's INTAKE_CLIENTS setting), a desk operator's (a user in
   * the helpline group) from her `custom:intakeSource` attribute, which only administrators can set.
   */
  intakeSource?: IntakeSource;
}

/** Which app clients are which control room: source → the Cognito app client ids of its machine clients. */
export type IntakeClients = Partial<Record<IntakeSource, readonly string[]>>;

export type Claims = Record<string, unknown>;

function groupsOf(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw !== 'string') return [];
  // API Gateway (REST) flattens the groups claim to "a,b" or "[a b]".
  return raw
    .replace(/^\[|\]$/g, '')
    .split(/[,\s]+/)
    .filter(Boolean);
}

/** The most privileged of a user's groups decides; a user is normally in exactly one. */
const ROLE_ORDER: Role[] = ['state-admin', 'district-officer', 'centre-admin', 'centre-staff', 'helpline'];

const asSource = (v: string | undefined): IntakeSource | undefined =>
  (INTAKE_SOURCES as readonly string[]).includes(v ?? '') ? (v as IntakeSource) : undefined;

function sourceOfClient(clientId: string | undefined, clients: IntakeClients): IntakeSource | undefined {
  if (!clientId) return undefined;
  return INTAKE_SOURCES.find((s) => clients[s]?.includes(clientId));
}

export function principalFromClaims(claims: Claims | undefined, intakeClients: IntakeClients = {}): Principal {
  if (!claims || typeof claims.sub !== 'string') throw unauthorized();
  const groups = groupsOf(claims['cognito:groups']);
  // A machine client (client-credentials grant) has no groups; its scope names its role.
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
  const machine = scopes.some((s) => s.endsWith('/referrals.write'));
  if (machine) groups.push('helpline');
  const role = ROLE_ORDER.find((r) => groups.includes(r));
  if (!role || !(ROLES as readonly string[]).includes(role)) throw forbidden('Your account has no role in this system');
  const str = (k: string) => (typeof claims[k] === 'string' && claims[k] !== '' ? (claims[k] as string) : undefined);
  const principal: Principal = {
    userId: claims.sub,
    username: str('cognito:username') ?? str('username') ?? str('client_id') ?? claims.sub,
    role,
    centreId: str('custom:centreId'),
    district: str('custom:district'),
    staffId: str('custom:staffId'),
  };
  if (role === 'helpline') {
    // A machine token carries no user attributes to trust: its client id decides which control room it is.
    const source = machine ? sourceOfClient(str('client_id'), intakeClients) : asSource(str('custom:intakeSource'));
    if (source) principal.intakeSource = source;
  }
  if ((role === 'centre-staff' || role === 'centre-admin') && !principal.centreId) {
    throw forbidden('Your account is not attached to a centre');
  }
  if (role === 'district-officer' && !principal.district) throw forbidden('Your account is not attached to a district');
  return principal;
}

export interface Scoped {
  centreId: string;
  district: string;
}

/** May this principal see a record of this centre/district? */
export function inScope(p: Principal, target: Scoped): boolean {
  switch (p.role) {
    case 'state-admin':
      return true;
    case 'district-officer':
      return p.district === target.district;
    case 'centre-staff':
    case 'centre-admin':
      return p.centreId === target.centreId;
    default:
      return false;
  }
}

/** Throws 404 (never 403) outside scope, so the caller learns nothing about other centres' cases. */
export function assertInScope(p: Principal, target: Scoped | undefined): asserts target is Scoped {
  if (!target || !inScope(p, target)) throw notFound();
}

export const isCentreRole = (p: Principal) => p.role === 'centre-staff' || p.role === 'centre-admin';

/** The centre of a centre role (checked when the principal was read from its claims). */
export function ownCentre(p: Principal): string {
  if (!p.centreId) throw forbidden('Your account is not attached to a centre');
  return p.centreId;
}

/** The district of a district officer (checked when the principal was read from its claims). */
export function ownDistrict(p: Principal): string {
  if (!p.district) throw forbidden('Your account is not attached to a district');
  return p.district;
}

/**
 * Need-to-know: only the centre's own team sees who the survivor is and what happened. District and state
 * oversight see the case's progress, never her identity.
 */
export const seesSurvivorDetails = isCentreRole;

// What the form offers each role (web/src/permissions.ts): the roles come from the API's route table and the
// case rules from the lifecycle module, so the form offers exactly what the API allows and has no rules of
// its own to drift.
import { describe, expect, it } from 'vitest';
import { MOVES, mayEscalate, nextStatuses, takesFollowUps, takesServices } from '#shared/cases/lifecycle.ts';
import { CASE_STATUSES, type Role } from '#shared/core/vocabulary.ts';
import {
  canAcknowledge,
  canEscalate,
  canReadAccessLog,
  canRecordFollowUp,
  canRecordService,
  canReferOnward,
  canRegister,
  canResolve,
  canSetLegalHold,
  canSettleFollowUp,
  canTransfer,
  followUpCandidates,
  importKindsFor,
  keepsPartnersOf,
  managesRosterOf,
  permissionsFor,
  picksCentre,
  statusMoves,
} from '../../web/src/permissions.ts';

const CENTRE: Role[] = ['centre-staff', 'centre-admin'];
const OVERSIGHT: Role[] = ['district-officer', 'state-admin'];

describe('actions on a case', () => {
  it('offers the centre’s team, in every status, what the lifecycle allows there, and nothing to oversight', () => {
    for (const status of CASE_STATUSES) {
      const c = { status };
      for (const role of CENTRE) {
        expect(canRecordService(role, c), `${role} service ${status}`).toBe(takesServices(status));
        expect(statusMoves(role, c), `${role} moves ${status}`).toEqual(nextStatuses(status));
        expect(canEscalate(role, c), `${role} escalate ${status}`).toBe(mayEscalate(status));
        const resolvable = MOVES.some((m) => m.from === status && m.to === 'RESOLVED' && m.via === 'resolve');
        expect(canResolve(role, c), `${role} resolve ${status}`).toBe(resolvable);
      }
      for (const role of [...OVERSIGHT, 'helpline' as const]) {
        expect(canRecordService(role, c)).toBe(false);
        expect(statusMoves(role, c)).toEqual([]);
        expect(canResolve(role, c)).toBe(false);
        expect(canEscalate(role, c)).toBe(false);
      }
    }
  });

  it('spells out the everyday cases: a closed or withdrawn case takes no service; an ended one no escalation', () => {
    expect(canRecordService('centre-staff', { status: 'IN_PROGRESS' })).toBe(true);
    expect(canRecordService('centre-staff', { status: 'REFERRED' })).toBe(true);
    expect(canRecordService('centre-staff', { status: 'CLOSED' })).toBe(false);
    expect(canRecordService('centre-staff', { status: 'WITHDRAWN' })).toBe(false);
    expect(canEscalate('centre-admin', { status: 'REFERRED' })).toBe(false);
    expect(statusMoves('centre-staff', { status: 'REGISTERED' })).toEqual(['IN_PROGRESS', 'REFERRED', 'WITHDRAWN']);
    expect(statusMoves('centre-staff', { status: 'RESOLVED' })).toEqual([]);
    expect(canResolve('centre-staff', { status: 'REOPENED' })).toBe(true);
    expect(canResolve('centre-staff', { status: 'REGISTERED' })).toBe(false);
  });

  it('takes a follow-up outcome for a follow-up still to do, while she is monitored after a resolution', () => {
    for (const status of CASE_STATUSES) {
      expect(canRecordFollowUp('centre-staff', { status }, { status: 'PENDING' }), status).toBe(takesFollowUps(status));
    }
    expect(canRecordFollowUp('centre-staff', { status: 'MONITORING' }, { status: 'MISSED' })).toBe(true);
    // Past due when the case was imported: an outcome, or settled; nothing else is settled.
    expect(canRecordFollowUp('centre-staff', { status: 'RESOLVED' }, { status: 'OVERDUE_AT_IMPORT' })).toBe(true);
    expect(canSettleFollowUp('centre-staff', { status: 'RESOLVED' }, { status: 'OVERDUE_AT_IMPORT' })).toBe(true);
    expect(canSettleFollowUp('centre-staff', { status: 'RESOLVED' }, { status: 'PENDING' })).toBe(false);
    expect(canSettleFollowUp('district-officer', { status: 'RESOLVED' }, { status: 'OVERDUE_AT_IMPORT' })).toBe(false);
    expect(canRecordFollowUp('centre-staff', { status: 'RESOLVED' }, { status: 'DONE' })).toBe(false);
    expect(canRecordFollowUp('centre-staff', { status: 'RESOLVED' }, { status: 'CANCELLED' })).toBe(false);
    expect(canRecordFollowUp('district-officer', { status: 'RESOLVED' }, { status: 'PENDING' })).toBe(false);
  });

  it('lets the level notified, or a level above it, acknowledge an open escalation', () => {
    const open = (level: number) => ({ level, status: 'OPEN' });
    expect(canAcknowledge('centre-admin', open(1))).toBe(true);
    expect(canAcknowledge('centre-admin', open(2))).toBe(false);
    expect(canAcknowledge('district-officer', open(1))).toBe(true);
    expect(canAcknowledge('district-officer', open(2))).toBe(true);
    expect(canAcknowledge('district-officer', open(3))).toBe(false);
    expect(canAcknowledge('state-admin', open(3))).toBe(true);
    // Not started yet (level 0) counts as level 1.
    expect(canAcknowledge('centre-admin', open(0))).toBe(true);
    expect(canAcknowledge('centre-staff', open(1))).toBe(false);
    expect(canAcknowledge('state-admin', { level: 1, status: 'ACKNOWLEDGED' })).toBe(false);
  });

  it('offers as follow-up workers the active staff, never the guards and cooks', () => {
    const staff = [
      { staffId: 'a', role: 'CASE_WORKER' },
      { staffId: 'b', role: 'SECURITY' },
      { staffId: 'c', role: 'MULTIPURPOSE' },
      { staffId: 'd', role: 'COUNSELLOR', active: false },
      { staffId: 'e', role: 'COUNSELLOR', active: true },
    ];
    expect(followUpCandidates(staff).map((s) => s.staffId)).toEqual(['a', 'e']);
  });
});

describe('screens by role', () => {
  it('opens to each role the screens its routes allow', () => {
    expect(permissionsFor('centre-staff')).toEqual({
      reads: true,
      registers: true,
      oversight: true,
      monthlyReports: false,
      weeklyReports: false,
      manageCentres: false,
      manageStaff: false,
      accessQuery: false,
      importsCases: false,
      importsStaff: false,
      reportsFigures: false,
      partners: true,
      transfers: false,
    });
    expect(permissionsFor('centre-admin')).toMatchObject({
      registers: true,
      manageStaff: true,
      manageCentres: false,
      accessQuery: false,
      importsCases: true,
      importsStaff: true,
      reportsFigures: false,
      transfers: true,
    });
    expect(permissionsFor('district-officer')).toMatchObject({
      registers: false,
      monthlyReports: true,
      weeklyReports: false,
      manageStaff: false,
    });
    expect(permissionsFor('state-admin')).toMatchObject({
      registers: true,
      weeklyReports: true,
      manageCentres: true,
      manageStaff: true,
      accessQuery: true,
      importsCases: true,
      reportsFigures: true,
    });
    expect(importKindsFor('state-admin')).toEqual(['cases', 'staff', 'figures']);
    expect(importKindsFor('centre-admin')).toEqual(['cases', 'staff']);
    expect(importKindsFor('district-officer')).toEqual([]);
    expect(permissionsFor('helpline')).toMatchObject({
      reads: false,
      registers: false,
      oversight: false,
      partners: false,
      transfers: false,
    });
  });

  it('offers onward referrals and transfers on open cases only, and the directory to its keepers', () => {
    const open = { status: 'IN_PROGRESS' as const };
    const ended = { status: 'REFERRED' as const };
    expect(canReferOnward('centre-staff', open)).toBe(true);
    expect(canReferOnward('centre-staff', ended)).toBe(false);
    expect(canReferOnward('district-officer', open)).toBe(false);
    expect(canTransfer('centre-admin', open)).toBe(true);
    expect(canTransfer('centre-staff', open)).toBe(false);
    expect(canTransfer('centre-admin', { status: 'CLOSED' })).toBe(false);
    expect(keepsPartnersOf({ role: 'state-admin' }, 'Gaya', undefined)).toBe(true);
    expect(keepsPartnersOf({ role: 'centre-admin' }, 'Patna', 'Patna')).toBe(true);
    expect(keepsPartnersOf({ role: 'centre-admin' }, 'Gaya', 'Patna')).toBe(false);
    expect(keepsPartnersOf({ role: 'district-officer' }, 'Gaya', 'Gaya')).toBe(true);
    expect(keepsPartnersOf({ role: 'centre-staff' }, 'Patna', 'Patna')).toBe(false);
  });

  it("shows a case's readers and its legal hold to the centre's administrator and the state only", () => {
    for (const role of ['centre-admin', 'state-admin'] as const) {
      expect(canReadAccessLog(role), role).toBe(true);
      expect(canSetLegalHold(role), role).toBe(true);
    }
    for (const role of ['centre-staff', 'district-officer', 'helpline'] as const) {
      expect(canReadAccessLog(role), role).toBe(false);
      expect(canSetLegalHold(role), role).toBe(false);
    }
  });

  it('lets the state register at a centre it picks; a centre role registers at its own', () => {
    expect(canRegister('state-admin')).toBe(true);
    expect(picksCentre('state-admin')).toBe(true);
    expect(picksCentre('centre-staff')).toBe(false);
    expect(canRegister('helpline')).toBe(false);
  });

  it('gives a centre administrator her own centre’s roster only, and the state every roster', () => {
    const admin = { role: 'centre-admin' as const, centreId: 'osc-patna-1' };
    expect(managesRosterOf(admin, 'osc-patna-1')).toBe(true);
    expect(managesRosterOf(admin, 'osc-gaya-1')).toBe(false);
    expect(managesRosterOf({ role: 'state-admin' }, 'osc-gaya-1')).toBe(true);
    expect(managesRosterOf({ role: 'centre-staff', centreId: 'osc-patna-1' }, 'osc-patna-1')).toBe(false);
  });
});

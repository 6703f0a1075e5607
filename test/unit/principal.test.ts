// Who a caller is, from the authorizer's claims: in particular which control room a `helpline` caller is,
// the one referral source it may use.
import { describe, expect, it } from 'vitest';
import { readConfig } from '#shared/core/config.ts';
import { principalFromClaims } from '#shared/core/principal.ts';

const CLIENTS = { HELPLINE_181: ['client-181-a', 'client-181-b'], ERSS_112: ['client-112'] };
const machine = (clientId: string, extra: Record<string, unknown> = {}) => ({
  sub: clientId,
  client_id: clientId,
  scope: 'sakhi/referrals.write',
  ...extra,
});

describe('the intake source of a helpline caller', () => {
  it('is the control room of a machine client, by its app client id (both clients of a rotation)', () => {
    expect(principalFromClaims(machine('client-181-a'), CLIENTS)).toMatchObject({
      role: 'helpline',
      intakeSource: 'HELPLINE_181',
    });
    expect(principalFromClaims(machine('client-181-b'), CLIENTS).intakeSource).toBe('HELPLINE_181');
    expect(principalFromClaims(machine('client-112'), CLIENTS).intakeSource).toBe('ERSS_112');
  });

  it('is none for a client the setting does not name, and a machine token cannot claim one itself', () => {
    expect(principalFromClaims(machine('client-unknown'), CLIENTS).intakeSource).toBeUndefined();
    expect(principalFromClaims(machine('client-112'), {}).intakeSource).toBeUndefined();
    const forged = machine('client-112', { 'custom:intakeSource': 'HELPLINE_181' });
    expect(principalFromClaims(forged, CLIENTS).intakeSource).toBe('ERSS_112');
  });

  it('is a desk operator’s custom attribute when she signs in as a user of the helpline group', () => {
    const desk = { sub: 'u-1', 'cognito:username': 'desk.181', 'cognito:groups': 'helpline' };
    expect(principalFromClaims({ ...desk, 'custom:intakeSource': 'HELPLINE_181' }).intakeSource).toBe('HELPLINE_181');
    expect(principalFromClaims({ ...desk, 'custom:intakeSource': 'POLICE' }).intakeSource).toBeUndefined();
    expect(principalFromClaims(desk).intakeSource).toBeUndefined();
  });

  it('is never set for other roles', () => {
    const staff = {
      sub: 'u-2',
      'cognito:groups': 'centre-staff',
      'custom:centreId': 'osc-patna-1',
      'custom:intakeSource': 'HELPLINE_181',
    };
    expect(principalFromClaims(staff, CLIENTS).intakeSource).toBeUndefined();
  });
});

describe('the INTAKE_CLIENTS setting', () => {
  it('reads a map of sources to client ids, and is empty when absent', () => {
    expect(readConfig({ INTAKE_CLIENTS: JSON.stringify(CLIENTS) }).intakeClients).toEqual(CLIENTS);
    expect(readConfig({}).intakeClients).toEqual({});
  });

  it('refuses what could let a client refer as another room: unknown sources, one id under two, bad JSON', () => {
    for (const bad of [
      '{"POLICE":["x"]}',
      '{"HELPLINE_181":["x"],"ERSS_112":["x"]}',
      '{"HELPLINE_181":"x"}',
      '{"HELPLINE_181":[""]}',
      '[]',
      'not json',
    ]) {
      expect(() => readConfig({ INTAKE_CLIENTS: bad }), bad).toThrow(/INTAKE_CLIENTS/);
    }
  });
});

// Changes to the network that must happen once and only as allowed: centre and roster changes spend their
// Idempotency-Key (a retry replays the first answer; the same key with another body is 422), the roster's
// Centre Administrator and the centre-admin sign-in are the same person, and a disabled district or state
// sign-in is refused within seconds whatever token it still holds.
import { describe, expect, it } from 'vitest';
import { api, eventually, settle } from './client.ts';

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const key = () => `test-${unique()}`;
const staffBody = (over: Record<string, unknown> = {}) => ({
  name: `Retried Worker ${unique()}`,
  role: 'COUNSELLOR',
  phone: '+919812300101',
  language: 'en',
  ...over,
});

async function openCentre() {
  const res = await api(
    'state.wcdc',
    'POST',
    '/centres',
    { name: `Idempotent centre ${unique()}`, district: 'Gaya', subdivision: 'Sherghati', status: 'PLANNED' },
    { 'idempotency-key': key() },
  );
  expect(res.status).toBe(201);
  return res.body.centreId as string;
}

describe('centre and roster changes spend their Idempotency-Key', () => {
  it('a retried POST /centres/{id}/staff adds one staff member and replays the first answer', async () => {
    const centreId = await openCentre();
    const body = staffBody();
    const k = key();
    const [a, b] = await Promise.all([
      api('state.wcdc', 'POST', `/centres/${centreId}/staff`, body, { 'idempotency-key': k }),
      api('state.wcdc', 'POST', `/centres/${centreId}/staff`, body, { 'idempotency-key': k }),
    ]);
    const c = await api('state.wcdc', 'POST', `/centres/${centreId}/staff`, body, { 'idempotency-key': k });
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect(new Set([a, b, c].map((r) => r.body.staffId)).size).toBe(1);
    expect(c.headers.get('idempotent-replayed')).toBe('true');
    const roster = await api('state.wcdc', 'GET', `/centres/${centreId}/staff`);
    expect(roster.body.filter((s: { name: string }) => s.name === body.name)).toHaveLength(1);

    const other = await api('state.wcdc', 'POST', `/centres/${centreId}/staff`, staffBody(), {
      'idempotency-key': k,
    });
    expect(other.status).toBe(422);
    expect((await api('state.wcdc', 'GET', `/centres/${centreId}/staff`)).body).toHaveLength(roster.body.length);
  });

  it('a retried PATCH of a staff member is applied once: a later change is not undone by the retry', async () => {
    const centreId = await openCentre();
    const added = await api('state.wcdc', 'POST', `/centres/${centreId}/staff`, staffBody());
    const path = `/centres/${centreId}/staff/${added.body.staffId}`;
    const k = key();
    const first = await api('state.wcdc', 'PATCH', path, { name: 'First Name' }, { 'idempotency-key': k });
    expect(first.status).toBe(200);
    expect((await api('state.wcdc', 'PATCH', path, { name: 'Second Name' })).status).toBe(200);
    const retry = await api('state.wcdc', 'PATCH', path, { name: 'First Name' }, { 'idempotency-key': k });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    const roster = await api('state.wcdc', 'GET', `/centres/${centreId}/staff`);
    expect(roster.body.find((s: { staffId: string }) => s.staffId === added.body.staffId).name).toBe('Second Name');
    expect((await api('state.wcdc', 'PATCH', path, { name: 'Third Name' }, { 'idempotency-key': k })).status).toBe(422);
  });

  it('a retried POST /centres makes one centre, and a retried PATCH /centres is applied once', async () => {
    const name = `Retried centre ${unique()}`;
    const body = { name, district: 'Gaya', subdivision: 'Neemchak Bathani', status: 'PLANNED' };
    const k = key();
    const [a, b] = await Promise.all([
      api('state.wcdc', 'POST', '/centres', body, { 'idempotency-key': k }),
      api('state.wcdc', 'POST', '/centres', body, { 'idempotency-key': k }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.centreId).toBe(a.body.centreId);
    const centres = await api('state.wcdc', 'GET', '/centres');
    expect(centres.body.filter((c: { name: string }) => c.name === name)).toHaveLength(1);
    expect(
      (await api('state.wcdc', 'POST', '/centres', { ...body, name: `${name} 2` }, { 'idempotency-key': k })).status,
    ).toBe(422);

    const path = `/centres/${a.body.centreId}`;
    const k2 = key();
    const opened = await api('state.wcdc', 'PATCH', path, { status: 'OPERATIONAL' }, { 'idempotency-key': k2 });
    expect(opened.status).toBe(200);
    expect((await api('state.wcdc', 'PATCH', path, { status: 'CLOSED' })).status).toBe(200);
    // Replayed, not applied again: OPERATIONAL from CLOSED would be a 409, and the centre stays closed.
    const again = await api('state.wcdc', 'PATCH', path, { status: 'OPERATIONAL' }, { 'idempotency-key': k2 });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const list = await api('state.wcdc', 'GET', '/centres');
    expect(list.body.find((c: { centreId: string }) => c.centreId === a.body.centreId).status).toBe('CLOSED');
    expect((await api('state.wcdc', 'PATCH', path, { name: 'Other' }, { 'idempotency-key': k2 })).status).toBe(422);
  });
});

describe('the Centre Administrator and the centre-admin sign-in are the same person', () => {
  it('refuses a centre-admin sign-in for another role, and another sign-in for the Centre Administrator', async () => {
    const centreId = await openCentre();
    const before = (await api('state.wcdc', 'GET', `/centres/${centreId}/staff`)).body.length;
    for (const [role, systemAccess] of [
      ['CASE_WORKER', 'centre-admin'],
      ['CENTRE_ADMINISTRATOR', 'centre-staff'],
    ]) {
      const res = await api('state.wcdc', 'POST', `/centres/${centreId}/staff`, {
        ...staffBody({ role, systemAccess }),
        email: `x.${unique()}@example.org`,
      });
      expect(res.status, `${role} ${systemAccess}`).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['systemAccess']);
    }
    expect((await api('state.wcdc', 'GET', `/centres/${centreId}/staff`)).body).toHaveLength(before);
    // Without a sign-in any role is fine; with the matching one too.
    const admin = await api('state.wcdc', 'POST', `/centres/${centreId}/staff`, {
      ...staffBody({ role: 'CENTRE_ADMINISTRATOR', systemAccess: 'centre-admin' }),
      email: `admin.${unique()}@example.org`,
    });
    expect(admin.status).toBe(201);
    expect(
      (await api('state.wcdc', 'POST', `/centres/${centreId}/staff`, staffBody({ role: 'CENTRE_ADMINISTRATOR' })))
        .status,
    ).toBe(201);

    // Changing her role away from Centre Administrator while she holds the centre-admin sign-in: 400 at role.
    const moved = await api('state.wcdc', 'PATCH', `/centres/${centreId}/staff/${admin.body.staffId}`, {
      role: 'CASE_WORKER',
    });
    expect(moved.status).toBe(400);
    expect(moved.body.errors.map((e: { path: string }) => e.path)).toEqual(['role']);
    const worker = await api('state.wcdc', 'POST', `/centres/${centreId}/staff`, {
      ...staffBody({ systemAccess: 'centre-staff' }),
      email: `w.${unique()}@example.org`,
    });
    const promoted = await api('state.wcdc', 'PATCH', `/centres/${centreId}/staff/${worker.body.staffId}`, {
      role: 'CENTRE_ADMINISTRATOR',
    });
    expect(promoted.status).toBe(400);
    const roster = await api('state.wcdc', 'GET', `/centres/${centreId}/staff`);
    expect(roster.body.find((s: { staffId: string }) => s.staffId === admin.body.staffId).role).toBe(
      'CENTRE_ADMINISTRATOR',
    );
    expect(roster.body.find((s: { staffId: string }) => s.staffId === worker.body.staffId).role).toBe('COUNSELLOR');
  });
});

describe('a disabled district or state sign-in', () => {
  it('is refused within seconds whatever token it holds, cannot sign in again, and can be enabled', async () => {
    const username = `officer.${unique()}`;
    const made = await api(undefined, 'POST', '/_local/users', {
      username,
      role: 'district-officer',
      district: 'Gaya',
    });
    expect(made.status).toBe(201);
    expect((await api(username, 'GET', '/cases?limit=1')).status).toBe(200);

    // Only the state disables; not herself, not a district officer.
    expect((await api('officer.gaya', 'POST', `/users/${username}/disable`, {})).status).toBe(403);
    const disabled = await api('state.wcdc', 'POST', `/users/${username}/disable`, { reason: 'left the post' });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ username, enabled: false });

    // The token she holds (valid for hours) is refused within the check's cache lifetime (15 s).
    await eventually(async () => (await api(username, 'GET', '/cases?limit=1')).status === 403, 30_000);
    expect((await api(username, 'GET', '/stats')).status).toBe(403);
    await settle(); // the account change is carried out from the stream
    const token = await api(undefined, 'POST', '/_local/token', { username });
    expect(token.status).toBe(403);
    expect((await api('state.wcdc', 'POST', '/users/state.wcdc/disable', {})).status).toBe(409);

    const enabled = await api('state.wcdc', 'POST', `/users/${username}/enable`, {});
    expect(enabled.status).toBe(200);
    await settle();
    await eventually(async () => (await api(undefined, 'POST', '/_local/token', { username })).status === 200);
    await eventually(async () => (await api(username, 'GET', '/cases?limit=1')).status === 200, 30_000);
  });
});

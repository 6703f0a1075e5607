// Input an attacker would send, on every route it can reach: over-long path ids, crafted page cursors,
// `null` bodies, text made of invisible characters. Each is a 4xx naming what is wrong, never a 500, and
// nothing is written.
import { describe, expect, it } from 'vitest';
import { ROUTES, type Route } from '#shared/core/routes.ts';
import type { Role } from '#shared/core/vocabulary.ts';
import { api, newCase } from './client.ts';

const USER_OF: Record<Role, string> = {
  'centre-staff': 'staff.patna1',
  'centre-admin': 'admin.patna1',
  'district-officer': 'officer.patna',
  'state-admin': 'state.wcdc',
  helpline: 'helpline.181',
};
const routes = ROUTES as readonly Route[];
const userFor = (r: Route) => USER_OF[r.roles[0]];

describe('bad input never reaches a 500', () => {
  it('a 3,000-character id in any path is 404, on every route with an id in its path', async () => {
    const long = 'x'.repeat(3000);
    const withIds = routes.filter((r) => r.path.includes('{') && r.roles.length);
    expect(withIds.length).toBeGreaterThanOrEqual(9);
    for (const route of withIds) {
      const path = route.path.replace(/\{\w+\}/g, long);
      const res = await api(userFor(route), route.method, path, route.body ? {} : undefined);
      expect(res.status, `${route.method} ${route.path}`).toBe(404);
      expect(res.headers.get('content-type'), route.path).toMatch(/problem\+json/);
    }
  });

  it('a crafted cursor (an index key alone, another list’s key, not JSON) is 400 at query.cursor', async () => {
    const cursor = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const crafted = [
      cursor({ gsi1pk: 'CENTRE#osc-patna-1' }),
      cursor({ gsi1pk: 'CENTRE#osc-gaya-1', gsi1sk: 'x', pk: 'CASE#x', sk: 'CASE' }),
      cursor({ pk: { S: 'x' }, sk: 'CASE', gsi1pk: 'CENTRE#osc-patna-1', gsi1sk: 'x' }),
      cursor(['a']),
      'not-a-cursor!',
    ];
    for (const c of crafted) {
      const res = await api('staff.patna1', 'GET', `/cases?cursor=${encodeURIComponent(c)}`);
      expect(res.status, c).toBe(400);
      expect(
        res.body.errors.map((e: { path: string }) => e.path),
        c,
      ).toEqual(['query.cursor']);
    }
  });

  it('a null body is 400 on every route that takes a body, and the PATCH routes write nothing', async () => {
    const centreBefore = (await api('state.wcdc', 'GET', '/centres')).body.find(
      (c: { centreId: string }) => c.centreId === 'osc-patna-1',
    );
    const staffBefore = (await api('admin.patna1', 'GET', '/centres/osc-patna-1/staff')).body;
    const params: Record<string, string> = {
      caseId: (await api('staff.patna1', 'POST', '/cases', newCase())).body.caseId,
      centreId: 'osc-patna-1',
      staffId: 'patna-1-s1',
      followUpId: 'f-1',
      escalationId: 'e-1',
    };
    for (const route of routes.filter((r) => r.body)) {
      const path = route.path.replace(/\{(\w+)\}/g, (_m, k: string) => params[k]);
      const res = await api(userFor(route), route.method, path, 'null');
      expect(res.status, `${route.method} ${route.path}`).toBe(400);
      expect(res.body.errors?.[0]?.path, route.path).toBe('(body)');
    }
    const centreAfter = (await api('state.wcdc', 'GET', '/centres')).body.find(
      (c: { centreId: string }) => c.centreId === 'osc-patna-1',
    );
    expect(centreAfter).toEqual(centreBefore);
    expect((await api('admin.patna1', 'GET', '/centres/osc-patna-1/staff')).body).toEqual(staffBefore);
  });

  it('a name of zero-width spaces is "required", and no case is made', async () => {
    const before = (await api('staff.patna1', 'GET', '/cases?limit=1')).body.items[0]?.caseId;
    const body = newCase();
    for (const blank of ['\u200B', '\u200C\u200D\u2060', '\uFEFF']) {
      const res = await api('staff.patna1', 'POST', '/cases', {
        ...body,
        survivor: { ...body.survivor, name: blank },
      });
      expect(res.status, JSON.stringify(blank)).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'survivor.name', code: 'required' })]);
    }
    expect((await api('staff.patna1', 'GET', '/cases?limit=1')).body.items[0]?.caseId).toBe(before);
    const staff = await api('admin.patna1', 'POST', '/centres/osc-patna-1/staff', {
      name: '\u200B',
      role: 'COUNSELLOR',
      phone: '+919812300077',
      language: 'en',
    });
    expect(staff.status).toBe(400);
    expect(staff.body.errors.map((e: { path: string }) => e.path)).toEqual(['name']);
  });
});

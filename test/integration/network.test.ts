// 181 / 112 referrals, centres opened by the state, and rosters kept by centre administrators, over HTTP.
import { describe, expect, it } from 'vitest';
import { api, eventually, newCase, settle, smsFor, tokenFor, userInfo } from './client.ts';

const referral = (reference: string, over: Record<string, unknown> = {}) => {
  const { servicesNeeded, consent, riskLevel, incident } = newCase();
  return {
    survivor: { name: 'Referred Personname', age: 24, phone: '+919811112222', safeToContact: false, district: 'Gaya' },
    incident,
    referral: { source: 'HELPLINE_181', reference },
    servicesNeeded,
    consent,
    riskLevel,
    ...over,
  };
};

describe('181 / 112 referrals', () => {
  it('a referral sent three times makes one case at the district centre and one SMS to its administrator', async () => {
    const ref = `181-${Date.now()}`;
    const body = referral(ref);
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await api('helpline.181', 'POST', '/referrals', body));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(results.map((r) => r.body.caseId)).size).toBe(1);
    expect(results[0].body.centreId).toBe('osc-gaya-1');
    await settle();
    const sms = await smsFor(results[0].body.caseNumber);
    expect(sms).toHaveLength(1);
    expect(sms[0].to).toBe((await userInfo('admin.gaya1')).phone);
    expect(sms[0].template).toBe('referral');
    expect(sms[0].message).not.toMatch(/Referred|Personname|9811112222|Gaya/);
    // The centre sees the case; the history says who registered it.
    const read = await api('staff.gaya1', 'GET', `/cases/${results[0].body.caseId}`);
    expect(read.body.referral).toMatchObject({ source: 'HELPLINE_181', reference: ref });
  });

  it('the same path through POST /cases for the helpline role, idempotent by reference', async () => {
    const ref = `112-${Date.now()}`;
    const body = referral(ref, { referral: { source: 'ERSS_112', reference: ref }, centreId: 'osc-patna-2' });
    const a = await api('helpline.112', 'POST', '/cases', body);
    const b = await api('helpline.112', 'POST', '/referrals', body);
    expect(a.status).toBe(201);
    expect(b.body.caseId).toBe(a.body.caseId);
    expect(a.body.centreId).toBe('osc-patna-2');
  });

  it('the referral schema is strict and names the field; nothing is written', async () => {
    const self = await api(
      'helpline.181',
      'POST',
      '/referrals',
      referral('181-x1', { referral: { source: 'SELF', reference: '181-x1' } }),
    );
    expect(self.status).toBe(400);
    expect(self.body.errors.map((e: { path: string }) => e.path)).toContain('referral.source');
    const noRef = await api(
      'helpline.181',
      'POST',
      '/referrals',
      referral('x', { referral: { source: 'HELPLINE_181' } }),
    );
    expect(noRef.body.errors.map((e: { path: string }) => e.path)).toContain('referral.reference');
    const noDistrict = await api(
      'helpline.181',
      'POST',
      '/referrals',
      referral('181-x2', { survivor: { name: 'A', age: 20, safeToContact: false } }),
    );
    expect(noDistrict.status).toBe(400);
    expect(noDistrict.body.errors[0].path).toBe('survivor.district');
    // Staff tokens carry no intake scope: a known caller whose role may not refer (403, not 401).
    const staff = await api('staff.patna1', 'POST', '/referrals', referral('181-x3'));
    expect(staff.status).toBe(403);
    expect(staff.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await api(undefined, 'POST', '/referrals', referral('181-x4'))).status).toBe(401);
  });

  it('a control room refers only as itself: 112 cannot use 181 as its source, nor read its case back', async () => {
    const ref = `181-${Date.now()}-own`;
    const first = await api('helpline.181', 'POST', '/referrals', referral(ref));
    expect(first.status).toBe(201);
    const before = await api('state.wcdc', 'GET', '/cases?centreId=osc-gaya-1&limit=100');

    // 112 names 181 and 181's reference, with its own (different) woman: refused, on both intake routes.
    const other = referral(ref, {
      survivor: { name: 'Another Woman', age: 31, safeToContact: false, district: 'Gaya' },
    });
    for (const path of ['/referrals', '/cases']) {
      const res = await api('helpline.112', 'POST', path, other);
      expect(res.status, path).toBe(403);
      expect(JSON.stringify(res.body), path).not.toContain(first.body.caseId);
      expect(JSON.stringify(res.body), path).not.toContain(first.body.caseNumber);
    }
    // Under its own source the same reference is a different referral (each room numbers its own).
    const own = await api(
      'helpline.112',
      'POST',
      '/referrals',
      referral(ref, { referral: { source: 'ERSS_112', reference: ref } }),
    );
    expect(own.status).toBe(201);
    expect(own.body.caseId).not.toBe(first.body.caseId);

    // Nothing was written by the refused calls: one new case at Gaya (112's own), not two.
    const after = await api('state.wcdc', 'GET', '/cases?centreId=osc-gaya-1&limit=100');
    const added = after.body.items.filter(
      (c: { caseId: string }) => !before.body.items.some((b: { caseId: string }) => b.caseId === c.caseId),
    );
    expect(added.map((c: { caseId: string }) => c.caseId)).toEqual([own.body.caseId]);
  });

  it('the same reference with another body is 422, never the first case', async () => {
    const ref = `181-${Date.now()}-body`;
    const body = referral(ref);
    const first = await api('helpline.181', 'POST', '/referrals', body);
    expect(first.status).toBe(201);
    const changed = { ...body, survivor: { ...body.survivor, age: body.survivor.age + 1 } };
    for (const path of ['/referrals', '/cases']) {
      const res = await api('helpline.181', 'POST', path, changed);
      expect(res.status, path).toBe(422);
      expect(JSON.stringify(res.body), path).not.toContain(first.body.caseId);
    }
    // The first body still answers with its case.
    const again = await api('helpline.181', 'POST', '/referrals', body);
    expect(again.status).toBe(201);
    expect(again.body.caseId).toBe(first.body.caseId);
  });

  it('the helpline cannot read anything', async () => {
    const { body: c } = await api('staff.patna1', 'POST', '/cases', newCase());
    const reads = [
      '/cases',
      `/cases/${c.caseId}`,
      `/cases/${c.caseId}/history`,
      `/cases/${c.caseId}/followups`,
      `/cases/${c.caseId}/escalations`,
      '/centres',
      '/centres/osc-patna-1/staff',
      '/stats',
      '/reports/weekly',
      '/reports/monthly',
    ];
    for (const path of reads) expect((await api('helpline.181', 'GET', path)).status, path).toBe(403);
  });
});

describe('centres managed by the state', () => {
  it('adds a planned centre that takes no cases until it is made operational', async () => {
    const created = await api('state.wcdc', 'POST', '/centres', {
      name: 'Sakhi One-Stop Centre, Barh',
      district: 'Patna',
      subdivision: 'Barh',
      status: 'PLANNED',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ district: 'Patna', subdivision: 'Barh', status: 'PLANNED' });
    expect(created.body.centreId).toMatch(/^osc-patna-\d+$/);
    const centreId = created.body.centreId as string;
    const planned = await api('state.wcdc', 'POST', '/cases', newCase({ centreId }));
    expect(planned.status).toBe(400);
    expect(planned.body.errors[0].path).toBe('centreId');

    const opened = await api('state.wcdc', 'PATCH', `/centres/${centreId}`, { status: 'OPERATIONAL' });
    expect(opened.status).toBe(200);
    expect(opened.body.status).toBe('OPERATIONAL');
    const ok = await api('state.wcdc', 'POST', '/cases', newCase({ centreId }));
    expect(ok.status).toBe(201);
    expect(ok.body.caseNumber).toMatch(new RegExp(`^PAT${centreId.split('-').at(-1)}/`));
    const list = await api('staff.patna1', 'GET', '/centres');
    expect(list.body.find((c: { centreId: string }) => c.centreId === centreId).status).toBe('OPERATIONAL');
    // Re-planning an open centre is not a move the network allows.
    expect((await api('state.wcdc', 'PATCH', `/centres/${centreId}`, { status: 'PLANNED' })).status).toBe(409);
  });

  it('validates district and sub-division against the geography, and only the state may add centres', async () => {
    const bad = await api('state.wcdc', 'POST', '/centres', {
      name: 'X',
      district: 'Atlantis',
      subdivision: 'Barh',
      status: 'PLANNED',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('district');
    const wrongSub = await api('state.wcdc', 'POST', '/centres', {
      name: 'X',
      district: 'Gaya',
      subdivision: 'Barh',
      status: 'PLANNED',
    });
    expect(wrongSub.body.errors[0].path).toBe('subdivision');
    expect(
      (
        await api('admin.patna1', 'POST', '/centres', {
          name: 'X',
          district: 'Patna',
          subdivision: 'Barh',
          status: 'PLANNED',
        })
      ).status,
    ).toBe(403);
    expect((await api('officer.patna', 'PATCH', '/centres/osc-patna-1', { status: 'CLOSED' })).status).toBe(403);
  });
});

describe('rosters kept by the centre administrator', () => {
  it('adds staff with sign-in; another centre administrator is refused', async () => {
    const added = await api('admin.patna1', 'POST', '/centres/osc-patna-1/staff', {
      name: 'New Caseworker',
      role: 'CASE_WORKER',
      phone: '+919812300001',
      language: 'hi',
      systemAccess: 'centre-staff',
      email: 'new.caseworker@example.org',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ centreId: 'osc-patna-1', active: true });
    const roster = await api('admin.patna1', 'GET', '/centres/osc-patna-1/staff');
    expect(roster.body.map((s: { staffId: string }) => s.staffId)).toContain(added.body.staffId);
    expect(
      (
        await api('admin.gaya1', 'POST', '/centres/osc-patna-1/staff', {
          name: 'X',
          role: 'COUNSELLOR',
          phone: '+919812300002',
          language: 'en',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api('staff.patna1', 'POST', '/centres/osc-patna-1/staff', {
          name: 'X',
          role: 'COUNSELLOR',
          phone: '+919812300002',
          language: 'en',
        })
      ).status,
    ).toBe(403);
    const badPhone = await api('admin.patna1', 'POST', '/centres/osc-patna-1/staff', {
      name: 'X',
      role: 'COUNSELLOR',
      phone: '0612-222',
      language: 'en',
    });
    expect(badPhone.body.errors[0].path).toBe('phone');
    // A sign-in is an e-mail invitation: no address, no account (and nothing written).
    const noEmail = await api('admin.patna1', 'POST', '/centres/osc-patna-1/staff', {
      name: 'Y',
      role: 'CENTRE_ADMINISTRATOR',
      phone: '+919812300009',
      language: 'en',
      systemAccess: 'centre-admin',
    });
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.errors.map((e: { path: string }) => e.path)).toEqual(['email']);
    // Her account signs in, once the account request written with the roster change is carried out.
    await settle();
    expect((await api(added.body.username, 'GET', '/cases')).status).toBe(200);
  });

  it('deactivating a staff member moves her follow-ups to a colleague, with history, and ends her access', async () => {
    const added = await api('admin.patna1', 'POST', '/centres/osc-patna-1/staff', {
      name: 'Leaving Worker',
      role: 'CASE_WORKER',
      phone: '+919812300003',
      language: 'en',
      systemAccess: 'centre-staff',
      email: 'leaving.worker@example.org',
    });
    const leaver = added.body as { staffId: string; username: string };
    await settle();
    await tokenFor(leaver.username);
    const { body: c } = await api('staff.patna1', 'POST', '/cases', newCase());
    await api('staff.patna1', 'POST', `/cases/${c.caseId}/status`, { status: 'IN_PROGRESS' });
    await api('staff.patna1', 'POST', `/cases/${c.caseId}/resolve`, {
      outcome: 'safe',
      followUpWorkerId: leaver.staffId,
    });

    const refused = await api('admin.patna1', 'PATCH', `/centres/osc-patna-1/staff/${leaver.staffId}`, {
      active: false,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe('reassignTo');

    const colleague = (await userInfo('staff.patna1')).staffId!;
    const done = await api('admin.patna1', 'PATCH', `/centres/osc-patna-1/staff/${leaver.staffId}`, {
      active: false,
      reassignTo: colleague,
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ active: false, reassigned: 7 });
    const plan = await api('staff.patna1', 'GET', `/cases/${c.caseId}/followups`);
    expect(plan.body.every((f: { workerId: string }) => f.workerId === colleague)).toBe(true);
    const history = await api('staff.patna1', 'GET', `/cases/${c.caseId}/history`);
    expect(history.body.at(-1)).toMatchObject({ action: 'FOLLOW_UPS_REASSIGNED', actor: { username: 'admin.patna1' } });
    // Her token (issued before) stops working within the roster cache's lifetime on every warm Lambda (15 s;
    // the bound itself is tested with a clock in test/unit/centre-cache.test.ts); once the account change is
    // carried out, she cannot get a new one either.
    await eventually(async () => (await api(leaver.username, 'GET', '/cases')).status === 403, 20_000);
    await settle();
    const token = await fetch(`${(await import('./client.ts')).baseUrl()}/_local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: leaver.username }),
    });
    expect(token.status).toBe(403);
  });
});

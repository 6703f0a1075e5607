// The case API over HTTP against the local runtime on DynamoDB Local: no mocks anywhere.
import { describe, expect, it } from 'vitest';
import { api, newCase } from './client.ts';

const STAFF = 'staff.patna1';
const OTHER_STAFF = 'staff.gaya1';

async function countCases(user = 'admin.patna1'): Promise<number> {
  let total = 0;
  let cursor: string | undefined;
  do {
    const res = await api(user, 'GET', `/cases?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    total += res.body.items.length;
    cursor = res.body.nextCursor;
  } while (cursor);
  return total;
}

describe('registering and reading cases', () => {
  it('creates a case with a case number of the centre and financial year, then reads and lists it', async () => {
    // Act
    const created = await api(STAFF, 'POST', '/cases', newCase());
    // Assess
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'REGISTERED', version: 1, centreId: 'osc-patna-1' });
    expect(created.body.caseNumber).toMatch(/^PAT1\/20\d\d-\d\d\/\d{5}$/);
    expect(created.body.registeredAt).toMatch(/\+05:30$/);
    expect(created.body).not.toHaveProperty('survivor');

    const read = await api(STAFF, 'GET', `/cases/${created.body.caseId}`);
    expect(read.status).toBe(200);
    expect(read.body.survivor.name).toMatch(/^Survivor Testname/);
    expect(read.headers.get('etag')).toBe('"1"');

    const list = await api(STAFF, 'GET', '/cases?limit=100');
    expect(list.body.items.map((c: { caseId: string }) => c.caseId)).toContain(created.body.caseId);
  });

  it('numbers consecutive cases of one centre without gaps', async () => {
    const a = await api(STAFF, 'POST', '/cases', newCase());
    const b = await api(STAFF, 'POST', '/cases', newCase());
    const seq = (n: string) => Number(n.split('/')[2]);
    expect(seq(b.body.caseNumber)).toBe(seq(a.body.caseNumber) + 1);
  });

  it('gives distinct, consecutive numbers to concurrent registrations', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => api('admin.gaya1', 'POST', '/cases', newCase())));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    const numbers = results.map((r) => Number(r.body.caseNumber.split('/')[2])).sort((x, y) => x - y);
    expect(new Set(numbers).size).toBe(6);
    expect(numbers[5] - numbers[0]).toBe(5);
  });

  it('names every invalid field and writes nothing', async () => {
    const before = await countCases();
    const res = await api(STAFF, 'POST', '/cases', {
      ...newCase(),
      survivor: { name: '', age: 130, phone: '98123', safeToContact: 'yes' },
      incident: { categories: ['NOT_A_CATEGORY'], date: '2026-02-30' },
      referral: { source: 'SELF' },
      riskLevel: 'EXTREME',
      extra: true,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(
      [
        'extra',
        'incident.categories.0',
        'incident.date',
        'riskLevel',
        'survivor.age',
        'survivor.name',
        'survivor.phone',
        'survivor.safeToContact',
      ].sort(),
    );
    for (const e of res.body.errors) expect(e.message).toBeTruthy();
    expect(await countCases()).toBe(before);
  });

  it('answers malformed JSON with 400, a non-JSON body with 415 and an oversized body with 413', async () => {
    const before = await countCases();
    expect((await api(STAFF, 'POST', '/cases', '{"survivor":')).status).toBe(400);
    expect((await api(STAFF, 'POST', '/cases', 'name=x', { 'content-type': 'text/plain' })).status).toBe(415);
    const big = newCase({ incident: { categories: ['OTHER'], description: 'x'.repeat(70_000) } });
    expect((await api(STAFF, 'POST', '/cases', big)).status).toBe(413);
    expect(await countCases()).toBe(before);
  });

  it("refuses unknown query parameters and a cursor that is not the list's own, naming them", async () => {
    const { body: c } = await api(STAFF, 'GET', '/cases?limit=1');
    expect((await api(STAFF, 'GET', `/cases/${c.items[0].caseId}?expand=all`)).body.errors).toEqual([
      expect.objectContaining({ path: 'query.expand' }),
    ]);
    expect((await api(STAFF, 'GET', '/cases?colour=red')).body.errors).toEqual([
      expect.objectContaining({ path: 'query.colour' }),
    ]);
    const forged = Buffer.from(
      JSON.stringify({ gsi1pk: 'CENTRE#osc-gaya-1', gsi1sk: 'x', pk: 'CASE#x', sk: 'CASE' }),
    ).toString('base64url');
    const res = await api(STAFF, 'GET', `/cases?cursor=${forged}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('query.cursor');
  });

  it('refuses without a token (401) and refuses the helpline every read (403)', async () => {
    expect((await api(undefined, 'GET', '/cases')).status).toBe(401);
    expect((await api(undefined, 'POST', '/cases', newCase())).status).toBe(401);
    const created = await api(STAFF, 'POST', '/cases', newCase());
    for (const path of [
      '/cases',
      `/cases/${created.body.caseId}`,
      `/cases/${created.body.caseId}/history`,
      '/centres',
    ]) {
      expect((await api('helpline.181', 'GET', path)).status, path).toBe(403);
    }
  });
});

describe('idempotent registration', () => {
  it('a retried request with the same Idempotency-Key returns the first case and creates nothing new', async () => {
    const before = await countCases();
    const body = newCase();
    const headers = { 'idempotency-key': `retry-${Date.now()}` };
    const [first, second] = [
      await api(STAFF, 'POST', '/cases', body, headers),
      await api(STAFF, 'POST', '/cases', body, headers),
    ];
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.caseId).toBe(first.body.caseId);
    expect(second.body.caseNumber).toBe(first.body.caseNumber);
    expect(await countCases()).toBe(before + 1);
  });

  it('concurrent duplicates with one key make exactly one case', async () => {
    const before = await countCases();
    const body = newCase();
    const headers = { 'idempotency-key': `burst-${Date.now()}` };
    const results = await Promise.all(Array.from({ length: 5 }, () => api(STAFF, 'POST', '/cases', body, headers)));
    expect(new Set(results.map((r) => r.body.caseId)).size).toBe(1);
    expect(await countCases()).toBe(before + 1);
  });

  it('a retried change with an Idempotency-Key is applied once', async () => {
    const { body: c } = await api(STAFF, 'POST', '/cases', newCase());
    const key = { 'idempotency-key': `svc-${Date.now()}` };
    const first = await api(STAFF, 'POST', `/cases/${c.caseId}/services`, { type: 'SHELTER' }, key);
    const again = await api(STAFF, 'POST', `/cases/${c.caseId}/services`, { type: 'SHELTER' }, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.serviceId).toBe(first.body.serviceId);
    expect((await api(STAFF, 'GET', `/cases/${c.caseId}`)).body.services).toHaveLength(1);
    expect((await api(STAFF, 'POST', `/cases/${c.caseId}/services`, { type: 'MEDICAL' }, key)).status).toBe(422);

    // A status change retried after its answer was lost: the same answer, not a 409 for a move already made.
    const moveKey = { 'idempotency-key': `move-${Date.now()}` };
    const moved = await api(STAFF, 'POST', `/cases/${c.caseId}/status`, { status: 'IN_PROGRESS' }, moveKey);
    const retried = await api(STAFF, 'POST', `/cases/${c.caseId}/status`, { status: 'IN_PROGRESS' }, moveKey);
    expect(moved.status).toBe(200);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ caseId: c.caseId, status: 'IN_PROGRESS', version: moved.body.version });
    expect(JSON.stringify(retried.body)).not.toContain('Survivor Testname');
    const history = await api(STAFF, 'GET', `/cases/${c.caseId}/history`);
    expect(history.body.filter((e: { action: string }) => e.action === 'STATUS_CHANGED')).toHaveLength(1);
  });

  it('the same key with a different body is refused', async () => {
    const headers = { 'idempotency-key': `changed-${Date.now()}` };
    await api(STAFF, 'POST', '/cases', newCase(), headers);
    const res = await api(STAFF, 'POST', '/cases', newCase({ riskLevel: 'MEDIUM' }), headers);
    expect(res.status).toBe(422);
  });
});

describe('the lifecycle', () => {
  it('two concurrent updates with the same version: one succeeds, one gets 412', async () => {
    const { body: c } = await api(STAFF, 'POST', '/cases', newCase());
    const results = await Promise.all([
      api(STAFF, 'POST', `/cases/${c.caseId}/status`, { status: 'IN_PROGRESS' }, { 'if-match': '1' }),
      api(STAFF, 'POST', `/cases/${c.caseId}/status`, { status: 'REFERRED' }, { 'if-match': '1' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const read = await api(STAFF, 'GET', `/cases/${c.caseId}`);
    expect(read.body.version).toBe(2);
  });

  it('a stale If-Match gets 412 and changes nothing', async () => {
    const { body: c } = await api(STAFF, 'POST', '/cases', newCase());
    expect(
      (await api(STAFF, 'POST', `/cases/${c.caseId}/status`, { status: 'IN_PROGRESS' }, { 'if-match': '1' })).status,
    ).toBe(200);
    const stale = await api(STAFF, 'POST', `/cases/${c.caseId}/status`, { status: 'WITHDRAWN' }, { 'if-match': '1' });
    expect(stale.status).toBe(412);
    expect((await api(STAFF, 'GET', `/cases/${c.caseId}`)).body.status).toBe('IN_PROGRESS');
  });

  it('a move the lifecycle does not allow gets 409', async () => {
    const { body: c } = await api(STAFF, 'POST', '/cases', newCase());
    const res = await api(STAFF, 'POST', `/cases/${c.caseId}/status`, { status: 'CLOSED' });
    expect(res.status).toBe(409);
    const viaStatus = await api(STAFF, 'POST', `/cases/${c.caseId}/status`, { status: 'RESOLVED' });
    expect(viaStatus.status).toBe(409);
  });

  it('records services and shows each change in the history with who and when', async () => {
    const { body: c } = await api(STAFF, 'POST', '/cases', newCase());
    expect(
      (await api(STAFF, 'POST', `/cases/${c.caseId}/status`, { status: 'IN_PROGRESS', note: 'counselling begun' }))
        .status,
    ).toBe(200);
    const svc = await api('admin.patna1', 'POST', `/cases/${c.caseId}/services`, {
      type: 'MEDICAL',
      note: 'checked at PMCH',
    });
    expect(svc.status).toBe(201);
    expect(svc.body.type).toBe('MEDICAL');
    const bad = await api(STAFF, 'POST', `/cases/${c.caseId}/services`, { type: 'SPA' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('type');

    const history = await api(STAFF, 'GET', `/cases/${c.caseId}/history`);
    expect(history.status).toBe(200);
    expect(history.body.map((e: { action: string }) => e.action)).toEqual([
      'CASE_REGISTERED',
      'STATUS_CHANGED',
      'SERVICE_RECORDED',
    ]);
    expect(history.body[1]).toMatchObject({
      from: 'REGISTERED',
      to: 'IN_PROGRESS',
      actor: { username: STAFF, role: 'centre-staff' },
    });
    expect(history.body[2].actor.username).toBe('admin.patna1');
    for (const e of history.body) expect(e.at).toMatch(/\+05:30$/);

    const read = await api(STAFF, 'GET', `/cases/${c.caseId}`);
    expect(read.body.version).toBe(3);
    expect(read.body.services).toHaveLength(1);
  });
});

describe('scope', () => {
  it('staff of another centre get 404 on every case route, and see none of its cases in lists', async () => {
    const { body: c } = await api(STAFF, 'POST', '/cases', newCase());
    const routes: Array<[string, string, unknown?]> = [
      ['GET', `/cases/${c.caseId}`],
      ['GET', `/cases/${c.caseId}/history`],
      ['POST', `/cases/${c.caseId}/status`, { status: 'IN_PROGRESS' }],
      ['POST', `/cases/${c.caseId}/services`, { type: 'MEDICAL' }],
    ];
    for (const [method, path, body] of routes) {
      for (const user of [OTHER_STAFF, 'admin.gaya1', 'officer.gaya']) {
        const res = await api(user, method, path, body);
        // District officers may not write at all (403); everyone outside scope reads 404.
        expect(res.status, `${user} ${method} ${path}`).toBe(user === 'officer.gaya' && method === 'POST' ? 403 : 404);
      }
    }
    const other = await api(OTHER_STAFF, 'GET', '/cases?limit=100');
    expect(other.body.items.every((x: { centreId: string }) => x.centreId === 'osc-gaya-1')).toBe(true);
    // The case is untouched.
    expect((await api(STAFF, 'GET', `/cases/${c.caseId}`)).body.version).toBe(1);
  });

  it('an unknown case is 404 just like one outside scope', async () => {
    expect((await api(STAFF, 'GET', '/cases/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('district officers and the state read cases without the survivor identity', async () => {
    const { body: c } = await api(STAFF, 'POST', '/cases', newCase());
    for (const user of ['officer.patna', 'state.wcdc']) {
      const res = await api(user, 'GET', `/cases/${c.caseId}`);
      expect(res.status, user).toBe(200);
      expect(res.body.caseNumber).toBe(c.caseNumber);
      expect(JSON.stringify(res.body)).not.toMatch(/Survivor Testname|Secret Lane|Incident story|\+919812345678/);
    }
    const list = await api('officer.patna', 'GET', '/cases?limit=100');
    expect(list.body.items.every((x: { district: string }) => x.district === 'Patna')).toBe(true);
  });

  it('district officers and the state never see the notes staff write', async () => {
    const { body: c } = await api(STAFF, 'POST', '/cases', newCase());
    await api(STAFF, 'POST', `/cases/${c.caseId}/status`, {
      status: 'IN_PROGRESS',
      note: 'Secretnote about her brother',
    });
    await api(STAFF, 'POST', `/cases/${c.caseId}/services`, { type: 'MEDICAL', note: 'Secretnote from the doctor' });
    const own = await api(STAFF, 'GET', `/cases/${c.caseId}/history`);
    expect(JSON.stringify(own.body)).toContain('Secretnote about her brother');
    for (const user of ['officer.patna', 'state.wcdc']) {
      for (const path of [`/cases/${c.caseId}`, `/cases/${c.caseId}/history`]) {
        const res = await api(user, 'GET', path);
        expect(res.status, `${user} ${path}`).toBe(200);
        expect(JSON.stringify(res.body), `${user} ${path}`).not.toContain('Secretnote');
      }
    }
    const read = await api('officer.patna', 'GET', `/cases/${c.caseId}`);
    expect(read.body.services[0].type).toBe('MEDICAL');
  });

  it('staff may not register a case at another centre', async () => {
    const res = await api(STAFF, 'POST', '/cases', newCase({ centreId: 'osc-gaya-1' }));
    expect(res.status).toBe(403);
  });
});

describe('centres, staff and the OpenAPI document', () => {
  it('lists the 39 operating centres, two in Patna', async () => {
    const res = await api(STAFF, 'GET', '/centres');
    // Centres the state adds later (other tests do) come on top of the 39 seeded ones.
    const seeded = res.body.filter(
      (c: { centreId: string; code: string }) =>
        /^[A-Z]{3}[12]$/.test(c.code) && (c.centreId.endsWith('-1') || c.centreId === 'osc-patna-2'),
    );
    const operational = seeded.filter((c: { status: string }) => c.status === 'OPERATIONAL');
    expect(operational).toHaveLength(39);
    expect(new Set(operational.map((c: { district: string }) => c.district)).size).toBe(38);
    expect(
      operational
        .filter((c: { district: string }) => c.district === 'Patna')
        .map((c: { centreId: string }) => c.centreId)
        .sort(),
    ).toEqual(['osc-patna-1', 'osc-patna-2']);
    expect(new Set(operational.map((c: { code: string }) => c.code)).size).toBe(39);
  });

  it("lists a centre's staff to its own team and 404s another centre's roster", async () => {
    const own = await api(STAFF, 'GET', '/centres/osc-patna-1/staff');
    expect(own.status).toBe(200);
    expect(own.body[0]).toHaveProperty('phone');
    expect(own.body.some((s: { role: string }) => s.role === 'CENTRE_ADMINISTRATOR')).toBe(true);
    expect((await api(STAFF, 'GET', '/centres/osc-gaya-1/staff')).status).toBe(404);
  });

  it('serves an OpenAPI document generated from the schemas, without a token', async () => {
    const res = await api(undefined, 'GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.paths['/cases'].post.requestBody).toBeDefined();
    expect(res.body.components.schemas.CreateCase.properties.survivor.required).toContain('name');
  });
});

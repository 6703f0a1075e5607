// Correcting her details and changing her consent, over HTTP on DynamoDB Local: If-Match (428, 412), what the
// history says and never says, scope, need-to-know, idempotent retries, the home-district figure moved with
// a district correction (the counters equal a recount), and the reminder that follows her current consent.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, newCase, nineAmIst, runSchedule, smsFor, userInfo } from './client.ts';

const STAFF = 'staff.patna1';
const NEW_PHONE = '+919876500011';

async function registered(over: Record<string, unknown> = {}) {
  const res = await api(STAFF, 'POST', '/cases', newCase(over));
  expect(res.status).toBe(201);
  return res.body as { caseId: string; caseNumber: string; version: number };
}

const patch = (user: string, caseId: string, body: unknown, headers: Record<string, string> = {}) =>
  api(user, 'PATCH', `/cases/${caseId}`, body, headers);

const historyOf = async (caseId: string, user = STAFF) =>
  (await api(user, 'GET', `/cases/${caseId}/history`)).body as Array<{
    action: string;
    at: string;
    details?: Record<string, unknown>;
  }>;

const countersEqual = async () => (await api(undefined, 'GET', '/_local/counters/check')).body.equal as boolean;

describe('PATCH /cases/{caseId}: correcting her details', () => {
  it('corrects with If-Match; history names the fields and the reason, never the values', async () => {
    // Prepare
    const c = await registered();
    // Act
    const res = await patch(
      STAFF,
      c.caseId,
      { survivor: { phone: NEW_PHONE, address: 'Safe house 4', age: 29 }, reason: 'She gave a safe number' },
      { 'if-match': '"1"' },
    );
    // Assess: age 29 is what the case had, so only phone and address changed.
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body).toMatchObject({ version: 2, survivor: { phone: NEW_PHONE, address: 'Safe house 4', age: 29 } });
    expect(res.body).not.toHaveProperty('lookupHashes');
    expect(res.body).not.toHaveProperty('homeDistrict');
    const events = await historyOf(c.caseId);
    const corrected = events.filter((e) => e.action === 'CASE_CORRECTED');
    expect(corrected).toHaveLength(1);
    expect(corrected[0].details).toEqual({ fields: ['phone', 'address'], note: 'She gave a safe number' });
    const text = JSON.stringify(events);
    for (const value of ['9812345678', '9876500011', 'Safe house 4', 'Secret Lane']) expect(text).not.toContain(value);
  });

  it('takes a detail out with null; a change that changes nothing is 400 naming survivor', async () => {
    const c = await registered();
    const removed = await patch(
      STAFF,
      c.caseId,
      { survivor: { phone: null }, reason: 'The number is her husband' },
      { 'if-match': '1' },
    );
    expect(removed.status).toBe(200);
    expect(removed.body.survivor).not.toHaveProperty('phone');
    for (const survivor of [{}, { phone: null }, { name: removed.body.survivor.name, age: 29 }]) {
      const same = await patch(STAFF, c.caseId, { survivor, reason: 'Checked again' }, { 'if-match': '2' });
      expect(same.status).toBe(400);
      expect(same.body.errors).toEqual([expect.objectContaining({ path: 'survivor', code: 'unchanged' })]);
    }
    expect((await api(STAFF, 'GET', `/cases/${c.caseId}`)).body.version).toBe(2);
  });

  it('answers 428 without If-Match and 412 for a stale version, writing nothing', async () => {
    const c = await registered();
    const body = { survivor: { name: 'Corrected Name' }, reason: 'Spelling' };
    const missing = await patch(STAFF, c.caseId, body);
    expect(missing.status).toBe(428);
    expect(missing.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'header.If-Match' })]);
    await api(STAFF, 'POST', `/cases/${c.caseId}/services`, { type: 'COUNSELLING' });
    const stale = await patch(STAFF, c.caseId, body, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    const read = await api(STAFF, 'GET', `/cases/${c.caseId}`);
    expect(read.body.survivor.name).not.toBe('Corrected Name');
    expect((await historyOf(c.caseId)).some((e) => e.action === 'CASE_CORRECTED')).toBe(false);
  });

  it('names every invalid field, and refuses another centre (404) and oversight roles (403)', async () => {
    const c = await registered();
    const bad = await patch(
      STAFF,
      c.caseId,
      { survivor: { age: 200, phone: '12345', colour: 'red' }, reason: '' },
      { 'if-match': '1' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      ['reason', 'survivor.age', 'survivor.colour', 'survivor.phone'].sort(),
    );
    const body = { survivor: { name: 'Other Centre' }, reason: 'x' };
    expect((await patch('staff.gaya1', c.caseId, body, { 'if-match': '1' })).status).toBe(404);
    expect((await patch('officer.patna', c.caseId, body, { 'if-match': '1' })).status).toBe(403);
    expect((await patch('state.wcdc', c.caseId, body, { 'if-match': '1' })).status).toBe(403);
    expect((await api(STAFF, 'GET', `/cases/${c.caseId}`)).body.version).toBe(1);
  });

  it('applies a retried correction once (Idempotency-Key)', async () => {
    const c = await registered();
    const key = randomUUID();
    const body = { survivor: { age: 31 }, reason: 'Her Aadhaar says 31' };
    const first = await patch(STAFF, c.caseId, body, { 'if-match': '1', 'idempotency-key': key });
    const again = await patch(STAFF, c.caseId, body, { 'if-match': '1', 'idempotency-key': key });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toMatchObject({ caseId: c.caseId, version: 2 });
    expect(again.body).not.toHaveProperty('survivor');
    expect((await historyOf(c.caseId)).filter((e) => e.action === 'CASE_CORRECTED')).toHaveLength(1);
  });

  it('shows district and state the correction without the reason, and the case without her identity', async () => {
    const c = await registered();
    await patch(
      STAFF,
      c.caseId,
      { survivor: { name: 'Asha Kumari' }, reason: 'Sister named Asha' },
      { 'if-match': '1' },
    );
    for (const user of ['officer.patna', 'state.wcdc']) {
      const events = await historyOf(c.caseId, user);
      const corrected = events.find((e) => e.action === 'CASE_CORRECTED');
      expect(corrected?.details).toEqual({ fields: ['name'] });
      const read = await api(user, 'GET', `/cases/${c.caseId}`);
      expect(read.status).toBe(200);
      expect(JSON.stringify(read.body)).not.toMatch(/Asha|Sister|Secret Lane|survivor|consent/);
    }
  });

  it('moves the home-district figure with a district correction: the counters equal a recount', async () => {
    // Prepare: seven women of Sheohar at this centre. Her own centre's staff read its figures exact (for the
    // state, a centre's row may be withheld to protect a small cell elsewhere).
    const cases = [];
    for (let i = 0; i < 7; i++) {
      cases.push(
        await registered({ survivor: { name: `Home ${i}`, age: 35, safeToContact: true, district: 'Sheohar' } }),
      );
    }
    const sheohar = async () => (await api(STAFF, 'GET', '/stats')).body.totals.homeDistricts.Sheohar as number;
    const before = await sheohar();
    expect(before).toBeGreaterThanOrEqual(7);
    expect(await countersEqual()).toBe(true);
    // Act: two of them live in Arwal.
    for (const c of cases.slice(0, 2)) {
      const moved = await patch(
        STAFF,
        c.caseId,
        { survivor: { district: 'Arwal' }, reason: 'Arwal' },
        { 'if-match': '1' },
      );
      expect(moved.status).toBe(200);
    }
    // Assess: the figure moved in the same write, and a full recount agrees.
    expect(await sheohar()).toBe(before - 2);
    expect(await countersEqual()).toBe(true);
    // A place the state's geography does not know, then none at all: still counted, still equal.
    const [c] = cases;
    await patch(STAFF, c.caseId, { survivor: { district: 'Kathmandu' }, reason: 'Nepal' }, { 'if-match': '2' });
    await patch(STAFF, c.caseId, { survivor: { district: null }, reason: 'Not known' }, { 'if-match': '3' });
    expect(await countersEqual()).toBe(true);
    const stats = await api('state.wcdc', 'GET', '/stats');
    expect(Object.keys(stats.body.totals.homeDistricts)).toEqual(expect.arrayContaining(['NOT_GIVEN', 'Sheohar']));
    expect(JSON.stringify(stats.body)).not.toMatch(/Kathmandu|Home \d/);
  });
});

describe('POST /cases/{caseId}/consent: her consent, changed and dated', () => {
  it('records each change dated in history, and the date on the case', async () => {
    const c = await registered();
    const res = await api(STAFF, 'POST', `/cases/${c.caseId}/consent`, {
      shareWithPolice: true,
      services: true,
      note: 'She decided after counselling',
    });
    expect(res.status).toBe(200);
    expect(res.body.consent).toEqual({ services: true, shareWithPolice: true, contactByPhone: false });
    const event = (await historyOf(c.caseId)).find((e) => e.action === 'CONSENT_CHANGED')!;
    // services was already true: only the police consent changed.
    expect(event.details).toEqual({
      changes: [{ consent: 'shareWithPolice', from: false, to: true }],
      note: 'She decided after counselling',
    });
    expect(res.body.consentChangedAt).toEqual({ shareWithPolice: event.at });
    expect(event.at).toMatch(/\+05:30$/);
    // Oversight sees which consent changed, when, never the note nor the consent on the case.
    const officer = (await historyOf(c.caseId, 'officer.patna')).find((e) => e.action === 'CONSENT_CHANGED')!;
    expect(officer.details).toEqual({ changes: [{ consent: 'shareWithPolice', from: false, to: true }] });
    const read = await api('officer.patna', 'GET', `/cases/${c.caseId}`);
    expect(read.body).not.toHaveProperty('consent');
    expect(read.body).not.toHaveProperty('consentChangedAt');
  });

  it('refuses no change (400), another centre (404), oversight (403); a retry applies once', async () => {
    const c = await registered();
    const none = await api(STAFF, 'POST', `/cases/${c.caseId}/consent`, { note: 'x' });
    expect(none.status).toBe(400);
    expect(none.body.errors[0].path).toBe('(body)');
    const same = await api(STAFF, 'POST', `/cases/${c.caseId}/consent`, { contactByPhone: false });
    expect(same.status).toBe(400);
    expect(same.body.errors).toEqual([expect.objectContaining({ path: 'contactByPhone', code: 'unchanged' })]);
    const change = { contactByPhone: true };
    expect((await api('staff.gaya1', 'POST', `/cases/${c.caseId}/consent`, change)).status).toBe(404);
    expect((await api('officer.patna', 'POST', `/cases/${c.caseId}/consent`, change)).status).toBe(403);
    const key = { 'idempotency-key': randomUUID() };
    const first = await api(STAFF, 'POST', `/cases/${c.caseId}/consent`, change, key);
    const again = await api(STAFF, 'POST', `/cases/${c.caseId}/consent`, change, key);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await historyOf(c.caseId)).filter((e) => e.action === 'CONSENT_CHANGED')).toHaveLength(1);
    expect((await api(STAFF, 'GET', `/cases/${c.caseId}`)).body.version).toBe(2);
  });

  it('tells the worker not to phone while she has not agreed to calls or her number is not safe', async () => {
    // Prepare: a resolved case whose woman agreed to calls, on a number safe to call.
    const base = newCase();
    const c = await registered({
      survivor: { ...base.survivor, safeToContact: true },
      consent: { services: true, shareWithPolice: false, contactByPhone: true },
    });
    await api(STAFF, 'POST', `/cases/${c.caseId}/status`, { status: 'IN_PROGRESS' });
    const worker = await userInfo(STAFF);
    const resolved = await api(STAFF, 'POST', `/cases/${c.caseId}/resolve`, {
      outcome: 'Safe',
      followUpWorkerId: worker.staffId,
    });
    const [first, second, third] = resolved.body.followUps.map((f: { dueDate: string }) => f.dueDate);
    // Act: she withdraws her consent to calls after the plan was made; the first reminder is sent.
    await api(STAFF, 'POST', `/cases/${c.caseId}/consent`, { contactByPhone: false });
    await runSchedule('followup-reminders', nineAmIst(first));
    // Assess
    const visit = await smsFor(c.caseNumber);
    expect(visit).toHaveLength(1);
    expect(visit[0].template).toBe('followUpVisit');
    expect(visit[0].message).toMatch(/do not phone|फ़ोन नहीं/);
    // She agrees again: the next reminder is the usual one.
    await api(STAFF, 'POST', `/cases/${c.caseId}/consent`, { contactByPhone: true });
    await api(STAFF, 'POST', `/cases/${c.caseId}/followups/${resolved.body.followUps[0].followUpId}`, {
      outcome: 'SAFE',
    });
    await runSchedule('followup-reminders', nineAmIst(second));
    const all = await smsFor(c.caseNumber);
    expect(all.map((m) => m.template)).toEqual(['followUpVisit', 'followUpDue']);
    // The number is no longer safe (the abuser has the phone): still agreed to calls, but meet in person.
    const now = await api(STAFF, 'GET', `/cases/${c.caseId}`);
    const corrected = await patch(
      STAFF,
      c.caseId,
      { survivor: { safeToContact: false }, reason: 'Her phone is with him now' },
      { 'if-match': `"${now.body.version}"` },
    );
    expect(corrected.status).toBe(200);
    await api(STAFF, 'POST', `/cases/${c.caseId}/followups/${resolved.body.followUps[1].followUpId}`, {
      outcome: 'SAFE',
    });
    await runSchedule('followup-reminders', nineAmIst(third));
    const after = await smsFor(c.caseNumber);
    expect(after.map((m) => m.template)).toEqual(['followUpVisit', 'followUpDue', 'followUpVisit']);
  });
});

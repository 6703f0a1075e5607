// Her earlier visits over HTTP on DynamoDB Local: found by her phone or her name (Hindi or Latin) and age,
// through the lookup keys kept with each case (also after a correction), at her centre only; linking two
// cases both ways, once, with history on both; district and state never see any of it.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, newCase } from './client.ts';

const STAFF = 'staff.patna1';

/** A phone number no other test uses. */
const uniquePhone = () => `+9197${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
/** A name no other test uses: a random Latin word, so only this test's cases carry it. */
const pick = (letters: string) => letters[Math.floor(Math.random() * letters.length)];
const uniqueName = () => Array.from({ length: 7 }, () => pick('bdfgklmnprstv') + pick('eiou')).join('');

async function register(survivor: Record<string, unknown>, user = STAFF) {
  const res = await api(user, 'POST', '/cases', newCase({ survivor: { safeToContact: true, ...survivor } }));
  expect(res.status).toBe(201);
  return res.body as { caseId: string; caseNumber: string; registeredAt: string };
}

const similar = async (caseId: string, user = STAFF) => api(user, 'GET', `/cases/${caseId}/similar`);

describe('the OpenAPI document', () => {
  it('lists the casework routes, with If-Match required (428) on the correction', async () => {
    const doc = (await api(undefined, 'GET', '/openapi.json')).body;
    expect(doc.paths['/cases/{caseId}'].patch.operationId).toBe('correct-case');
    expect(doc.paths['/cases/{caseId}'].patch.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'If-Match', in: 'header', required: true })]),
    );
    expect(doc.paths['/cases/{caseId}'].patch.responses).toHaveProperty('428');
    expect(doc.paths['/cases/{caseId}/consent'].post.operationId).toBe('change-consent');
    expect(doc.paths['/cases/{caseId}/similar'].get['x-roles']).toEqual(['centre-staff', 'centre-admin']);
    expect(doc.paths['/cases/{caseId}/links'].post.requestBody).toBeDefined();
    expect(doc.components.schemas.CorrectCase.properties.survivor.properties.phone).toBeDefined();
  });
});

describe('GET /cases/{caseId}/similar', () => {
  it('finds her earlier cases at the centre by phone, and by name and age in either script', async () => {
    // Prepare: three earlier visits of one woman, one of another, and one at another centre.
    const phone = uniquePhone();
    const first = await register({ name: 'Jyoti Kumari Paswan', age: 27, phone });
    const hindi = await register({ name: 'ज्योति कुमारी पासवान', age: 28 });
    const tooOld = await register({ name: 'Jyothi Kumari Paswan', age: 40 });
    const other = await register({ name: 'Jyotsna Kumari Paswan', age: 28 });
    const elsewhere = await register({ name: 'Jyoti Kumari Paswan', age: 28, phone }, 'staff.gaya1');
    // Act: she comes again, her name spelt another way, with the same phone.
    const now = await register({ name: 'Jyothi Kumari Paswan', age: 28, phone });
    const res = await similar(now.caseId);
    // Assess
    expect(res.status).toBe(200);
    const byId = new Map(res.body.map((s: { caseId: string }) => [s.caseId, s]));
    expect(byId.get(first.caseId)).toEqual({
      caseId: first.caseId,
      caseNumber: first.caseNumber,
      registeredAt: first.registeredAt,
      matchedOn: ['phone', 'name_age'],
    });
    expect(byId.get(hindi.caseId)).toMatchObject({ matchedOn: ['name_age'] });
    for (const notHers of [tooOld, other, elsewhere, now]) expect(byId.has(notHers.caseId)).toBe(false);
    // Newest first; and an earlier case does not list the later ones.
    expect(res.body[0].caseId).toBe(hindi.caseId);
    expect((await similar(first.caseId)).body).toEqual([]);
    expect(JSON.stringify(res.body)).not.toMatch(/Jyot|Paswan|9197/);
  });

  it('follows a correction: the old phone no longer matches, the new one does', async () => {
    const [oldPhone, newPhone] = [uniquePhone(), uniquePhone()];
    const name = uniqueName();
    const earlier = await register({ name: `${name} One`, age: 30, phone: newPhone });
    const c = await register({ name: `${name} Two`, age: 30, phone: oldPhone });
    expect((await similar(c.caseId)).body).toEqual([]);
    const fixed = await api(
      STAFF,
      'PATCH',
      `/cases/${c.caseId}`,
      { survivor: { phone: newPhone, name: `${name} One` }, reason: 'Typo' },
      { 'if-match': '1' },
    );
    expect(fixed.status).toBe(200);
    const found = await similar(c.caseId);
    expect(found.body).toEqual([expect.objectContaining({ caseId: earlier.caseId, matchedOn: ['phone', 'name_age'] })]);
    // A later case with the old phone finds nothing under it any more.
    const later = await register({ name: uniqueName(), age: 50, phone: oldPhone });
    expect((await similar(later.caseId)).body).toEqual([]);
    // Her age corrected out of the range: the name no longer matches, the phone still does.
    await api(STAFF, 'PATCH', `/cases/${c.caseId}`, { survivor: { age: 45 }, reason: 'Age' }, { 'if-match': '2' });
    expect((await similar(c.caseId)).body).toEqual([expect.objectContaining({ matchedOn: ['phone'] })]);
  });

  it('is for the centre only: another centre 404, district and state 403', async () => {
    const c = await register({ name: uniqueName(), age: 22, phone: uniquePhone() });
    expect((await similar(c.caseId, 'staff.gaya1')).status).toBe(404);
    expect((await similar(c.caseId, 'officer.patna')).status).toBe(403);
    expect((await similar(c.caseId, 'state.wcdc')).status).toBe(403);
    expect((await similar(randomUUID())).status).toBe(404);
  });
});

describe('POST /cases/{caseId}/links', () => {
  it('links two cases both ways, once, with history on both; the case then lists it (centre roles only)', async () => {
    const phone = uniquePhone();
    const a = await register({ name: 'Pooja Devi', age: 24, phone });
    const b = await register({ name: 'पूजा देवी', age: 25, phone });
    const key = { 'idempotency-key': randomUUID() };
    const res = await api(STAFF, 'POST', `/cases/${b.caseId}/links`, { caseId: a.caseId }, key);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ caseId: b.caseId, linkedCaseId: a.caseId, linkedCaseNumber: a.caseNumber });
    // The same request again, and a link asked from the other side: nothing new.
    expect((await api(STAFF, 'POST', `/cases/${b.caseId}/links`, { caseId: a.caseId }, key)).status).toBe(201);
    const reverse = await api('admin.patna1', 'POST', `/cases/${a.caseId}/links`, { caseId: b.caseId });
    expect(reverse.status).toBe(201);
    expect(reverse.body).toMatchObject({ caseId: a.caseId, linkedCaseId: b.caseId, linkedAt: res.body.linkedAt });

    const readA = await api(STAFF, 'GET', `/cases/${a.caseId}`);
    const readB = await api(STAFF, 'GET', `/cases/${b.caseId}`);
    expect(readA.body.linkedCases).toEqual([
      { caseId: b.caseId, caseNumber: b.caseNumber, linkedAt: res.body.linkedAt },
    ]);
    expect(readB.body.linkedCases).toEqual([
      { caseId: a.caseId, caseNumber: a.caseNumber, linkedAt: res.body.linkedAt },
    ]);
    for (const [c, other] of [
      [a, b],
      [b, a],
    ]) {
      const events = (await api(STAFF, 'GET', `/cases/${c.caseId}/history`)).body.filter(
        (e: { action: string }) => e.action === 'CASE_LINKED',
      );
      expect(events).toHaveLength(1);
      expect(events[0].details).toEqual({ linkedCaseId: other.caseId, linkedCaseNumber: other.caseNumber });
    }
    // Oversight reads the case and its history without its links.
    for (const user of ['officer.patna', 'state.wcdc']) {
      const read = await api(user, 'GET', `/cases/${a.caseId}`);
      expect(read.status).toBe(200);
      expect(read.body).not.toHaveProperty('linkedCases');
      const history = await api(user, 'GET', `/cases/${a.caseId}/history`);
      expect(history.status).toBe(200);
      expect(JSON.stringify(history.body)).not.toMatch(new RegExp(`CASE_LINKED|${b.caseId}|${b.caseNumber}`));
    }
  });

  it("refuses another centre's case (404 either way), itself (400), oversight (403), writing nothing", async () => {
    const ours = await register({ name: uniqueName(), age: 33 });
    const theirs = await register({ name: uniqueName(), age: 33 }, 'staff.gaya1');
    expect((await api(STAFF, 'POST', `/cases/${ours.caseId}/links`, { caseId: theirs.caseId })).status).toBe(404);
    expect((await api(STAFF, 'POST', `/cases/${theirs.caseId}/links`, { caseId: ours.caseId })).status).toBe(404);
    const self = await api(STAFF, 'POST', `/cases/${ours.caseId}/links`, { caseId: ours.caseId });
    expect(self.status).toBe(400);
    expect(self.body.errors[0].path).toBe('caseId');
    const bad = await api(STAFF, 'POST', `/cases/${ours.caseId}/links`, { caseId: 'not-a-case' });
    expect(bad.body.errors[0].path).toBe('caseId');
    const other = await register({ name: uniqueName(), age: 34 });
    expect((await api('officer.patna', 'POST', `/cases/${ours.caseId}/links`, { caseId: other.caseId })).status).toBe(
      403,
    );
    const read = await api(STAFF, 'GET', `/cases/${ours.caseId}`);
    expect(read.body.linkedCases).toEqual([]);
    expect(read.body.version).toBe(1);
  });
});

describe('after a transfer', () => {
  it('her lookup keys move with the case, and a correction at the new centre keeps the counters exact', async () => {
    // Prepare: a case of Patna, transferred to Gaya and accepted there.
    const phone = uniquePhone();
    const c = await register({ name: uniqueName(), age: 26, phone, district: 'Sheohar' });
    const sent = await api('admin.patna1', 'POST', `/cases/${c.caseId}/transfers`, {
      toCentreId: 'osc-gaya-1',
      reason: 'She moved to her parents',
    });
    expect(sent.status).toBe(202);
    const accepted = await api('admin.gaya1', 'POST', `/transfers/${sent.body.transferId}/accept`, {});
    expect(accepted.status).toBe(200);

    // Act: she comes to Gaya again with the same phone; and her district is corrected at Gaya.
    const atGaya = await register({ name: uniqueName(), age: 40, phone }, 'staff.gaya1');
    const atPatna = await register({ name: uniqueName(), age: 40, phone });
    const version = (await api('staff.gaya1', 'GET', `/cases/${c.caseId}`)).body.version as number;
    const fixed = await api(
      'staff.gaya1',
      'PATCH',
      `/cases/${c.caseId}`,
      { survivor: { district: 'Gaya' }, reason: 'Lives in Gaya now' },
      { 'if-match': String(version) },
    );

    // Assess: Gaya finds the moved case by her phone; Patna no longer does; the figures equal a recount.
    expect(fixed.status).toBe(200);
    expect((await similar(atGaya.caseId, 'staff.gaya1')).body).toEqual([
      expect.objectContaining({ caseId: c.caseId, matchedOn: ['phone'] }),
    ]);
    expect((await similar(atPatna.caseId)).body).toEqual([]);
    const check = await api(undefined, 'GET', '/_local/counters/check');
    expect(check.body).toMatchObject({ equal: true });
  });
});

// The partner directory and onward referrals over HTTP: who keeps which district's directory, the consent
// and mandatory-reporting rules, the referral's moves, history, need-to-know, retries and the counters.
import { describe, expect, it } from 'vitest';
import { api, newCase } from './client.ts';

interface Partner {
  partnerId: string;
  name: string;
  kind: string;
  district: string;
  phone?: string;
  subtype?: string;
  active: boolean;
}

const unique = (label: string) => `${label} ${Date.now()} ${Math.random().toString(36).slice(2, 6)}`;

async function partnerOf(kind: string, district = 'Patna'): Promise<Partner> {
  const res = await api<Partner[]>('staff.patna1', 'GET', `/partners?district=${district}&kind=${kind}`);
  expect(res.status).toBe(200);
  expect(res.body.length).toBeGreaterThan(0);
  return res.body[0];
}

async function caseWith(over: Record<string, unknown> = {}, user = 'staff.patna1') {
  const res = await api(user, 'POST', '/cases', newCase(over));
  expect(res.status).toBe(201);
  return res.body as { caseId: string; caseNumber: string };
}

const counterCheck = async () =>
  (await api(undefined, 'GET', '/_local/counters/check')).body as { equal: boolean; differences: unknown[] };

describe('the partner directory', () => {
  it('lists a district by kind for every reader, defaults to her own district, and refuses the helpline', async () => {
    // Act
    const own = await api<Partner[]>('staff.gaya1', 'GET', '/partners');
    const police = await api<Partner[]>('officer.patna', 'GET', '/partners?district=Patna&kind=POLICE_STATION');
    const state = await api('state.wcdc', 'GET', '/partners');
    const unknown = await api('state.wcdc', 'GET', '/partners?district=Atlantis');
    const helpline = await api('helpline.181', 'GET', '/partners?district=Patna');

    // Assess
    expect(own.status).toBe(200);
    expect(new Set(own.body.map((p) => p.district))).toEqual(new Set(['Gaya']));
    expect(own.body.map((p) => p.kind)).toEqual(expect.arrayContaining(['POLICE_STATION', 'SHELTER_HOME', 'CWC']));
    expect(police.body.length).toBeGreaterThan(0);
    expect(police.body.every((p) => p.kind === 'POLICE_STATION')).toBe(true);
    expect(police.body.map((p) => p.subtype)).toContain('MAHILA_THANA');
    expect(police.body[0]).toMatchObject({
      partnerId: expect.any(String),
      name: expect.any(String),
      district: 'Patna',
    });
    expect(state.status).toBe(400);
    expect(state.body.errors[0].path).toBe('query.district');
    expect(unknown.status).toBe(400);
    expect(helpline.status).toBe(403);
  });

  it('the state adds in any district, the others in their own only; retries are idempotent', async () => {
    // Prepare
    const body = (district: string, name = unique('Swadhar Greh')) => ({
      name,
      kind: 'SHELTER_HOME',
      subtype: 'SWADHAR_GREH',
      district,
      phone: '0612-2201977',
    });
    const key = { 'idempotency-key': `partner-${Date.now()}` };
    const first = body('Nalanda');

    // Act
    const a = await api<Partner>('state.wcdc', 'POST', '/partners', first, key);
    const again = await api<Partner>('state.wcdc', 'POST', '/partners', first, key);
    const admin = await api<Partner>('admin.patna1', 'POST', '/partners', body('Patna'));
    const officer = await api<Partner>('officer.gaya', 'POST', '/partners', body('Gaya'));
    const adminElsewhere = await api('admin.patna1', 'POST', '/partners', body('Gaya'));
    const officerElsewhere = await api('officer.gaya', 'POST', '/partners', body('Patna'));
    const staff = await api('staff.patna1', 'POST', '/partners', body('Patna'));
    const badDistrict = await api('state.wcdc', 'POST', '/partners', body('Atlantis'));
    const badSubtype = await api('state.wcdc', 'POST', '/partners', { ...body('Patna'), kind: 'DLSA' });

    // Assess
    expect([a.status, again.status, admin.status, officer.status]).toEqual([201, 201, 201, 201]);
    expect(again.body.partnerId).toBe(a.body.partnerId);
    expect(a.body).toMatchObject({ district: 'Nalanda', kind: 'SHELTER_HOME', subtype: 'SWADHAR_GREH', active: true });
    const nalanda = await api<Partner[]>('state.wcdc', 'GET', '/partners?district=Nalanda&kind=SHELTER_HOME');
    expect(nalanda.body.filter((p) => p.name === first.name)).toHaveLength(1);
    expect(adminElsewhere.status).toBe(403);
    expect(officerElsewhere.status).toBe(403);
    expect(staff.status).toBe(403);
    expect(badDistrict.status).toBe(400);
    expect(badDistrict.body.errors[0].path).toBe('district');
    expect(badSubtype.status).toBe(400);
    expect(badSubtype.body.errors[0].path).toBe('subtype');
  });

  it('an entry is edited and deactivated: it leaves the pickers and cannot be referred to', async () => {
    // Prepare
    const created = await api<Partner>('admin.patna1', 'POST', '/partners', {
      name: unique('Sakhi NGO'),
      kind: 'NGO',
      district: 'Patna',
    });
    const id = created.body.partnerId;

    // Act
    const edited = await api<Partner>('admin.patna1', 'PATCH', `/partners/${id}`, { phone: '+919800000001' });
    const foreign = await api('admin.gaya1', 'PATCH', `/partners/${id}`, { active: false });
    const off = await api<Partner>('officer.patna', 'PATCH', `/partners/${id}`, { active: false });
    const missing = await api('state.wcdc', 'PATCH', '/partners/patna-00000000', { active: false });
    const c = await caseWith();
    const referral = await api('staff.patna1', 'POST', `/cases/${c.caseId}/partner-referrals`, {
      partnerId: id,
      basis: 'CONSENT',
    });

    // Assess
    expect(edited.status).toBe(200);
    expect(edited.body.phone).toBe('+919800000001');
    expect(foreign.status).toBe(403);
    expect(off.body.active).toBe(false);
    expect(missing.status).toBe(404);
    const listed = await api<Partner[]>('staff.patna1', 'GET', '/partners?district=Patna&kind=NGO');
    expect(listed.body.map((p) => p.partnerId)).not.toContain(id);
    const all = await api<Partner[]>('admin.patna1', 'GET', '/partners?district=Patna&kind=NGO&includeInactive=true');
    expect(all.body.find((p) => p.partnerId === id)?.active).toBe(false);
    expect(referral.status).toBe(400);
    expect(referral.body.errors[0].path).toBe('partnerId');
  });
});

describe('onward referrals', () => {
  it('a police referral needs her consent to share with the police (409 naming it), then goes once', async () => {
    // Prepare: she agreed to services, not to the police.
    const c = await caseWith();
    const police = await partnerOf('POLICE_STATION');
    const shelter = await partnerOf('SHELTER_HOME');
    const historyBefore = (await api('staff.patna1', 'GET', `/cases/${c.caseId}/history`)).body.length;

    // Act
    const refused = await api('staff.patna1', 'POST', `/cases/${c.caseId}/partner-referrals`, {
      partnerId: police.partnerId,
      basis: 'CONSENT',
    });
    const historyAfterRefusal = (await api('staff.patna1', 'GET', `/cases/${c.caseId}/history`)).body.length;
    const key = { 'idempotency-key': `pref-${Date.now()}` };
    const body = { partnerId: shelter.partnerId, basis: 'CONSENT', purpose: 'Long stay near her sister', note: 'n1' };
    const sent = await api('staff.patna1', 'POST', `/cases/${c.caseId}/partner-referrals`, body, key);
    const retried = await api('staff.patna1', 'POST', `/cases/${c.caseId}/partner-referrals`, body, key);

    // Assess
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ path: 'consent.shareWithPolice', code: 'consent_required' }),
    ]);
    expect(historyAfterRefusal).toBe(historyBefore);
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ status: 'SENT', partnerId: shelter.partnerId, basis: 'CONSENT' });
    expect(sent.body.referralId).toEqual(expect.any(String));
    expect(retried.status).toBe(201);
    expect(retried.body.referralId).toBe(sent.body.referralId);
    const list = await api('staff.patna1', 'GET', `/cases/${c.caseId}/partner-referrals`);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ partnerKind: 'SHELTER_HOME', purpose: 'Long stay near her sister' });
    // An onward referral does not close the case.
    expect((await api('staff.patna1', 'GET', `/cases/${c.caseId}`)).body.status).toBe('REGISTERED');
  });

  it('without consent only mandatory reporting of a girl goes, and only to the police or the CWC', async () => {
    // Prepare
    const noConsent = { consent: { services: false, shareWithPolice: false, contactByPhone: false } };
    const adult = await caseWith(noConsent);
    const girl = await caseWith({ ...noConsent, survivor: { ...newCase().survivor, age: 15 } });
    const [dlsa, police, cwc] = [await partnerOf('DLSA'), await partnerOf('POLICE_STATION'), await partnerOf('CWC')];
    const send = (caseId: string, partnerId: string, basis: string) =>
      api('staff.patna1', 'POST', `/cases/${caseId}/partner-referrals`, { partnerId, basis });

    // Act
    const dlsaRefused = await send(adult.caseId, dlsa.partnerId, 'CONSENT');
    const adultMandatory = await send(adult.caseId, police.partnerId, 'MANDATORY_REPORTING');
    const girlToDlsa = await send(girl.caseId, dlsa.partnerId, 'MANDATORY_REPORTING');
    const girlToPolice = await send(girl.caseId, police.partnerId, 'MANDATORY_REPORTING');
    const girlToCwc = await send(girl.caseId, cwc.partnerId, 'MANDATORY_REPORTING');

    // Assess
    expect(dlsaRefused.status).toBe(409);
    expect(dlsaRefused.body.errors[0]).toMatchObject({ path: 'consent.services', code: 'consent_required' });
    expect(adultMandatory.status).toBe(409);
    expect(adultMandatory.body.errors[0]).toMatchObject({ path: 'survivor.age', code: 'not_a_minor' });
    expect(girlToDlsa.status).toBe(409);
    expect(girlToDlsa.body.errors[0].code).toBe('not_mandatory_for_kind');
    expect(girlToPolice.status).toBe(201);
    expect(girlToPolice.body.basis).toBe('MANDATORY_REPORTING');
    expect(girlToCwc.status).toBe(201);
    expect((await api('staff.patna1', 'GET', `/cases/${adult.caseId}/partner-referrals`)).body).toEqual([]);
  });

  it('moves SENT → ACCEPTED → DONE, refuses other moves, each in history; a closed case is not referred', async () => {
    // Prepare
    const c = await caseWith();
    const dlsa = await partnerOf('DLSA');
    const sent = await api('staff.patna1', 'POST', `/cases/${c.caseId}/partner-referrals`, {
      partnerId: dlsa.partnerId,
      basis: 'CONSENT',
    });
    const path = `/cases/${c.caseId}/partner-referrals/${sent.body.referralId}`;

    // Act
    const done = await api('staff.patna1', 'PATCH', path, { status: 'DONE' });
    const accepted = await api('staff.patna1', 'PATCH', path, { status: 'ACCEPTED', note: 'Lawyer assigned' });
    const declined = await api('staff.patna1', 'PATCH', path, { status: 'DECLINED' });
    const finished = await api('admin.patna1', 'PATCH', path, { status: 'DONE' });
    const withdrawn = await api('staff.patna1', 'PATCH', path, { status: 'WITHDRAWN' });
    const missing = await api('staff.patna1', 'PATCH', `/cases/${c.caseId}/partner-referrals/nope`, {
      status: 'DONE',
    });
    await api('staff.patna1', 'POST', `/cases/${c.caseId}/status`, { status: 'WITHDRAWN' });
    const afterWithdrawal = await api('staff.patna1', 'POST', `/cases/${c.caseId}/partner-referrals`, {
      partnerId: dlsa.partnerId,
      basis: 'CONSENT',
    });

    // Assess
    expect(done.status).toBe(409);
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('ACCEPTED');
    expect(declined.status).toBe(409);
    expect(finished.body.status).toBe('DONE');
    expect(withdrawn.status).toBe(409);
    expect(missing.status).toBe(404);
    expect(afterWithdrawal.status).toBe(409);
    const history = (await api('staff.patna1', 'GET', `/cases/${c.caseId}/history`)).body as Array<{
      action: string;
      details?: Record<string, unknown>;
    }>;
    const events = history.filter((e) => e.action.startsWith('PARTNER_REFERRAL_'));
    expect(events.map((e) => e.details?.status)).toEqual(['SENT', 'ACCEPTED', 'DONE']);
    expect(events[1].details).toMatchObject({ partnerKind: 'DLSA', previous: 'SENT', note: 'Lawyer assigned' });
  });

  it('district and state see the kind and status, never the purpose or notes; another centre gets 404', async () => {
    // Prepare
    const c = await caseWith();
    const ngo = await partnerOf('SHELTER_HOME');
    const sent = await api('staff.patna1', 'POST', `/cases/${c.caseId}/partner-referrals`, {
      partnerId: ngo.partnerId,
      basis: 'CONSENT',
      purpose: 'Secretpurpose words',
      note: 'Secretnote words',
    });
    await api('staff.patna1', 'PATCH', `/cases/${c.caseId}/partner-referrals/${sent.body.referralId}`, {
      status: 'DECLINED',
      note: 'Secretdecline words',
    });

    // Act
    const officer = await api('officer.patna', 'GET', `/cases/${c.caseId}/partner-referrals`);
    const state = await api('state.wcdc', 'GET', `/cases/${c.caseId}/partner-referrals`);
    const stateHistory = await api('state.wcdc', 'GET', `/cases/${c.caseId}/history`);
    const otherCentre = await api('admin.gaya1', 'GET', `/cases/${c.caseId}/partner-referrals`);
    const otherDistrict = await api('officer.gaya', 'GET', `/cases/${c.caseId}/partner-referrals`);
    const otherPost = await api('staff.gaya1', 'POST', `/cases/${c.caseId}/partner-referrals`, {
      partnerId: ngo.partnerId,
      basis: 'CONSENT',
    });

    // Assess
    expect(officer.status).toBe(200);
    expect(officer.body).toEqual([
      expect.objectContaining({ partnerKind: 'SHELTER_HOME', status: 'DECLINED', basis: 'CONSENT' }),
    ]);
    for (const body of [officer.body, state.body, stateHistory.body]) {
      expect(JSON.stringify(body)).not.toMatch(/Secret|Survivor Testname|Secret Lane/);
    }
    expect(JSON.stringify(stateHistory.body)).toContain('PARTNER_REFERRAL_UPDATED');
    expect([otherCentre.status, otherDistrict.status, otherPost.status]).toEqual([404, 404, 404]);
  });

  it('counts referrals by status and kind in the statistics, equal to a recount', async () => {
    // Prepare
    const before = await api('admin.patna1', 'GET', '/stats');
    const c = await caseWith();
    const cwc = await partnerOf('CWC');

    // Act
    const sent = await api('staff.patna1', 'POST', `/cases/${c.caseId}/partner-referrals`, {
      partnerId: cwc.partnerId,
      basis: 'CONSENT',
    });
    await api('staff.patna1', 'PATCH', `/cases/${c.caseId}/partner-referrals/${sent.body.referralId}`, {
      status: 'ACCEPTED',
    });
    const after = await api('admin.patna1', 'GET', '/stats');

    // Assess
    const count = (s: typeof before, status: string) => Number(s.body.totals.partnerReferrals?.[status]?.CWC ?? 0);
    expect(count(after, 'SENT') - count(before, 'SENT')).toBe(1);
    expect(count(after, 'ACCEPTED') - count(before, 'ACCEPTED')).toBe(1);
    expect(await counterCheck()).toMatchObject({ equal: true });
  });
});

// Legal milestones over HTTP on DynamoDB Local: the child pathway from registration, recording a milestone
// (which completes the due one), the MLC report's 7 days, the deadline check (OVERDUE once, one escalation,
// one SMS per milestone, nothing on a second run), the oversight list, and the counters against a recount.
// The deadline check is global, so assertions look at this file's cases only.
import { describe, expect, it } from 'vitest';
import { api, eventually, newCase, runSchedule, settle, smsFor, todayIst, userInfo } from './client.ts';

const STAFF = 'staff.patna1';
const HOUR = 3_600_000;

interface Milestone {
  milestoneId?: string;
  type: string;
  status: 'DUE' | 'DONE' | 'OVERDUE';
  dueAt?: string;
  doneAt?: string;
  reference?: Record<string, string>;
  note?: string;
}

const girl = (age = 16) =>
  newCase({
    survivor: { name: 'Girl Testname', age, safeToContact: false, district: 'Patna', address: 'Lane 4' },
    incident: { categories: ['SEXUAL_ASSAULT'], description: 'Incident story of a child' },
  });

async function register(body: Record<string, unknown>, user = STAFF) {
  const res = await api(user, 'POST', '/cases', body);
  expect(res.status).toBe(201);
  return res.body as { caseId: string; caseNumber: string; registeredAt: string };
}

const milestones = async (caseId: string, user = STAFF) =>
  (await api<Milestone[]>(user, 'GET', `/cases/${caseId}/milestones`)).body;
const plus = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString();

describe('the child pathway', () => {
  it('a girl of 16: POLICE_INFORMED and CWC_PRODUCTION are DUE 24 hours after registration', async () => {
    // Act
    const c = await register(girl(16));
    const list = await milestones(c.caseId);
    // Assess
    expect(list.map((m) => [m.type, m.status]).sort()).toEqual([
      ['CWC_PRODUCTION', 'DUE'],
      ['POLICE_INFORMED', 'DUE'],
    ]);
    for (const m of list) expect(Date.parse(m.dueAt!) - Date.parse(c.registeredAt)).toBe(24 * HOUR);
    const history = await api(STAFF, 'GET', `/cases/${c.caseId}/history`);
    expect(history.body.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['CASE_REGISTERED', 'CHILD_PATHWAY_STARTED', 'MILESTONE_DUE']),
    );
    // A woman of 29 has none.
    const adult = await register(newCase());
    expect(await milestones(adult.caseId)).toEqual([]);
  });

  it('recording a due milestone completes it, with its reference, in time', async () => {
    const c = await register(girl(15));
    const rec = await api(STAFF, 'POST', `/cases/${c.caseId}/milestones`, {
      type: 'POLICE_INFORMED',
      reference: { policeStation: 'Mahila Thana Patna', number: 'GD-114' },
      note: 'SJPU officer came to the centre',
    });
    expect(rec.status).toBe(201);
    expect(rec.body).toMatchObject({ type: 'POLICE_INFORMED', status: 'DONE', timeliness: 'ON_TIME' });
    const list = await milestones(c.caseId);
    const police = list.find((m) => m.type === 'POLICE_INFORMED')!;
    expect(police).toMatchObject({ status: 'DONE', reference: { policeStation: 'Mahila Thana Patna' } });
    expect(list.filter((m) => m.type === 'POLICE_INFORMED')).toHaveLength(1);
    expect(list.find((m) => m.type === 'CWC_PRODUCTION')?.status).toBe('DUE');
  });

  it('the deadline check at +25 h: OVERDUE once, one DEADLINE_MISSED escalation, one SMS per milestone', async () => {
    // Prepare
    const c = await register(girl(16));
    const at = plus(c.registeredAt, 25 * HOUR);
    // Act: the same moment twice
    const first = await runSchedule('deadlines', at);
    const second = await runSchedule('deadlines', at);
    await settle();
    // Assess
    expect(first.status).toBe(200);
    expect(first.body.overdue).toBeGreaterThanOrEqual(2);
    expect(second.body).toMatchObject({ overdue: 0, escalated: 0, reminders: 0 });
    const list = await milestones(c.caseId);
    expect(list.map((m) => m.status)).toEqual(['OVERDUE', 'OVERDUE']);
    const escalations = (await api(STAFF, 'GET', `/cases/${c.caseId}/escalations`)).body;
    expect(escalations.filter((e: { reason: string }) => e.reason === 'DEADLINE_MISSED')).toHaveLength(1);
    const history = (await api(STAFF, 'GET', `/cases/${c.caseId}/history`)).body as Array<{ action: string }>;
    expect(history.filter((e) => e.action === 'MILESTONE_OVERDUE')).toHaveLength(2);
    expect(history.filter((e) => e.action === 'ESCALATION_REQUESTED')).toHaveLength(1);
    // The centre administrator: one deadline SMS per milestone (case number and type only), in her language.
    const admin = await userInfo('admin.patna1');
    const sms = await eventually(async () => {
      const all = (await smsFor(c.caseNumber)).filter((m) => m.template === 'deadlineMissed');
      return all.length >= 2 && all;
    });
    expect(sms).toHaveLength(2);
    expect(sms.every((m) => m.to === admin.phone)).toBe(true);
    expect(sms.map((m) => m.attributes['AWS.MM.SMS.TemplateId'])).not.toContain('0000000000000000000');
    for (const m of sms) expect(m.message).not.toMatch(/Girl Testname|Lane 4|Incident story/);
    // Recorded late: done, and counted as late.
    const late = await api(STAFF, 'POST', `/cases/${c.caseId}/milestones`, { type: 'CWC_PRODUCTION' });
    expect(late.body).toMatchObject({ status: 'DONE', timeliness: 'LATE' });
  });

  it('refuses a bad reference or a future time at its field, writing nothing', async () => {
    const c = await register(newCase());
    const bad = await api(STAFF, 'POST', `/cases/${c.caseId}/milestones`, {
      type: 'FIR_REGISTERED',
      reference: { number: 'twelve' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'reference.number',
      'reference.policeStation',
    ]);
    const future = await api(STAFF, 'POST', `/cases/${c.caseId}/milestones`, {
      type: 'MLC_EXAMINATION',
      at: plus(new Date().toISOString(), 48 * HOUR),
    });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].path).toBe('at');
    expect(await milestones(c.caseId)).toEqual([]);
    const fir = await api(STAFF, 'POST', `/cases/${c.caseId}/milestones`, {
      type: 'FIR_REGISTERED',
      reference: { number: '123/2026', policeStation: 'Kotwali' },
    });
    expect(fir.status).toBe(201);
  });
});

describe('the MLC report and hearings', () => {
  it('an MLC examination makes the MLC report DUE 7 days later', async () => {
    const c = await register(newCase());
    const examinedAt = new Date(Date.now() - 2 * HOUR).toISOString();
    const exam = await api(STAFF, 'POST', `/cases/${c.caseId}/milestones`, {
      type: 'MLC_EXAMINATION',
      at: examinedAt,
      reference: { number: 'MLC/2026/77' },
    });
    expect(exam.status).toBe(201);
    const report = (await milestones(c.caseId)).find((m) => m.type === 'MLC_REPORT')!;
    expect(report.status).toBe('DUE');
    expect(Date.parse(report.dueAt!) - Date.parse(examinedAt)).toBe(7 * 24 * HOUR);
    // Recording the report completes it; nothing is due any more.
    await api(STAFF, 'POST', `/cases/${c.caseId}/milestones`, { type: 'MLC_REPORT', reference: { number: 'R-9' } });
    expect((await milestones(c.caseId)).map((m) => m.status)).toEqual(['DONE', 'DONE']);
  });

  it('a hearing ahead: one reminder to the centre administrator the day before, once', async () => {
    const c = await register(newCase());
    const hearing = plus(new Date().toISOString(), 72 * HOUR);
    const res = await api(STAFF, 'POST', `/cases/${c.caseId}/milestones`, {
      type: 'COURT_HEARING',
      at: hearing,
      reference: { court: 'Special POCSO Court, Patna' },
    });
    expect(res.status).toBe(201);
    expect(Date.parse(res.body.remindAt)).toBeLessThan(Date.parse(hearing));
    await runSchedule('deadlines', plus(res.body.remindAt, -60_000));
    await settle();
    expect((await smsFor(c.caseNumber)).filter((m) => m.template === 'courtHearing')).toHaveLength(0);
    const after = plus(res.body.remindAt, 60_000);
    const sent = await runSchedule('deadlines', after);
    await runSchedule('deadlines', after);
    await settle();
    expect(sent.body.reminders).toBeGreaterThanOrEqual(1);
    const admin = await userInfo('admin.patna1');
    const sms = (await smsFor(c.caseNumber)).filter((m) => m.template === 'courtHearing');
    expect(sms.map((m) => m.to)).toEqual([admin.phone]);
    expect(sms[0].message).not.toMatch(/POCSO Court/);
  });
});

describe('oversight of overdue deadlines', () => {
  it('lists overdue milestones by district, scoped, without identity or reference', async () => {
    // Prepare: an overdue child case in Patna and one in Gaya.
    const patna = await register(girl(14));
    const gaya = await register(girl(13), 'staff.gaya1');
    await runSchedule('deadlines', plus(gaya.registeredAt, 25 * HOUR));
    await settle();
    // Act
    const officer = await api('officer.patna', 'GET', '/milestones/overdue');
    const state = await api('state.wcdc', 'GET', '/milestones/overdue?district=Gaya');
    // Assess
    expect(officer.status).toBe(200);
    expect(officer.body.every((r: { district: string }) => r.district === 'Patna')).toBe(true);
    const mine = officer.body.filter((r: { caseNumber: string }) => r.caseNumber === patna.caseNumber);
    expect(mine.map((r: { type: string }) => r.type).sort()).toEqual(['CWC_PRODUCTION', 'POLICE_INFORMED']);
    expect(Object.keys(mine[0]).sort()).toEqual(['caseNumber', 'centreId', 'district', 'dueAt', 'type']);
    expect(state.body.some((r: { caseNumber: string }) => r.caseNumber === gaya.caseNumber)).toBe(true);
    expect(state.body.every((r: { district: string }) => r.district === 'Gaya')).toBe(true);
    expect(JSON.stringify(officer.body)).not.toMatch(/Girl Testname|Lane 4/);
    expect((await api('officer.patna', 'GET', '/milestones/overdue?district=Gaya')).status).toBe(404);
    expect((await api(STAFF, 'GET', '/milestones/overdue')).status).toBe(403);
    // The district officer reads the case's milestones without their text.
    await api(STAFF, 'POST', `/cases/${patna.caseId}/milestones`, {
      type: 'POLICE_INFORMED',
      reference: { policeStation: 'Secret Thana' },
      note: 'Private note',
    });
    const seen = await milestones(patna.caseId, 'officer.patna');
    expect(JSON.stringify(seen)).not.toMatch(/Secret Thana|Private note/);
    expect(seen.find((m) => m.type === 'POLICE_INFORMED')?.status).toBe('DONE');
    expect((await api('staff.gaya1', 'GET', `/cases/${patna.caseId}/milestones`)).status).toBe(404);
    // Both reads are in the access log: the case's milestones on the case, the overdue list under her name.
    const log = await api('admin.patna1', 'GET', `/cases/${patna.caseId}/access-log`);
    const read = log.body.find((e: { actor: string }) => e.actor === 'officer.patna');
    expect(read).toMatchObject({ action: 'MILESTONES_READ', role: 'district-officer' });
    const hers = await api('state.wcdc', 'GET', `/access-log?actor=${read.actorId}&from=${todayIst()}`);
    expect(hers.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'LIST_READ', query: { overdueMilestones: 'all' } })]),
    );
  });

  it('keeps the counters equal to a recount, and counts children and milestones by financial year', async () => {
    await register(girl(17));
    await settle();
    const check = await api(undefined, 'GET', '/_local/counters/check');
    expect(check.body).toMatchObject({ equal: true, differences: [] });
    const stats = await api('state.wcdc', 'GET', '/stats');
    expect(stats.body.children).toBeGreaterThanOrEqual(5);
    expect(stats.body.milestones.done.FIR_REGISTERED).toBeGreaterThanOrEqual(1);
    expect(stats.body.milestones.done.MLC_EXAMINATION).toBeGreaterThanOrEqual(1);
    expect(stats.body.milestones.late.CWC_PRODUCTION).toBeGreaterThanOrEqual(1);
    expect(stats.body.milestones.overdueMarked.POLICE_INFORMED).toBeGreaterThanOrEqual(2);
  });
});

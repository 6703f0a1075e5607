// Six months of follow-up over HTTP on DynamoDB Local: resolution, the plan, the reminder sweep run at its
// due dates, outcomes, closure, missed follow-ups. The sweep is global, so assertions look at this file's
// cases only.
import { describe, expect, it } from 'vitest';
import { api, newCase, nineAmIst, plusDays, runSchedule, smsFor, todayIst, userInfo } from './client.ts';

const STAFF = 'staff.patna1';

async function resolvedCase(over: Record<string, unknown> = {}) {
  const { body: c } = await api(STAFF, 'POST', '/cases', newCase(over));
  await api(STAFF, 'POST', `/cases/${c.caseId}/status`, { status: 'IN_PROGRESS' });
  const worker = await userInfo(STAFF);
  const resolved = await api(STAFF, 'POST', `/cases/${c.caseId}/resolve`, {
    outcome: 'Safe with her mother; FIR filed',
    followUpWorkerId: worker.staffId,
  });
  return { c, resolved, worker };
}

describe('resolution and the plan', () => {
  it('resolves with a plan of at least six months, assigned to the worker, counted in the same write', async () => {
    const { c, resolved, worker } = await resolvedCase();
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('RESOLVED');
    const dates: string[] = resolved.body.followUps.map((f: { dueDate: string }) => f.dueDate);
    expect(dates).toHaveLength(7);
    expect(dates[0]).toBe(plusDays(todayIst(), 7));
    expect(dates.at(-1)! >= plusDays(todayIst(), 180)).toBe(true);
    expect(
      resolved.body.followUps.every(
        (f: { status: string; workerId: string }) => f.status === 'PENDING' && f.workerId === worker.staffId,
      ),
    ).toBe(true);

    const list = await api(STAFF, 'GET', `/cases/${c.caseId}/followups`);
    expect(list.body).toHaveLength(7);
    const history = await api(STAFF, 'GET', `/cases/${c.caseId}/history`);
    expect(history.body.at(-1)).toMatchObject({ action: 'CASE_RESOLVED', from: 'IN_PROGRESS', to: 'RESOLVED' });
  });

  it('refuses a worker who is not staff of the case centre, and a case not in progress, writing nothing', async () => {
    const { body: c } = await api(STAFF, 'POST', '/cases', newCase());
    const early = await api(STAFF, 'POST', `/cases/${c.caseId}/resolve`, {
      outcome: 'x',
      followUpWorkerId: 'patna-1-s1',
    });
    expect(early.status).toBe(409);
    await api(STAFF, 'POST', `/cases/${c.caseId}/status`, { status: 'IN_PROGRESS' });
    const gayaWorker = await userInfo('staff.gaya1');
    const wrong = await api(STAFF, 'POST', `/cases/${c.caseId}/resolve`, {
      outcome: 'x',
      followUpWorkerId: gayaWorker.staffId,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].path).toBe('followUpWorkerId');
    const read = await api(STAFF, 'GET', `/cases/${c.caseId}`);
    expect(read.body.status).toBe('IN_PROGRESS');
    expect(read.body.followUps).toHaveLength(0);
  });

  it('keeps follow-ups to the centre: other centres get 404, oversight roles 403', async () => {
    const { c } = await resolvedCase();
    expect((await api('staff.gaya1', 'GET', `/cases/${c.caseId}/followups`)).status).toBe(404);
    expect((await api('staff.gaya1', 'POST', `/cases/${c.caseId}/followups/1-01`, { outcome: 'SAFE' })).status).toBe(
      404,
    );
    expect((await api('officer.patna', 'GET', `/cases/${c.caseId}/followups`)).status).toBe(403);
  });
});

describe('the reminder sweep', () => {
  it('sends one SMS per due follow-up, in her language, with no survivor detail, and none on a re-run', async () => {
    const { c, resolved, worker } = await resolvedCase();
    const first = resolved.body.followUps[0].dueDate as string;
    // The day before: nothing for this case.
    await runSchedule('followup-reminders', nineAmIst(plusDays(first, -1)));
    expect(await smsFor(c.caseNumber)).toHaveLength(0);
    // The due day: one SMS to the worker.
    const run = await runSchedule('followup-reminders', nineAmIst(first));
    expect(run.status).toBe(200);
    const sms = await smsFor(c.caseNumber);
    expect(sms).toHaveLength(1);
    expect(sms[0].to).toBe(worker.phone);
    expect(sms[0].message).toContain(`${first.slice(8, 10)}/${first.slice(5, 7)}/${first.slice(0, 4)}`);
    expect(sms[0].attributes).toMatchObject({ 'AWS.SNS.SMS.SMSType': 'Transactional' });
    expect(sms[0].attributes['AWS.MM.SMS.EntityId']).toMatch(/^\d{19}$/);
    expect(sms[0].attributes['AWS.MM.SMS.TemplateId']).toMatch(/^\d{19}$/);
    expect(sms[0].attributes['AWS.SNS.SMS.SenderID']).toMatch(/^[A-Z]{6}$/);
    expect(sms[0].message).not.toMatch(/Survivor Testname|Secret Lane|Incident story|9812345678|DOMESTIC/);
    // A re-run the same morning (a retried schedule): nothing new.
    await runSchedule('followup-reminders', nineAmIst(first));
    expect(await smsFor(c.caseNumber)).toHaveLength(1);
  });

  it('a failed publish is retried on the next run instead of being lost', async () => {
    const { c, resolved } = await resolvedCase();
    const first = resolved.body.followUps[0].dueDate as string;
    // Every send of the first run fails, as SNS throttling would.
    await api(undefined, 'POST', '/_local/sms/failures', { count: 1000 });
    const failed = await runSchedule('followup-reminders', nineAmIst(first));
    await api(undefined, 'POST', '/_local/sms/failures', { count: 0 });
    expect(failed.body.failed).toBeGreaterThan(0);
    expect(await smsFor(c.caseNumber)).toHaveLength(0);
    await runSchedule('followup-reminders', `${first}T11:00:00+05:30`);
    expect(await smsFor(c.caseNumber)).toHaveLength(1);
  });

  it('records outcomes: unreachable is tried again, at risk reopens, and the case closes after the last', async () => {
    const { c, resolved } = await resolvedCase();
    const ids: string[] = resolved.body.followUps.map((f: { followUpId: string }) => f.followUpId);

    const unreachable = await api(STAFF, 'POST', `/cases/${c.caseId}/followups/${ids[0]}`, { outcome: 'UNREACHABLE' });
    expect(unreachable.status).toBe(200);
    expect(unreachable.body).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(unreachable.body.dueDate > todayIst()).toBe(true);
    expect(unreachable.body.case.status).toBe('MONITORING');

    const atRisk = await api(STAFF, 'POST', `/cases/${c.caseId}/followups/${ids[0]}`, {
      outcome: 'AT_RISK',
      note: 'husband returned',
    });
    expect(atRisk.body.case.status).toBe('REOPENED');
    // The rest of the plan is kept.
    const plan = await api(STAFF, 'GET', `/cases/${c.caseId}/followups`);
    expect(plan.body.filter((f: { status: string }) => f.status === 'PENDING')).toHaveLength(6);

    // Back in progress, then every remaining follow-up safe: the case closes after the last one.
    await api(STAFF, 'POST', `/cases/${c.caseId}/status`, { status: 'IN_PROGRESS' });
    for (const id of ids.slice(1)) {
      const r = await api(STAFF, 'POST', `/cases/${c.caseId}/followups/${id}`, { outcome: 'SAFE' });
      expect(r.status, id).toBe(200);
    }
    // Still in progress (reopened work is not done), so it has not closed by itself.
    expect((await api(STAFF, 'GET', `/cases/${c.caseId}`)).body.status).toBe('IN_PROGRESS');
    expect((await api(STAFF, 'POST', `/cases/${c.caseId}/followups/${ids[1]}`, { outcome: 'SAFE' })).status).toBe(409);
  });

  it('withdrawing a reopened case stops the rest of its plan', async () => {
    const { c, resolved } = await resolvedCase();
    const first = resolved.body.followUps[0].followUpId;
    await api(STAFF, 'POST', `/cases/${c.caseId}/followups/${first}`, { outcome: 'AT_RISK' });
    const withdrawn = await api(STAFF, 'POST', `/cases/${c.caseId}/status`, {
      status: 'WITHDRAWN',
      note: 'she moved away',
    });
    expect(withdrawn.status).toBe(200);
    const plan = await api(STAFF, 'GET', `/cases/${c.caseId}/followups`);
    expect(plan.body.map((f: { status: string }) => f.status)).toEqual(['DONE']);
    // Nothing of it is due any more: the sweep on the next follow-up's day sends nothing for this case.
    await runSchedule('followup-reminders', nineAmIst(resolved.body.followUps[1].dueDate));
    expect(await smsFor(c.caseNumber)).toHaveLength(0);
    expect((await api(STAFF, 'GET', `/cases/${c.caseId}/escalations`)).body).toHaveLength(0);
  });

  it('closes a monitored case when the last follow-up is recorded safe', async () => {
    const { c, resolved } = await resolvedCase();
    const ids: string[] = resolved.body.followUps.map((f: { followUpId: string }) => f.followUpId);
    for (const id of ids.slice(0, -1)) {
      const r = await api(STAFF, 'POST', `/cases/${c.caseId}/followups/${id}`, { outcome: 'SAFE' });
      expect(r.body.case.status).toBe('MONITORING');
    }
    const last = await api(STAFF, 'POST', `/cases/${c.caseId}/followups/${ids.at(-1)}`, { outcome: 'SAFE' });
    expect(last.body.case.status).toBe('CLOSED');
    const history = await api(STAFF, 'GET', `/cases/${c.caseId}/history`);
    expect(history.body.at(-1)).toMatchObject({ action: 'FOLLOW_UP_RECORDED', to: 'CLOSED' });
  });

  it('a follow-up overdue past the limit is marked MISSED once and escalated once', async () => {
    const { c, resolved } = await resolvedCase();
    const first = resolved.body.followUps[0].dueDate as string;
    const late = nineAmIst(plusDays(first, 4));
    await runSchedule('followup-reminders', late);
    await runSchedule('followup-reminders', late);
    await runSchedule('followup-reminders', nineAmIst(plusDays(first, 5)));
    const plan = await api(STAFF, 'GET', `/cases/${c.caseId}/followups`);
    expect(
      plan.body
        .filter((f: { status: string }) => f.status === 'MISSED')
        .map((f: { followUpId: string }) => f.followUpId),
    ).toEqual([resolved.body.followUps[0].followUpId]);
    const escalations = await api(STAFF, 'GET', `/cases/${c.caseId}/escalations`);
    expect(escalations.body.filter((e: { reason: string }) => e.reason === 'FOLLOW_UP_MISSED')).toHaveLength(1);
    const history = await api(STAFF, 'GET', `/cases/${c.caseId}/history`);
    expect(history.body.filter((e: { action: string }) => e.action === 'FOLLOW_UP_MISSED')).toHaveLength(1);
    // A missed follow-up can still be recorded late.
    const recorded = await api(STAFF, 'POST', `/cases/${c.caseId}/followups/${resolved.body.followUps[0].followUpId}`, {
      outcome: 'SAFE',
    });
    expect(recorded.status).toBe(200);
  });

  it('validates outcomes and names the field', async () => {
    const { c, resolved } = await resolvedCase();
    const res = await api(STAFF, 'POST', `/cases/${c.caseId}/followups/${resolved.body.followUps[0].followUpId}`, {
      outcome: 'FINE',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('outcome');
    expect((await api(STAFF, 'POST', `/cases/${c.caseId}/followups/9-99`, { outcome: 'SAFE' })).status).toBe(404);
  });
});

// Escalation over HTTP: the real state machine definition, rendered from the CDK code, run locally. A level
// waits until the test advances it (POST /_local/executions/advance), never for a number of seconds, so a
// test acknowledges at the level it means, however slow the machine. SMS land in the outbox; executions are
// listed at /_local/executions.
import { describe, expect, it } from 'vitest';
import { advance, api, eventually, newCase, settle, smsFor, userInfo } from './client.ts';

const STAFF = 'staff.patna1';

interface Execution {
  name: string;
  status: string;
  states: string[];
}

async function executionsOf(caseId: string): Promise<Execution[]> {
  const res = await api<Execution[]>(undefined, 'GET', '/_local/executions');
  return res.body.filter((e) => e.name.startsWith(caseId));
}

async function escalation(caseId: string, escalationId: string, user = STAFF) {
  const res = await api(user, 'GET', `/cases/${caseId}/escalations`);
  return res.body.find((e: { escalationId: string }) => e.escalationId === escalationId);
}

async function openCase(over: Record<string, unknown> = {}) {
  const { body } = await api(STAFF, 'POST', '/cases', newCase(over));
  return body as { caseId: string; caseNumber: string };
}

describe('escalation centre → district → state', () => {
  it(
    'unacknowledged: SMS to the centre administrator, then the district officer, then the state; ends ' +
      'UNACKNOWLEDGED',
    async () => {
      const c = await openCase();
      const started = await api(STAFF, 'POST', `/cases/${c.caseId}/escalations`, {
        reason: 'COUNSELLING_INSUFFICIENT',
        note: 'needs police protection',
      });
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({ level: 1, status: 'OPEN' });
      // Nobody acknowledges: each level's wait ends, and the next level is told.
      for (const level of [1, 2, 3]) {
        await eventually(
          async () => (await escalation(c.caseId, started.body.escalationId))?.notifiedLevels.length === level,
        );
        await advance(c.caseId);
      }
      await settle();

      const [execution] = await executionsOf(c.caseId);
      expect(execution.status).toBe('SUCCEEDED');
      expect(execution.states.filter((s) => s === 'NotifyLevel')).toHaveLength(3);
      expect(execution.states.at(-1)).toBe('MarkUnacknowledged');

      const admin = await userInfo('admin.patna1');
      const officer = await userInfo('officer.patna');
      const state = await userInfo('state.wcdc');
      const sms = await smsFor(c.caseNumber);
      expect(sms.map((m) => m.to)).toEqual([admin.phone, officer.phone, state.phone]);
      for (const m of sms) {
        expect(m.template).toBe('escalation');
        expect(m.message).not.toMatch(/Survivor Testname|Secret Lane|Incident story|9812345678|police protection/);
      }
      const e = await escalation(c.caseId, started.body.escalationId);
      expect(e).toMatchObject({ status: 'UNACKNOWLEDGED', level: 3 });
      const history = await api(STAFF, 'GET', `/cases/${c.caseId}/history`);
      expect(history.body.map((h: { action: string }) => h.action)).toEqual(
        expect.arrayContaining(['ESCALATION_REQUESTED', 'ESCALATION_UNACKNOWLEDGED']),
      );
    },
  );

  it('acknowledged by the centre administrator: stops after level 1', async () => {
    const c = await openCase();
    const started = await api(STAFF, 'POST', `/cases/${c.caseId}/escalations`, { reason: 'OTHER' });
    await eventually(async () => (await escalation(c.caseId, started.body.escalationId))?.notifiedLevels.length === 1);
    const ack = await api(
      'admin.patna1',
      'POST',
      `/cases/${c.caseId}/escalations/${started.body.escalationId}/acknowledge`,
      { note: 'I will call the SP' },
    );
    expect(ack.status).toBe(200);
    await advance(c.caseId);
    await settle();
    const [execution] = await executionsOf(c.caseId);
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.states.filter((s) => s === 'NotifyLevel')).toHaveLength(1);
    expect((await smsFor(c.caseNumber)).map((m) => m.to)).toEqual([(await userInfo('admin.patna1')).phone]);
    const e = await escalation(c.caseId, started.body.escalationId);
    expect(e).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedBy: 'admin.patna1', acknowledgedAtLevel: 1 });
  });

  it('acknowledged by the district officer at level 2', async () => {
    const c = await openCase();
    const started = await api(STAFF, 'POST', `/cases/${c.caseId}/escalations`, { reason: 'COUNSELLING_INSUFFICIENT' });
    await eventually(async () => (await escalation(c.caseId, started.body.escalationId))?.notifiedLevels.length === 1);
    await advance(c.caseId);
    await eventually(async () => (await escalation(c.caseId, started.body.escalationId))?.notifiedLevels.length === 2);
    // The centre administrator is below the level now notified.
    expect(
      (await api('admin.patna1', 'POST', `/cases/${c.caseId}/escalations/${started.body.escalationId}/acknowledge`, {}))
        .status,
    ).toBe(403);
    const ack = await api(
      'officer.patna',
      'POST',
      `/cases/${c.caseId}/escalations/${started.body.escalationId}/acknowledge`,
      {},
    );
    expect(ack.status).toBe(200);
    await advance(c.caseId);
    await settle();
    const [execution] = await executionsOf(c.caseId);
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.states.filter((s) => s === 'NotifyLevel')).toHaveLength(2);
    expect(await smsFor(c.caseNumber)).toHaveLength(2);
    expect(await escalation(c.caseId, started.body.escalationId)).toMatchObject({
      status: 'ACKNOWLEDGED',
      acknowledgedAtLevel: 2,
    });
  });

  it('a HIGH-risk case escalates on registration', async () => {
    const c = await openCase({ riskLevel: 'HIGH' });
    await eventually(async () => (await executionsOf(c.caseId)).length > 0);
    const list = await api(STAFF, 'GET', `/cases/${c.caseId}/escalations`);
    expect(list.body).toHaveLength(1);
    expect(list.body[0].reason).toBe('HIGH_RISK');
    // Acknowledge to end it quickly.
    await eventually(async () => (await escalation(c.caseId, list.body[0].escalationId))?.notifiedLevels.length >= 1);
    const ack = await api(
      'state.wcdc',
      'POST',
      `/cases/${c.caseId}/escalations/${list.body[0].escalationId}/acknowledge`,
      {},
    );
    expect(ack.status).toBe(200);
    await advance(c.caseId);
    await settle();
    expect((await executionsOf(c.caseId))[0].status).toBe('SUCCEEDED');
  });

  it('a start is idempotent: a repeated request returns the open escalation and starts nothing new', async () => {
    const c = await openCase();
    const [a, b] = await Promise.all([
      api(STAFF, 'POST', `/cases/${c.caseId}/escalations`, { reason: 'COUNSELLING_INSUFFICIENT' }),
      api(STAFF, 'POST', `/cases/${c.caseId}/escalations`, { reason: 'COUNSELLING_INSUFFICIENT' }),
    ]);
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(a.body.escalationId).toBe(b.body.escalationId);
    const again = await api(STAFF, 'POST', `/cases/${c.caseId}/escalations`, { reason: 'COUNSELLING_INSUFFICIENT' });
    expect(again.body).toMatchObject({ escalationId: a.body.escalationId, created: false });
    await eventually(async () => (await executionsOf(c.caseId)).length > 0);
    await api('state.wcdc', 'POST', `/cases/${c.caseId}/escalations/${a.body.escalationId}/acknowledge`, {});
    await settle();
    expect(await executionsOf(c.caseId)).toHaveLength(1);
    expect((await api(STAFF, 'GET', `/cases/${c.caseId}/escalations`)).body).toHaveLength(1);
  });

  it('acknowledge scope: other centres and districts 404, staff and lower levels 403', async () => {
    const c = await openCase();
    const started = await api(STAFF, 'POST', `/cases/${c.caseId}/escalations`, { reason: 'OTHER' });
    const path = `/cases/${c.caseId}/escalations/${started.body.escalationId}/acknowledge`;
    expect((await api(STAFF, 'POST', path, {})).status).toBe(403);
    expect((await api('staff.gaya1', 'POST', path, {})).status).toBe(403);
    expect((await api('admin.gaya1', 'POST', path, {})).status).toBe(404);
    expect((await api('officer.gaya', 'POST', path, {})).status).toBe(404);
    expect((await api('helpline.181', 'POST', path, {})).status).toBe(403);
    expect((await api('admin.gaya1', 'GET', `/cases/${c.caseId}/escalations`)).status).toBe(404);
    expect((await api('state.wcdc', 'POST', path, {})).status).toBe(200);
    expect((await api('state.wcdc', 'POST', path, {})).status).toBe(409);
    expect((await api(STAFF, 'POST', `/cases/${c.caseId}/escalations/other-99/acknowledge`, {})).status).toBe(403);
    expect((await api('admin.patna1', 'POST', `/cases/${c.caseId}/escalations/other-99/acknowledge`, {})).status).toBe(
      404,
    );
    await settle();
  });

  it('a failing task is retried, and a task that keeps failing is recorded on the case', async () => {
    // Two failed sends: the notify step is retried and then succeeds.
    const c1 = await openCase();
    await api(undefined, 'POST', '/_local/sms/failures', { count: 2 });
    const s1 = await api(STAFF, 'POST', `/cases/${c1.caseId}/escalations`, { reason: 'OTHER' });
    await eventually(
      async () =>
        (await escalation(c1.caseId, s1.body.escalationId))?.notifiedLevels.length === 1 &&
        (await smsFor(c1.caseNumber)).length === 1,
    );
    await api('admin.patna1', 'POST', `/cases/${c1.caseId}/escalations/${s1.body.escalationId}/acknowledge`, {});
    await settle();
    expect((await executionsOf(c1.caseId))[0].states.filter((s) => s === 'NotifyLevel').length).toBeGreaterThan(1);

    // Every send fails: after its retries the workflow records the failure on the case.
    const c2 = await openCase();
    await api(undefined, 'POST', '/_local/sms/failures', { count: 1000 });
    const s2 = await api(STAFF, 'POST', `/cases/${c2.caseId}/escalations`, { reason: 'OTHER' });
    await eventually(async () => (await executionsOf(c2.caseId)).length > 0);
    await settle();
    await api(undefined, 'POST', '/_local/sms/failures', { count: 0 });
    const [execution] = await executionsOf(c2.caseId);
    expect(execution.status).toBe('FAILED');
    expect(execution.states.at(-1)).toBe('RecordFailure');
    expect(await escalation(c2.caseId, s2.body.escalationId)).toMatchObject({ status: 'FAILED' });
    const history = await api(STAFF, 'GET', `/cases/${c2.caseId}/history`);
    expect(history.body.some((h: { action: string }) => h.action === 'ESCALATION_FAILED')).toBe(true);
    // The reason is free again: staff can escalate anew.
    expect((await api(STAFF, 'POST', `/cases/${c2.caseId}/escalations`, { reason: 'OTHER' })).body.created).toBe(true);
    await settle();
  });

  it('validates the reason and names the field', async () => {
    const c = await openCase();
    const res = await api(STAFF, 'POST', `/cases/${c.caseId}/escalations`, { reason: 'ANGRY' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('reason');
    expect((await api(STAFF, 'GET', `/cases/${c.caseId}/escalations`)).body).toHaveLength(0);
  });
});

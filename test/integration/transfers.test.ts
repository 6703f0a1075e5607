// Transfers between centres over HTTP: one waiting transfer per case, an inbox without her identity, the
// case the sender's alone until accepted, and an accept that moves the case, its follow-ups, its open
// escalations and its counters in one step (the live counters still equal a recount afterwards).
import { describe, expect, it } from 'vitest';
import { api, newCase, userInfo } from './client.ts';

interface TransferRow {
  transferId: string;
  caseId: string;
  caseNumber: string;
  fromCentreId: string;
  toCentreId: string;
  status: string;
  reason: string;
}

const counterCheck = async () =>
  (await api(undefined, 'GET', '/_local/counters/check')).body as { equal: boolean; differences: unknown[] };

async function patnaCase(over: Record<string, unknown> = {}) {
  const res = await api('staff.patna1', 'POST', '/cases', newCase(over));
  expect(res.status).toBe(201);
  return res.body as { caseId: string; caseNumber: string };
}

const inbox = async (user: string, direction: 'incoming' | 'outgoing') =>
  (await api<TransferRow[]>(user, 'GET', `/transfers?direction=${direction}`)).body;

describe('asking for a transfer', () => {
  it('only the case centre’s administrator asks; one waiting transfer per case; no identity in the inbox', async () => {
    // Prepare
    const c = await patnaCase();
    const body = { toCentreId: 'osc-gaya-1', reason: 'She moved to her parents in Gaya' };

    // Act
    const byStaff = await api('staff.patna1', 'POST', `/cases/${c.caseId}/transfers`, body);
    const byOtherAdmin = await api('admin.gaya1', 'POST', `/cases/${c.caseId}/transfers`, body);
    const toSelf = await api('admin.patna1', 'POST', `/cases/${c.caseId}/transfers`, {
      ...body,
      toCentreId: 'osc-patna-1',
    });
    const toNowhere = await api('admin.patna1', 'POST', `/cases/${c.caseId}/transfers`, {
      ...body,
      toCentreId: 'osc-xyz-9',
    });
    const key = { 'idempotency-key': `transfer-${Date.now()}` };
    const first = await api('admin.patna1', 'POST', `/cases/${c.caseId}/transfers`, body, key);
    const retried = await api('admin.patna1', 'POST', `/cases/${c.caseId}/transfers`, body, key);
    const second = await api('admin.patna1', 'POST', `/cases/${c.caseId}/transfers`, {
      ...body,
      toCentreId: 'osc-nalanda-1',
    });

    // Assess
    expect(byStaff.status).toBe(403);
    expect(byOtherAdmin.status).toBe(404);
    expect(toSelf.status).toBe(400);
    expect(toNowhere.status).toBe(400);
    expect(toNowhere.body.errors[0].path).toBe('toCentreId');
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ transferId: expect.any(String), status: 'PENDING' });
    expect(retried.status).toBe(202);
    expect(retried.body.transferId).toBe(first.body.transferId);
    expect(second.status).toBe(409);
    const incoming = await inbox('admin.gaya1', 'incoming');
    const row = incoming.find((t) => t.transferId === first.body.transferId);
    expect(row).toMatchObject({
      caseId: c.caseId,
      caseNumber: c.caseNumber,
      fromCentreId: 'osc-patna-1',
      toCentreId: 'osc-gaya-1',
      status: 'PENDING',
      reason: body.reason,
    });
    expect(JSON.stringify(incoming)).not.toMatch(/Survivor Testname|Secret Lane|9812345678|Incident story/);
    expect((await inbox('admin.patna1', 'outgoing')).map((t) => t.transferId)).toContain(first.body.transferId);
    expect((await inbox('admin.patna1', 'incoming')).map((t) => t.transferId)).not.toContain(first.body.transferId);
    // Until it is accepted the case is Patna's alone.
    expect((await api('staff.gaya1', 'GET', `/cases/${c.caseId}`)).status).toBe(404);
    expect((await api('admin.gaya1', 'GET', `/cases/${c.caseId}/history`)).status).toBe(404);
    expect((await api('staff.patna1', 'GET', `/cases/${c.caseId}`)).body.pendingTransfer).toMatchObject({
      toCentreId: 'osc-gaya-1',
    });
    expect((await api('staff.gaya1', 'GET', '/transfers')).status).toBe(403);
  });

  it('a declined transfer leaves the case where it was; a cancelled one too; either frees it for another', async () => {
    // Prepare
    const c = await patnaCase();
    const ask = (to: string) =>
      api('admin.patna1', 'POST', `/cases/${c.caseId}/transfers`, { toCentreId: to, reason: 'Nearer her work' });
    const t1 = (await ask('osc-gaya-1')).body.transferId as string;

    // Act
    const declineByStaff = await api('staff.gaya1', 'POST', `/transfers/${t1}/decline`, { reason: 'x' });
    const declineBySender = await api('admin.patna1', 'POST', `/transfers/${t1}/decline`, { reason: 'x' });
    const declineNoReason = await api('admin.gaya1', 'POST', `/transfers/${t1}/decline`, {});
    const declined = await api('admin.gaya1', 'POST', `/transfers/${t1}/decline`, { reason: 'No shelter place' });
    const acceptAfter = await api('admin.gaya1', 'POST', `/transfers/${t1}/accept`, {});
    const t2 = (await ask('osc-gaya-1')).body.transferId as string;
    const cancelByReceiver = await api('admin.gaya1', 'POST', `/transfers/${t2}/cancel`, {});
    const cancelled = await api('admin.patna1', 'POST', `/transfers/${t2}/cancel`, { reason: 'She stays' });
    const t3 = await ask('osc-gaya-1');

    // Assess
    expect(declineByStaff.status).toBe(403);
    expect(declineBySender.status).toBe(404);
    expect(declineNoReason.status).toBe(400);
    expect(declined.status).toBe(200);
    expect(declined.body.status).toBe('DECLINED');
    expect(acceptAfter.status).toBe(409);
    expect(cancelByReceiver.status).toBe(404);
    expect(cancelled.body.status).toBe('CANCELLED');
    expect(t3.status).toBe(202);
    const read = await api('staff.patna1', 'GET', `/cases/${c.caseId}`);
    expect(read.body.centreId).toBe('osc-patna-1');
    const history = (await api('staff.patna1', 'GET', `/cases/${c.caseId}/history`)).body as Array<{
      action: string;
      details?: Record<string, unknown>;
    }>;
    expect(history.map((e) => e.action).filter((a) => a.startsWith('TRANSFER_'))).toEqual([
      'TRANSFER_REQUESTED',
      'TRANSFER_DECLINED',
      'TRANSFER_REQUESTED',
      'TRANSFER_CANCELLED',
      'TRANSFER_REQUESTED',
    ]);
    expect(history.find((e) => e.action === 'TRANSFER_DECLINED')?.details?.declineReason).toBe('No shelter place');
    const answered = await inbox('admin.gaya1', 'incoming');
    expect(answered.find((t) => t.transferId === t1)?.status).toBe('DECLINED');
    expect((await inbox('admin.patna1', 'outgoing')).find((t) => t.transferId === t2)?.status).toBe('CANCELLED');
    // District and state never read the reasons staff wrote.
    const stateHistory = await api('state.wcdc', 'GET', `/cases/${c.caseId}/history`);
    expect(JSON.stringify(stateHistory.body)).not.toMatch(/No shelter place|Nearer her work|She stays/);
  });
});

describe('accepting a transfer', () => {
  it('moves the case with its number, history, follow-ups and escalations; counters stay exact', async () => {
    // Prepare: a resolved case with a follow-up plan, and an open escalation.
    const c = await patnaCase();
    await api('staff.patna1', 'POST', `/cases/${c.caseId}/status`, { status: 'IN_PROGRESS' });
    const patnaWorker = (await userInfo('staff.patna1')).staffId as string;
    const resolved = await api('staff.patna1', 'POST', `/cases/${c.caseId}/resolve`, {
      outcome: 'Safe with family',
      followUpWorkerId: patnaWorker,
    });
    expect(resolved.status).toBe(200);
    const escalation = await api('staff.patna1', 'POST', `/cases/${c.caseId}/escalations`, { reason: 'OTHER' });
    expect(escalation.status).toBe(202);
    const t = await api('admin.patna1', 'POST', `/cases/${c.caseId}/transfers`, {
      toCentreId: 'osc-gaya-1',
      reason: 'She went back to her parents',
    });
    const gayaWorker = (await userInfo('staff.gaya1')).staffId as string;
    const accept = `/transfers/${t.body.transferId}/accept`;

    // Act
    const bySender = await api('admin.patna1', 'POST', accept, { followUpWorkerId: gayaWorker });
    const noWorker = await api('admin.gaya1', 'POST', accept, {});
    const patnaStaff = await api('admin.gaya1', 'POST', accept, { followUpWorkerId: patnaWorker });
    const key = { 'idempotency-key': `accept-${Date.now()}` };
    const accepted = await api('admin.gaya1', 'POST', accept, { followUpWorkerId: gayaWorker }, key);
    const retried = await api('admin.gaya1', 'POST', accept, { followUpWorkerId: gayaWorker }, key);
    const again = await api('admin.gaya1', 'POST', accept, { followUpWorkerId: gayaWorker });

    // Assess
    expect(bySender.status).toBe(404);
    expect(noWorker.status).toBe(400);
    expect(noWorker.body.errors[0].path).toBe('followUpWorkerId');
    expect(patnaStaff.status).toBe(400);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'ACCEPTED', centreId: 'osc-gaya-1', caseNumber: c.caseNumber });
    expect(accepted.body.followUpsReassigned).toBeGreaterThan(0);
    expect(accepted.body.escalationsMoved).toBe(1);
    expect(retried.status).toBe(200);
    expect(retried.body.transferId).toBe(t.body.transferId);
    expect(again.status).toBe(409);
    // The old centre never reads it again; the new one does, with its number and whole history.
    expect((await api('staff.patna1', 'GET', `/cases/${c.caseId}`)).status).toBe(404);
    expect((await api('admin.patna1', 'GET', `/cases/${c.caseId}/history`)).status).toBe(404);
    expect((await api('officer.patna', 'GET', `/cases/${c.caseId}`)).status).toBe(404);
    const read = await api('staff.gaya1', 'GET', `/cases/${c.caseId}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ caseNumber: c.caseNumber, centreId: 'osc-gaya-1', district: 'Gaya' });
    expect(read.body.pendingTransfer).toBeUndefined();
    expect(read.body.resolution.followUpWorkerId).toBe(gayaWorker);
    const followUps = (await api('staff.gaya1', 'GET', `/cases/${c.caseId}/followups`)).body as Array<{
      status: string;
      workerId: string;
    }>;
    expect(followUps.filter((f) => f.status === 'PENDING').every((f) => f.workerId === gayaWorker)).toBe(true);
    const history = (await api('staff.gaya1', 'GET', `/cases/${c.caseId}/history`)).body as Array<{ action: string }>;
    expect(history.map((e) => e.action)).toEqual(
      expect.arrayContaining(['CASE_REGISTERED', 'CASE_RESOLVED', 'TRANSFER_REQUESTED', 'CASE_TRANSFERRED']),
    );
    // The escalation follows: the new centre's administrator may acknowledge it.
    const ack = await api(
      'admin.gaya1',
      'POST',
      `/cases/${c.caseId}/escalations/${escalation.body.escalationId}/acknowledge`,
      {},
    );
    expect(ack.status).toBe(200);
    // Gaya's lists show it, Patna's no longer.
    const gayaList = await api('staff.gaya1', 'GET', `/cases?caseNumber=${encodeURIComponent(c.caseNumber)}`);
    expect(gayaList.body.items.map((x: { caseId: string }) => x.caseId)).toEqual([c.caseId]);
    const patnaList = await api('staff.patna1', 'GET', `/cases?caseNumber=${encodeURIComponent(c.caseNumber)}`);
    expect(patnaList.body.items).toEqual([]);
    expect((await inbox('admin.gaya1', 'incoming')).find((x) => x.transferId === t.body.transferId)?.status).toBe(
      'ACCEPTED',
    );
    expect(await counterCheck()).toMatchObject({ equal: true });
  });

  it('an open case moves between the open-cases counters, flows count where they happened', async () => {
    // Prepare
    const statsOf = async (user: string) => (await api(user, 'GET', '/stats')).body;
    const c = await patnaCase();
    await api('staff.patna1', 'POST', `/cases/${c.caseId}/services`, { type: 'COUNSELLING' });
    const patnaBefore = await statsOf('admin.patna1');
    const gayaBefore = await statsOf('admin.gaya1');
    const t = await api('admin.patna1', 'POST', `/cases/${c.caseId}/transfers`, {
      toCentreId: 'osc-gaya-1',
      reason: 'Moved',
    });

    // Act: no follow-ups yet, so no worker is needed.
    const accepted = await api('admin.gaya1', 'POST', `/transfers/${t.body.transferId}/accept`, {});
    await api('staff.gaya1', 'POST', `/cases/${c.caseId}/services`, { type: 'LEGAL_AID' });
    const patnaAfter = await statsOf('admin.patna1');
    const gayaAfter = await statsOf('admin.gaya1');

    // Assess
    expect(accepted.status).toBe(200);
    expect(accepted.body.followUpsReassigned).toBe(0);
    const n = (v: unknown) => Number(v ?? 0);
    expect(n(patnaAfter.openCases.total) - n(patnaBefore.openCases.total)).toBe(-1);
    expect(n(gayaAfter.openCases.total) - n(gayaBefore.openCases.total)).toBe(1);
    expect(n(patnaAfter.totals.transferredOut) - n(patnaBefore.totals.transferredOut)).toBe(1);
    expect(n(gayaAfter.totals.transferredIn) - n(gayaBefore.totals.transferredIn)).toBe(1);
    // Registered at Patna stays Patna's; the later service counts at Gaya.
    expect(n(patnaAfter.registered)).toBe(n(patnaBefore.registered));
    expect(n(gayaAfter.registered)).toBe(n(gayaBefore.registered));
    expect(n(gayaAfter.totals.services.LEGAL_AID) - n(gayaBefore.totals.services.LEGAL_AID)).toBe(1);
    expect(n(patnaAfter.totals.services.LEGAL_AID)).toBe(n(patnaBefore.totals.services.LEGAL_AID));
    expect(await counterCheck()).toMatchObject({ equal: true });
  });
});

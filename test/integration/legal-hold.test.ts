// Legal hold over HTTP: placed and lifted with history by the centre administrator or the state only, and
// refused once a retention run has begun removing her details; checked against the raw items in DynamoDB Local.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { api, newCase } from './client.ts';
import { casePartition, rawDoc } from './raw-table.ts';

describe('legal hold', () => {
  it('is refused, as any change or link, once a retention run has begun removing her details', async () => {
    // Prepare: a withdrawn case, as a retention run that has claimed it leaves it (the claim is written
    // under the case's version before anything is removed for good; here written straight to the table).
    const { body: c } = await api('staff.patna1', 'POST', '/cases', newCase());
    await api('staff.patna1', 'POST', `/cases/${c.caseId}/status`, { status: 'WITHDRAWN' });
    await rawDoc().send(
      new UpdateCommand({
        TableName: inject('tableName'),
        Key: { pk: `CASE#${c.caseId}`, sk: 'CASE' },
        UpdateExpression: 'SET retentionStartedAt = :at',
        ExpressionAttributeValues: { ':at': '2034-01-01T02:30:00+05:30' },
      }),
    );
    const before = JSON.stringify(await casePartition(c.caseId));
    // Act
    const hold = await api('admin.patna1', 'POST', `/cases/${c.caseId}/legal-hold`, { hold: true, reason: 'Trial' });
    const consent = await api('staff.patna1', 'POST', `/cases/${c.caseId}/consent`, { contactByPhone: true });
    const other = await api('staff.patna1', 'POST', '/cases', newCase());
    const link = await api('staff.patna1', 'POST', `/cases/${other.body.caseId}/links`, { caseId: c.caseId });
    // Assess: nothing slips in behind the run, nor ties a new case back to it.
    expect([hold.status, consent.status, link.status]).toEqual([409, 409, 409]);
    expect(JSON.stringify(await casePartition(c.caseId))).toBe(before);
  });

  it('is placed and lifted with history, by the centre administrator or the state only', async () => {
    const { body: c } = await api('staff.patna1', 'POST', '/cases', newCase());
    const hold = { hold: true, reason: 'Sessions trial pending' };
    expect((await api('staff.patna1', 'POST', `/cases/${c.caseId}/legal-hold`, hold)).status).toBe(403);
    expect((await api('admin.gaya1', 'POST', `/cases/${c.caseId}/legal-hold`, hold)).status).toBe(404);
    const placed = await api('admin.patna1', 'POST', `/cases/${c.caseId}/legal-hold`, hold);
    expect(placed.status).toBe(200);
    expect(placed.body.legalHold).toMatchObject({ held: true, note: hold.reason });
    expect((await api('admin.patna1', 'POST', `/cases/${c.caseId}/legal-hold`, hold)).status).toBe(409);
    // Oversight sees that it is held, not why.
    const state = await api('state.wcdc', 'GET', `/cases/${c.caseId}`);
    expect(state.body.legalHold).toEqual({ held: true, at: placed.body.legalHold.at });
    const lifted = await api('state.wcdc', 'POST', `/cases/${c.caseId}/legal-hold`, { hold: false, reason: 'Decided' });
    expect(lifted.status).toBe(200);
    const history = await api('admin.patna1', 'GET', `/cases/${c.caseId}/history`);
    expect(history.body.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['LEGAL_HOLD_PLACED', 'LEGAL_HOLD_LIFTED']),
    );
  });
});

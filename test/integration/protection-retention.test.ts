import { describe, expect, it } from 'vitest';
import { api, newCase, plusDays, runSchedule, todayIst } from './client.ts';
import { casePartition } from './raw-table.ts';

const STAFF = 'staff.patna1';
const ADMIN = 'admin.patna1';

describe('retention of milestones and shelter stays', () => {
  it('removes their references and words, keeps their types, times and figures', async () => {
    // Prepare: a case with a milestone recorded with its reference and note, and a longer shelter stay
    // discharged with a note; every text carries a mark unique to this test. Then the case is withdrawn.
    const mark = `Zqprot${Date.now().toString(36)}`;
    const created = await api(STAFF, 'POST', '/cases', newCase());
    expect(created.status).toBe(201);
    const { caseId } = created.body;
    const fir = await api(STAFF, 'POST', `/cases/${caseId}/milestones`, {
      type: 'POLICE_INFORMED',
      reference: { policeStation: `${mark} Thana`, number: `${mark}-GD` },
      note: `${mark} milestone note`,
    });
    expect(fir.status).toBe(201);
    const stay = await api(ADMIN, 'POST', `/cases/${caseId}/shelter-stays`, {
      days: 8,
      extendedReason: `${mark} longer stay`,
      note: `${mark} admission note`,
      children: [{ age: 4, sex: 'F' }],
    });
    expect(stay.status).toBe(201);
    const out = await api(ADMIN, 'POST', `/cases/${caseId}/shelter-stays/${stay.body.stayId}/discharge`, {
      destination: 'RELATIVES',
      note: `${mark} discharge note`,
    });
    expect(out.status).toBe(200);
    expect((await api(STAFF, 'POST', `/cases/${caseId}/status`, { status: 'WITHDRAWN' })).status).toBe(200);
    expect(JSON.stringify(await casePartition(caseId))).toContain(`${mark} Thana`);

    // Act: eight years on (the local stage keeps seven).
    const run = await runSchedule('retention', `${plusDays(todayIst(), 8 * 366)}T02:30:00+05:30`);

    // Assess: none of the words is left in any item; what the figures count is.
    expect(run.status).toBe(200);
    const items = await casePartition(caseId);
    expect(items.find((i) => i.sk === 'CASE')?.anonymisedAt).toBeTruthy();
    expect(JSON.stringify(items)).not.toContain(mark);
    const milestone = items.find((i) => String(i.sk).startsWith('MILESTONE#'));
    expect(milestone).toMatchObject({ milestoneType: 'POLICE_INFORMED', status: 'DONE' });
    expect(milestone).not.toHaveProperty('reference');
    expect(milestone).not.toHaveProperty('note');
    const kept = items.find((i) => String(i.sk).startsWith('STAY#'));
    expect(kept).toMatchObject({ status: 'DISCHARGED', destination: 'RELATIVES', children: [{ age: 4, sex: 'F' }] });
    for (const field of ['note', 'extendedReason', 'dischargeNote']) expect(kept).not.toHaveProperty(field);
    expect((await api(undefined, 'GET', '/_local/counters/check')).body).toMatchObject({ equal: true });
  });
});

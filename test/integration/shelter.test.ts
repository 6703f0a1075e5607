// Shelter stays over HTTP on DynamoDB Local: admission by the centre administrator (with her children),
// one open stay per case, a boy over 8 refused at his field, the due-out date from the stage setting, the
// centre's occupancy (scoped), the deadline check's overdue mark (once), discharge, and the counters.
import { describe, expect, it } from 'vitest';
import { api, eventually, newCase, plusDays, runSchedule, settle, todayIst } from './client.ts';

const ADMIN = 'admin.patna1';
const STAFF = 'staff.patna1';

async function openCase(user = STAFF) {
  const res = await api(user, 'POST', '/cases', newCase());
  expect(res.status).toBe(201);
  return res.body as { caseId: string; caseNumber: string };
}

const occupancy = async (user = ADMIN, centreId = 'osc-patna-1') => api(user, 'GET', `/centres/${centreId}/occupancy`);

describe('shelter stays', () => {
  it('admits her with her children for 5 days; a second stay is 409; occupancy counts them; discharge', async () => {
    // Prepare
    const c = await openCase();
    const before = (await occupancy()).body;
    // Act
    const admit = await api(ADMIN, 'POST', `/cases/${c.caseId}/shelter-stays`, {
      children: [
        { age: 4, sex: 'M' },
        { age: 12, sex: 'F' },
      ],
      note: 'Came at night with two children',
    });
    // Assess
    expect(admit.status).toBe(201);
    expect(admit.body).toMatchObject({ dueOutDate: plusDays(todayIst(), 5) });
    expect(admit.body.stayId).toBeTruthy();
    expect(admit.body.admittedAt).toMatch(/\+05:30$/);
    const second = await api(ADMIN, 'POST', `/cases/${c.caseId}/shelter-stays`, {});
    expect(second.status).toBe(409);
    const during = (await occupancy()).body;
    expect(during).toMatchObject({ inShelter: before.inShelter + 1, children: before.children + 2 });

    const out = await api(ADMIN, 'POST', `/cases/${c.caseId}/shelter-stays/${admit.body.stayId}/discharge`, {
      destination: 'RELATIVES',
      note: 'To her sister in Danapur',
    });
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ status: 'DISCHARGED', destination: 'RELATIVES' });
    expect((await occupancy()).body).toMatchObject({ inShelter: before.inShelter, children: before.children });
    const again = await api(ADMIN, 'POST', `/cases/${c.caseId}/shelter-stays/${admit.body.stayId}/discharge`, {
      destination: 'HOME',
    });
    expect(again.status).toBe(409);
    // A new stay after the discharge is allowed.
    expect((await api(ADMIN, 'POST', `/cases/${c.caseId}/shelter-stays`, {})).status).toBe(201);
    const history = (await api(STAFF, 'GET', `/cases/${c.caseId}/history`)).body as Array<{ action: string }>;
    expect(history.map((e) => e.action)).toEqual(expect.arrayContaining(['SHELTER_ADMITTED', 'SHELTER_DISCHARGED']));
  });

  it('refuses a boy of 10 at children.N.age, and a long stay without its reason, writing nothing', async () => {
    const c = await openCase();
    const boy = await api(ADMIN, 'POST', `/cases/${c.caseId}/shelter-stays`, {
      children: [
        { age: 6, sex: 'F' },
        { age: 10, sex: 'M' },
      ],
    });
    expect(boy.status).toBe(400);
    expect(boy.body.errors.map((e: { path: string }) => e.path)).toEqual(['children.1.age']);
    const long = await api(ADMIN, 'POST', `/cases/${c.caseId}/shelter-stays`, { days: 8 });
    expect(long.status).toBe(400);
    expect(long.body.errors[0].path).toBe('extendedReason');
    const tooLong = await api(ADMIN, 'POST', `/cases/${c.caseId}/shelter-stays`, { days: 12, extendedReason: 'x' });
    expect(tooLong.body.errors[0].path).toBe('days');
    expect((await api(STAFF, 'GET', `/cases/${c.caseId}`)).body.shelterStays).toEqual([]);
    // Up to 10 days (Bihar's special cases) with the reason.
    const special = await api(ADMIN, 'POST', `/cases/${c.caseId}/shelter-stays`, {
      extendedReason: 'Waiting for a place in the Swadhar Greh',
    });
    expect(special.body.dueOutDate).toBe(plusDays(todayIst(), 10));
  });

  it('is the centre administrator’s: staff 403, other centres 404; occupancy scoped to the centre', async () => {
    const c = await openCase();
    expect((await api(STAFF, 'POST', `/cases/${c.caseId}/shelter-stays`, {})).status).toBe(403);
    expect((await api('admin.gaya1', 'POST', `/cases/${c.caseId}/shelter-stays`, {})).status).toBe(404);
    expect((await occupancy('staff.gaya1')).status).toBe(404);
    expect((await occupancy('officer.gaya')).status).toBe(404);
    expect((await occupancy('officer.patna')).status).toBe(200);
    expect((await occupancy('state.wcdc')).status).toBe(200);
    expect(Object.keys((await occupancy(STAFF)).body).sort()).toEqual(['centreId', 'children', 'inShelter', 'overdue']);
  });

  it('records a read of the occupancy under the reader’s name, for the state’s access-log query', async () => {
    // Prepare: the district officer's id, from the access log of a case she read.
    const c = await openCase();
    await api('officer.patna', 'GET', `/cases/${c.caseId}`);
    const log = await api(ADMIN, 'GET', `/cases/${c.caseId}/access-log`);
    const actorId = log.body.find((e: { actor: string }) => e.actor === 'officer.patna').actorId;
    // Act
    expect((await occupancy('officer.patna')).status).toBe(200);
    // Assess
    const reads = await eventually(async () => {
      const hers = await api('state.wcdc', 'GET', `/access-log?actor=${actorId}&from=${todayIst()}`);
      const items = hers.body.items as Array<{ action: string; query?: Record<string, string> }>;
      return items.find((i) => i.action === 'LIST_READ' && i.query?.occupancy === 'osc-patna-1');
    });
    expect(reads).toMatchObject({ actor: 'officer.patna', query: { occupancy: 'osc-patna-1' } });
  });

  it('marks a stay past its due-out date overdue once, and the counters equal a recount', async () => {
    // Prepare
    const c = await openCase();
    const admit = await api(ADMIN, 'POST', `/cases/${c.caseId}/shelter-stays`, { note: 'x' });
    const before = (await occupancy()).body.overdue;
    const at = `${plusDays(admit.body.dueOutDate, 1)}T00:10:00+05:30`;
    // Act: on the due-out date nothing; the day after, overdue; again, nothing more.
    await runSchedule('deadlines', `${admit.body.dueOutDate}T23:50:00+05:30`);
    expect((await occupancy()).body.overdue).toBe(before);
    const first = await runSchedule('deadlines', at);
    const second = await runSchedule('deadlines', at);
    // Assess
    expect(first.body.staysOverdue).toBeGreaterThanOrEqual(1);
    expect(second.body.staysOverdue).toBe(0);
    // Other open stays of this file share the date: at least this one more, and the same after the re-run.
    const marked = (await occupancy()).body.overdue;
    expect(marked).toBeGreaterThanOrEqual(before + 1);
    const stays = (await api(STAFF, 'GET', `/cases/${c.caseId}`)).body.shelterStays;
    expect(stays[0]).toMatchObject({ status: 'OPEN', overdue: true });
    const seen = (await api('officer.patna', 'GET', `/cases/${c.caseId}`)).body.shelterStays;
    expect(seen[0].note).toBeUndefined();
    await api(ADMIN, 'POST', `/cases/${c.caseId}/shelter-stays/${admit.body.stayId}/discharge`, {
      destination: 'SHELTER_HOME',
    });
    expect((await occupancy()).body.overdue).toBe(marked - 1);
    await settle();
    const check = await api(undefined, 'GET', '/_local/counters/check');
    expect(check.body).toMatchObject({ equal: true, differences: [] });
    // Admissions are stays; a SHELTER service is not an admission any more.
    const statsBefore = (await api('state.wcdc', 'GET', '/stats')).body.shelter;
    await api(STAFF, 'POST', `/cases/${c.caseId}/services`, { type: 'SHELTER' });
    const statsAfter = (await api('state.wcdc', 'GET', '/stats')).body.shelter;
    expect(statsAfter.admissions).toBe(statsBefore.admissions);
    expect(statsAfter.servicesRecorded).toBe(statsBefore.servicesRecorded + 1);
    expect((await api(undefined, 'GET', '/_local/counters/check')).body.equal).toBe(true);
  });

  it('moves with a transferred case: her stay, child duties and the overdue list go to the new centre', async () => {
    // Prepare: a girl of 15 in the Patna shelter; her MLC report overdue now (examined 8 days ago), her two
    // child duties due tomorrow.
    const reg = await api(STAFF, 'POST', '/cases', {
      ...newCase(),
      survivor: { name: 'Moving Girl', age: 15, safeToContact: false, district: 'Patna' },
    });
    const c = reg.body as { caseId: string; caseNumber: string; registeredAt: string };
    await api(ADMIN, 'POST', `/cases/${c.caseId}/shelter-stays`, { children: [{ age: 2, sex: 'F' }] });
    const examined = new Date(Date.now() - 8 * 24 * 3_600_000).toISOString();
    await api(STAFF, 'POST', `/cases/${c.caseId}/milestones`, { type: 'MLC_EXAMINATION', at: examined });
    await runSchedule('deadlines', new Date().toISOString());
    const listed = async (user: string) =>
      ((await api(user, 'GET', '/milestones/overdue')).body as Array<{ caseNumber: string; type: string }>)
        .filter((r) => r.caseNumber === c.caseNumber)
        .map((r) => r.type)
        .sort();
    expect(await listed('officer.patna')).toEqual(['MLC_REPORT']);
    const patnaBefore = (await occupancy()).body;
    const gayaBefore = (await occupancy('admin.gaya1', 'osc-gaya-1')).body;
    // Act
    const t = await api(ADMIN, 'POST', `/cases/${c.caseId}/transfers`, { toCentreId: 'osc-gaya-1', reason: 'x' });
    const accepted = await api('admin.gaya1', 'POST', `/transfers/${t.body.transferId}/accept`, {});
    // Assess: she and her child are counted in Gaya's shelter now; the overdue report is Gaya's to chase.
    expect(accepted.status).toBe(200);
    expect((await occupancy()).body).toMatchObject({
      inShelter: patnaBefore.inShelter - 1,
      children: patnaBefore.children - 1,
    });
    expect((await occupancy('admin.gaya1', 'osc-gaya-1')).body).toMatchObject({
      inShelter: gayaBefore.inShelter + 1,
      children: gayaBefore.children + 1,
    });
    expect(await listed('officer.patna')).toEqual([]);
    expect(await listed('officer.gaya')).toEqual(['MLC_REPORT']);
    // The child duties moved too: missed, they are overdue in Gaya.
    await runSchedule('deadlines', new Date(Date.parse(c.registeredAt) + 25 * 3_600_000).toISOString());
    expect(await listed('officer.gaya')).toEqual(['CWC_PRODUCTION', 'MLC_REPORT', 'POLICE_INFORMED']);
    // The new centre's administrator discharges her; the figures still equal a recount.
    const stayId = (await api('admin.gaya1', 'GET', `/cases/${c.caseId}`)).body.shelterStays[0].stayId;
    const out = await api('admin.gaya1', 'POST', `/cases/${c.caseId}/shelter-stays/${stayId}/discharge`, {
      destination: 'CWC',
    });
    expect(out.status).toBe(200);
    await settle();
    expect((await api(undefined, 'GET', '/_local/counters/check')).body.differences).toEqual([]);
  });
});

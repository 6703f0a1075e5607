// Privacy over HTTP: who read a case (and what one user read), the notice recorded at
// registration, downloads in the access log, and the retention job anonymising what is due, checked against
// the raw items in DynamoDB Local, with the statistics and a full recount unchanged.

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { api, newCase, plusDays, runSchedule, settle, todayIst, userInfo } from './client.ts';
import { casePartition, rawDoc } from './raw-table.ts';

const fyOf = (date: string) => {
  const [y, m] = date.split('-').map(Number);
  const start = m >= 4 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
};

let seq = 0;
/** A case whose words are unique to this test, so the raw items can be searched for them. */
function markedCase(tag: string, over: Record<string, unknown> = {}) {
  seq++;
  const mark = `Zq${tag}${seq}${Date.now().toString(36)}`;
  const phone = `+9197${String(Date.now() + seq).slice(-8)}`;
  return {
    mark,
    phone,
    body: newCase({
      survivor: {
        name: `${mark} Name`,
        age: 31,
        phone,
        safeToContact: true,
        district: 'Patna',
        address: `${mark} Lane`,
      },
      incident: { categories: ['DOMESTIC_VIOLENCE'], description: `${mark} story` },
      notice: { language: 'hi' },
      ...over,
    }),
  };
}

describe('the access log', () => {
  it('lists every read of a case by actor, newest first, a page at a time; staff 403, other centres 404', async () => {
    // Prepare: a case read by staff (the case), then by the administrator (its history).
    const { body: c } = await api('staff.patna1', 'POST', '/cases', markedCase('log').body);
    expect((await api('staff.patna1', 'GET', `/cases/${c.caseId}`)).status).toBe(200);
    expect((await api('admin.patna1', 'GET', `/cases/${c.caseId}/history`)).status).toBe(200);

    // Act
    const log = await api('admin.patna1', 'GET', `/cases/${c.caseId}/access-log`);

    // Assess: newest first, with who, her role and what she read; ids only.
    expect(log.status).toBe(200);
    expect(log.body.slice(0, 2)).toMatchObject([
      { actor: 'admin.patna1', role: 'centre-admin', action: 'HISTORY_READ' },
      { actor: 'staff.patna1', role: 'centre-staff', action: 'CASE_READ' },
    ]);
    const times = log.body.map((e: { at: string }) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(JSON.stringify(log.body)).not.toMatch(/Zq|Lane|story|\+91/);
    // Reading the log is itself in the log.
    const again = await api('state.wcdc', 'GET', `/cases/${c.caseId}/access-log?limit=1`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual([expect.objectContaining({ actor: 'admin.patna1', action: 'ACCESS_LOG_READ' })]);
    // A page of one names the next page in its Link header.
    const next = /<([^>]+)>; rel="next"/.exec(again.headers.get('link') ?? '')?.[1];
    expect(next).toBeTruthy();
    const page2 = await api('state.wcdc', 'GET', next as string);
    expect(page2.body[0]).toMatchObject({ actor: 'admin.patna1', action: 'HISTORY_READ' });
    // Who may not read it.
    expect((await api('staff.patna1', 'GET', `/cases/${c.caseId}/access-log`)).status).toBe(403);
    expect((await api('officer.patna', 'GET', `/cases/${c.caseId}/access-log`)).status).toBe(403);
    expect((await api('admin.gaya1', 'GET', `/cases/${c.caseId}/access-log`)).status).toBe(404);
    expect((await api('admin.patna1', 'GET', `/cases/${c.caseId}/access-log?cursor=bad`)).status).toBe(400);
  });

  it("answers what one user read in a period, with the cases' numbers, for the state only", async () => {
    const { body: c } = await api('staff.gaya1', 'POST', '/cases', newCase({ notice: { language: 'en' } }));
    await api('staff.gaya1', 'GET', `/cases/${c.caseId}`);
    await api('staff.gaya1', 'GET', '/cases?limit=5');
    const log = await api('admin.gaya1', 'GET', `/cases/${c.caseId}/access-log`);
    const actorId = log.body.find((e: { actor: string }) => e.actor === 'staff.gaya1').actorId;
    const today = todayIst();

    const res = await api('state.wcdc', 'GET', `/access-log?actor=${actorId}&from=${today}&to=${today}`);

    expect(res.status).toBe(200);
    const read = res.body.items.find((i: { caseId?: string }) => i.caseId === c.caseId);
    expect(read).toMatchObject({ action: 'CASE_READ', caseNumber: c.caseNumber, centreId: 'osc-gaya-1' });
    expect(read.actor).toBe('staff.gaya1');
    expect(res.body.items[0].action).toBe('LIST_READ');
    expect(res.body.items[0].query).toMatchObject({ limit: '5' });
    // Outside the window: nothing of today.
    const before = await api('state.wcdc', 'GET', `/access-log?actor=${actorId}&to=${plusDays(today, -1)}`);
    expect(before.body.items.filter((i: { at: string }) => i.at.startsWith(today))).toEqual([]);
    // The state's query is itself recorded, under her own id.
    await api('state.wcdc', 'GET', `/cases/${c.caseId}/access-log?limit=1`);
    // Her own read of the log is now the newest entry: it names her id.
    const me = (await api('state.wcdc', 'GET', `/cases/${c.caseId}/access-log?limit=1`)).body[0].actorId;
    const mine = await api('state.wcdc', 'GET', `/access-log?actor=${me}&from=${today}`);
    expect(mine.body.items.some((i: { action: string }) => i.action === 'ACCESS_LOG_QUERY')).toBe(true);
    expect((await api('admin.gaya1', 'GET', `/access-log?actor=${actorId}`)).status).toBe(403);
    const bad = await api('state.wcdc', 'GET', `/access-log?actor=${actorId}&from=${today}&to=${plusDays(today, -2)}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('query.to');
  });

  it('records a download the form made, once for a retried request', async () => {
    const key = `export-${Date.now()}`;
    const body = { what: 'OVERSIGHT_CSV', name: 'sakhi-osc-by-centre-fy2026-27-state', rows: 40 };
    const first = await api('officer.patna', 'POST', '/exports', body, { 'idempotency-key': key });
    const retry = await api('officer.patna', 'POST', '/exports', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const { body: c } = await api('staff.patna1', 'POST', '/cases', newCase());
    await api('officer.patna', 'GET', `/cases/${c.caseId}`);
    const id = (await api('state.wcdc', 'GET', `/cases/${c.caseId}/access-log`)).body[0].actorId;
    const res = await api('state.wcdc', 'GET', `/access-log?actor=${id}&from=${todayIst()}`);
    const exports = res.body.items.filter(
      (i: { action: string; query?: { name?: string } }) => i.action === 'EXPORT' && i.query?.name === body.name,
    );
    expect(exports.filter((e: { at: string }) => e.at === first.body.at)).toHaveLength(1);
    expect((await api('officer.patna', 'POST', '/exports', { ...body, name: 'Bad Name' })).status).toBe(400);
  });
});

describe('the privacy notice', () => {
  it('records the notice with the case and in history; a referral or an older client: at first contact', async () => {
    const given = await api('staff.patna1', 'POST', '/cases', newCase({ notice: { language: 'hi' } }));
    const child = await api(
      'staff.patna1',
      'POST',
      '/cases',
      newCase({ survivor: { name: 'Child Testname', age: 15, safeToContact: false }, notice: { language: 'en' } }),
    );
    const older = await api('staff.patna1', 'POST', '/cases', newCase());

    const read = async (id: string) => (await api('staff.patna1', 'GET', `/cases/${id}`)).body.notice;
    expect(await read(given.body.caseId)).toMatchObject({
      status: 'GIVEN',
      language: 'hi',
      basis: 'CONSENT',
      by: { username: 'staff.patna1' },
    });
    expect(await read(child.body.caseId)).toMatchObject({ status: 'GIVEN', basis: 'CHILD_INTEREST_IN_LAW' });
    expect(await read(older.body.caseId)).toMatchObject({ status: 'AT_FIRST_CONTACT', basis: 'CONSENT' });
    const history = await api('staff.patna1', 'GET', `/cases/${given.body.caseId}/history`);
    expect(history.body.find((e: { action: string }) => e.action === 'CASE_REGISTERED').details.notice).toEqual({
      status: 'GIVEN',
      language: 'hi',
      basis: 'CONSENT',
      version: expect.any(String),
    });
    // Her age corrected to 16: the basis follows (the child's interest under law), the rest as it was given.
    const version = (await api('staff.patna1', 'GET', `/cases/${given.body.caseId}`)).body.version;
    const corrected = await api(
      'staff.patna1',
      'PATCH',
      `/cases/${given.body.caseId}`,
      { survivor: { age: 16 }, reason: 'Her school certificate' },
      { 'if-match': `"${version}"` },
    );
    expect(corrected.status).toBe(200);
    expect(await read(given.body.caseId)).toMatchObject({
      status: 'GIVEN',
      language: 'hi',
      basis: 'CHILD_INTEREST_IN_LAW',
      by: { username: 'staff.patna1' },
    });
    const bad = await api('staff.patna1', 'POST', '/cases', newCase({ notice: { language: 'fr' } }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('notice.language');
  });
});

describe('retention', () => {
  it('anonymises withdrawn and closed cases after the period, keeps held and open cases and the figures', async () => {
    // Prepare: a withdrawn case with notes everywhere; a closed case (resolved, every follow-up recorded);
    // a withdrawn case on legal hold; an open case.
    const worker = await userInfo('staff.patna1');
    const withdrawn = markedCase('wd');
    const { body: a } = await api('staff.patna1', 'POST', '/cases', withdrawn.body);
    await api('staff.patna1', 'POST', `/cases/${a.caseId}/status`, {
      status: 'IN_PROGRESS',
      note: `${withdrawn.mark} n1`,
    });
    await api('staff.patna1', 'POST', `/cases/${a.caseId}/services`, { type: 'MEDICAL', note: `${withdrawn.mark} n2` });
    const esc = await api('staff.patna1', 'POST', `/cases/${a.caseId}/escalations`, {
      reason: 'OTHER',
      note: `${withdrawn.mark} n3`,
    });
    expect(esc.status).toBe(202);
    await api('staff.patna1', 'POST', `/cases/${a.caseId}/status`, {
      status: 'WITHDRAWN',
      note: `${withdrawn.mark} n4`,
    });

    const closed = markedCase('cl');
    const { body: e } = await api('staff.patna1', 'POST', '/cases', closed.body);
    await api('staff.patna1', 'POST', `/cases/${e.caseId}/status`, { status: 'IN_PROGRESS' });
    const resolved = await api('staff.patna1', 'POST', `/cases/${e.caseId}/resolve`, {
      outcome: `${closed.mark} outcome`,
      followUpWorkerId: worker.staffId,
      note: `${closed.mark} n5`,
    });
    for (const f of resolved.body.followUps) {
      const r = await api('staff.patna1', 'POST', `/cases/${e.caseId}/followups/${f.followUpId}`, {
        outcome: 'SAFE',
        note: `${closed.mark} fu`,
      });
      expect(r.status).toBe(200);
    }
    expect((await api('staff.patna1', 'GET', `/cases/${e.caseId}`)).body.status).toBe('CLOSED');

    const held = markedCase('hd');
    const { body: b } = await api('staff.patna1', 'POST', '/cases', held.body);
    await api('staff.patna1', 'POST', `/cases/${b.caseId}/status`, { status: 'WITHDRAWN' });
    await api('admin.patna1', 'POST', `/cases/${b.caseId}/legal-hold`, { hold: true, reason: 'Court case' });
    const open = markedCase('op');
    const { body: o } = await api('staff.patna1', 'POST', '/cases', open.body);
    await settle();

    const fy = fyOf(todayIst());
    const statsBefore = (await api('state.wcdc', 'GET', `/stats?fy=${fy}`)).body;
    const raw = JSON.stringify(await casePartition(a.caseId));
    expect(raw).toContain(withdrawn.mark);
    // Before the period has passed, nothing happens to it.
    await runSchedule('retention', `${plusDays(todayIst(), 365)}T02:30:00+05:30`);
    expect(JSON.stringify(await casePartition(a.caseId))).toContain(`${withdrawn.mark} story`);

    // Act: eight years on (the local stage keeps seven).
    const at = `${plusDays(todayIst(), 8 * 366)}T02:30:00+05:30`;
    const run = await runSchedule('retention', at);

    // Assess: nothing of her identity, story or any note is left anywhere in either partition.
    expect(run.status).toBe(200);
    expect(run.body.anonymised).toBeGreaterThanOrEqual(2);
    for (const [c, m] of [
      [a, withdrawn],
      [e, closed],
    ] as const) {
      const items = await casePartition(c.caseId);
      const text = JSON.stringify(items);
      expect(text).not.toContain(m.mark);
      expect(text).not.toContain(m.phone);
      const kase = items.find((i) => i.sk === 'CASE');
      expect(kase).toMatchObject({ caseNumber: c.caseNumber, centreId: 'osc-patna-1', registeredAt: c.registeredAt });
      expect(kase?.survivor).not.toHaveProperty('name');
      expect(kase?.incident).toEqual({ categories: ['DOMESTIC_VIOLENCE'] });
      expect(kase?.anonymisedAt).toBeTruthy();
      expect(items.some((i) => i.sk === 'RETENTION')).toBe(false);
      const history = items.filter((i) => String(i.sk).startsWith('EVENT#'));
      expect(history.map((h) => h.action)).toContain('CASE_ANONYMISED');
      expect(history.find((h) => h.action === 'CASE_REGISTERED')?.actor).toMatchObject({ username: 'staff.patna1' });
    }
    const fu = (await casePartition(e.caseId)).filter((i) => String(i.sk).startsWith('FOLLOWUP#'));
    expect(fu.every((f) => f.outcome === 'SAFE' && f.status === 'DONE' && !('note' in f))).toBe(true);
    // The held and the open case are untouched.
    expect(JSON.stringify(await casePartition(b.caseId))).toContain(`${held.mark} story`);
    expect(JSON.stringify(await casePartition(o.caseId))).toContain(`${open.mark} Lane`);
    // The figures and a full recount are as before.
    expect((await api('state.wcdc', 'GET', `/stats?fy=${fy}`)).body).toEqual(statsBefore);
    expect((await api(undefined, 'GET', '/_local/counters/check')).body).toMatchObject({ equal: true });
    // The case still reads, without her.
    const view = await api('staff.patna1', 'GET', `/cases/${a.caseId}`);
    expect(view.status).toBe(200);
    expect(view.body.survivor.name).toBeUndefined();
    expect(
      (await api('admin.patna1', 'POST', `/cases/${a.caseId}/legal-hold`, { hold: true, reason: 'x' })).status,
    ).toBe(409);
    // Nobody puts details back where no later run would find them: a correction (which once failed with a
    // 500 here), a consent change, a milestone with a reference are 409, and nothing is written.
    const untouched = JSON.stringify(await casePartition(a.caseId));
    const version = String(view.body.version);
    const refused = [
      await api(
        'staff.patna1',
        'PATCH',
        `/cases/${a.caseId}`,
        { survivor: { name: 'Naya Naam', age: 30 }, reason: 'typo' },
        { 'if-match': `"${version}"` },
      ),
      await api('staff.patna1', 'POST', `/cases/${a.caseId}/consent`, { contactByPhone: true }),
      await api('staff.patna1', 'POST', `/cases/${a.caseId}/milestones`, {
        type: 'FIR_REGISTERED',
        reference: { number: '12/2026', policeStation: 'Kotwali' },
      }),
    ];
    expect(refused.map((r) => r.status)).toEqual([409, 409, 409]);
    expect(JSON.stringify(await casePartition(a.caseId))).toBe(untouched);

    // Running it again changes nothing more.
    const before = await casePartition(a.caseId);
    const second = await runSchedule('retention', at);
    expect(second.body).toMatchObject({ anonymised: 0, failed: 0 });
    expect(await casePartition(a.caseId)).toEqual(before);

    // Lifting the hold puts the held case back in the queue: the next run anonymises it.
    await api('admin.patna1', 'POST', `/cases/${b.caseId}/legal-hold`, { hold: false, reason: 'Trial over' });
    await runSchedule('retention', at);
    expect(JSON.stringify(await casePartition(b.caseId))).not.toContain(held.mark);
    expect((await api(undefined, 'GET', '/_local/counters/check')).body).toMatchObject({ equal: true });
  });

  it("removes the words of a case's transfers kept outside its partition, keeping who moved it and when", async () => {
    // Prepare: a transfer asked for and declined, with reasons in staff's words; then the case is withdrawn.
    const marked = markedCase('tr');
    const { body: c } = await api('staff.patna1', 'POST', '/cases', marked.body);
    const asked = await api('admin.patna1', 'POST', `/cases/${c.caseId}/transfers`, {
      toCentreId: 'osc-gaya-1',
      reason: `${marked.mark} moving to her parents`,
    });
    expect(asked.status).toBe(202);
    const { transferId } = asked.body;
    const declined = await api('admin.gaya1', 'POST', `/transfers/${transferId}/decline`, {
      reason: `${marked.mark} no shelter place`,
    });
    expect(declined.status).toBe(200);
    await api('staff.patna1', 'POST', `/cases/${c.caseId}/status`, { status: 'WITHDRAWN' });
    const transferItems = async () => {
      const [t, logs] = await Promise.all(
        [`TRANSFER#${transferId}`, 'CENTRE#osc-patna-1'].map(
          async (pk) =>
            (
              await rawDoc().send(
                new QueryCommand({
                  TableName: inject('tableName'),
                  KeyConditionExpression: 'pk = :pk',
                  ExpressionAttributeValues: { ':pk': pk },
                  ConsistentRead: true,
                }),
              )
            ).Items ?? [],
        ),
      );
      return [...t, ...logs.filter((i) => String(i.sk).includes(transferId))];
    };
    expect(JSON.stringify(await transferItems())).toContain(marked.mark);

    // Act
    await runSchedule('retention', `${plusDays(todayIst(), 8 * 366)}T02:30:00+05:30`);

    // Assess: the words are gone from the transfer and the centre's log; the move itself is still recorded.
    const after = await transferItems();
    expect(after.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(after)).not.toContain(marked.mark);
    expect(after[0]).toMatchObject({ transferId, status: 'DECLINED', fromCentreId: 'osc-patna-1' });
    expect(JSON.stringify(await casePartition(c.caseId))).not.toContain(marked.mark);
  });
});

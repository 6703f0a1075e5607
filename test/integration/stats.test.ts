// Oversight over HTTP: statistics from the counters, matched against a full recount of the cases; the
// weekly review from its local schedule; a property test that the counters equal a recount after any
// sequence of operations; and the backfill, after counters are lost or corrupted in DynamoDB Local itself.

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { api, newCase, nineAmIst, runSchedule, settle, todayIst, userInfo } from './client.ts';

const fyOf = (date: string) => {
  const [y, m] = date.split('-').map(Number);
  const start = m >= 4 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
};

async function counterCheck() {
  await settle();
  return (await api(undefined, 'GET', '/_local/counters/check')).body as {
    equal: boolean;
    differences: Array<{ item: string }>;
  };
}

/** The runtime's own table in DynamoDB Local, reached directly: to do to it what a lost write would. */
function localTable() {
  const client = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: 'ap-south-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const doc = DynamoDBDocumentClient.from(client);
  const TableName = inject('tableName');
  type Key = { pk: string; sk: string };
  return {
    get: async (Key: Key) => (await doc.send(new GetCommand({ TableName, Key, ConsistentRead: true }))).Item,
    delete: (Key: Key) => doc.send(new DeleteCommand({ TableName, Key })),
    put: (Item: Key & Record<string, unknown>) => doc.send(new PutCommand({ TableName, Item })),
    add: (Key: Key, field: string, n: number) =>
      doc.send(
        new UpdateCommand({
          TableName,
          Key,
          UpdateExpression: 'ADD #f :n',
          ExpressionAttributeNames: { '#f': field },
          ExpressionAttributeValues: { ':n': n },
        }),
      ),
  };
}

/** The IST calendar day of an instant. */
const istDay = (at: string) => new Date(Date.parse(at) + 330 * 60_000).toISOString().slice(0, 10);

describe('statistics', () => {
  it('counts registered and resolved by Indian financial year, matching a recount by district and centre', async () => {
    // Prepare: 6 cases at Gaya, 2 of them resolved; 1 at Patna.
    const worker = await userInfo('staff.gaya1');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++)
      ids.push(
        (
          await api(
            'staff.gaya1',
            'POST',
            '/cases',
            newCase({ incident: { categories: ['WITCH_HUNTING'] }, referral: { source: 'POLICE' } }),
          )
        ).body.caseId,
      );
    for (const id of ids.slice(0, 2)) {
      await api('staff.gaya1', 'POST', `/cases/${id}/status`, { status: 'IN_PROGRESS' });
      await api('staff.gaya1', 'POST', `/cases/${id}/resolve`, {
        outcome: 'resolved',
        followUpWorkerId: worker.staffId,
      });
    }
    await api('staff.patna1', 'POST', '/cases', newCase());
    const fy = fyOf(todayIst());

    // Act
    const state = await api('state.wcdc', 'GET', `/stats?fy=${fy}`);
    const check = await counterCheck();

    // Assess: the counters equal a recount of every case, so each figure below is a recount's.
    expect(check).toMatchObject({ equal: true });
    expect(state.status).toBe(200);
    expect(state.body.fy).toBe(fy);
    const gaya = state.body.byCentre.find((c: { centreId: string }) => c.centreId === 'osc-gaya-1');
    const list = await api('state.wcdc', 'GET', '/cases?centreId=osc-gaya-1&limit=100');
    // For the state a centre's figure is exact, or withheld ("x") to protect a small one elsewhere.
    expect([list.body.items.length, 'x']).toContain(gaya.registered);
    const byDistrictGaya = state.body.byDistrict.find((d: { district: string }) => d.district === 'Gaya');
    expect(byDistrictGaya.registered).toBe(gaya.registered);
    // Gaya's own officer sees her district's figures exact.
    const officer = await api('officer.gaya', 'GET', `/stats?fy=${fy}`);
    const own = officer.body.byCentre.find((c: { centreId: string }) => c.centreId === 'osc-gaya-1');
    expect(own.registered).toBe(list.body.items.length);
    expect(officer.body.registered).toBe(list.body.items.length);
    // State totals are exact; the sum of months equals the year.
    const months = state.body.byMonth.reduce((n: number, m: { registered: number }) => n + m.registered, 0);
    expect(months).toBe(state.body.registered);
    expect(state.body.totals.categories.WITCH_HUNTING).toBeGreaterThanOrEqual(6);
    expect(state.body.totals.referralSources.POLICE).toBeGreaterThanOrEqual(6);
    expect(Object.keys(state.body.openCases.byAgeDays)).toEqual(['0-7', '8-30', '31-90', '91-180', '>180']);
  });

  it('carries no personal data and suppresses small cells below the state level', async () => {
    const { body: c } = await api(
      'staff.patna1',
      'POST',
      '/cases',
      newCase({
        survivor: {
          name: 'Uniquename Zebra',
          age: 30,
          phone: '+919876501234',
          safeToContact: true,
          address: 'Uniqueaddress 7',
        },
      }),
    );
    expect(c.caseNumber).toBeTruthy();
    for (const user of ['state.wcdc', 'officer.patna', 'staff.patna1']) {
      const res = await api(user, 'GET', `/stats?fy=${fyOf(todayIst())}`);
      expect(res.status, user).toBe(200);
      expect(JSON.stringify(res.body)).not.toMatch(/Uniquename|Zebra|9876501234|Uniqueaddress|Survivor Testname/);
    }
    // Rows of single centres and districts, for the state: "<5", "x", 0 or at least 5, never 1-4; its totals exact.
    const fy = fyOf(todayIst());
    const state = await api('state.wcdc', 'GET', `/stats?fy=${fy}`);
    const rows = JSON.stringify(state.body.byCentre) + JSON.stringify(state.body.byDistrict);
    expect(rows).not.toMatch(/:[1-4][,}]/);
    expect(typeof state.body.registered).toBe('number');
    // The caller's own area is exact: a centre's staff count their centre as their case list does.
    const own = await api('staff.gaya1', 'GET', `/stats?fy=${fy}`);
    const listed = await api('staff.gaya1', 'GET', '/cases?limit=100');
    expect(own.body.registered).toBe(listed.body.items.length);
  });

  it('a small district stays hidden to the state from totals and by narrowing; its own officer sees it', async () => {
    // Prepare: two cases in Sheohar (no other test registers there), and Sheohar's own officer.
    const fy = fyOf(todayIst());
    for (let i = 0; i < 2; i++) {
      const res = await api('state.wcdc', 'POST', '/cases', newCase({ centreId: 'osc-sheohar-1' }));
      expect(res.status).toBe(201);
    }
    const officer = `officer.sheohar.${Date.now().toString(36)}`;
    await api(undefined, 'POST', '/_local/users', { username: officer, role: 'district-officer', district: 'Sheohar' });

    // Act
    const state = await api('state.wcdc', 'GET', `/stats?fy=${fy}`);
    const narrowed = await api('state.wcdc', 'GET', `/stats?fy=${fy}&district=Sheohar`);
    const centre = await api('state.wcdc', 'GET', `/stats?fy=${fy}&centreId=osc-sheohar-1`);
    const inside = await api(officer, 'GET', `/stats?fy=${fy}`);

    // Assess: the state's row is "<5"; the state total minus the other rows cannot give it back, because no
    // column of rows holds exactly one hidden figure.
    const row = state.body.byDistrict.find((d: { district: string }) => d.district === 'Sheohar');
    expect(row.registered).toBe('<5');
    for (const column of ['registered', 'resolved', 'openNow', 'pendingOver30Days', 'followUpsMissed']) {
      const hidden = state.body.byDistrict.filter((d: Record<string, unknown>) => typeof d[column] === 'string');
      expect(hidden.length, column).not.toBe(1);
    }
    // Narrowing to the district or its centre answers the same hidden figures, months and breakdowns too.
    for (const view of [narrowed.body, centre.body]) {
      expect(view.registered).toBe('<5');
      expect(JSON.stringify(view)).not.toMatch(/"(registered|SELF|LOW|DOMESTIC_VIOLENCE|total)":[1-4][,}]/);
      const line = [view.registered, ...view.byMonth.map((m: { registered: unknown }) => m.registered)];
      expect(line.filter((m: unknown) => typeof m === 'string').length).not.toBe(1);
    }
    // Nor do the year-by-year figures beside the reported ones give it away.
    const thisYear = narrowed.body.reported.years.find((y: { fy: string }) => y.fy === fy);
    expect(thisYear.live.registered).toBe('<5');
    // Her own officer sees her district exact.
    expect(inside.status).toBe(200);
    expect(inside.body.registered).toBe(2);
    expect(inside.body.byCentre[0].registered).toBe(2);
  });

  it('scopes figures: a district officer sees her district, staff their centre, other scopes are 404', async () => {
    const fy = fyOf(todayIst());
    const officer = await api('officer.patna', 'GET', `/stats?fy=${fy}`);
    expect(officer.body.scope.district).toBe('Patna');
    expect(officer.body.byDistrict.every((d: { district: string }) => d.district === 'Patna')).toBe(true);
    expect((await api('officer.patna', 'GET', `/stats?fy=${fy}&district=Gaya`)).status).toBe(404);
    expect((await api('staff.patna1', 'GET', `/stats?fy=${fy}&centreId=osc-gaya-1`)).status).toBe(404);
    const staff = await api('staff.patna1', 'GET', `/stats?fy=${fy}`);
    expect(staff.body.byCentre.every((c: { centreId: string }) => c.centreId === 'osc-patna-1')).toBe(true);
    expect((await api('helpline.181', 'GET', `/stats?fy=${fy}`)).status).toBe(403);
    const bad = await api('state.wcdc', 'GET', '/stats?fy=2026-28');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('query.fy');
  });
});

describe('the weekly state review', () => {
  it('runs from the local schedule, is stored once, announced by a link, and holds no personal data', async () => {
    // A case of its own this week, so the review has rows whatever ran before.
    expect((await api('staff.gaya1', 'POST', '/cases', newCase())).status).toBe(201);
    const monday = (() => {
      const d = new Date(`${todayIst()}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7));
      return d.toISOString().slice(0, 10);
    })();
    const at = `${monday}T10:00:00+05:30`;
    const first = await runSchedule('weekly-review', at);
    expect(first.status).toBe(200);
    expect(first.body.created).toBe(true);
    const again = await runSchedule('weekly-review', at);
    expect(again.body).toMatchObject({ reportId: first.body.reportId, created: false });

    const list = await api('state.wcdc', 'GET', '/reports/weekly');
    expect(list.body.map((r: { reportId: string }) => r.reportId)).toContain(first.body.reportId);
    const report = await api('state.wcdc', 'GET', `/reports/weekly/${first.body.reportId}`);
    expect(report.status).toBe(200);
    expect(report.body.figures.byDistrict.length).toBeGreaterThan(0);
    expect(report.body.figures.week).toHaveProperty('registered');
    // Each column of district rows adds up to a total the report shows: never exactly one hidden figure in it.
    const rows = report.body.figures.byDistrict as Array<Record<string, unknown>>;
    for (const column of ['weekRegistered', 'weekResolved', 'yearRegistered', 'yearResolved', 'openNow']) {
      expect(rows.filter((r) => typeof r[column] === 'string').length, column).not.toBe(1);
      expect(JSON.stringify(rows.map((r) => r[column]))).not.toMatch(/(^|,)\[?[1-4](,|\])/);
    }
    expect(JSON.stringify(report.body)).not.toMatch(
      /Survivor Testname|Secret Lane|Incident story|\+91\d{10}|Uniquename/,
    );
    const email = await api(undefined, 'GET', '/_local/email');
    const announced = email.body.filter((m: { message: string }) => m.message.includes(first.body.reportId));
    expect(announced).toHaveLength(1);
    expect(announced[0].message).toMatch(/^The weekly state review is ready: http/);

    expect((await api('officer.patna', 'GET', '/reports/weekly')).status).toBe(403);
    expect((await api('staff.patna1', 'GET', '/reports/weekly')).status).toBe(403);
  });

  it('makes a monthly report for each district, each officer seeing her own', async () => {
    const res = await runSchedule('monthly-district-report', nineAmIst(`${todayIst().slice(0, 7)}-01`));
    expect(res.status).toBe(200);
    expect(res.body.reports).toBe(38);
    const mine = await api('officer.patna', 'GET', '/reports/monthly');
    expect(mine.body.length).toBeGreaterThan(0);
    expect(mine.body.every((r: { district: string }) => r.district === 'Patna')).toBe(true);
    const gayaId = (await api('state.wcdc', 'GET', '/reports/monthly?district=Gaya')).body[0].reportId;
    expect((await api('officer.patna', 'GET', `/reports/monthly/${gayaId}`)).status).toBe(404);
    expect((await api('officer.gaya', 'GET', `/reports/monthly/${gayaId}`)).status).toBe(200);
  });
});

describe('counters against a recount', () => {
  it('equal a full recount after any sequence of operations', async () => {
    const workers = {
      'staff.patna1': (await userInfo('staff.patna1')).staffId!,
      'staff.gaya1': (await userInfo('staff.gaya1')).staffId!,
    };
    type User = keyof typeof workers;
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('create' as const),
        user: fc.constantFrom<User>('staff.patna1', 'staff.gaya1'),
        category: fc.constantFrom('RAPE', 'DOWRY', 'CYBER_CRIME'),
        source: fc.constantFrom('SELF', 'POLICE', 'NGO'),
        risk: fc.constantFrom('LOW', 'MEDIUM'),
      }),
      fc.record({
        kind: fc.constant('status' as const),
        pick: fc.nat(),
        to: fc.constantFrom('IN_PROGRESS', 'REFERRED', 'WITHDRAWN'),
      }),
      fc.record({
        kind: fc.constant('service' as const),
        pick: fc.nat(),
        type: fc.constantFrom('SHELTER', 'MEDICAL', 'LEGAL_AID'),
      }),
      fc.record({ kind: fc.constant('resolve' as const), pick: fc.nat() }),
      fc.record({
        kind: fc.constant('followup' as const),
        pick: fc.nat(),
        outcome: fc.constantFrom('SAFE', 'AT_RISK', 'UNREACHABLE'),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 14 }), async (ops) => {
        const mine: Array<{ caseId: string; user: User }> = [];
        for (const o of ops) {
          if (o.kind === 'create') {
            const res = await api(
              o.user,
              'POST',
              '/cases',
              newCase({ incident: { categories: [o.category] }, referral: { source: o.source }, riskLevel: o.risk }),
            );
            mine.push({ caseId: res.body.caseId, user: o.user });
            continue;
          }
          if (!mine.length) continue;
          const c = mine[o.pick % mine.length];
          if (o.kind === 'status') await api(c.user, 'POST', `/cases/${c.caseId}/status`, { status: o.to });
          if (o.kind === 'service') await api(c.user, 'POST', `/cases/${c.caseId}/services`, { type: o.type });
          if (o.kind === 'resolve')
            await api(c.user, 'POST', `/cases/${c.caseId}/resolve`, {
              outcome: 'done',
              followUpWorkerId: workers[c.user],
            });
          if (o.kind === 'followup') {
            const plan = await api(c.user, 'GET', `/cases/${c.caseId}/followups`);
            const open = (plan.body as Array<{ followUpId: string; status: string }>).find(
              (f) => f.status === 'PENDING',
            );
            if (open)
              await api(c.user, 'POST', `/cases/${c.caseId}/followups/${open.followUpId}`, { outcome: o.outcome });
          }
        }
        const check = await counterCheck();
        expect(check.differences).toEqual([]);
      }),
      { numRuns: 6 },
    );
  });

  it('the backfill rebuilds lost counters and is idempotent', async () => {
    // Prepare: a case registered now, so its centre has a counter for this month and one for today
    // (STATS#<fy> / <centre>#<month>, DAY#<day> / <centre>), and the counters equal a recount.
    const { body: created } = await api('staff.patna1', 'POST', '/cases', newCase());
    const { body: c } = await api('staff.patna1', 'GET', `/cases/${created.caseId}`);
    const day = istDay(c.registeredAt);
    const monthly = { pk: `STATS#${fyOf(day)}`, sk: `${c.centreId}#${day.slice(0, 7)}` };
    const daily = { pk: `DAY#${day}`, sk: c.centreId as string };
    const stray = { pk: monthly.pk, sk: `osc-nowhere-1#${day.slice(0, 7)}` };
    expect((await counterCheck()).equal).toBe(true);
    const table = localTable();
    const monthlyBefore = await table.get(monthly);
    const dailyBefore = await table.get(daily);
    expect(monthlyBefore?.registered).toBeGreaterThanOrEqual(1);
    expect(dailyBefore?.registered).toBeGreaterThanOrEqual(1);
    // ...then, behind the runtime's back: the month's counter lost, today's off by 5, and a counter of a
    // centre no case belongs to.
    await table.delete(monthly);
    await table.add(daily, 'registered', 5);
    await table.put({ ...stray, centreId: 'osc-nowhere-1', district: 'Nowhere', registered: 3 });

    // Assess: the check against a recount names exactly those three.
    const broken = await counterCheck();
    expect(broken.equal).toBe(false);
    expect(broken.differences.map((d) => d.item).sort()).toEqual(
      [monthly, daily, stray].map((k) => `${k.pk}|${k.sk}`).sort(),
    );

    // Act: the backfill.
    const first = await api(undefined, 'POST', '/_local/counters/backfill');

    // Assess: it saw the difference, rebuilt both counters as they were and removed the stray one.
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ wasEqual: false, removed: 1 });
    expect((await counterCheck()).equal).toBe(true);
    expect(await table.get(monthly)).toMatchObject({ registered: monthlyBefore!.registered });
    expect(await table.get(daily)).toMatchObject({ registered: dailyBefore!.registered });
    expect(await table.get(stray)).toBeUndefined();

    // Act + Assess: a second run finds nothing to change.
    const second = await api(undefined, 'POST', '/_local/counters/backfill');
    expect(second.body).toMatchObject({ wasEqual: true, removed: 0 });
    expect((await counterCheck()).equal).toBe(true);
  });
});

// Go-live over HTTP on DynamoDB Local: a new centre brings in its roster and its register (200 rows, names in
// Hindi and English, 10 of them wrong in known ways), the women it resolved before go-live keep the rest of
// their follow-up plan without a flood of reminders, and the counters equal a recount. All in a centre of
// its own, so nothing another test does is counted here.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { toCsv } from '../../shared/imports/csv.ts';
import { api, nineAmIst, plusDays, runSchedule, settle, smsFor, todayIst } from './client.ts';
import {
  freshCentre,
  fyOf,
  itemsOfCentre,
  postCsv,
  registerCsv,
  type SampleRow,
  sampleRegister,
  setCell,
} from './golive-fixtures.ts';

const STATE = 'state.wcdc';
let centre: { centreId: string; code: string };
let worker: string;
const prefix = `REG${Date.now() % 100_000}`;

async function counterCheck() {
  await settle();
  return (await api(undefined, 'GET', '/_local/counters/check')).body as { equal: boolean; differences: unknown[] };
}

beforeAll(async () => {
  centre = await freshCentre('Nalanda', 'Rajgir');
});

describe('roster import', () => {
  const header = ['name', 'भूमिका', 'phone', 'language', 'systemAccess', 'email'];
  const rows = [
    ['रीना कुमारी', 'CENTRE_ADMINISTRATOR', '98300 00001', 'hi', 'centre-admin', 'reena.k@example.org'],
    ['Meera Singh', 'case_worker', '+919830000002', 'en', 'centre-staff', 'meera.s@example.org'],
    ['सुनीता', 'COUNSELLOR', '09830000003', 'HI', '', ''],
    ['Ram Prasad', 'SECURITY', '9830000004', 'hi', 'none', ''],
  ];

  it('a dry run names the wrong rows by column and writes nothing; the import adds each member once', async () => {
    const wrong = toCsv([
      header,
      ...rows,
      ['Bad Phone', 'CASE_WORKER', '0612-222', 'en', '', ''],
      ['No Email', 'CASE_WORKER', '9830000006', 'en', 'centre-staff', ''],
      ['Twice', 'PARAMEDIC', '9830000002', 'en', '', ''],
    ]);
    const path = `/centres/${centre.centreId}/staff/imports`;
    const before = await itemsOfCentre(centre.centreId);
    const dry = await postCsv(STATE, `${path}?dryRun=true`, wrong);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ rows: 7, valid: 4, created: 0, skipped: 0 });
    expect(
      dry.body.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code]),
    ).toEqual([
      [6, 'phone', 'invalid_format'],
      [7, 'email', 'invalid'],
      [8, 'phone', 'duplicate'],
    ]);
    const refused = await postCsv(STATE, `${path}?dryRun=false`, wrong);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual(dry.body.errors);
    expect(await itemsOfCentre(centre.centreId)).toEqual(before);

    const good = toCsv([header, ...rows]);
    const first = await postCsv(STATE, `${path}?dryRun=false`, good);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ rows: 4, valid: 4, created: 4, skipped: 0 });
    const again = await postCsv(STATE, `${path}?dryRun=false`, good);
    expect(again.body).toMatchObject({ created: 0, skipped: 4 });
    const roster = (await api(STATE, 'GET', `/centres/${centre.centreId}/staff`)).body as Array<{
      staffId: string;
      name: string;
      role: string;
      phone: string;
    }>;
    expect(roster.map((s) => [s.name, s.role, s.phone]).sort()).toEqual([
      ['Meera Singh', 'CASE_WORKER', '+919830000002'],
      ['Ram Prasad', 'SECURITY', '+919830000004'],
      ['रीना कुमारी', 'CENTRE_ADMINISTRATOR', '+919830000001'],
      ['सुनीता', 'COUNSELLOR', '+919830000003'],
    ]);
    worker = roster.find((s) => s.name === 'Meera Singh')!.staffId;
    // Sign-ins as for one member: her account works once the account request is carried out.
    const meera = first.body.results.find((r: { row: number }) => r.row === 3);
    await settle();
    expect((await api(meera.username, 'GET', '/cases')).status).toBe(200);
  });

  it('a centre administrator imports for her own centre only; centre staff not at all', async () => {
    const file = toCsv([header, ['X', 'COUNSELLOR', '9830000099', 'en', '', '']]);
    expect((await postCsv('admin.patna1', '/centres/osc-patna-1/staff/imports?dryRun=true', file)).status).toBe(200);
    expect((await postCsv('admin.patna1', '/centres/osc-gaya-1/staff/imports?dryRun=true', file)).status).toBe(404);
    expect((await postCsv('staff.patna1', '/centres/osc-patna-1/staff/imports?dryRun=true', file)).status).toBe(403);
  });
});

describe('case import', () => {
  const today = todayIst();
  let sample: SampleRow[];
  /** The rows made wrong, and where: [row, column, code]. */
  const WRONG: Array<[number, string, string]> = [
    [5, 'registeredOn', 'invalid_date'],
    [17, 'age', 'invalid_type'],
    [30, 'phone', 'invalid_format'],
    [44, 'categories', 'invalid_option'],
    [58, 'referralSource', 'required'],
    [71, 'riskLevel', 'invalid_option'],
    [89, 'resolvedOn', 'required'],
    [103, 'registeredOn', 'future_date'],
    [120, 'followUpWorkerId', 'invalid_worker'],
    [150, 'registerNumber', 'duplicate'],
  ];

  beforeAll(() => {
    sample = sampleRegister(prefix, worker, 200);
    const at = (row: number) => sample[row - 2];
    setCell(at(5), 1, '31/02/2025');
    setCell(at(17), 3, 'तीस');
    setCell(at(30), 4, '12345');
    setCell(at(44), 6, 'DOMESTIC_VIOLENCE;THEFT');
    setCell(at(58), 7, '');
    setCell(at(71), 8, 'SEVERE');
    expect(at(89).status).toBe('MONITORING'); // resolved or monitored: its date is required
    setCell(at(89), 10, '');
    at(103).status = 'REGISTERED';
    setCell(at(103), 9, 'REGISTERED');
    setCell(at(103), 10, '');
    setCell(at(103), 11, '');
    setCell(at(103), 1, plusDays(today, 1).split('-').reverse().join('/'));
    expect(at(120).status).toBe('RESOLVED');
    setCell(at(120), 11, 'nalanda-2-nobody');
    setCell(at(150), 0, at(149).cells[0]);
  });

  it('the dry run names exactly the wrong rows and columns, in the order of the file, and writes nothing', async () => {
    const before = await itemsOfCentre(centre.centreId);
    const dry = await postCsv(STATE, `/centres/${centre.centreId}/imports?dryRun=true`, `\uFEFF${registerCsv(sample)}`);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ rows: 200, valid: 190, created: 0, skipped: 0 });
    expect(
      dry.body.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code]),
    ).toEqual(WRONG);
    expect(dry.body.errors.every((e: { message: string }) => e.message.length > 0)).toBe(true);
    // A real run of the same file is refused with the same report, and writes nothing either.
    const real = await postCsv(STATE, `/centres/${centre.centreId}/imports?dryRun=false`, registerCsv(sample));
    expect(real.status).toBe(400);
    expect(real.headers.get('content-type')).toContain('application/problem+json');
    expect(real.body).toMatchObject({ rows: 200, valid: 190, created: 0 });
    expect(real.body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual(
      WRONG.map(([r, c]) => [r, c]),
    );
    expect(await itemsOfCentre(centre.centreId)).toEqual(before);
  });

  it('imports the 190 good rows once though run twice, numbered in the centre sequence, old numbers kept', async () => {
    const bad = new Set(WRONG.map(([row]) => row));
    const good = sample.filter((r) => !bad.has(r.row));
    const file = registerCsv(good);
    const path = `/centres/${centre.centreId}/imports?dryRun=false`;
    const first = await postCsv(STATE, path, file);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ rows: 190, valid: 190, created: 190, skipped: 0, errors: [] });
    const second = await postCsv(STATE, path, file);
    expect(second.body).toMatchObject({ rows: 190, created: 0, skipped: 190 });

    const listed: Array<{ caseId: string; caseNumber: string }> = [];
    let cursor: string | undefined;
    do {
      const page = await api(
        STATE,
        'GET',
        `/cases?centreId=${centre.centreId}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      listed.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(listed).toHaveLength(190);
    // Each financial year of registration has its own gapless sequence: 00001, 00002, ...
    const byFy = new Map<string, number[]>();
    for (const c of listed) {
      const [code, fy, n] = c.caseNumber.split('/');
      expect(code).toBe(centre.code);
      byFy.set(fy, [...(byFy.get(fy) ?? []), Number(n)]);
    }
    for (const [fy, numbers] of byFy) {
      const expected = good.filter((r) => fyOf(r.registeredOn) === fy).length;
      expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
    }

    // The case as read: the register's number and dates, the import in its history, by whom.
    const row = good.find((r) => r.status === 'RESOLVED')!;
    const result = first.body.results.find((r: { row: number }) => r.row === row.row);
    const read = await api(STATE, 'GET', `/cases/${result.caseId}`);
    expect(read.body).toMatchObject({
      registerNumber: row.cells[0],
      status: 'RESOLVED',
      registeredAt: `${row.registeredOn}T00:00:00.000+05:30`,
      resolvedAt: `${row.resolvedOn}T00:00:00.000+05:30`,
    });
    expect(read.body.survivor).toBeUndefined(); // the state never sees who she is
    const history = await api(STATE, 'GET', `/cases/${result.caseId}/history`);
    expect(history.body).toHaveLength(1);
    expect(history.body[0]).toMatchObject({ action: 'CASE_IMPORTED', actor: { username: STATE }, to: 'RESOLVED' });
  });

  it('counts each case in the months the register gives, and the counters equal a recount', async () => {
    const bad = new Set(WRONG.map(([row]) => row));
    const good = sample.filter((r) => !bad.has(r.row));
    // Read as Nalanda's own officer: the state sees one centre's small figures protected ("<5", "x").
    const officer = `officer.nalanda.${Date.now().toString(36)}`;
    const made = await api(undefined, 'POST', '/_local/users', {
      username: officer,
      role: 'district-officer',
      district: 'Nalanda',
    });
    expect(made.status).toBe(201);
    for (const fy of new Set(good.map((r) => fyOf(r.registeredOn)))) {
      const stats = await api(officer, 'GET', `/stats?fy=${fy}&centreId=${centre.centreId}`);
      const month = (d: string) => d.slice(0, 7);
      for (const m of stats.body.byMonth as Array<{ month: string; registered: number; resolved: number }>) {
        expect(m.registered, m.month).toBe(good.filter((r) => month(r.registeredOn) === m.month).length);
        expect(m.resolved, m.month).toBe(good.filter((r) => r.resolvedOn && month(r.resolvedOn) === m.month).length);
      }
    }
    const check = await counterCheck();
    expect(check.differences).toEqual([]);
    expect(check.equal).toBe(true);
  });
});

describe('follow-ups of women resolved before go-live', () => {
  const today = todayIst();
  type F = { followUpId: string; dueDate: string; status: string };

  async function importResolved(n: string, daysAgo: number) {
    const file = toCsv([
      [
        'registerNumber',
        'registeredOn',
        'name',
        'age',
        'categories',
        'referralSource',
        'riskLevel',
        'status',
        'resolvedOn',
        'followUpWorkerId',
      ],
      [
        n,
        plusDays(today, -daysAgo - 30),
        'Kamla Devi',
        '31',
        'DOWRY',
        'SELF',
        'MEDIUM',
        'RESOLVED',
        plusDays(today, -daysAgo),
        worker,
      ],
    ]);
    const res = await postCsv(STATE, `/centres/${centre.centreId}/imports?dryRun=false`, file);
    expect(res.body.created).toBe(1);
    return res.body.results[0] as { caseId: string; caseNumber: string };
  }

  it('a case resolved 100 days ago keeps its plan: the past ones for a decision, the rest pending', async () => {
    const c = await importResolved(`${prefix}/R100`, 100);
    const plan = (await api('state.wcdc', 'GET', `/cases/${c.caseId}`)).body.followUps as F[];
    const list = (await api('admin.patna1', 'GET', `/cases/${c.caseId}/followups`)).status;
    expect(list).toBe(404); // another centre's case is not found
    const offsets = [7, 30, 60, 90, 120, 150, 180];
    expect(plan.map((f) => [f.dueDate, f.status])).toEqual(
      offsets.map((d) => {
        const due = plusDays(today, d - 100);
        return [due, due < today ? 'OVERDUE_AT_IMPORT' : 'PENDING'];
      }),
    );
    expect(plan.filter((f) => f.status === 'OVERDUE_AT_IMPORT')).toHaveLength(4);
  });

  it('the next reminder sweep sends none of the past ones, marks none missed and escalates nothing', async () => {
    // One resolved 91 days ago: its 90-day follow-up fell due yesterday, which a sweep would chase today.
    const recent = await importResolved(`${prefix}/R91`, 91);
    const older = await importResolved(`${prefix}/R100b`, 100);
    const sweep = await runSchedule('followup-reminders', nineAmIst(today));
    expect(sweep.status).toBe(200);
    await settle();
    for (const c of [recent, older]) {
      expect(await smsFor(c.caseNumber)).toEqual([]);
      const plan = (await api(STATE, 'GET', `/cases/${c.caseId}`)).body as { followUps: F[]; escalations: unknown[] };
      expect(plan.followUps.filter((f) => f.status === 'MISSED')).toEqual([]);
      expect(plan.followUps.filter((f) => f.status === 'OVERDUE_AT_IMPORT')).toHaveLength(4);
      expect(plan.escalations).toEqual([]);
    }
    // The first pending one is reminded on its day, as any other follow-up.
    const first = plusDays(today, 120 - 91);
    await runSchedule('followup-reminders', nineAmIst(first));
    const sms = await smsFor(recent.caseNumber);
    expect(sms).toHaveLength(1);
    expect(sms[0].message).toContain(first.split('-').reverse().join('/'));
  });

  it('staff decide each past one: an outcome, or settled; the last decision closes a monitored case', async () => {
    const c = await importResolved(`${prefix}/R200`, 200); // all seven past due
    const plan = (await api(STATE, 'GET', `/cases/${c.caseId}`)).body.followUps as F[];
    expect(plan.every((f) => f.status === 'OVERDUE_AT_IMPORT')).toBe(true);
    // Her worker decides (she has a sign-in from the roster import).
    const staff = (await api(STATE, 'GET', `/centres/${centre.centreId}/staff`)).body as Array<{ staffId: string }>;
    const meera = staff.find((s) => s.staffId === worker)!;
    const user = (await api(undefined, 'GET', '/_local/users')).body.find(
      (u: { staffId?: string }) => u.staffId === meera.staffId,
    ).username as string;
    const safe = await api(user, 'POST', `/cases/${c.caseId}/followups/${plan[0].followUpId}`, { outcome: 'SAFE' });
    expect(safe.status).toBe(200);
    expect(safe.body).toMatchObject({ status: 'DONE', case: { status: 'MONITORING' } });
    for (const f of plan.slice(1, -1)) {
      const settled = await api(user, 'POST', `/cases/${c.caseId}/followups/${f.followUpId}/settle`, {
        note: 'Done on paper',
      });
      expect(settled.status).toBe(200);
      expect(settled.body.status).toBe('SETTLED');
    }
    // Settling one that is not waiting for a decision is refused, and changes nothing.
    const again = await api(user, 'POST', `/cases/${c.caseId}/followups/${plan[0].followUpId}/settle`, {});
    expect(again.status).toBe(409);
    const last = await api(user, 'POST', `/cases/${c.caseId}/followups/${plan[6].followUpId}/settle`, {});
    expect(last.body.case.status).toBe('CLOSED');
    const history = (await api(user, 'GET', `/cases/${c.caseId}/history`)).body as Array<{ action: string }>;
    expect(history.map((e) => e.action)).toEqual([
      'CASE_IMPORTED',
      'FOLLOW_UP_RECORDED',
      ...Array(6).fill('FOLLOW_UP_SETTLED'),
    ]);
    const check = await counterCheck();
    expect(check.differences).toEqual([]);
  });

  it('the CLI imports with the same code, the person running it recorded as the actor', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'golive-'));
    const file = join(dir, 'register.csv');
    writeFileSync(
      file,
      toCsv([
        ['registerNumber', 'registeredOn', 'name', 'age', 'categories', 'referralSource', 'riskLevel', 'status'],
        [`${prefix}/CLI1`, plusDays(today, -20), 'गीता', '40', 'OTHER', 'SELF', 'LOW', 'IN_PROGRESS'],
        [`${prefix}/CLI2`, plusDays(today, -5), 'Lata', '22', 'CYBER_CRIME', 'NGO', 'LOW', 'REGISTERED'],
      ]),
    );
    const run = (...extra: string[]) =>
      promisify(execFile)(
        'npx',
        [
          'tsx',
          'infra/ops/import.ts',
          '--table',
          inject('tableName'),
          '--endpoint',
          inject('dynamoEndpoint'),
          '--centre',
          centre.centreId,
          '--file',
          file,
          '--stage',
          'dev',
          '--actor',
          'state.it',
          ...extra,
        ],
        { env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' }, timeout: 60_000 },
      );
    expect((await run('--dry-run')).stdout).toContain('2 rows, 2 valid, 0 problems, 0 created');
    expect((await run()).stdout).toContain('2 created');
    expect((await run()).stdout).toContain('0 created, 0 updated, 2 already there');
    const list = await api(STATE, 'GET', `/cases?centreId=${centre.centreId}&limit=100`);
    const cli = list.body.items.find((c: { registeredAt: string }) => c.registeredAt.startsWith(plusDays(today, -5)));
    const history = await api(STATE, 'GET', `/cases/${cli.caseId}/history`);
    expect(history.body[0]).toMatchObject({
      action: 'CASE_IMPORTED',
      actor: { userId: 'cli:state.it', username: 'state.it' },
    });
    expect((await counterCheck()).equal).toBe(true);
  });
});

// Earlier years' figures as the state reported them, over HTTP: seeded from the published figures, entered
// and imported by the state, shown beside the live figures (in /stats and the weekly review) and never added
// to them. And the HTTP factory's file routes: a CSV body with its own type and size limit.
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../shared/imports/csv.ts';
import { api, runSchedule, settle } from './client.ts';
import { postCsv } from './golive-fixtures.ts';

const STATE = 'state.wcdc';

describe("earlier years' figures", () => {
  it('Bihar’s published figures are there from the start, as reported, the partial year with its end', async () => {
    const res = await api('officer.gaya', 'GET', '/reported-figures');
    expect(res.status).toBe(200);
    expect(res.body.reportedFigures).toBe(true);
    const state = res.body.items.filter((f: { level: string }) => f.level === 'STATE');
    expect(state.map((f: Record<string, unknown>) => [f.fy, f.registered, f.resolved, f.upToMonth])).toEqual([
      ['2021-22', 5213, 4280, undefined],
      ['2023-24', 7517, 6599, undefined],
      ['2024-25', 8888, 7185, undefined],
      ['2025-26', 7180, 6322, '2026-01'],
    ]);
  });

  it('stats carry them in a reported block beside the live figures, never in the live totals', async () => {
    const live = await api(STATE, 'GET', '/stats?fy=2024-25');
    expect(live.status).toBe(200);
    expect(live.body.reported.thisYear).toMatchObject({
      fy: '2024-25',
      level: 'STATE',
      registered: 8888,
      resolved: 7185,
    });
    expect(live.body.registered).not.toBe(8888);
    const years = live.body.reported.years as Array<{ fy: string; live: { registered: number }; reported?: unknown }>;
    expect(years.map((y) => y.fy)).toEqual(['2021-22', '2023-24', '2024-25', '2025-26']);
    const y2425 = years.find((y) => y.fy === '2024-25')!;
    expect(y2425.live.registered).toBe(live.body.registered);
    expect(y2425.reported).toMatchObject({ registered: 8888, resolved: 7185 });
    expect((await api(undefined, 'GET', '/_local/counters/check')).body.equal).toBe(true);
  });

  it('the state enters a district’s months; a district officer sees them, another district’s officer not', async () => {
    const fy = '2022-23';
    const figures = [
      { fy, district: 'Gaya', month: '2022-04', registered: 21, resolved: 15 },
      { fy, district: 'gaya', month: '2022-05', registered: 19, resolved: 22, source: 'DOC minutes' },
    ];
    const saved = await api(
      STATE,
      'POST',
      '/reported-figures',
      { figures },
      { 'idempotency-key': `fig-${Date.now()}` },
    );
    expect(saved.status).toBe(200);
    expect(saved.body.figures.map((f: { district: string; level: string }) => [f.level, f.district])).toEqual([
      ['DISTRICT', 'Gaya'],
      ['DISTRICT', 'Gaya'],
    ]);
    const gaya = await api('officer.gaya', 'GET', `/stats?fy=${fy}`);
    expect(gaya.body.reported.thisYear).toMatchObject({ registered: 40, resolved: 37, summedFrom: 'months' });
    expect(gaya.body.reported.thisYear.byMonth).toEqual([
      { month: '2022-04', registered: 21, resolved: 15 },
      { month: '2022-05', registered: 19, resolved: 22 },
    ]);
    const patna = await api('officer.patna', 'GET', `/reported-figures?fy=${fy}`);
    expect(patna.body.items).toEqual([]);
    // The state's own figure for that year was never reported: the districts', added up, stand for it.
    const state = await api(STATE, 'GET', `/stats?fy=${fy}`);
    expect(state.body.reported.thisYear).toBeNull();
    // Wrong places and months are named; nothing is written.
    const bad = await api(STATE, 'POST', '/reported-figures', {
      figures: [{ fy, district: 'Atlantis', month: '2023-05', registered: 1, resolved: 1 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['figures.0.district', 'unknown_district'],
      ['figures.0.month', 'not_in_year'],
    ]);
    expect((await api('admin.patna1', 'POST', '/reported-figures', { figures })).status).toBe(403);
  });

  it('imports figures from a CSV: a dry run, the import, and a re-run that changes nothing', async () => {
    const file = toCsv([
      ['fy', 'district', 'centreId', 'registered', 'resolved', 'upToMonth'],
      ['FY 2022-23', 'Patna', '', '410', '380', ''],
      ['2022-2023', '', 'osc-patna-2', '120', '101', ''],
      ['2022-23', 'Gaya', 'osc-patna-2', '1', '1', ''],
      ['2026-27', '', '', '१०', 'x', '2026-04'],
    ]);
    const dry = await postCsv(STATE, '/reported-figures/imports?dryRun=true', file);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ rows: 4, valid: 2, created: 0 });
    expect(
      dry.body.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code]),
    ).toEqual([
      [4, 'district', 'wrong_district'],
      [5, 'resolved', 'invalid_type'],
    ]);
    const good = toCsv([
      ['fy', 'district', 'centreId', 'registered', 'resolved'],
      ['FY 2022-23', 'Patna', '', '410', '380'],
      ['2022-2023', '', 'osc-patna-2', '120', '101'],
    ]);
    const first = await postCsv(STATE, '/reported-figures/imports?dryRun=false', good);
    expect(first.body).toMatchObject({ created: 2, updated: 0, skipped: 0 });
    const again = await postCsv(STATE, '/reported-figures/imports?dryRun=false', good);
    expect(again.body).toMatchObject({ created: 0, updated: 0, skipped: 2 });
    const patna = await api('officer.patna', 'GET', '/stats?fy=2022-23');
    expect(patna.body.reported.thisYear).toMatchObject({ registered: 410, resolved: 380, level: 'DISTRICT' });
  });

  it('the weekly review lists each year live beside reported', async () => {
    const res = await runSchedule('weekly-review', '2041-06-10T10:00:00+05:30');
    expect(res.status).toBe(200);
    await settle();
    const report = await api(STATE, 'GET', `/reports/weekly/${res.body.reportId}`);
    const byYear = report.body.figures.byYear as Array<Record<string, unknown>>;
    expect(byYear.find((y) => y.fy === '2024-25')).toMatchObject({ reportedRegistered: 8888, reportedResolved: 7185 });
    expect(byYear.find((y) => y.fy === '2025-26')).toMatchObject({ reportedUpTo: '2026-01' });
    expect(byYear.at(-1)).toMatchObject({ fy: '2041-42', registered: 0, reportedRegistered: null });
  });
});

describe('a route that takes a CSV file', () => {
  const path = '/centres/osc-patna-1/imports?dryRun=true';
  const header = 'registerNumber,registeredOn,name,age,categories,referralSource,riskLevel,status\r\n';

  it('takes text/csv only (415 otherwise), and at most 5 MB (413), and JSON routes still take JSON only', async () => {
    const json = await api('admin.patna1', 'POST', path, { rows: [] });
    expect(json.status).toBe(415);
    expect(json.body.detail).toContain('text/csv');
    expect((await postCsv('admin.patna1', path, header, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await postCsv('admin.patna1', path, header, { 'content-type': 'text/csv; charset=latin1' })).status).toBe(
      415,
    );
    const big = header + `1,01/01/2025,${'x'.repeat(100)},30,OTHER,SELF,LOW,REGISTERED\r\n`.repeat(52_000);
    expect(Buffer.byteLength(big)).toBeGreaterThan(5 * 1024 * 1024);
    expect((await postCsv('admin.patna1', path, big)).status).toBe(413);
    expect((await postCsv('admin.patna1', '/cases', header)).status).toBe(415);
  });

  it('refuses a file that is not CSV, has no rows, or has columns the contract does not name', async () => {
    const unknown = await postCsv('admin.patna1', path, `${header.trim()},caste,notes\r\n1,2,3\r\n`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { column: string; code: string }) => [e.column, e.code])).toEqual([
      ['caste', 'unknown_column'],
      ['notes', 'unknown_column'],
    ]);
    const empty = await postCsv('admin.patna1', path, '');
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].code).toBe('empty_file');
    const quote = await postCsv('admin.patna1', path, `${header}"1,2\r\n`);
    expect(quote.status).toBe(400);
    expect(quote.body.errors[0]).toMatchObject({ row: 2, code: 'unclosed_quote' });
  });
});

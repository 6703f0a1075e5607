// The reports the schedules make, in a real browser: the weekly state review (the state only) in both
// languages and in print, and the monthly district reports (a district officer's own; the state's all, by
// district). (The oversight page is in oversight.test.ts.)
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  baseUrl,
  caseBody,
  launchBrowser,
  openAs,
  openTab,
  pollUntil,
  seeExactText,
  seeText,
  seeVisible,
  shot,
  switchLanguage,
  tableText,
} from './harness.ts';

const en = (n: number | string) => (typeof n === 'number' ? n.toLocaleString('en-IN') : n);

let browser: Browser;

beforeAll(async () => {
  // A case this month, so this month's Patna report has figures to show whichever test file runs first.
  expect((await api('staff.patna1', 'POST', '/cases', caseBody())).status).toBe(201);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the reports', () => {
  it('opens the weekly state review after the schedule has run, in both languages, ready to print', async () => {
    // Prepare: the review as next Monday's run would make it (its week is this one, so it has cases).
    const at = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const run = await fetch(`${baseUrl()}/_local/schedules/weekly-review/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ at }),
    });
    expect(run.status).toBe(200);
    const list = (await api('state.wcdc', 'GET', '/reports/weekly')).body as Array<{
      reportId: string;
      period: { from: string; to: string };
    }>;
    expect(list.length).toBeGreaterThanOrEqual(1);
    const report = (await api('state.wcdc', 'GET', `/reports/weekly/${list[0].reportId}`)).body;
    const ddmmyyyy = (d: string) => d.split('-').reverse().join('/');
    const { page, context } = await openTab(browser);
    await openAs(page, 'state.wcdc', '#/reports/weekly');
    await switchLanguage(page, 'en');

    await seeVisible(page.locator('#weekly-reports table'));
    await shot(page, 'reports-weekly-en-desktop');

    // Act
    await page.click(`a[href="#/reports/weekly/${list[0].reportId}"]`);

    // Assess
    await seeExactText(
      page.locator('h1'),
      `Weekly state review, ${ddmmyyyy(report.period.from)} to ${ddmmyyyy(report.period.to)}`,
    );
    const week = await tableText(page, '#week table');
    expect(week.rows.find((r) => r[0] === 'Registered')?.[1]).toBe(en(report.figures.week.registered));
    const districts = await tableText(page, '#byDistrict table');
    expect(districts.rows.length).toBe(report.figures.byDistrict.length);
    expect(districts.head[0]).toBe('District');
    await shot(page, 'report-weekly-en-desktop');
    await switchLanguage(page, 'hi');
    await seeExactText(
      page.locator('h1'),
      `साप्ताहिक राज्य समीक्षा, ${ddmmyyyy(report.period.from)} से ${ddmmyyyy(report.period.to)}`,
    );
    await shot(page, 'report-weekly-hi-desktop');

    // Printed: no header, navigation or buttons; the figures stay.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.topbar').isVisible()).toBe(false);
    expect(await page.locator('#print-report').isVisible()).toBe(false);
    expect(await page.locator('#byDistrict table').isVisible()).toBe(true);
    await shot(page, 'report-weekly-hi-print');
    await context.close();
  });

  it('gives a district officer her own district’s monthly reports, the state all of them by district', async () => {
    // Prepare: the run at the start of next month reports on this month.
    const now = new Date();
    const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 6)).toISOString();
    const run = await fetch(`${baseUrl()}/_local/schedules/monthly-district-report/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ at: nextMonth }),
    });
    expect(run.status).toBe(200);
    const { page, context } = await openTab(browser);
    await openAs(page, 'officer.patna', '#/cases');
    await switchLanguage(page, 'en');

    // Act
    await page.click('nav a[href="#/reports/monthly"]');

    // Assess: Patna's only, and no weekly tab for her.
    const rows = page.locator('#monthly-reports tbody tr');
    await pollUntil(
      () => rows.count(),
      (n) => (n ?? 0) > 0,
    );
    const list = await tableText(page, '#monthly-reports table');
    expect(list.rows.length).toBeGreaterThanOrEqual(1);
    expect(list.rows.every((r) => r[1] === 'Patna')).toBe(true);
    expect(await page.locator('a[href="#/reports/weekly"]').count()).toBe(0);
    await page.locator('#monthly-reports tbody a').first().click();
    await seeText(page.locator('h1'), 'District Operation Committee report: Patna, ');
    await seeVisible(page.locator('#month table'));
    await seeVisible(page.locator('#month-categories table'));
    await shot(page, 'report-monthly-en-desktop');
    await switchLanguage(page, 'hi');
    await seeText(page.locator('h1'), 'ज़िला संचालन समिति रिपोर्ट: Patna, ');
    await shot(page, 'report-monthly-hi-desktop');
    await context.close();

    // The state: every district's, narrowed to one by the filter.
    const state = await openTab(browser);
    await openAs(state.page, 'state.wcdc', '#/reports/monthly');
    await pollUntil(
      () => state.page.locator('#monthly-reports tbody tr').count(),
      (n) => (n ?? 0) >= 38,
    );
    await state.page.selectOption('#f-report-district', 'Gaya');
    await state.page.click('#show-reports');
    await pollUntil(
      () => state.page.locator('#monthly-reports tbody tr').count(),
      (n) => (n ?? 0) < 38,
    );
    const gaya = await tableText(state.page, '#monthly-reports table');
    expect(gaya.rows.length).toBeGreaterThanOrEqual(1);
    expect(gaya.rows.every((r) => r[1] === 'Gaya')).toBe(true);
    await switchLanguage(state.page, 'hi');
    await seeText(state.page.locator('h1'), 'मासिक ज़िला रिपोर्ट');
    await shot(state.page, 'reports-monthly-hi-desktop');
    await state.context.close();
  });
});

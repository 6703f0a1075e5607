// The oversight page in a real browser: the financial-year chart and totals in both languages, sorting a table
// from the keyboard, the CSV of what is on screen, a district officer's and centre staff's narrower scope.
// (The reports the schedules make are in reports.test.ts.)
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { financialYear } from '../../shared/core/time.ts';
import {
  api,
  caseBody,
  duplicateIds,
  launchBrowser,
  openAs,
  openTab,
  PHONE,
  seeAttr,
  seeCount,
  seeExactText,
  seeNoAttr,
  seeText,
  seeVisible,
  shot,
  shotOf,
  switchLanguage,
  tableText,
  unlabelled,
} from './harness.ts';

const FY = financialYear(new Date());
const en = (n: number | string) => (typeof n === 'number' ? n.toLocaleString('en-IN') : n);
const hi = (n: number | string) => (typeof n === 'number' ? n.toLocaleString('hi-IN-u-nu-latn') : n);
/** What a sorted column's cells rank as: numbers, "<5" between 0 and 5, a withheld "x" just below 0. */
const rank = (s: string) =>
  s === 'x' ? -0.5 : /^<\d+$/.test(s) ? Number(s.slice(1)) - 0.5 : Number(s.replace(/,/g, ''));

let launching: Promise<Browser> | undefined;
let browser: Browser;
let escalated: string;

async function newCase(user: string, resolveWith?: string): Promise<string> {
  const res = await api(user, 'POST', '/cases', caseBody());
  expect(res.status).toBe(201);
  if (resolveWith) {
    expect((await api(user, 'POST', `/cases/${res.body.caseId}/status`, { status: 'IN_PROGRESS' })).status).toBe(200);
    expect(
      (
        await api(user, 'POST', `/cases/${res.body.caseId}/resolve`, {
          outcome: 'Safe with her mother',
          followUpWorkerId: resolveWith,
        })
      ).status,
    ).toBe(200);
  }
  return res.body.caseId;
}

beforeAll(async () => {
  launching = launchBrowser();
  // Patna gets enough cases to be counted exactly; Gaya one, which the district rows show as "<5"; Buxar five,
  // the smallest figure shown beside Gaya's, which is withheld ("x") so that Gaya's cannot be worked out from
  // the state's total. One after another: they update the same counters.
  const patna: string[] = [];
  for (const resolveWith of ['patna-1-s1', 'patna-1-s1', undefined, undefined, undefined])
    patna.push(await newCase('staff.patna1', resolveWith));
  await newCase('staff.gaya1');
  for (let i = 0; i < 5; i++) {
    expect((await api('state.wcdc', 'POST', '/cases', caseBody({ centreId: 'osc-buxar-1' }))).status).toBe(201);
  }
  expect((await api('staff.patna1', 'POST', `/cases/${patna[2]}/escalations`, { reason: 'HIGH_RISK' })).status).toBe(
    202,
  );
  escalated = (await api('staff.patna1', 'GET', `/cases/${patna[2]}`)).body.caseNumber;
  browser = await launching;
});
afterAll(async () => {
  // Closed even when the seeding failed before the launch was awaited.
  await (await launching?.catch(() => undefined))?.close();
});

async function openOversight(page: Page, user: string): Promise<void> {
  await openAs(page, user, '#/oversight');
  await seeVisible(page.locator('#fy-totals'));
  expect(await page.getAttribute('nav a[href="#/oversight"]', 'aria-current')).toBe('page');
}

describe('the oversight page', () => {
  it('shows the year’s totals as the state publishes them and the monthly chart, in English and Hindi', async () => {
    // Prepare
    const { page, context, problems } = await openTab(browser);
    const stats = (await api('state.wcdc', 'GET', `/stats?fy=${FY}`)).body;
    expect(stats.registered).toBeGreaterThanOrEqual(6);

    // Act
    await openOversight(page, 'state.wcdc');
    await switchLanguage(page, 'en');

    // Assess: the sentence, the chart as one image named and described, its figures as a table.
    await seeExactText(
      page.locator('#fy-totals'),
      `FY ${FY}: ${en(stats.registered)} registered; ${en(stats.resolved)} resolved`,
    );
    expect(await page.inputValue('#f-fy')).toBe(FY);
    const chart = page.locator('#month-chart svg[role="img"]');
    await seeVisible(chart);
    const name = await chart.evaluate(
      (svg) => document.getElementById(svg.getAttribute('aria-labelledby')!)?.textContent,
    );
    expect(name).toBe(`Registered and resolved cases by month, FY ${FY}`);
    const description = await chart.evaluate(
      (svg) => document.getElementById(svg.getAttribute('aria-describedby')!)?.textContent,
    );
    expect(description).toContain(`${en(stats.registered)} cases were registered and ${en(stats.resolved)} resolved`);
    await seeCount(page.locator('#month-chart g.month'), 12);
    const month = stats.byMonth.find((x: { registered: number }) => x.registered > 0).month;
    const barHeight = await page
      .locator(`#month-chart g.month[data-month="${month}"] rect.bar--registered`)
      .getAttribute('height');
    expect(Number(barHeight)).toBeGreaterThan(0);
    await page.click('#month-chart + details > summary');
    const months = await tableText(page, '#by-month table');
    expect(months.rows.length).toBe(12);
    expect(months.rows.map((r) => r.slice(1).map((c) => c.replace(/,/g, '')))).toEqual(
      stats.byMonth.map((x: { registered: number; resolved: number }) => [String(x.registered), String(x.resolved)]),
    );
    // The open escalation, by case number only.
    const open = await tableText(page, '#open-escalations table');
    expect(open.rows.find((r) => r[0] === escalated)?.slice(1)).toEqual([
      'Patna',
      'Centre administrator',
      'High risk',
      expect.stringMatching(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} IST$/),
    ]);
    expect(await unlabelled(page)).toEqual([]);
    expect(await duplicateIds(page)).toEqual([]);
    await shot(page, 'oversight-en-desktop');
    await shotOf(page.locator('#month-chart'), 'oversight-chart-en');

    // Act: Hindi.
    await switchLanguage(page, 'hi');

    // Assess
    await seeExactText(
      page.locator('#fy-totals'),
      `वित्तीय वर्ष ${FY}: ${hi(stats.registered)} पंजीकृत; ${hi(stats.resolved)} का समाधान`,
    );
    expect(
      await chart.evaluate((svg) => document.getElementById(svg.getAttribute('aria-labelledby')!)?.textContent),
    ).toBe(`वित्तीय वर्ष ${FY} में महीनेवार पंजीकृत और समाधान हुए मामले`);
    await seeText(page.locator('#month-chart .legend'), 'पंजीकृत');
    await shot(page, 'oversight-hi-desktop');
    await shotOf(page.locator('#month-chart'), 'oversight-chart-hi');
    await page.setViewportSize(PHONE);
    await shot(page, 'oversight-hi-phone', { fullPage: false });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('sorts a table by a column from the keyboard (aria-sort), and downloads what is on screen as CSV', async () => {
    // Prepare
    const { page, context, problems } = await openTab(browser);
    await openOversight(page, 'state.wcdc');
    await switchLanguage(page, 'en');
    const table = '#by-district table';
    const districtHead = page.locator(`${table} thead th`).nth(0);
    const registeredHead = page.locator(`${table} thead th`).nth(1);
    await seeAttr(districtHead, 'aria-sort', 'ascending');
    const byName = (await tableText(page, table)).rows.map((r) => r[0]);
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b)));

    // Act: Tab to the "Registered" heading's button and press Enter.
    await page.focus(`${table} thead th:nth-child(1) button`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    // Assess: largest first, and only the sorted column has aria-sort.
    await seeAttr(registeredHead, 'aria-sort', 'descending');
    await seeNoAttr(districtHead, 'aria-sort');
    const down = (await tableText(page, table)).rows;
    expect(down[0][0]).toBe('Patna');
    const counts = down.map((r) => rank(r[1]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(down.find((r) => r[0] === 'Gaya')?.[1]).toBe('<5');
    expect(down.find((r) => r[0] === 'Buxar')?.[1]).toBe('x');
    await seeText(page.locator('#by-district-status'), 'Sorted by Registered, largest first');

    // Act: again, the other way.
    await page.keyboard.press('Enter');

    // Assess
    await seeAttr(registeredHead, 'aria-sort', 'ascending');
    const up = (await tableText(page, table)).rows.map((r) => rank(r[1]));
    expect(up).toEqual([...up].sort((a, b) => a - b));
    expect(up[up.length - 1]).toBe(counts[0]);

    // Prepare: sorted by resolved, largest first, as someone would before exporting.
    await page.click('#by-district thead th:nth-child(3) button');
    await seeAttr(page.locator('#by-district thead th').nth(2), 'aria-sort', 'descending');
    const shown = await tableText(page, '#by-district table');

    // Act: the CSV of the table.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#by-district button[data-csv]')]);

    // Assess
    expect(download.suggestedFilename()).toBe(`sakhi-osc-by-district-fy${FY}-state.csv`);
    const raw = await readFile((await download.path())!, 'utf8');
    expect(raw.charCodeAt(0)).toBe(0xfeff);
    const lines = raw
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(lines[0]).toEqual(shown.head);
    expect(lines.slice(1)).toEqual(shown.rows.map((r) => r.map((c) => c.replace(/,/g, ''))));
    expect(lines.find((l) => l[0] === 'Gaya')?.[1]).toBe('<5');
    expect(lines.find((l) => l[0] === 'Buxar')?.[1]).toBe('x');
    await seeText(page.locator('#by-district-status'), 'Downloaded sakhi-osc-by-district');

    // The same in Hindi: Hindi headings, same figures.
    await switchLanguage(page, 'hi');
    const [hiDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#by-district button[data-csv]'),
    ]);
    const hiLines = (await readFile((await hiDownload.path())!, 'utf8')).slice(1).trimEnd().split('\r\n');
    expect(hiLines[0].split(',')[0]).toBe('ज़िला');
    expect(hiLines.length).toBe(lines.length);
    expect(problems, 'no CSP report or error from the Blob download').toEqual([]);
    await context.close();
  });

  it('shows a district officer her district only, without a district choice', async () => {
    // Prepare
    const { page, context } = await openTab(browser);
    const own = (await api('officer.patna', 'GET', `/stats?fy=${FY}`)).body;
    expect(own.scope.district).toBe('Patna');

    // Act
    await openOversight(page, 'officer.patna');
    await switchLanguage(page, 'en');

    // Assess: her figures, her district's centres, her district's escalations; nothing to pick another district.
    await seeExactText(
      page.locator('#fy-totals'),
      `FY ${FY}: ${en(own.registered)} registered; ${en(own.resolved)} resolved`,
    );
    await seeText(page.locator('#fy-scope'), 'Patna district');
    expect(await page.locator('#f-district').count()).toBe(0);
    expect(await page.locator('#by-district').count()).toBe(0);
    const centres = await tableText(page, '#by-centre table');
    expect(centres.rows.length).toBeGreaterThanOrEqual(2);
    expect(new Set(centres.rows.map((r) => r[1]))).toEqual(new Set(['Patna']));
    const patnaCentres = (
      (await api('officer.patna', 'GET', '/centres')).body as Array<{ centreId: string; district: string }>
    ).filter((c) => c.district === 'Patna');
    const centreChoices = await page
      .locator('#f-centreId option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(centreChoices).toEqual(['', ...patnaCentres.map((c) => c.centreId)]);
    const escalations = await tableText(page, '#open-escalations table');
    expect(escalations.rows.map((r) => r[0])).toContain(escalated);
    expect(escalations.rows.every((r) => r[1] === 'Patna')).toBe(true);
    // Nothing of another district: the home-district table aside, which names where her district's women
    // live (anywhere, as a count).
    const outsideHome = await page.locator('main').evaluate((el) => {
      const copy = el.cloneNode(true) as Element;
      copy.querySelector('section[aria-labelledby="home-districts-title"]')?.remove();
      return copy.textContent ?? '';
    });
    expect(outsideHome).not.toContain('Gaya');

    // Act: one centre of hers.
    await page.selectOption('#f-centreId', 'osc-patna-1');
    await page.click('#show-figures');

    // Assess
    const one = (await api('officer.patna', 'GET', `/stats?fy=${FY}&centreId=osc-patna-1`)).body;
    await seeText(page.locator('#fy-scope'), 'Sakhi One-Stop Centre, Patna 1');
    await seeExactText(
      page.locator('#fy-totals'),
      `FY ${FY}: ${en(one.registered)} registered; ${en(one.resolved)} resolved`,
    );
    expect(await page.locator('#by-centre').count()).toBe(0);
    await shot(page, 'oversight-district-en-desktop');
    await context.close();
  });

  it('never names a centre by its id while the names of the centres are on their way', async () => {
    const { page, context } = await openTab(browser);
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    await page.route('**/centres', async (route) => {
      await held;
      await route.continue();
    });
    const figures = page.waitForResponse((r) => new URL(r.url()).pathname === '/stats');
    await openAs(page, 'staff.gaya1', '#/oversight');
    // The figures have arrived, the names not yet: the page still says it is loading, and names no id.
    expect((await figures).status()).toBe(200);
    await seeText(page.locator('#oversight-status'), 'Loading');
    expect((await page.locator('main').textContent()) ?? '').not.toContain('osc-gaya-1');
    release();
    await seeText(page.locator('#fy-scope'), 'Sakhi One-Stop Centre, Gaya');
    expect((await page.locator('main').textContent()) ?? '').not.toContain('osc-gaya-1');
    await context.close();
  });

  it('shows centre staff the figures of their own centre, with only the year to choose', async () => {
    const { page, context } = await openTab(browser);
    const own = (await api('staff.gaya1', 'GET', `/stats?fy=${FY}`)).body;
    await openOversight(page, 'staff.gaya1');
    await seeExactText(
      page.locator('#fy-totals'),
      `FY ${FY}: ${en(own.registered)} registered; ${en(own.resolved)} resolved`,
    );
    await seeText(page.locator('#fy-scope'), 'Sakhi One-Stop Centre, Gaya');
    expect(await page.locator('main form select').evaluateAll((ss) => ss.map((x) => x.id))).toEqual(['f-fy']);
    expect(await page.locator('#by-district, #by-centre').count()).toBe(0);
    expect(await page.locator('nav a[href^="#/reports"]').count()).toBe(0);
    await context.close();
  });
});

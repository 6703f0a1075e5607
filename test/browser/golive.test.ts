// Go-live in a real browser, in English and in Hindi: the template downloaded, a file picked, the dry run's
// problems by row and column in the chosen language, the import in chunks with its progress, its result, and
// the follow-ups that wait for a decision on an imported case; the reported figures on the oversight chart.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../shared/imports/csv.ts';
import {
  api,
  baseUrl,
  duplicateIds,
  launchBrowser,
  openAs,
  openTab,
  pollUntil,
  seeText,
  seeVisible,
  shot,
  shotOf,
  switchLanguage,
  tableText,
  unlabelled,
} from './harness.ts';

let browser: Browser;
let centre: { centreId: string; name: string };
let worker: string;
const tag = Date.now() % 1_000_000;

/** The IST date `days` from today, as DD/MM/YYYY (the way the register writes it). */
const istDay = (days: number) => {
  const d = new Date(Date.now() + 330 * 60_000 + days * 86_400_000).toISOString().slice(0, 10);
  return d.split('-').reverse().join('/');
};

const HEADER = [
  'registerNumber',
  'registeredOn',
  'name',
  'age',
  'phone',
  'district',
  'categories',
  'referralSource',
  'riskLevel',
  'status',
  'resolvedOn',
  'followUpWorkerId',
];

/**
 * A register of `n` rows: one resolved 100 days ago (four of its follow-ups already past), and open cases
 * registered in the financial year before this one, so this year's figures that other tests compare (which
 * district has most) do not change with them.
 */
function register(prefix: string, n: number, workerId: string): string[][] {
  return Array.from({ length: n }, (_, i) =>
    i === 0
      ? [
          `${prefix}/1`,
          istDay(-130),
          'कमला देवी',
          '41',
          '',
          'Patna',
          'DOWRY',
          'SELF',
          'MEDIUM',
          'RESOLVED',
          istDay(-100),
          workerId,
        ]
      : [
          `${prefix}/${i + 1}`,
          istDay(-450 + (i % 50)),
          i % 2 ? 'सीता देवी' : 'Asha Kumari',
          String(20 + (i % 30)),
          '',
          'Patna',
          'DOMESTIC_VIOLENCE',
          'SELF',
          'LOW',
          i % 3 ? 'REGISTERED' : 'IN_PROGRESS',
          '',
          '',
        ],
  );
}

async function pickFile(page: Page, name: string, text: string): Promise<void> {
  await page.setInputFiles('#import-file', { name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${text}`) });
}

async function csvPost(user: string, path: string, text: string) {
  const token = (
    (await (
      await fetch(`${baseUrl()}/_local/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: user }),
      })
    ).json()) as { token: string }
  ).token;
  const res = await fetch(`${baseUrl()}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: text,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  browser = await launchBrowser();
  // A centre of its own, with a worker from a roster import, so nothing another test does is in it.
  const made = await api('state.wcdc', 'POST', '/centres', {
    name: `Go-live browser centre ${tag}`,
    district: 'Vaishali',
    subdivision: 'Hajipur',
    status: 'OPERATIONAL',
  });
  centre = made.body;
  const roster = toCsv([
    ['name', 'role', 'phone', 'language'],
    ['Meera Singh', 'CASE_WORKER', '9830011001', 'en'],
  ]);
  const res = await csvPost('state.wcdc', `/centres/${centre.centreId}/staff/imports?dryRun=false`, roster);
  expect(res.status).toBe(200);
  const staff = await api('state.wcdc', 'GET', `/centres/${centre.centreId}/staff`);
  worker = staff.body[0].staffId;
});
afterAll(async () => {
  await browser?.close();
});

describe('the import screen (state, English)', () => {
  it('downloads the template, shows the dry run’s problems by row and column, then imports in chunks', async () => {
    // Prepare
    const { page, context, problems } = await openTab(browser);
    await openAs(page, 'state.wcdc', '#/cases');
    await page.click('nav a[href="#/import/cases"]');
    await seeVisible(page.locator('#f-import-centre'));
    await pollUntil(
      () => page.locator('#f-import-centre option').count(),
      (n) => (n ?? 0) > 30,
    );
    await page.selectOption('#f-import-centre', centre.centreId);
    await seeText(page.locator('#import-workers'), worker);

    // The template: the contract's column codes and an example row.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#template-en')]);
    const template = readFileSync((await download.path()) as string, 'utf8');
    expect(template.startsWith('\uFEFFregisterNumber,registeredOn,name,age,phone,district,categories,')).toBe(true);
    expect(template).toContain(worker);

    // Act: a file of 250 rows with two mistakes.
    const rows = register(`BRW${tag}`, 250, worker);
    const wrong = rows.map((r) => [...r]);
    wrong[4][3] = 'twenty';
    wrong[9][6] = 'THEFT';
    await pickFile(page, 'register.csv', toCsv([HEADER, ...wrong]));
    await seeText(page.locator('#import-file-chosen'), 'register.csv: 250 rows');
    await page.click('#import-check');

    // Assess: the two rows, the columns and the words for them; nothing to import yet.
    await seeText(page.locator('#import-summary'), '250 rows, 248 without problems.');
    await seeText(page.locator('#import-problem-count'), '2 problems');
    expect((await tableText(page, '#import-problems table')).rows).toEqual([
      ['6', 'age', 'Her age in whole years (0 to 120)'],
      ['11', 'categories', 'Use the codes of the template, separated by “;”'],
    ]);
    expect(await page.locator('#import-run').count()).toBe(0);
    expect(await unlabelled(page)).toEqual([]);
    expect(await duplicateIds(page)).toEqual([]);
    await shot(page, 'import-dry-run-en-desktop');

    // Act: the corrected file.
    await pickFile(page, 'register.csv', toCsv([HEADER, ...rows]));
    await page.click('#import-check');
    await seeText(page.locator('#import-ok'), 'No problems');
    await page.click('#import-run');

    // Assess: two chunks, the progress bar full, the result, and the case whose follow-ups wait for a decision.
    // A case per transaction: the 250 take some seconds; the progress bar moves meanwhile.
    await pollUntil(
      () => page.locator('#import-progress').getAttribute('value', { timeout: 500 }),
      (v) => Number(v) >= 200,
      60_000,
    );
    await page.locator('#import-done').waitFor({ timeout: 60_000 });
    await seeText(page.locator('#import-done'), 'Done: 250 created, 0 already there (skipped).');
    expect(await page.getAttribute('#import-progress', 'value')).toBe('250');
    await seeText(page.locator('#import-decisions'), '4 follow-ups were already past due');
    await shot(page, 'import-done-en-desktop');
    const listed = await api('state.wcdc', 'GET', `/cases?centreId=${centre.centreId}&limit=100`);
    expect(listed.body.nextCursor).toBeTruthy(); // more than a page: all 250 are there
    expect(problems).toEqual([]);

    // The imported case: its register number, and the past-due follow-ups waiting for the centre to decide
    // (the state reads them; deciding is the centre's).
    await page.locator('#import-decisions a').first().click();
    const followUps = page.locator('section[aria-labelledby=sec-followups] .records > li');
    await seeText(followUps.first(), 'Past due at import: to decide');
    await seeText(followUps.first(), 'No reminder is sent');
    await seeText(page.locator('main'), `BRW${tag}/1`);
    expect(await followUps.first().locator('button').count()).toBe(0);
    await context.close();
  });
});

describe('the import screen (centre administrator, Hindi)', () => {
  it('checks and imports a roster and a register with the report in Hindi', async () => {
    const { page, context, problems } = await openTab(browser);
    await openAs(page, 'admin.gaya1', '#/import/staff');
    await switchLanguage(page, 'hi');
    await seeVisible(page.locator('#import-file'));
    expect(await page.locator('#f-import-centre').count()).toBe(0); // her own centre, no choice

    // A roster with a wrong phone, in Hindi headings.
    await pickFile(
      page,
      'roster.csv',
      toCsv([
        ['नाम', 'भूमिका', 'मोबाइल नंबर', 'भाषा'],
        ['रीता कुमारी', 'COUNSELLOR', '98300 22001', 'hi'],
        ['गीता', 'PARAMEDIC', '12345', 'hi'],
      ]),
    );
    await page.click('#import-check');
    await seeText(page.locator('#import-summary'), '2 पंक्तियाँ, 1 में कोई समस्या नहीं।');
    expect((await tableText(page, '#import-problems table')).rows).toEqual([
      ['3', 'मोबाइल नंबर (phone)', '6, 7, 8 या 9 से शुरू होने वाला 10 अंकों का मोबाइल नंबर'],
    ]);
    await shot(page, 'import-dry-run-hi-desktop');

    await pickFile(
      page,
      'roster.csv',
      toCsv([
        ['नाम', 'भूमिका', 'मोबाइल नंबर', 'भाषा'],
        ['रीता कुमारी', 'COUNSELLOR', '98300 22001', 'hi'],
      ]),
    );
    await page.click('#import-check');
    await page.click('#import-run');
    await seeText(page.locator('#import-done'), 'पूरा: 1 बनाए गए, 0 पहले से थे (छोड़े गए)।');

    // The register tab, the same steps.
    await page.click('nav.tabs a[href="#/import/cases"]');
    await seeVisible(page.locator('#import-workers'));
    const gayaWorker = (await api('admin.gaya1', 'GET', '/centres/osc-gaya-1/staff')).body.find(
      (s: { role: string }) => s.role === 'CASE_WORKER',
    ).staffId;
    await pickFile(page, 'register.csv', toCsv([HEADER, ...register(`GAYA${tag}`, 3, gayaWorker)]));
    await page.click('#import-check');
    await seeText(page.locator('#import-ok'), 'कोई समस्या नहीं');
    await page.click('#import-run');
    await seeText(page.locator('#import-done'), 'पूरा: 3 बनाए गए');
    await seeText(page.locator('#import-decisions'), '4 फ़ॉलो-अप');
    await shot(page, 'import-done-hi-desktop');

    // Her case: each past-due follow-up is a decision; settle the first.
    await page.locator('#import-decisions a').first().click();
    const followUps = page.locator('section[aria-labelledby=sec-followups] .records > li');
    await seeText(followUps.first(), 'आयात के समय तिथि निकल चुकी: निर्णय लें');
    await shotOf(page.locator('section[aria-labelledby=sec-followups]'), 'case-decisions-hi');
    await followUps.first().locator('button', { hasText: 'निपटा हुआ चिह्नित करें' }).click();
    await page.locator('form[id^="fs-"] button[type=submit]').click();
    await seeText(page.locator('main'), 'फ़ॉलो-अप निपटा हुआ चिह्नित हुआ।');
    await seeText(followUps.first(), 'निपटा हुआ');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('reported figures beside the live ones', () => {
  it('the oversight page shows the state’s reported year and the year-by-year chart, marked reported', async () => {
    const { page, context } = await openTab(browser);
    await openAs(page, 'state.wcdc', '#/oversight');
    await seeVisible(page.locator('#fy-totals'));
    await page.selectOption('#f-fy', '2024-25');
    await page.click('#show-figures');
    await seeText(
      page.locator('#fy-reported'),
      'Reported by the state for FY 2024-25: 8,888 registered; 7,185 resolved.',
    );
    await seeText(page.locator('#fy-totals'), 'FY 2024-25:');
    expect(await page.locator('#fy-totals').textContent()).not.toContain('8,888');
    await seeText(page.locator('#year-chart .legend'), 'Registered (reported)');
    expect(await page.locator('#year-chart [data-fy="2025-26"] .bar--reported-registered').count()).toBe(1);
    await shotOf(page.locator('#year-chart'), 'oversight-years-en');
    await switchLanguage(page, 'hi');
    await seeText(page.locator('#fy-reported'), 'राज्य द्वारा रिपोर्ट किए गए: 8,888 दर्ज');
    await seeText(page.locator('#year-chart .legend'), 'दर्ज (रिपोर्ट किए गए)');
    await shotOf(page.locator('#year-chart'), 'oversight-years-hi');
    await context.close();
  });

  it('the state enters a figure of an earlier year and sees it in the list', async () => {
    const { page, context, problems } = await openTab(browser);
    await openAs(page, 'state.wcdc', '#/cases');
    await page.click('nav a[href="#/reported-figures"]');
    await seeVisible(page.locator('#reported-list table'));
    await page.selectOption('#f-fig-figures-0-fy', '2019-20');
    await page.check('#f-fig-level-DISTRICT');
    await page.selectOption('#f-fig-figures-0-district', 'Vaishali');
    await page.fill('#f-fig-figures-0-registered', '133');
    await page.fill('#f-fig-figures-0-resolved', 'many');
    await page.click('#enter-figure-submit');
    await seeVisible(page.locator('#f-fig-figures-0-resolved-error'));
    await page.fill('#f-fig-figures-0-resolved', '120');
    await page.click('#enter-figure-submit');
    await seeText(page.locator('#enter-figure-notice'), 'The figure is saved.');
    const row = page.locator('#reported-list tbody tr', { hasText: 'Vaishali' });
    await seeText(row, '2019-20');
    await seeText(row, '133');
    await shot(page, 'reported-figures-en-desktop');
    expect(problems).toEqual([]);
    await context.close();
  });
});

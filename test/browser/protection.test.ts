// Legal deadlines and the shelter in a real browser: a girl's child pathway banner in English and Hindi
// (time left, then overdue once the deadline check has run past it), recording a milestone, a shelter
// admission (a boy over 8 refused at the field) and discharge by the centre administrator, and the oversight
// page's overdue deadlines and shelter tonight for a district officer. Screenshots in both languages.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  baseUrl,
  caseBody,
  duplicateIds,
  launchBrowser,
  openAs,
  openTab,
  pollUntil,
  seeFocused,
  seeText,
  seeVisible,
  seriousViolations,
  shot,
  shotOf,
  switchLanguage,
  tableText,
  unlabelled,
} from './harness.ts';

const STAFF = 'staff.patna1';
const ADMIN = 'admin.patna1';
const HOUR = 3_600_000;

let browser: Browser;
let child: { caseId: string; caseNumber: string; registeredAt: string };

async function runDeadlines(at: string) {
  const res = await fetch(`${baseUrl()}/_local/schedules/deadlines/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ at }),
  });
  expect(res.status).toBe(200);
}

const girl = () =>
  caseBody({
    survivor: { name: `Browser Girl ${Date.now()}`, age: 16, safeToContact: false, district: 'Patna' },
    incident: { categories: ['SEXUAL_ASSAULT'] },
  });

async function openCase(page: Page, user: string, caseId: string) {
  await openAs(page, user, `#/cases/${caseId}`);
  await seeVisible(page.locator('#sec-milestones'));
}

beforeAll(async () => {
  browser = await launchBrowser();
  const res = await api(STAFF, 'POST', '/cases', girl());
  expect(res.status).toBe(201);
  child = res.body;
});
afterAll(async () => {
  await browser?.close();
});

describe('the child pathway', () => {
  it('shows the two 24-hour duties at the top with the time left, in English and Hindi', async () => {
    // Prepare
    const { page, context, problems } = await openTab(browser);
    // Act
    await openCase(page, STAFF, child.caseId);
    await switchLanguage(page, 'en');
    // Assess: above the case's facts, both duties, with hours left, and the next steps.
    const banner = page.locator('#child-pathway');
    await seeText(banner.locator('h2'), 'Child protection: she is under 18');
    const order = await page.evaluate(() => {
      const b = document.getElementById('child-pathway');
      const facts = document.querySelector('.facts');
      return b && facts ? b.compareDocumentPosition(facts) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
    });
    expect(order).toBeTruthy();
    await seeText(banner.locator('[data-duty="POLICE_INFORMED"]'), 'POCSO s.19');
    await seeText(banner.locator('[data-duty="CWC_PRODUCTION"]'), 'Child Welfare Committee');
    expect(await banner.locator('[data-duty="POLICE_INFORMED"] .duty-state').textContent()).toMatch(
      /^Due: (23|24) h \d+ min left$/,
    );
    await seeText(page.locator('#mandatory-reporting-step'), 'mandatory reporting');
    // The step leads to the onward-referral form of the same page.
    await page.click('#mandatory-reporting-go');
    await seeFocused(page.locator('#f-ref-kind'));
    await shot(page, 'child-pathway-en-desktop');
    await shotOf(banner, 'child-pathway-banner-en');

    await switchLanguage(page, 'hi');
    await seeText(banner.locator('h2'), 'बाल संरक्षण: वह 18 वर्ष से कम है');
    await seeText(banner.locator('[data-duty="CWC_PRODUCTION"]'), 'बाल कल्याण समिति');
    await seeText(banner.locator('[data-duty="POLICE_INFORMED"] .duty-state'), 'बाकी');
    await shotOf(banner, 'child-pathway-banner-hi');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await unlabelled(page)).toEqual([]);
    expect(await duplicateIds(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('says overdue once the deadline check ran past the 24 hours; recording a duty completes it', async () => {
    const { page, context } = await openTab(browser);
    await runDeadlines(new Date(Date.parse(child.registeredAt) + 25 * HOUR).toISOString());
    await openCase(page, STAFF, child.caseId);
    await switchLanguage(page, 'en');
    const police = page.locator('#child-pathway [data-duty="POLICE_INFORMED"]');
    await seeText(police.locator('.duty-state'), 'Overdue');
    expect(await police.getAttribute('class')).toContain('duty--overdue');
    // Record the police duty through the milestones panel.
    await page.selectOption('#f-ms-type', 'POLICE_INFORMED');
    await page.fill('#f-ms-reference-policeStation', 'Mahila Thana Patna');
    await page.click('#milestone-submit');
    await seeText(page.locator('#milestone-notice'), 'Milestone recorded.');
    await seeText(police.locator('.duty-state'), 'Done');
    await seeText(page.locator('#milestones-list'), 'late');
    await shot(page, 'child-pathway-overdue-en-desktop');
    await context.close();
  });
});

describe('the shelter', () => {
  it('admits her with her children (a boy over 8 refused at the field) and discharges her', async () => {
    // Prepare
    const c = (await api(STAFF, 'POST', '/cases', caseBody())).body;
    const { page, context, problems } = await openTab(browser);
    await openCase(page, ADMIN, c.caseId);
    await switchLanguage(page, 'en');
    // Act: a boy of 10 first.
    await page.fill('#f-adm-children', '10 M, 6 F');
    await page.click('#admit-submit');
    // Assess: refused at the field, nothing sent.
    await seeText(page.locator('#f-adm-children-error'), 'Boys older than 8');
    expect((await api(ADMIN, 'GET', `/cases/${c.caseId}`)).body.shelterStays).toEqual([]);
    await page.fill('#f-adm-children', '4 M, 6 F');
    await page.click('#admit-submit');
    await seeText(page.locator('#case-notice'), 'Admitted. Due to leave on');
    await seeText(page.locator('#stays-list'), 'In the shelter');
    await seeText(page.locator('#stays-list'), '2 children with her');
    await shot(page, 'shelter-admitted-en-desktop');
    expect(await seriousViolations(page)).toEqual([]);
    // The Hindi page says the same.
    await switchLanguage(page, 'hi');
    await seeText(page.locator('#sec-shelter'), 'केंद्र में आश्रय');
    await seeText(page.locator('#stays-list'), 'आश्रय में');
    await shotOf(page.locator('#sec-shelter').locator('..'), 'shelter-admitted-hi');
    await switchLanguage(page, 'en');
    // Discharge.
    await page.locator('#stays-list button', { hasText: 'Discharge' }).click();
    await page.selectOption('#f-dis-destination', 'RELATIVES');
    await page.locator('#stays-list button[type=submit]').click();
    await seeText(page.locator('#case-notice'), 'Discharged.');
    await seeText(page.locator('#stays-list'), 'Relatives');
    const stays = await pollUntil(
      async () => (await api(ADMIN, 'GET', `/cases/${c.caseId}`)).body.shelterStays,
      (s) => s?.[0]?.status === 'DISCHARGED',
    );
    expect(stays?.[0]).toMatchObject({ status: 'DISCHARGED', destination: 'RELATIVES', children: [{}, {}] });
    // A new admission is offered again; staff are not offered admission.
    await seeVisible(page.locator('#admit'));
    await shot(page, 'shelter-discharged-en-desktop');
    expect(problems).toEqual([]);
    await context.close();
    const staff = await openTab(browser);
    await openCase(staff.page, STAFF, c.caseId);
    expect(await staff.page.locator('#admit').count()).toBe(0);
    await staff.context.close();
  });
});

describe('oversight', () => {
  it('lists overdue deadlines by case number and who is in the shelter tonight, in English and Hindi', async () => {
    // Prepare: someone in the Patna shelter now.
    const c = (await api(STAFF, 'POST', '/cases', caseBody())).body;
    expect((await api(ADMIN, 'POST', `/cases/${c.caseId}/shelter-stays`, {})).status).toBe(201);
    const { page, context, problems } = await openTab(browser);
    // Act
    await openAs(page, 'officer.patna', '#/oversight');
    await switchLanguage(page, 'en');
    // Assess
    await seeVisible(page.locator('#overdue-deadlines table'));
    const overdue = await tableText(page, '#overdue-deadlines table');
    const row = overdue.rows.find(
      (r) => r[0] === child.caseNumber && r[3] === 'Produced before the Child Welfare Committee',
    );
    expect(row?.[2]).toBe('Patna');
    expect(JSON.stringify(overdue)).not.toMatch(/Browser Girl/);
    await seeVisible(page.locator('#shelter-by-centre table'));
    const tonight = await tableText(page, '#shelter-by-centre table');
    const patna = tonight.rows.find((r) => r[1] === 'Patna');
    expect(Number(patna?.[2])).toBeGreaterThanOrEqual(1);
    await shotOf(page.locator('#overdue-deadlines'), 'oversight-overdue-deadlines-en');
    await shot(page, 'oversight-protection-en-desktop');
    await switchLanguage(page, 'hi');
    await seeText(page.locator('#overdue-deadlines-title'), 'समय-सीमा निकल चुके काम');
    await seeText(page.locator('#shelter-tonight-title'), 'आज रात आश्रय में');
    await shotOf(page.locator('section[aria-labelledby="shelter-tonight-title"]'), 'oversight-shelter-tonight-hi');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await duplicateIds(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

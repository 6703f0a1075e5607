// The case list and the case page in a real browser: filtering, the actions each role is offered, a stale
// version, and a case of another centre that must not be seen.

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  baseUrl,
  caseBody,
  launchBrowser,
  openTab,
  PHONE,
  pollUntil,
  seeCount,
  seeExactText,
  seeText,
  seeVisible,
  shot,
  signIn,
  switchLanguage,
} from './harness.ts';

const STAFF = 'staff.patna1';

let browser: Browser;
let registered: { caseId: string; caseNumber: string; name: string };
let other: { caseId: string; caseNumber: string };

beforeAll(async () => {
  browser = await launchBrowser();
  const body = caseBody();
  const res = await api(STAFF, 'POST', '/cases', body);
  expect(res.status).toBe(201);
  registered = { caseId: res.body.caseId, caseNumber: res.body.caseNumber, name: body.survivor.name };
  const second = await api(STAFF, 'POST', '/cases', caseBody());
  other = { caseId: second.body.caseId, caseNumber: second.body.caseNumber };
  // One case moves on, so the status filter has something to tell apart.
  expect((await api(STAFF, 'POST', `/cases/${other.caseId}/status`, { status: 'IN_PROGRESS' })).status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
});

describe('the case list', () => {
  it('lists the centre’s cases, filters by status and finds a case by its number', async () => {
    // Prepare
    const { page, context } = await openTab(browser);
    await signIn(page, STAFF);
    await switchLanguage(page, 'en');

    // Assess: both cases are listed, newest first, with dates as DD/MM/YYYY.
    const rows = page.locator('.cases-table tbody tr');
    await seeText(page.locator('.cases-table'), other.caseNumber);
    await seeText(page.locator('.cases-table'), registered.caseNumber);
    expect(await rows.first().locator('td').nth(2).textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await shot(page, 'list-en-desktop');

    // Act: only cases in progress.
    await page.selectOption('#f-status', 'IN_PROGRESS');
    await page.click('.filters button[type=submit]');
    await pollUntil(
      () => page.locator('.cases-table').textContent(),
      (t) => !t?.includes(registered.caseNumber),
    );
    const shown = await page.locator('.cases-table tbody th').allTextContents();
    expect(shown).toContain(other.caseNumber);
    expect(shown).not.toContain(registered.caseNumber);

    // Act: one case by its number, typed in lower case.
    await page.selectOption('#f-status', '');
    await page.fill('#f-caseNumber', registered.caseNumber.toLowerCase());
    await page.click('.filters button[type=submit]');
    await seeCount(rows, 1);
    await seeExactText(rows.first().locator('th'), registered.caseNumber);

    // Act: a malformed number is refused at the field, in Hindi too.
    await page.fill('#f-caseNumber', 'PAT1-42');
    await page.click('.filters button[type=submit]');
    await seeText(page.locator('#f-caseNumber-error'), 'A case number looks like PAT1/2026-27/00042');
    await switchLanguage(page, 'hi');
    await seeText(page.locator('#f-caseNumber-error'), 'मामला संख्या PAT1/2026-27/00042 जैसी होती है');
    await page.click('.filters button[type=button]');
    await seeText(page.locator('.cases-table'), registered.caseNumber);
    await shot(page, 'list-hi-desktop');
    await context.close();
  });

  it('looks right in Hindi at 360 px, without sideways scrolling', async () => {
    const { page, context } = await openTab(browser, PHONE);
    await page.goto(`${baseUrl()}/`);
    await switchLanguage(page, 'hi');
    await seeVisible(page.locator('.user-list'));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(page, 'signin-hi-phone');
    await signIn(page, STAFF);
    await seeText(page.locator('.cases-table'), registered.caseNumber);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(page, 'list-hi-phone');
    await switchLanguage(page, 'en');
    await shot(page, 'list-en-phone');
    await page.goto(`${baseUrl()}/#/cases/new`);
    await seeVisible(page.locator('#f-survivor-name'));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(page, 'register-en-phone');
    await page.goto(`${baseUrl()}/#/cases/${registered.caseId}`);
    await switchLanguage(page, 'hi');
    await seeVisible(page.locator('#case-status'));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(page, 'detail-hi-phone');
    await context.close();
  });
});

describe('the case page', () => {
  it('records a service and changes the status, and shows both in the history', async () => {
    // Prepare
    const { page, context } = await openTab(browser);
    await signIn(page, STAFF);
    await switchLanguage(page, 'en');
    await page.goto(`${baseUrl()}/#/cases/${registered.caseId}`);
    await seeExactText(page.locator('h1'), `Case ${registered.caseNumber}`);
    await seeText(page.locator('main'), registered.name);
    // The registration time in Indian time, though this browser runs in New York: the API's own IST stamp.
    const at: string = (await api(STAFF, 'GET', `/cases/${registered.caseId}`)).body.registeredAt;
    await seeText(
      page.locator('main .facts').first(),
      `${at.slice(8, 10)}/${at.slice(5, 7)}/${at.slice(0, 4)} ${at.slice(11, 16)} IST`,
    );

    // Act: a service.
    await page.selectOption('#f-svc-type', 'MEDICAL');
    await page.fill('#f-svc-note', 'Taken to the district hospital');
    await page.click('form[aria-labelledby=service-form-title] button[type=submit]');

    // Assess
    await seeText(page.locator('#service-notice'), 'The service has been recorded.');
    await seeText(page.locator('#services-list'), 'Medical help');
    await seeText(page.locator('#history-list'), 'Service recorded');

    // Act: the status, with the version the worker saw.
    await page.selectOption('#f-st-status', 'IN_PROGRESS');
    await page.click('form[aria-labelledby=status-form-title] button[type=submit]');

    // Assess
    await seeText(page.locator('#status-notice'), 'The status is now: In progress.');
    await seeExactText(page.locator('#case-status'), 'In progress');
    await seeText(page.locator('#history-list'), 'Registered → In progress');
    // Resolving is now possible, with a worker of the centre to choose.
    await seeVisible(page.locator('#f-res-followUpWorkerId'));
    // The workers arrive with the roster, after the form: wait for them.
    const workers = await pollUntil(
      () => page.locator('#f-res-followUpWorkerId option').count(),
      (n) => (n ?? 0) > 1,
    );
    expect(workers).toBeGreaterThan(1);
    await shot(page, 'detail-en-desktop');
    await switchLanguage(page, 'hi');
    await seeExactText(page.locator('#case-status'), 'कार्रवाई जारी');
    await context.close();
  });

  it('records a service once when the connection drops after the server saved it', async () => {
    // Prepare: the first attempt reaches the server, but its answer is lost on the way back.
    const { body: c } = await api(STAFF, 'POST', '/cases', caseBody());
    const { page, context } = await openTab(browser);
    await signIn(page, STAFF);
    await switchLanguage(page, 'en');
    await page.goto(`${baseUrl()}/#/cases/${c.caseId}`);
    await seeExactText(page.locator('h1'), `Case ${c.caseNumber}`);
    let attempts = 0;
    const keys: string[] = [];
    await page.route(`**/cases/${c.caseId}/services`, async (route) => {
      attempts++;
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (attempts === 1) {
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });

    // Act
    await page.selectOption('#f-svc-type', 'SHELTER');
    await page.click('form[aria-labelledby=service-form-title] button[type=submit]');

    // Assess: the form sent it again by itself, with the same key; the case has one service.
    await seeText(page.locator('#service-notice'), 'The service has been recorded.');
    expect(attempts).toBe(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect((await api(STAFF, 'GET', `/cases/${c.caseId}`)).body.services).toHaveLength(1);
    await context.close();
  });

  it('says clearly when someone else changed the case meanwhile (412), and shows the case as it now is', async () => {
    // Prepare: the page shows version 1; then someone else moves the case on.
    const fresh = await api(STAFF, 'POST', '/cases', caseBody());
    const { page, context } = await openTab(browser, PHONE);
    await signIn(page, STAFF);
    await switchLanguage(page, 'en');
    await page.goto(`${baseUrl()}/#/cases/${fresh.body.caseId}`);
    await seeExactText(page.locator('#case-status'), 'Registered');
    expect(
      (await api('admin.patna1', 'POST', `/cases/${fresh.body.caseId}/status`, { status: 'IN_PROGRESS' })).status,
    ).toBe(200);

    // Act
    await page.selectOption('#f-st-status', 'WITHDRAWN');
    await page.click('form[aria-labelledby=status-form-title] button[type=submit]');

    // Assess
    await seeText(page.locator('#status-notice'), 'Someone else changed this case after you opened it');
    await seeExactText(page.locator('#case-status'), 'In progress');
    expect((await api(STAFF, 'GET', `/cases/${fresh.body.caseId}`)).body.status).toBe('IN_PROGRESS');
    await shot(page, 'detail-412-en-phone');
    await context.close();
  });

  it('resolves a case with a follow-up worker and records a follow-up outcome', async () => {
    // Prepare
    const fresh = await api(STAFF, 'POST', '/cases', caseBody());
    await api(STAFF, 'POST', `/cases/${fresh.body.caseId}/status`, { status: 'IN_PROGRESS' });
    const { page, context } = await openTab(browser);
    await signIn(page, STAFF);
    await switchLanguage(page, 'en');
    await page.goto(`${baseUrl()}/#/cases/${fresh.body.caseId}`);

    // Act
    await page.fill('#f-res-outcome', 'Counselling done; living with her sister');
    await page.selectOption('#f-res-followUpWorkerId', { index: 1 });
    await page.click('form[aria-labelledby=resolve-form-title] button[type=submit]');

    // Assess
    await seeText(page.locator('#case-notice'), 'The case is resolved');
    await seeExactText(page.locator('#case-status'), 'Resolved');
    const followUps = page.locator('section[aria-labelledby=sec-followups] .records > li');
    expect(
      await pollUntil(
        () => followUps.count(),
        (n) => (n ?? 0) > 0,
      ),
    ).toBeGreaterThan(0);

    // Act: the first follow-up: she is safe.
    await followUps.first().locator('button').click();
    await followUps.first().locator('select').selectOption('SAFE');
    await followUps.first().locator('button[type=submit]').click();

    // Assess
    await seeText(page.locator('#case-notice'), 'The follow-up outcome has been recorded.');
    await seeText(followUps.first(), 'Safe');
    await seeText(page.locator('#history-list'), 'Follow-up recorded');
    await context.close();
  });

  it('escalates a case, and the centre administrator can acknowledge it', async () => {
    // Prepare
    const fresh = await api(STAFF, 'POST', '/cases', caseBody());
    const { page, context } = await openTab(browser);
    await signIn(page, STAFF);
    await switchLanguage(page, 'en');
    await page.goto(`${baseUrl()}/#/cases/${fresh.body.caseId}`);
    const escalations = page.locator('section[aria-labelledby=sec-escalations]');
    await seeText(escalations, 'No escalations.');

    // Act
    await page.selectOption('#f-esc-reason', 'COUNSELLING_INSUFFICIENT');
    await page.click('form[aria-labelledby=escalate-form-title] button[type=submit]');

    // Assess: started; staff may not acknowledge, the administrator may.
    await seeText(page.locator('#escalate-notice'), 'The escalation has started');
    await seeText(escalations, 'Counselling alone cannot resolve it');
    expect(await escalations.getByRole('button', { name: /Acknowledge/ }).count()).toBe(0);
    await page.click('#sign-out');
    await signIn(page, 'admin.patna1');
    await page.goto(`${baseUrl()}/#/cases/${fresh.body.caseId}`);
    await escalations.getByRole('button', { name: /Acknowledge/ }).click();
    await seeText(page.locator('#case-notice'), 'The escalation has been acknowledged.');
    await context.close();
  });

  it('does not open a case of another centre: not found, and nothing about her on the page', async () => {
    // Prepare
    const { page, context } = await openTab(browser);
    await signIn(page, 'staff.gaya1');
    await switchLanguage(page, 'en');

    // Act
    await page.goto(`${baseUrl()}/#/cases/${registered.caseId}`);

    // Assess
    await seeText(page.locator('#case-not-found'), 'Case not found');
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toContain(registered.name);
    expect(text).not.toContain(registered.caseNumber);
    expect(text).not.toContain('Hidden Lane');
    // Nor does it appear in her list.
    await page.goto(`${baseUrl()}/#/cases`);
    await seeVisible(page.locator('#cases-count .notice'));
    expect((await page.locator('main').textContent()) ?? '').not.toContain(registered.caseNumber);
    await context.close();
  });

  it('shows the district officer the case without who she is, and only the acknowledge action', async () => {
    // Prepare: a high-risk case starts an escalation at intake.
    const risky = await api(STAFF, 'POST', '/cases', caseBody({ riskLevel: 'HIGH' }));
    const { page, context } = await openTab(browser);
    await signIn(page, 'officer.patna');
    await switchLanguage(page, 'en');

    // Act
    await page.goto(`${baseUrl()}/#/cases/${risky.body.caseId}`);

    // Assess
    await seeExactText(page.locator('h1'), `Case ${risky.body.caseNumber}`);
    await seeText(page.locator('main'), 'visible only to her centre’s team');
    expect(await page.locator('form').count()).toBe(0);
    expect(await page.locator('nav a[href="#/cases/new"]').count()).toBe(0);
    const escalations = page.locator('section[aria-labelledby=sec-escalations]');
    await seeText(escalations, 'High risk');
    await escalations.getByRole('button', { name: /Acknowledge/ }).click();
    await seeText(page.locator('#case-notice'), 'The escalation has been acknowledged.');
    await seeText(escalations, 'Acknowledged');
    await context.close();
  });

  it('tells a helpline account that it is for machine intake only', async () => {
    const { page, context } = await openTab(browser);
    await signIn(page, 'helpline.181');
    await switchLanguage(page, 'en');
    await seeText(page.locator('#helpline-text'), 'machine intake');
    expect(await page.locator('nav').count()).toBe(0);
    await switchLanguage(page, 'hi');
    await seeText(page.locator('#helpline-text'), 'मशीन');
    await context.close();
  });
});

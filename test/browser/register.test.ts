// Registering a case through the staff form in a real browser: in Hindi, with errors, and with the network
// failing in the middle of a submission.

import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  baseUrl,
  caseNumbers,
  fillValidCase,
  launchBrowser,
  openTab,
  PHONE,
  seeAttr,
  seeChecked,
  seeCount,
  seeExactText,
  seeFocused,
  seeText,
  seeValue,
  seeVisible,
  shot,
  signIn,
  switchLanguage,
} from './harness.ts';

const STAFF = 'staff.patna1';
const CASE_NUMBER = /^PAT1\/\d{4}-\d{2}\/\d{5}$/;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const isCreate = (r: Request) => r.method() === 'POST' && new URL(r.url()).pathname === '/cases';

describe('registering a case', () => {
  it('registers a case in Hindi, shows its number, keeps survivor data out of storage and the address', async () => {
    // Prepare
    const { page, context, problems } = await openTab(browser);
    const before = await caseNumbers(STAFF);
    await page.goto(`${baseUrl()}/`);
    await shot(page, 'signin-en-desktop');
    await switchLanguage(page, 'hi');
    await shot(page, 'signin-hi-desktop');
    await signIn(page, STAFF);
    await page.click('nav a[href="#/cases/new"]');
    await seeExactText(page.locator('h1'), 'नया मामला दर्ज करें');

    // Act: labels are in Hindi; fill some fields by their Hindi labels, the rest by id.
    await page.getByLabel('नाम (उपनाम भी चलेगा)').fill('सीता देवी');
    await page.getByLabel('आयु (वर्षों में)').fill('24');
    await page.getByLabel('घरेलू हिंसा').check();
    await page.getByLabel('किसके द्वारा भेजी गई').selectOption({ label: 'स्वयं' });
    await page.getByLabel('मनो-सामाजिक परामर्श').check();
    await page.getByLabel('वह केंद्र की सेवाएँ लेने के लिए सहमत है').check();
    // The privacy notice, read to her in Hindi (the form asks for the language before it registers).
    await page.getByLabel('हिन्दी', { exact: true }).check();
    await page.getByLabel('उच्च').check();
    await page.fill('#f-incident-date', '5/11/2026');
    await shot(page, 'register-hi-desktop');
    await page.getByRole('button', { name: 'मामला दर्ज करें' }).click();

    // Assess
    await seeExactText(page.locator('h1'), 'मामला दर्ज हो गया');
    const caseNumber = (await page.locator('#registered-case-number').textContent())!.trim();
    expect(caseNumber).toMatch(CASE_NUMBER);
    const after = await caseNumbers(STAFF);
    expect(after.length).toBe(before.length + 1);
    expect(after).toContain(caseNumber);

    // Only the language preference is in localStorage; nothing about her in storage or the address bar.
    const storage = await page.evaluate(() => ({
      local: Object.keys(localStorage),
      localValues: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
    }));
    expect(storage.local).toEqual(['osc.lang']);
    expect(storage.localValues).not.toContain('सीता');
    expect(storage.session).not.toContain('सीता');
    expect(decodeURIComponent(page.url())).not.toContain('सीता');

    // The case opens, in Hindi, with her details and dates as DD/MM/YYYY.
    await page.getByRole('link', { name: 'मामला खोलें' }).click();
    await seeExactText(page.locator('h1'), `मामला ${caseNumber}`);
    expect(page.url()).toMatch(/#\/cases\/[0-9a-f-]{36}$/);
    await seeText(page.locator('.card').first(), 'सीता देवी');
    await seeText(page.locator('main'), '05/11/2026');
    await seeExactText(page.locator('#case-status'), 'पंजीकृत');
    await shot(page, 'detail-hi-desktop');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows each error at its field in the chosen language, sends nothing and creates no case', async () => {
    // Prepare
    const { page, context } = await openTab(browser, PHONE);
    const before = await caseNumbers(STAFF);
    await signIn(page, STAFF);
    await switchLanguage(page, 'en');
    await page.goto(`${page.url().split('#')[0]}#/cases/new`);
    const posts: string[] = [];
    page.on('request', (r) => {
      if (isCreate(r)) posts.push(r.url());
    });

    // Act
    await page.fill('#f-survivor-name', '   ');
    await page.fill('#f-survivor-age', '200');
    await page.fill('#f-survivor-phone', '12345');
    await page.fill('#f-incident-date', '31/02/2026');
    await page.fill('#f-referral-reference', '#bad ref');
    await page.click('#register-submit');

    // Assess: a summary that takes focus, and each error at its field, linked and marked invalid.
    const summary = page.locator('#register-errors');
    await seeFocused(summary);
    const expected: Record<string, string> = {
      'survivor-name': 'This is required',
      'survivor-age': 'Enter her age in whole years (0 to 120)',
      'survivor-phone': 'Enter a 10-digit mobile number that starts with 6, 7, 8 or 9',
      'incident-categories': 'Choose at least one type of violence',
      'incident-date': 'Enter the date as DD/MM/YYYY, e.g. 20/11/2026',
      'referral-source': 'Choose who referred her',
      'referral-reference': 'Use 3 to 64 letters, digits, / _ or - (starting with a letter or digit)',
      'notice-language': 'Give her the privacy notice and say in which language',
      riskLevel: 'Choose the risk level',
    };
    for (const [field, text] of Object.entries(expected)) {
      await seeText(page.locator(`#f-${field}-error`), text);
      await seeAttr(page.locator(`#f-${field}`), 'aria-invalid', 'true');
      expect(await page.getAttribute(`#f-${field}`, 'aria-describedby')).toContain(`f-${field}-error`);
    }
    await seeCount(summary.locator('li'), Object.keys(expected).length);
    await shot(page, 'register-errors-en-phone');

    // The same errors, now in Hindi, without submitting again; what was typed is still there.
    await switchLanguage(page, 'hi');
    await seeText(page.locator('#f-survivor-age-error'), 'आयु पूरे वर्षों में लिखें (0 से 120)');
    await seeText(page.locator('#f-incident-categories-error'), 'हिंसा का कम से कम एक प्रकार चुनें');
    await seeText(page.locator('#f-survivor-name-error'), 'यह आवश्यक है');
    await seeValue(page.locator('#f-survivor-phone'), '12345');
    await shot(page, 'register-errors-hi-phone');

    // A link in the summary moves focus to its field.
    await summary.locator('a').nth(1).click();
    await seeFocused(page.locator('#f-survivor-age'));

    expect(posts).toEqual([]);
    expect(await caseNumbers(STAFF)).toEqual(before);
    await context.close();
  });

  it('puts the field errors of a server 400 (problem+json errors[].path) on the same fields', async () => {
    // Prepare: the server refuses the phone (as if its rules were stricter than the browser's).
    const { page, context } = await openTab(browser);
    await signIn(page, STAFF);
    await switchLanguage(page, 'en');
    await page.goto(`${page.url().split('#')[0]}#/cases/new`);
    await page.route('**/cases', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 400,
            contentType: 'application/problem+json',
            body: JSON.stringify({
              type: 'about:blank',
              title: 'Invalid input',
              status: 400,
              detail: 'The body has 2 invalid fields',
              errors: [
                { path: 'survivor.phone', code: 'invalid_format', message: 'Has the wrong format' },
                { path: 'incident.categories.1', code: 'invalid_option', message: 'Must be one of: …' },
              ],
            }),
          })
        : route.continue(),
    );

    // Act
    await fillValidCase(page, 'Server Error Test');
    await page.click('#register-submit');

    // Assess
    await seeText(page.locator('#f-survivor-phone-error'), 'Enter a 10-digit mobile number');
    await seeText(page.locator('#f-incident-categories-error'), 'Choose one of the options');
    await seeFocused(page.locator('#register-errors'));
    await seeValue(page.locator('#f-survivor-name'), 'Server Error Test');
    await context.close();
  });

  it('keeps the form filled when the network drops; a retry with the same key registers exactly one case', async () => {
    // Prepare
    const { page, context } = await openTab(browser);
    const before = await caseNumbers(STAFF);
    await signIn(page, STAFF);
    await switchLanguage(page, 'en');
    await page.goto(`${page.url().split('#')[0]}#/cases/new`);
    const keys: string[] = [];
    let attempts = 0;
    await page.route('**/cases', async (route) => {
      if (!isCreate(route.request())) return route.continue();
      keys.push(route.request().headers()['idempotency-key']);
      attempts++;
      return attempts === 1 ? route.abort('internetdisconnected') : route.continue();
    });

    // Act
    await fillValidCase(page, 'Network Drop Test');
    await page.click('#register-submit');

    // Assess: the form says so and keeps everything.
    await seeText(page.locator('#register-notice'), 'Could not reach the server. Nothing is lost');
    await seeValue(page.locator('#f-survivor-name'), 'Network Drop Test');
    await seeValue(page.locator('#f-survivor-age'), '27');
    await seeChecked(page.locator('#f-incident-categories-DOWRY'));
    await seeChecked(page.locator('#f-riskLevel-MEDIUM'));
    expect((await caseNumbers(STAFF)).length).toBe(before.length);

    // Act: the connection is back; the worker presses the button again.
    await page.click('#register-submit');

    // Assess
    const caseNumber = (await page.locator('#registered-case-number').textContent())!.trim();
    expect(caseNumber).toMatch(CASE_NUMBER);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    const after = await caseNumbers(STAFF);
    expect(after.length).toBe(before.length + 1);
    expect(after.filter((x) => x === caseNumber)).toHaveLength(1);
    await context.close();
  });

  it('registers exactly one case when the server saved it but the answer was lost', async () => {
    // Prepare: the first request reaches the server and registers the case; its response never arrives.
    const { page, context } = await openTab(browser);
    const before = await caseNumbers(STAFF);
    await signIn(page, STAFF);
    await switchLanguage(page, 'en');
    await page.goto(`${page.url().split('#')[0]}#/cases/new`);
    let attempts = 0;
    await page.route('**/cases', async (route) => {
      if (!isCreate(route.request())) return route.continue();
      attempts++;
      if (attempts > 1) return route.continue();
      await route.fetch();
      return route.abort('connectionreset');
    });

    // Act
    await fillValidCase(page, 'Lost Answer Test');
    await page.click('#register-submit');
    await seeText(page.locator('#register-notice'), 'Could not reach the server');
    expect((await caseNumbers(STAFF)).length).toBe(before.length + 1);
    await page.click('#register-submit');

    // Assess: the retry returned the first case instead of making a second.
    const caseNumber = (await page.locator('#registered-case-number').textContent())!.trim();
    const after = await caseNumbers(STAFF);
    expect(after.length).toBe(before.length + 1);
    expect(after).toContain(caseNumber);
    await context.close();
  });

  it('starts a fresh, empty draft after sign-out, and keeps nothing in the tab', async () => {
    // Prepare
    const { page, context } = await openTab(browser);
    await signIn(page, STAFF);
    await page.goto(`${page.url().split('#')[0]}#/cases/new`);
    await page.fill('#f-survivor-name', 'Half Typed');
    // Moving between screens keeps the draft.
    await page.click('nav a[href="#/cases"]');
    await page.click('nav a[href="#/cases/new"]');
    await seeValue(page.locator('#f-survivor-name'), 'Half Typed');

    // Act
    await page.click('#sign-out');

    // Assess
    await seeVisible(page.locator('.user-list'));
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(await api(STAFF, 'GET', '/cases?limit=1').then((r) => r.status)).toBe(200);
    await signIn(page, STAFF);
    await page.goto(`${page.url().split('#')[0]}#/cases/new`);
    await seeValue(page.locator('#f-survivor-name'), '');
    await context.close();
  });
});

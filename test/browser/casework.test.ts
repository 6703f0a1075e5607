// Casework in a real browser: correcting her details in English and Hindi (and a version conflict shown
// plainly, with a reload), changing her consent with its date, and a possible earlier case shown on the
// registration result and linked; screenshots of each, and an axe audit of the case page's new panels.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  caseBody,
  duplicateIds,
  fillValidCase,
  launchBrowser,
  openAs,
  openTab,
  PHONE,
  seeExactText,
  seeFocused,
  seeText,
  seeValue,
  seeVisible,
  shot,
  switchLanguage,
  unlabelled,
} from './harness.ts';

const STAFF = 'staff.patna1';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A mobile number no other case of this run has. */
const uniquePhone = () => `97${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

async function newCase(over: Record<string, unknown> = {}) {
  const res = await api(STAFF, 'POST', '/cases', caseBody(over));
  expect(res.status).toBe(201);
  return res.body as { caseId: string; caseNumber: string };
}

/** Serious and critical axe violations inside `selector` (ids of the rules and of the nodes). */
async function axeProblems(page: Page, selector: string): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(
    (sel) =>
      (
        window as unknown as {
          axe: {
            run: (
              c: unknown,
            ) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }>;
          };
        }
      ).axe.run({ include: [sel] }),
    selector,
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('correcting her details', () => {
  it('corrects in English and in Hindi: prefilled, with the reason, the history naming the fields', async () => {
    // Prepare
    const c = await newCase();
    const { page, context } = await openTab(browser);
    await openAs(page, STAFF, `#/cases/${c.caseId}`);
    await switchLanguage(page, 'en');
    await seeText(page.locator('#page-title'), c.caseNumber);

    // Act (English): open the form, which holds what the case has; change phone and district, say why.
    await page.click('text=Edit her details');
    await seeValue(page.locator('#f-edit-survivor-phone'), '9812345678');
    // Nothing changed yet: the form says so without sending anything.
    await page.fill('#f-edit-reason', 'Checked with her');
    await page.click('#edit-submit');
    await seeText(page.locator('#edit-errors'), 'Nothing has changed');
    await page.fill('#f-edit-survivor-phone', '98765 43210');
    await page.fill('#f-edit-survivor-district', 'Gaya');
    await page.fill('#f-edit-reason', 'She gave a safe number; she lives in Gaya now');
    await shot(page, 'correction-form-en');
    await page.click('#edit-submit');

    // Assess
    await seeText(page.locator('#case-notice'), 'Her details are corrected.');
    await seeFocused(page.locator('#case-notice'));
    await seeText(page.locator('section[aria-labelledby=sec-survivor]'), '+919876543210');
    await seeText(page.locator('#history-list'), 'Details corrected · Changed: phone, district');
    await shot(page, 'correction-done-en');
    const read = await api(STAFF, 'GET', `/cases/${c.caseId}`);
    expect(read.body).toMatchObject({ version: 2, survivor: { phone: '+919876543210', district: 'Gaya' } });

    // Act (Hindi): the name, with the form's Hindi words.
    await switchLanguage(page, 'hi');
    await page.click('text=उसकी जानकारी बदलें');
    await seeValue(page.locator('#f-edit-survivor-phone'), '9876543210');
    await page.fill('#f-edit-survivor-name', 'सुनीता कुमारी');
    await page.fill('#f-edit-reason', 'नाम की वर्तनी ठीक की');
    await shot(page, 'correction-form-hi');
    await page.click('#edit-submit');
    await seeText(page.locator('#case-notice'), 'उसकी जानकारी सुधार दी गई।');
    await seeText(page.locator('#history-list'), 'जानकारी सुधारी गई · बदला: नाम');
    await shot(page, 'correction-done-hi');
    expect((await api(STAFF, 'GET', `/cases/${c.caseId}`)).body.survivor.name).toBe('सुनीता कुमारी');
    expect(await unlabelled(page)).toEqual([]);
    expect(await duplicateIds(page)).toEqual([]);
    await context.close();
  });

  it('says plainly when someone else changed the case meanwhile, keeps her typing, reloads on request', async () => {
    // Prepare: the page shows version 1; then a colleague corrects the address.
    const c = await newCase();
    const { page, context } = await openTab(browser, PHONE);
    await openAs(page, STAFF, `#/cases/${c.caseId}`);
    await switchLanguage(page, 'en');
    await page.click('text=Edit her details');
    await page.fill('#f-edit-survivor-age', '32');
    await page.fill('#f-edit-reason', 'Her card says 32');
    const colleague = await api(
      'admin.patna1',
      'PATCH',
      `/cases/${c.caseId}`,
      { survivor: { address: 'Shelter, ward 3' }, reason: 'Moved' },
      { 'if-match': '1' },
    );
    expect(colleague.status).toBe(200);

    // Act
    await page.click('#edit-submit');

    // Assess: nothing overwritten; the form says why and offers the reload; her typing is still there.
    await seeText(page.locator('#edit-notice'), 'Someone else saved a change to this case');
    await seeValue(page.locator('#f-edit-survivor-age'), '32');
    await shot(page, 'correction-conflict-en-phone');
    expect((await api(STAFF, 'GET', `/cases/${c.caseId}`)).body.survivor).toMatchObject({
      age: 31,
      address: 'Shelter, ward 3',
    });
    await page.click('#edit-remedy');
    await seeText(page.locator('#case-notice'), 'The case is shown as it is now');
    await seeFocused(page.locator('#case-notice'));
    await seeText(page.locator('section[aria-labelledby=sec-survivor]'), 'Shelter, ward 3');
    await context.close();
  });
});

describe('her consent', () => {
  it('records that she no longer agrees to calls, dated, and the follow-ups say not to phone', async () => {
    // Prepare: a resolved case whose woman agreed to calls at registration.
    const c = await newCase();
    await api(STAFF, 'POST', `/cases/${c.caseId}/status`, { status: 'IN_PROGRESS' });
    const staff = await api<Array<{ staffId: string; role: string; phone?: string }>>(
      STAFF,
      'GET',
      '/centres/osc-patna-1/staff',
    );
    const worker = staff.body.find((s) => s.role === 'CASE_WORKER' && s.phone)!;
    const resolved = await api(STAFF, 'POST', `/cases/${c.caseId}/resolve`, {
      outcome: 'Safe',
      followUpWorkerId: worker.staffId,
    });
    expect(resolved.status).toBe(200);
    const { page, context } = await openTab(browser);
    await openAs(page, STAFF, `#/cases/${c.caseId}`);
    await switchLanguage(page, 'en');
    await seeExactText(page.locator('#consent-contactByPhone-value'), 'She agrees');
    await seeText(page.locator('#consent-contactByPhone-since'), 'as recorded at registration');

    // Act
    await page.click('button[aria-label="Change: Contact by phone"]');
    await page.fill('#f-consent-contactByPhone-note', 'Her husband checks her phone');
    expect(await duplicateIds(page)).toEqual([]);
    expect(await unlabelled(page)).toEqual([]);
    await page.click('#consent-contactByPhone-submit');

    // Assess
    await seeText(page.locator('#case-notice'), 'Her consent is recorded');
    await seeExactText(page.locator('#consent-contactByPhone-value'), 'She does not agree');
    await seeText(page.locator('#consent-contactByPhone-since'), 'since ');
    await seeText(page.locator('#followups-no-phone'), 'meet her in person, do not phone her');
    await seeText(page.locator('#history-list'), 'Consent changed · Contact by phone: She does not agree');
    await shot(page, 'consent-en');
    const read = await api(STAFF, 'GET', `/cases/${c.caseId}`);
    expect(read.body.consent.contactByPhone).toBe(false);
    expect(read.body.consentChangedAt.contactByPhone).toMatch(/\+05:30$/);

    // Hindi: the same panel, and the way back.
    await switchLanguage(page, 'hi');
    await seeExactText(page.locator('#consent-contactByPhone-value'), 'वह सहमत नहीं है');
    await page.click('button[aria-label="बदलें: फ़ोन पर संपर्क"]');
    await page.click('#consent-contactByPhone-submit');
    await seeExactText(page.locator('#consent-contactByPhone-value'), 'वह सहमत है');
    expect((await api(STAFF, 'GET', `/cases/${c.caseId}`)).body.consent.contactByPhone).toBe(true);
    await shot(page, 'consent-hi');
    expect(await axeProblems(page, '#sec-consent')).toEqual([]);
    await context.close();
  });
});

describe('her earlier visits', () => {
  it('shows a possible earlier case on the registration result, links it, and the case lists it', async () => {
    // Prepare: she came last year, her name written in English.
    const phone = uniquePhone();
    const earlier = await newCase({
      survivor: { name: 'Shabnam Khatoon', age: 25, phone: `+91${phone}`, safeToContact: true },
    });
    const { page, context } = await openTab(browser);
    await openAs(page, STAFF, '#/cases/new');
    await switchLanguage(page, 'hi');

    // Act: she is registered again, her name written in Hindi, with the same phone.
    await fillValidCase(page, 'शबनम खातून');
    await page.fill('#f-survivor-age', '26');
    await page.fill('#f-survivor-phone', phone);
    await page.click('#register-submit');

    // Assess: the registration result offers the earlier case.
    await seeVisible(page.locator('#registered-case-number'));
    await seeText(page.locator('.similar-cases'), 'इसी महिला का संभावित पिछला मामला');
    await seeText(page.locator('.similar-cases'), earlier.caseNumber);
    await seeText(page.locator('.similar-cases'), 'फ़ोन नंबर, नाम और आयु');
    await shot(page, 'similar-on-register-hi');
    expect(await axeProblems(page, '.similar-cases')).toEqual([]);
    await page.click(`#link-${earlier.caseId}-submit`);
    await seeText(page.locator('.similar-cases .notice'), 'दोनों मामले जुड़ गए');
    await seeText(page.locator('.similar-cases'), 'जुड़ा हुआ');
    const newNumber = (await page.locator('#registered-case-number').textContent())?.trim();

    // The new case lists the earlier one, in English too.
    await switchLanguage(page, 'en');
    await page.click('text=Open the case');
    await seeText(page.locator('#linked-list'), earlier.caseNumber);
    await seeText(page.locator('section[aria-labelledby=sec-linked]'), 'Linked');
    await shot(page, 'similar-on-case-en');
    expect(await axeProblems(page, 'section[aria-labelledby=sec-linked]')).toEqual([]);
    const back = await api(STAFF, 'GET', `/cases/${earlier.caseId}`);
    expect(back.body.linkedCases.map((l: { caseNumber: string }) => l.caseNumber)).toEqual([newNumber]);
    await context.close();
  });
});

describe('where the women come from', () => {
  it('shows the home districts on the oversight page, largest first, in both languages', async () => {
    const { page, context } = await openTab(browser);
    await openAs(page, 'state.wcdc', '#/oversight');
    await switchLanguage(page, 'en');
    await seeText(page.locator('#home-districts'), 'Home district of the women registered');
    // Corrected to Gaya above; registered through the form without a district.
    await seeText(page.locator('#home-districts table'), 'Gaya');
    await seeText(page.locator('#home-districts table'), 'Not given');
    await seeText(page.locator('#home-districts table tbody tr:first-child'), 'Patna');
    await switchLanguage(page, 'hi');
    await seeText(page.locator('#home-districts'), 'दर्ज महिलाओं का गृह ज़िला');
    expect(await axeProblems(page, '#home-districts')).toEqual([]);
    await context.close();
  });
});

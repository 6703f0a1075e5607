// Onward referrals, the partner directory and transfers between centres in a real browser, in English and
// Hindi: a referral refused for want of her consent (the form says which) and sent once it is recorded; a
// status change; a partner added to the directory; a transfer asked for by one centre's administrator and
// accepted by another's, who never sees who the woman is until the case is hers.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type Route } from '#shared/core/routes.ts';
import {
  api,
  caseBody,
  duplicateIds,
  launchBrowser,
  openAs,
  openTab,
  pollUntil,
  seeText,
  seeVisible,
  seriousViolations,
  shot,
  switchLanguage,
  unlabelled,
} from './harness.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The consent route comes with another part of this round's casework; the form offers it when it is there. */
const hasConsentRoute = (ROUTES as readonly Route[]).some(
  (r) => r.method === 'POST' && r.path === '/cases/{caseId}/consent',
);

async function newCase(user = 'staff.patna1', over: Record<string, unknown> = {}) {
  const body = caseBody(over);
  const res = await api(user, 'POST', '/cases', body);
  expect(res.status).toBe(201);
  return { caseId: res.body.caseId as string, caseNumber: res.body.caseNumber as string, name: body.survivor.name };
}

/** Picks a partner of a kind in the referral form, once the district's directory has loaded. */
async function choosePartner(page: Page, kind: string): Promise<string> {
  await page.selectOption('#f-ref-kind', kind);
  const options = page.locator('#f-ref-partnerId option');
  await pollUntil(
    () => options.count(),
    (n) => (n ?? 0) > 1,
  );
  const value = await options.nth(1).getAttribute('value');
  expect(value).toBeTruthy();
  await page.selectOption('#f-ref-partnerId', value as string);
  return value as string;
}

describe('onward referrals on the case page', () => {
  for (const lang of ['en', 'hi'] as const) {
    it(`refuses a police referral without her consent and says which consent (${lang})`, async () => {
      // Prepare: she agreed to services, not to the police.
      const c = await newCase();
      const { page, context, problems } = await openTab(browser);
      await openAs(page, 'staff.patna1', `#/cases/${c.caseId}`);
      await switchLanguage(page, lang);
      await seeVisible(page.locator('#refer'));

      // Act
      await choosePartner(page, 'POLICE_STATION');
      await page.fill('#f-ref-purpose', 'FIR for the assault');
      await page.click('#refer-submit');

      // Assess: the refusal names the missing consent, in the chosen language; nothing was sent.
      const words = lang === 'en' ? 'to share her case with the police' : 'पुलिस के साथ साझा';
      await seeText(page.locator('#refer-notice'), words);
      if (hasConsentRoute) await seeVisible(page.locator('#record-consent'));
      else await seeVisible(page.locator('#consent-elsewhere a[href="#sec-consent"]'));
      expect((await api('staff.patna1', 'GET', `/cases/${c.caseId}/partner-referrals`)).body).toEqual([]);
      expect(await unlabelled(page)).toEqual([]);
      expect(await duplicateIds(page)).toEqual([]);
      await shot(page, `referral-refused-${lang}`);
      expect(await seriousViolations(page)).toEqual([]);
      expect(problems.filter((p) => !p.includes('409'))).toEqual([]);
      await context.close();
    });
  }

  it.runIf(hasConsentRoute)('sends the police referral once her consent is recorded on the form', async () => {
    // Prepare
    const c = await newCase();
    const { page, context } = await openTab(browser);
    await openAs(page, 'staff.patna1', `#/cases/${c.caseId}`);
    await switchLanguage(page, 'en');
    await choosePartner(page, 'POLICE_STATION');
    await page.click('#refer-submit');
    await seeVisible(page.locator('#record-consent'));

    // Act: she agrees; it is recorded; the referral goes.
    await page.check('#f-consent-shareWithPolice');
    await page.click('#record-consent-submit');
    await seeText(page.locator('#case-notice'), 'Her consent is recorded');
    await choosePartner(page, 'POLICE_STATION');
    await page.click('#refer-submit');

    // Assess
    await seeText(page.locator('#refer-notice'), 'The referral to');
    await seeVisible(page.locator('#referrals-list li'));
    const list = (await api('staff.patna1', 'GET', `/cases/${c.caseId}/partner-referrals`)).body;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ partnerKind: 'POLICE_STATION', basis: 'CONSENT', status: 'SENT' });
    await shot(page, 'referral-after-consent-en');
    await context.close();
  });

  it('sends a referral on her consent and records that the partner accepted it, in Hindi', async () => {
    // Prepare
    const c = await newCase();
    const { page, context } = await openTab(browser);
    await openAs(page, 'staff.patna1', `#/cases/${c.caseId}`);
    await switchLanguage(page, 'hi');

    // Act
    await choosePartner(page, 'SHELTER_HOME');
    await page.fill('#f-ref-purpose', 'Long stay');
    await page.click('#refer-submit');
    await seeText(page.locator('#refer-notice'), 'रेफ़रल भेज दिया गया');
    const item = page.locator('#referrals-list li').first();
    await seeText(item, 'भेजा गया');
    await item.locator('button', { hasText: 'स्थिति बदलें' }).click();
    await item.locator('input[value="ACCEPTED"]').check();
    await item.locator('button[type="submit"]').click();

    // Assess
    await seeText(page.locator('#case-notice'), 'स्वीकार');
    await seeText(page.locator('#referrals-list li').first(), 'स्वीकार');
    const list = (await api('staff.patna1', 'GET', `/cases/${c.caseId}/partner-referrals`)).body;
    expect(list[0]).toMatchObject({ partnerKind: 'SHELTER_HOME', status: 'ACCEPTED', purpose: 'Long stay' });
    await seeText(page.locator('#history-list'), 'रेफ़रल की स्थिति');
    await shot(page, 'referral-accepted-hi');
    await context.close();
  });
});

describe('the partner directory', () => {
  it('a centre administrator adds a partner to her district; staff of another district see it', async () => {
    // Prepare
    const { page, context } = await openTab(browser);
    await openAs(page, 'admin.patna1', '#/cases');
    await switchLanguage(page, 'en');
    await page.click('nav a[href="#/partners"]');
    await seeVisible(page.locator('#partner-list'));
    const name = `Nari Gunjan ${Date.now()}`;

    // Act
    await page.fill('#f-partner-name', name);
    await page.selectOption('#f-partner-kind', 'NGO');
    await page.fill('#f-partner-phone', '0612 2201977');
    await page.click('#add-partner-submit');

    // Assess
    await seeText(page.locator('#add-partner-notice'), `${name} is in the directory`);
    await seeText(page.locator('#partner-list'), name);
    expect(await unlabelled(page)).toEqual([]);
    await shot(page, 'partners-en');
    expect(await seriousViolations(page)).toEqual([]);
    await switchLanguage(page, 'hi');
    await seeText(page.locator('#page-title'), 'रेफ़रल सहयोगी संस्थाएँ');
    await shot(page, 'partners-hi');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
    const gaya = await openTab(browser);
    await openAs(gaya.page, 'staff.gaya1', '#/partners');
    await seeVisible(gaya.page.locator('#partner-list'));
    // Another district's directory can be read, not kept.
    await gaya.page.selectOption('#f-partners-district', 'Patna');
    await seeText(gaya.page.locator('#partner-list'), name);
    expect(await gaya.page.locator('#add-partner').count()).toBe(0);
    await gaya.context.close();
  });
});

describe('a transfer between centres', () => {
  for (const lang of ['en', 'hi'] as const) {
    it(`is asked for by one administrator and accepted by another (${lang})`, async () => {
      // Prepare
      const c = await newCase();
      const sender = await openTab(browser);
      await openAs(sender.page, 'admin.patna1', `#/cases/${c.caseId}`);
      await switchLanguage(sender.page, lang);
      await seeVisible(sender.page.locator('#transfer'));

      // Act: Patna asks.
      await sender.page.selectOption('#f-tr-toCentreId', 'osc-gaya-1');
      await sender.page.fill('#f-tr-reason', 'She moved to her parents in Gaya');
      await sender.page.click('#transfer-submit');
      await seeVisible(sender.page.locator('#transfer-pending'));
      await shot(sender.page, `transfer-pending-${lang}`);
      expect(await seriousViolations(sender.page)).toEqual([]);

      // Gaya's administrator answers from her inbox.
      const receiver = await openTab(browser);
      await openAs(receiver.page, 'admin.gaya1', '#/cases');
      await switchLanguage(receiver.page, lang);
      await receiver.page.click('nav a[href="#/transfers"]');
      const row = receiver.page.locator('#incoming-table tr', { hasText: c.caseNumber });
      await seeVisible(row);
      // The inbox says nothing about who she is.
      expect(await receiver.page.locator('main').textContent()).not.toContain(c.name);
      await shot(receiver.page, `transfers-inbox-${lang}`);
      expect(await seriousViolations(receiver.page)).toEqual([]);
      await row.locator('button[data-accept]').click();
      await seeVisible(receiver.page.locator('#accept-transfer'));
      expect(await unlabelled(receiver.page)).toEqual([]);
      await receiver.page.click('#accept-transfer-submit');

      // Assess: accepted; the case opens at Gaya with its number; Patna no longer sees it.
      await seeText(receiver.page.locator('#transfers-notice-text'), c.caseNumber);
      await receiver.page.click('#transferred-case a');
      await seeText(receiver.page.locator('#page-title'), c.caseNumber);
      await seeText(receiver.page.locator('main'), c.name);
      await shot(receiver.page, `transfer-accepted-case-${lang}`);
      const old = await api('admin.patna1', 'GET', `/cases/${c.caseId}`);
      expect(old.status).toBe(404);
      const now = await api('staff.gaya1', 'GET', `/cases/${c.caseId}`);
      expect(now.body).toMatchObject({ centreId: 'osc-gaya-1', caseNumber: c.caseNumber });
      await sender.page.reload();
      await seeVisible(sender.page.locator('#case-not-found'));
      await sender.context.close();
      await receiver.context.close();
    });
  }
});

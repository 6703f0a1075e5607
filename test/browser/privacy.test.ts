// Privacy in the form: a shared computer locks after the idle time (a short one here, served as the form's
// config.json) with a warning first, shows nothing of the case while locked, keeps the draft for the same
// user, and signs out (dropping the draft) after the time after that; in English and Hindi. The idle time
// passes on the page's own clock (Playwright's), moved on by the test: no test waits for real seconds. The
// case's access log for its administrator, and the state's "what else did she read", with screenshots.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  baseUrl,
  caseBody,
  launchBrowser,
  openAs,
  openTab,
  seeCount,
  seeText,
  seeValue,
  seeVisible,
  shot,
  signIn,
  switchLanguage,
} from './harness.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The form's config with short idle times, as the stage's config.json would give long ones. */
async function shortIdle(page: Page, lockAfterSeconds: number, signOutAfterSeconds: number) {
  await page.route('**/config.json', (route) =>
    route.fulfill({ json: { mode: 'local', lockAfterSeconds, signOutAfterSeconds } }),
  );
}

/** Waits (without a fixed sleep) until the selector is on the page, up to `ms`. */
const waitFor = (page: Page, selector: string, ms = 30_000) =>
  page.locator(selector).first().waitFor({ state: 'visible', timeout: ms });

describe('a shared computer', () => {
  it('warns, locks with nothing of the case in the page, unlocks for the same user with the draft kept', async () => {
    // Prepare: 60 s to the lock (warning for the last 20), then 60 s to sign-out. The page's clock also runs
    // in real time, so each jump leaves real seconds to spare before the next step could come by itself.
    const { page, context } = await openTab(browser);
    await page.clock.install();
    await shortIdle(page, 60, 60);
    await openAs(page, 'staff.patna1', '#/cases/new');
    await switchLanguage(page, 'en');
    const name = `Lockname ${Date.now()}`;
    await page.fill('#f-survivor-name', name);

    // Act: no input for 45 s. The warning comes first, with a countdown and words for screen readers.
    await page.clock.fastForward(45_000);
    await waitFor(page, '#idle-warning');
    await seeText(page.locator('#idle-warning'), 'It locks in');
    await seeText(page.locator('#idle-announcer'), 'This screen locks in');
    await shot(page, 'privacy-lock-warning-en', { fullPage: false });
    await page.clock.fastForward(15_000);
    await waitFor(page, '#lock-screen');

    // Assess: the screen is gone from the page, not covered: no field, no name, no navigation.
    await seeText(page.locator('#page-title'), 'Screen locked');
    await seeText(page.locator('#idle-announcer'), 'Screen locked');
    const html = await page.content();
    expect(html).not.toContain(name);
    expect(await page.locator('#f-survivor-name').count()).toBe(0);
    expect(await page.locator('nav').count()).toBe(0);
    await seeText(page.locator('#lock-screen'), 'is kept in this tab');
    await shot(page, 'privacy-locked-en', { fullPage: false });

    // Unlock as herself: the screen and the draft are back.
    await page.click('#unlock');
    await waitFor(page, '#f-survivor-name');
    await seeValue(page.locator('#f-survivor-name'), name);

    // Left again, past the lock and the time after it: signed out, and the draft is gone.
    await page.clock.fastForward(60_500);
    await waitFor(page, '#lock-screen');
    await page.clock.fastForward(60_500);
    await waitFor(page, '.user-list');
    await seeText(page.locator('main'), 'not used');
    await signIn(page, 'staff.patna1');
    await page.goto(`${baseUrl()}/#/cases/new`);
    await seeValue(page.locator('#f-survivor-name'), '');
    await context.close();
  });

  it('says it in Hindi, and any input before the lock keeps the screen', async () => {
    const { page, context } = await openTab(browser);
    await page.clock.install();
    await shortIdle(page, 60, 600);
    await openAs(page, 'admin.patna1', '#/cases');
    await switchLanguage(page, 'hi');
    await page.clock.fastForward(45_000);
    await waitFor(page, '#idle-warning');
    await seeText(page.locator('#idle-warning'), 'लॉक हो जाएगी');
    await shot(page, 'privacy-lock-warning-hi', { fullPage: false });
    // "Keep working" (any key would do the same): the warning goes, the list stays.
    await page.click('#idle-keep');
    await seeCount(page.locator('#idle-warning'), 0);
    await seeVisible(page.locator('nav'));
    // Past the time the screen would have locked without that input: still there.
    await page.clock.fastForward(45_000);
    await seeVisible(page.locator('nav'));
    await seeCount(page.locator('#lock-screen'), 0);
    await page.clock.fastForward(16_000);
    await waitFor(page, '#lock-screen');
    await seeText(page.locator('#page-title'), 'स्क्रीन लॉक है');
    await seeText(page.locator('#unlock'), 'मैं admin.patna1 हूँ');
    await shot(page, 'privacy-locked-hi', { fullPage: false });
    await context.close();
  });
});

describe('the access log', () => {
  it("shows the case's readers to its administrator, and the state what else a reader read", async () => {
    // Prepare: a case read by a case worker.
    const created = await api('staff.patna1', 'POST', '/cases', caseBody({ notice: { language: 'en' } }));
    const { caseId, caseNumber } = created.body;
    await api('staff.patna1', 'GET', `/cases/${caseId}`);
    const { page, context } = await openTab(browser);

    // Act: the administrator opens the case and asks who read it.
    await openAs(page, 'admin.patna1', `#/cases/${caseId}`);
    await switchLanguage(page, 'en');
    await page.click('#access-log-show');

    // Assess
    await waitFor(page, '#access-log table');
    await seeText(page.locator('#access-log tbody'), 'staff.patna1');
    await seeText(page.locator('#access-log tbody'), 'Opened the case');
    await seeText(page.locator('#legal-hold-status'), 'Not on legal hold');
    await page.locator('#sec-privacy').scrollIntoViewIfNeeded();
    await shot(page, 'privacy-access-log-en');
    await switchLanguage(page, 'hi');
    await seeText(page.locator('#access-log tbody'), 'मामला खोला');
    await shot(page, 'privacy-access-log-hi');
    await context.close();

    // The state follows a reader to what else she read, with the case numbers.
    const tab = await openTab(browser);
    await openAs(tab.page, 'state.wcdc', `#/cases/${caseId}`);
    await switchLanguage(tab.page, 'en');
    await tab.page.click('#access-log-show');
    await tab.page.locator('#access-log a', { hasText: 'staff.patna1' }).first().click();
    await waitFor(tab.page, '#access-reads table');
    await seeText(tab.page.locator('#page-title'), 'What did one user read?');
    await seeText(tab.page.locator('#access-reads tbody'), caseNumber);
    await shot(tab.page, 'privacy-access-query-en');
    await tab.context.close();
  });
});

// Unlocking a locked screen in AWS: the worker signs in again in a pop-up (Cognito managed login with
// prompt=login), against the same page.route stand-in for the Cognito domain as cognito.test.ts; the form
// itself never reloads, so the draft typed before the lock is still there, and only the same user unlocks it.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser, seeText, seeValue, seeVisible } from './harness.ts';

const DOMAIN = 'https://sakhi-test.auth.ap-south-1.amazoncognito.com';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const tokenOf = async (username: string) =>
  (
    (await (
      await fetch(`${baseUrl()}/_local/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username }),
      })
    ).json()) as { token: string }
  ).token;

/** The Cognito stand-in for the whole context (the pop-up too): each sign-in answers with the next user's token. */
async function cognito(context: BrowserContext, users: string[], seen: URLSearchParams[]) {
  const redirectUri = `${baseUrl()}/`;
  await context.route('**/config.json', (route) =>
    route.fulfill({
      json: { apiUrl: baseUrl(), cognitoDomain: DOMAIN, clientId: 'c', redirectUri, lockAfterSeconds: 60 },
    }),
  );
  const tokens = await Promise.all(users.map(tokenOf));
  await context.route(`${DOMAIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type' };
    if (url.pathname === '/oauth2/authorize') {
      seen.push(url.searchParams);
      const state = encodeURIComponent(url.searchParams.get('state') ?? '');
      const back = `${redirectUri}?code=code-${seen.length}&state=${state}`;
      return route.fulfill({ status: 302, headers: { location: back } });
    }
    if (url.pathname === '/oauth2/token') {
      if (route.request().method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
      const code = new URLSearchParams(route.request().postData() ?? '').get('code') ?? '';
      const token = tokens[Number(code.replace('code-', '')) - 1];
      return route.fulfill({ headers: cors, json: { id_token: token, refresh_token: 'r', token_type: 'Bearer' } });
    }
    if (url.pathname === '/logout') return route.fulfill({ contentType: 'text/html', body: '<p>signed out</p>' });
    return route.fulfill({ status: 404, body: '' });
  });
}

describe('unlocking in AWS', () => {
  it('asks the same user to sign in again in a pop-up and keeps the draft; another user ends it', async () => {
    // Prepare: signed in through the stand-in, a name typed, then no input until the screen locks.
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, bypassCSP: true });
    // The idle time passes on the pages' own clock, moved on by the test, not in real seconds.
    await context.clock.install();
    const seen: URLSearchParams[] = [];
    await cognito(context, ['staff.gaya1', 'staff.gaya1', 'admin.gaya1'], seen);
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/`);
    await page.locator('main button').click();
    await seeVisible(page.locator('#signed-in-as'));
    await page.goto(`${baseUrl()}/#/cases/new`);
    const name = `Popup ${Date.now()}`;
    await page.fill('#f-survivor-name', name);
    await context.clock.fastForward(60_500);
    await page.locator('#lock-screen').waitFor({ timeout: 30_000 });

    // Act: unlock; the pop-up goes to the login page and back, and closes.
    const popup = context.waitForEvent('page');
    await page.click('#unlock');
    await (await popup).waitForEvent('close', { timeout: 20_000 });

    // Assess: a fresh login was asked for (prompt=login), and the draft is back on the unlocked screen.
    expect(seen[1].get('prompt')).toBe('login');
    expect(seen[1].get('state')).toMatch(/^reauth\./);
    await page.locator('#f-survivor-name').waitFor({ timeout: 20_000 });
    await seeValue(page.locator('#f-survivor-name'), name);

    // Someone else signs in at the pop-up: the locked session ends (through Cognito's sign-out), its draft with it.
    await context.clock.fastForward(60_500);
    await page.locator('#lock-screen').waitFor({ timeout: 30_000 });
    const other = context.waitForEvent('page');
    await page.click('#unlock');
    await (await other).waitForEvent('close', { timeout: 20_000 });
    await page.waitForURL(`${DOMAIN}/logout**`, { timeout: 20_000 });
    await seeText(page.locator('body'), 'signed out');
    await context.close();
  });
});

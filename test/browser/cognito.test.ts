// The AWS sign-in (Cognito managed login, authorization code + PKCE) against a stand-in for the Cognito
// domain made of page.route handlers. The stand-in checks what Cognito would check (the S256 challenge against
// the verifier, the state, the redirect URI) and answers with an ID token of the local runtime, so the API
// calls after sign-in are real.
import { createHash } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser, seeText, seeVisible } from './harness.ts';

const DOMAIN = 'https://sakhi-test.auth.ap-south-1.amazoncognito.com';
const CLIENT_ID = 'test-client-id';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const b64url = (buf: Buffer) => buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('Cognito sign-in', () => {
  it('signs in with the code and PKCE, keeps no refresh token or verifier, and signs out through Cognito', async () => {
    // Prepare: config.json names the Cognito domain; the stand-in plays the managed login and token endpoint.
    // bypassCSP: the local runtime's CSP allows connect-src 'self' only; in AWS the CDN's CSP names the domain.
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, bypassCSP: true });
    const page = await context.newPage();
    const redirectUri = `${baseUrl()}/`;
    await page.route('**/config.json', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ apiUrl: baseUrl(), cognitoDomain: DOMAIN, clientId: CLIENT_ID, redirectUri }),
      }),
    );
    const seen: { authorize?: URLSearchParams; token?: URLSearchParams; logout?: URLSearchParams } = {};
    const idToken = (
      (await (
        await fetch(`${baseUrl()}/_local/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin.gaya1' }),
        })
      ).json()) as { token: string }
    ).token;
    await page.route(`${DOMAIN}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/oauth2/authorize') {
        seen.authorize = url.searchParams;
        const back = `${redirectUri}?code=the-code&state=${encodeURIComponent(url.searchParams.get('state') ?? '')}`;
        return route.fulfill({ status: 302, headers: { location: back } });
      }
      if (url.pathname === '/oauth2/token') {
        if (route.request().method() === 'OPTIONS') {
          return route.fulfill({
            status: 204,
            headers: {
              'access-control-allow-origin': '*',
              'access-control-allow-headers': 'content-type',
              'access-control-allow-methods': 'POST',
            },
          });
        }
        seen.token = new URLSearchParams(route.request().postData() ?? '');
        const verifier = seen.token.get('code_verifier') ?? '';
        const ok = b64url(createHash('sha256').update(verifier).digest()) === seen.authorize?.get('code_challenge');
        return route.fulfill({
          status: ok ? 200 : 400,
          contentType: 'application/json',
          headers: { 'access-control-allow-origin': '*' },
          body: JSON.stringify(
            ok
              ? {
                  id_token: idToken,
                  access_token: 'opaque-access',
                  refresh_token: 'the-refresh-token',
                  expires_in: 3600,
                  token_type: 'Bearer',
                }
              : { error: 'invalid_grant' },
          ),
        });
      }
      if (url.pathname === '/logout') {
        seen.logout = url.searchParams;
        return route.fulfill({ contentType: 'text/html', body: '<p>signed out</p>' });
      }
      return route.fulfill({ status: 404, body: '' });
    });

    // Act
    await page.goto(`${baseUrl()}/`);
    await page.locator('main button').click();
    await seeVisible(page.locator('#signed-in-as'));

    // Assess: the code flow with S256 PKCE, a state, and the configured redirect.
    expect(seen.authorize?.get('response_type')).toBe('code');
    expect(seen.authorize?.get('client_id')).toBe(CLIENT_ID);
    expect(seen.authorize?.get('redirect_uri')).toBe(redirectUri);
    expect(seen.authorize?.get('code_challenge_method')).toBe('S256');
    expect(seen.authorize?.get('scope')).toContain('openid');
    expect(seen.token?.get('grant_type')).toBe('authorization_code');
    expect(seen.token?.get('code')).toBe('the-code');
    // What the form had to keep for the round trip to the login page: the verifier (its challenge checked out
    // above, or there would be no token) and the state.
    const verifier = seen.token?.get('code_verifier') ?? '';
    const state = seen.authorize?.get('state') ?? '';
    expect(verifier.length).toBeGreaterThanOrEqual(43);
    expect(state.length).toBeGreaterThanOrEqual(16);
    await seeText(page.locator('#signed-in-as'), 'admin.gaya1');
    // The code has left the address bar; the refresh token, the verifier and the state are kept nowhere.
    expect(page.url()).not.toContain('code=');
    const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
    expect(stored).not.toContain('the-refresh-token');
    expect(stored).not.toContain(verifier);
    expect(stored).not.toContain(state);
    // The API answers with the ID token as the bearer.
    await seeVisible(page.locator('#cases-count .notice'));

    // Act: sign out.
    await page.click('#sign-out');
    await page.waitForURL(`${DOMAIN}/logout**`);

    // Assess
    expect(seen.logout?.get('client_id')).toBe(CLIENT_ID);
    expect(seen.logout?.get('logout_uri')).toBe(redirectUri);
    await context.close();
  });
});

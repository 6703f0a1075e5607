// What holds for the whole form: first-load size, how it is served (compressed, cached as CloudFront does),
// the case list asked for once and early, the strict CSP, the remembered language, labels on every control,
// and keyboard use with a visible focus.
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrl,
  duplicateIds,
  launchBrowser,
  openAs,
  openTab,
  PHONE,
  seeExactText,
  seeFocused,
  seeVisible,
  signIn,
  switchLanguage,
  unlabelled,
} from './harness.ts';

const LIMIT = 150 * 1024;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the form as a whole', () => {
  it('loads at most 150 KB of JS and CSS, gzip-compressed, with no inline script or style', async () => {
    // Prepare
    const { page, context, problems } = await openTab(browser);
    const loaded: string[] = [];
    page.on('response', (r) => {
      const type = r.headers()['content-type'] ?? '';
      if (/javascript|css/.test(type)) loaded.push(r.url());
    });

    // Act
    await page.goto(`${baseUrl()}/`);
    await seeVisible(page.locator('.user-list'));

    // Assess: what the browser loaded (the app, its styles, and the boot script that asks for the case list
    // early), compressed as a server or CDN would send it.
    expect(loaded.map((u) => new URL(u).pathname).sort()).toEqual(['/app.css', '/app.js', '/boot.js']);
    let total = 0;
    for (const url of loaded) {
      const body = Buffer.from(await (await fetch(url)).arrayBuffer());
      total += gzipSync(body, { level: 9 }).length;
    }
    console.log(
      `first load: ${(total / 1024).toFixed(1)} KB gzip (${loaded.map((u) => new URL(u).pathname).join(', ')})`,
    );
    expect(total).toBeLessThanOrEqual(LIMIT);

    // No inline code, so the CSP without 'unsafe-inline' holds (and the browser reported no violation).
    const html = await (await fetch(`${baseUrl()}/`)).text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(html).toMatch(/app\.js\?v=[\w-]{8,}/);
    expect(await page.locator('[style]').count()).toBe(0);
    expect(problems.filter((p) => /Content Security Policy/i.test(p))).toEqual([]);
    await context.close();
  });

  it('is served as CloudFront serves it: brotli or gzip, immutable assets, the page revalidated by ETag', async () => {
    // Act: the page and its code, as a browser that takes brotli, one that takes gzip only, and a revalidation.
    const page = await fetch(`${baseUrl()}/`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    const html = await page.text();
    const app = /src="(app\.js\?v=[\w-]+)"/.exec(html)?.[1];
    const br = await fetch(`${baseUrl()}/${app}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    const gz = await fetch(`${baseUrl()}/${app}`, { headers: { 'accept-encoding': 'gzip' } });
    const again = await fetch(`${baseUrl()}/`, {
      headers: { 'accept-encoding': 'gzip, deflate, br', 'if-none-match': page.headers.get('etag') ?? '' },
    });

    // Assess
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(again.status).toBe(304);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(await br.text()).toBe(await gz.text());
  });

  it('asks for the case list once, from the boot script while the code is still loading, and shows it', async () => {
    // Prepare: a signed-in tab; the DevTools protocol says which script made each request.
    const { page, context } = await openTab(browser);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const lists: string[] = [];
    cdp.on('Network.requestWillBeSent', (e) => {
      if (new URL(e.request.url).pathname !== '/cases') return;
      const frames = e.initiator.stack?.callFrames ?? [];
      lists.push(`${e.request.method} ${new URL(frames[0]?.url ?? 'http://x/?').pathname}`);
    });

    // Act
    await openAs(page, 'staff.patna1', '#/cases');
    await seeVisible(page.locator('#cases-count'));

    // Assess: one GET, made by boot.js, its answer shown; coming back to the list later asks again (app.js).
    expect(lists).toEqual(['GET /boot.js']);
    await page.click('a[href="#/cases/new"]');
    await page.click('a[href="#/cases"]');
    await seeVisible(page.locator('#cases-count'));
    expect(lists).toEqual(['GET /boot.js', 'GET /app.js']);
    await context.close();
  });

  it('remembers the language across reloads, keeping only that in localStorage', async () => {
    // Prepare
    const { page, context } = await openTab(browser);
    await page.goto(`${baseUrl()}/`);
    await switchLanguage(page, 'hi');

    // Act
    await page.reload();

    // Assess
    await seeExactText(page.locator('h1'), 'साइन इन');
    expect(await page.getAttribute('html', 'lang')).toBe('hi');
    expect(await page.evaluate(() => ({ ...localStorage }))).toEqual({ 'osc.lang': 'hi' });
    await switchLanguage(page, 'en');
    await page.reload();
    await seeExactText(page.locator('h1'), 'Sign in');
    await context.close();
  });

  it('labels every control and uses each id once, on every screen, in both languages', async () => {
    const { page, context } = await openTab(browser, PHONE);
    await signIn(page, 'staff.patna1');
    for (const lang of ['en', 'hi'] as const) {
      await switchLanguage(page, lang);
      for (const route of ['#/cases', '#/cases/new']) {
        await page.goto(`${baseUrl()}/${route}`);
        await seeVisible(page.locator('main form'));
        expect(await unlabelled(page), `${lang} ${route}`).toEqual([]);
        expect(await duplicateIds(page), `${lang} ${route}`).toEqual([]);
      }
      const first = page.locator('.cases-table tbody th a').first();
      await page.goto(`${baseUrl()}/#/cases`);
      if (await first.count()) {
        await first.click();
        await seeVisible(page.locator('#case-status'));
        expect(await unlabelled(page)).toEqual([]);
        expect(await duplicateIds(page)).toEqual([]);
      }
    }
    await context.close();
  });

  it('works from the keyboard alone, with a visible focus on every stop', async () => {
    // Prepare
    const { page, context } = await openTab(browser);
    await page.goto(`${baseUrl()}/`);
    await switchLanguage(page, 'en');
    // The page renders after it has read its config: wait for it (and the users), or the first Tab is lost.
    await page.locator('.user-list button').first().waitFor();

    // Act: the skip link comes first; Enter on a user signs in.
    await page.keyboard.press('Tab');
    await seeFocused(page.locator('.skip-link'));
    for (let i = 0; i < 2; i++) await page.keyboard.press('Tab'); // the language switch, then the first user
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('staff.patna1');
    await page.keyboard.press('Enter');
    await seeVisible(page.locator('#signed-in-as'));
    await page.goto(`${baseUrl()}/#/cases/new`);
    await seeVisible(page.locator('#f-survivor-name'));

    // Walk the register form with Tab: every control is reached, and each shows a focus ring.
    const controls = await page.evaluate(() =>
      [...document.querySelectorAll('main input, main select, main textarea, main button')].map(
        (e) => e.id || (e as HTMLInputElement).name,
      ),
    );
    await page.focus('#f-survivor-name');
    const reached = new Set<string>();
    const noRing: string[] = [];
    for (let i = 0; i < 80; i++) {
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const s = getComputedStyle(el);
        return {
          inMain: !!el.closest('main'),
          id: el.id || (el as HTMLInputElement).name,
          ring: s.outlineStyle !== 'none' || s.boxShadow !== 'none',
        };
      });
      if (!info.inMain) break;
      reached.add(info.id);
      if (!info.ring) noRing.push(info.id);
      await page.keyboard.press('Tab');
    }
    // Radios are one tab stop: each group (risk, the notice's language) is reached through its first option.
    const expected = controls.filter((id) => !/^f-(riskLevel|notice-language)-/.test(id) && id !== '');
    expect(expected.filter((id) => !reached.has(id))).toEqual([]);
    expect(noRing).toEqual([]);

    // Space and arrow keys work the choices; Enter in a text field submits the form.
    await page.focus('#f-incident-categories');
    await page.keyboard.press('Space');
    expect(await page.isChecked('#f-incident-categories')).toBe(true);
    await page.focus('#f-riskLevel');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    expect(await page.isChecked('#f-riskLevel-MEDIUM')).toBe(true);
    await page.focus('#f-survivor-age');
    await page.keyboard.press('Enter');
    await seeFocused(page.locator('#register-errors'));
    await context.close();
  });
});

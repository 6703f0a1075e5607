// Shared by the browser tests: Debian's Chromium driven by playwright-core, sign-in through the form itself,
// a small API client (to check what the server holds), and screenshots under test-output/screenshots.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export { CHROMIUM, launchBrowser } from './launch.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const SHOTS = join(ROOT, 'test-output', 'screenshots');

export const baseUrl = () => inject('baseUrl');

export interface Tab {
  context: BrowserContext;
  page: Page;
  /** Console errors and CSP reports seen so far. */
  problems: string[];
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 360, height: 760 };

/** A fresh context (no storage shared with other tabs), in a time zone far from India on purpose. */
export async function openTab(browser: Browser, viewport = DESKTOP): Promise<Tab> {
  const context = await browser.newContext({ viewport, locale: 'en-US', timezoneId: 'America/New_York' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(err.message));
  return { context, page, problems };
}

export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${baseUrl()}/#/cases`);
  const button = page
    .locator('.user-list button')
    .filter({ has: page.locator('.user-name', { hasText: new RegExp(`^${username.replace(/\./g, '\\.')}$`) }) });
  await button.click();
  await page.locator('#signed-in-as').waitFor();
}

/**
 * Opens a screen already signed in: the user's token is put where the form keeps this tab's session
 * (sessionStorage), as a sign-in through the page would leave it. Quicker than the sign-in page when that
 * page is not what the test is about.
 */
export async function openAs(page: Page, username: string, hash: string): Promise<void> {
  const token = await tokenFor(username);
  await page.addInitScript((t) => sessionStorage.setItem('osc.session', t), token);
  await page.goto(`${baseUrl()}/${hash}`);
  await page.locator('#signed-in-as').waitFor();
}

export async function switchLanguage(page: Page, to: 'hi' | 'en'): Promise<void> {
  if ((await page.getAttribute('html', 'lang')) !== to) await page.click('#language-switch');
  await page.waitForFunction((l) => document.documentElement.lang === l, to);
}

export async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: opts.fullPage ?? true });
}

/** A screenshot of one element (a chart, a form): quicker than the whole of a long page. */
export async function shotOf(l: Locator, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await l.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Every input, select and textarea without a label the accessibility tree can use. */
export function unlabelled(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')]
      .filter((el) => {
        const e = el as HTMLInputElement;
        return !(e.labels?.length && [...e.labels].some((l) => l.textContent?.trim())) && !e.getAttribute('aria-label');
      })
      .map((el) => el.id || el.outerHTML.slice(0, 80)),
  );
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical findings on the page as it is now, or within one element of it (rule id and
 * the first element's selector).
 */
export async function seriousViolations(page: Page, within?: string): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') rightly refuses a script tag.
  await page.evaluate(AXE);
  return page.evaluate(async (context) => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: object) => Promise<{ violations: any[] }> } }).axe;
    const { violations } = await axe.run(context ?? document, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes[0]?.target?.join(' ')}`);
  }, within);
}

/** ids used more than once (they would break label and aria-describedby links). */
export function duplicateIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
}

/** The visible text of a table's header cells (sort marks left out) and of its body rows. */
export async function tableText(page: Page, selector: string): Promise<{ head: string[]; rows: string[][] }> {
  return page.$eval(selector, (table) => {
    const text = (el: Element) => {
      const copy = el.cloneNode(true) as Element;
      for (const x of copy.querySelectorAll('[aria-hidden="true"]')) x.remove();
      return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
    };
    return {
      head: [...table.querySelectorAll('thead th')].map(text),
      rows: [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map(text)),
    };
  });
}

// ---- API, to check what the server holds -----------------------------------------------------------------

const tokens = new Map<string, string>();

async function tokenFor(username: string): Promise<string> {
  let tk = tokens.get(username);
  if (!tk) {
    const res = await fetch(`${baseUrl()}/_local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username }),
    });
    if (res.status !== 200) throw new Error(`no token for ${username}: ${res.status}`);
    tk = ((await res.json()) as { token: string }).token;
    tokens.set(username, tk);
  }
  return tk;
}

export async function api<T = any>(
  user: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await tokenFor(user)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Every case number the user can list. */
export async function caseNumbers(user: string): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const res = await api<{ items: Array<{ caseNumber: string }>; nextCursor?: string }>(
      user,
      'GET',
      `/cases?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    if (res.status !== 200) throw new Error(`list failed: ${res.status}`);
    out.push(...res.body.items.map((c) => c.caseNumber));
    cursor = res.body.nextCursor;
  } while (cursor);
  return out;
}

let n = 0;
/** A valid case for the API; names are unique so a test can look for them on a page. */
export function caseBody(over: Record<string, unknown> = {}) {
  n++;
  return {
    survivor: {
      name: `Browser Survivor ${n} ${Date.now()}`,
      age: 31,
      phone: '+919812345678',
      safeToContact: true,
      district: 'Patna',
      address: `House ${n}, Hidden Lane`,
    },
    incident: {
      categories: ['DOMESTIC_VIOLENCE'],
      date: '2026-11-20',
      perpetratorRelationship: 'HUSBAND',
      description: `Story ${n}`,
    },
    referral: { source: 'SELF' },
    servicesNeeded: ['SHELTER'],
    consent: { services: true, shareWithPolice: false, contactByPhone: true },
    riskLevel: 'LOW',
    ...over,
  };
}

/** Fills the register form with a valid case through the page, as a worker would. */
export async function fillValidCase(page: Page, name: string): Promise<void> {
  await page.fill('#f-survivor-name', name);
  await page.fill('#f-survivor-age', '27');
  await page.fill('#f-survivor-phone', '98123 45678');
  await page.check('#f-survivor-safeToContact');
  await page.check('#f-incident-categories-DOMESTIC_VIOLENCE');
  await page.check('#f-incident-categories-DOWRY');
  await page.fill('#f-incident-date', '20/11/2026');
  await page.selectOption('#f-incident-perpetratorRelationship', 'HUSBAND');
  await page.selectOption('#f-referral-source', 'HELPLINE_181');
  await page.fill('#f-referral-reference', '181-2026-4411');
  await page.check('#f-servicesNeeded');
  await page.check('#f-servicesNeeded-COUNSELLING');
  await page.check('#f-consent-services');
  // The privacy notice, given in Hindi (the first choice).
  await page.check('#f-notice-language');
  await page.check('#f-riskLevel-MEDIUM');
}

// ---- waiting assertions (playwright-core has no web-first `expect`; these poll, then assert with vitest) ----

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until `ok` holds or `ms` pass; returns the last value (errors count as undefined). */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  ok: (v: T | undefined) => boolean,
  ms = 5000,
): Promise<T | undefined> {
  const end = Date.now() + ms;
  for (;;) {
    let v: T | undefined;
    try {
      v = await probe();
    } catch {
      v = undefined;
    }
    if (ok(v) || Date.now() > end) return v;
    await sleep(50);
  }
}

const quick = { timeout: 500 };

export async function seeText(l: Locator, text: string): Promise<void> {
  const v = await pollUntil(
    () => l.first().textContent(quick),
    (t) => !!t?.includes(text),
  );
  expect(v ?? '(no element)').toContain(text);
}

export async function seeExactText(l: Locator, text: string): Promise<void> {
  const v = await pollUntil(
    () => l.first().textContent(quick),
    (t) => t?.trim() === text,
  );
  expect(v?.trim() ?? '(no element)').toBe(text);
}

export async function seeValue(l: Locator, value: string): Promise<void> {
  const v = await pollUntil(
    () => l.inputValue(quick),
    (x) => x === value,
  );
  expect(v).toBe(value);
}

export async function seeFocused(l: Locator): Promise<void> {
  const v = await pollUntil(
    () => l.evaluate((el) => el === document.activeElement, undefined, quick),
    (x) => x === true,
  );
  expect(v, 'focused').toBe(true);
}

export async function seeChecked(l: Locator): Promise<void> {
  const v = await pollUntil(
    () => l.isChecked(quick),
    (x) => x === true,
  );
  expect(v, 'checked').toBe(true);
}

export async function seeAttr(l: Locator, name: string, value: string): Promise<void> {
  const v = await pollUntil(
    () => l.getAttribute(name, quick),
    (x) => x === value,
  );
  expect(v).toBe(value);
}

export async function seeCount(l: Locator, count: number): Promise<void> {
  const v = await pollUntil(
    () => l.count(),
    (x) => x === count,
  );
  expect(v).toBe(count);
}

export async function seeVisible(l: Locator): Promise<void> {
  const v = await pollUntil(
    () => l.first().isVisible(),
    (x) => x === true,
  );
  expect(v, 'visible').toBe(true);
}

/** Polls until the first element's attribute is absent (or `null`). */
export async function seeNoAttr(l: Locator, name: string): Promise<void> {
  const v = await pollUntil(
    () => l.getAttribute(name, quick),
    (x) => x === null,
  );
  expect(v).toBeNull();
}

// Case documents in a real browser: the centre's worker adds a PDF (kind, file, progress, the checker's
// verdict) and downloads it again, in English and in Hindi, straight to and from the local S3 stand-in under
// the page's CSP; a file of the wrong type is refused before anything is sent; oversight sees no documents.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  caseBody,
  duplicateIds,
  launchBrowser,
  openAs,
  openTab,
  PHONE,
  seeCount,
  seeText,
  seeVisible,
  seriousViolations,
  shot,
  shotOf,
  switchLanguage,
  unlabelled,
} from './harness.ts';

const STAFF = 'staff.patna1';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const pdf = (text: string) => Buffer.from(`%PDF-1.7\n% ${text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`);

async function newCase(): Promise<{ caseId: string; caseNumber: string }> {
  const res = await api(STAFF, 'POST', '/cases', caseBody());
  expect(res.status).toBe(201);
  return res.body;
}

/** Chooses the kind and the file, uploads, and waits for the checker's verdict in the panel's notice. */
async function upload(page: Page, kind: string, name: string, bytes: Buffer, verdict: string): Promise<void> {
  await page.selectOption('#f-doc-kind', kind);
  await page.setInputFiles('#f-doc-file', { name, mimeType: 'application/pdf', buffer: bytes });
  await page.click('#document-upload-submit');
  await seeText(page.locator('#documents-notice'), verdict);
}

async function downloadFirst(page: Page): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#documents-list .document--available button').first().click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

describe('the documents panel', () => {
  it('adds a PDF and downloads the same bytes again, in English', async () => {
    // Prepare
    const c = await newCase();
    const { page, context, problems } = await openTab(browser);
    await openAs(page, STAFF, `#/cases/${c.caseId}`);
    await switchLanguage(page, 'en');
    await seeText(page.locator('#sec-documents'), 'Documents');
    const file = pdf('FIR 112/2026 Mahila Thana');

    // Act
    await upload(page, 'FIR_COPY', 'FIR copy.pdf', file, 'FIR copy is ready.');

    // Assess: listed as ready, with the name, size and who; the history says so without the file's name.
    const item = page.locator('#documents-list li').first();
    await seeText(item, 'FIR copy · FIR copy.pdf');
    await seeText(item, 'Ready');
    await seeText(item, `added by ${STAFF}`);
    await seeText(page.locator('#history-list'), 'Document checked and ready · FIR copy');
    await shotOf(page.locator('section[aria-labelledby=sec-documents]'), 'documents-en-desktop');
    expect(await seriousViolations(page, 'section[aria-labelledby=sec-documents]')).toEqual([]);
    expect(await unlabelled(page)).toEqual([]);
    expect(await duplicateIds(page)).toEqual([]);

    // Act: download.
    const got = await downloadFirst(page);
    // Assess: the very bytes, under a name of ids, and the panel says so.
    expect(got.bytes.equals(file)).toBe(true);
    expect(got.name).toMatch(
      new RegExp(`^${c.caseNumber.toLowerCase().replace(/\//g, '-')}-fir-copy-[0-9a-f]{8}\\.pdf$`),
    );
    await seeText(page.locator('#documents-notice'), `Downloaded as ${got.name}.`);
    // Under the page's CSP, which names the S3 stand-in's origin: nothing was blocked.
    expect(problems.filter((p) => /Content Security Policy|CORS|Refused/i.test(p))).toEqual([]);
    await context.close();
  });

  it('adds a medical report and downloads it in Hindi, on a phone', async () => {
    // Prepare
    const c = await newCase();
    const { page, context, problems } = await openTab(browser, PHONE);
    await openAs(page, STAFF, `#/cases/${c.caseId}`);
    await switchLanguage(page, 'hi');
    await seeText(page.locator('#sec-documents'), 'दस्तावेज़');
    const file = pdf('MLC report');

    // Act
    await upload(page, 'MEDICAL_REPORT', 'मेडिकल रिपोर्ट.pdf', file, 'मेडिकल रिपोर्ट तैयार है।');

    // Assess
    const item = page.locator('#documents-list li').first();
    await seeText(item, 'मेडिकल रिपोर्ट.pdf');
    await seeText(item, 'तैयार');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shotOf(page.locator('section[aria-labelledby=sec-documents]'), 'documents-hi-phone');
    expect(await seriousViolations(page, 'section[aria-labelledby=sec-documents]')).toEqual([]);
    const got = await downloadFirst(page);
    expect(got.bytes.equals(file)).toBe(true);
    await seeText(page.locator('#documents-notice'), 'नाम से डाउनलोड हुआ।');
    expect(problems.filter((p) => /Content Security Policy|CORS|Refused/i.test(p))).toEqual([]);
    await shot(page, 'documents-hi-phone-page');
    await context.close();
  });

  it('refuses a wrong type before sending, in English and Hindi; the checker refuses a false PDF', async () => {
    // Prepare
    const c = await newCase();
    const { page, context } = await openTab(browser);
    await openAs(page, STAFF, `#/cases/${c.caseId}`);
    await switchLanguage(page, 'en');
    await seeVisible(page.locator('#f-doc-file'));

    // Act: an executable.
    await page.selectOption('#f-doc-kind', 'OTHER');
    await page.setInputFiles('#f-doc-file', {
      name: 'setup.exe',
      mimeType: 'application/x-msdownload',
      buffer: Buffer.from('MZ'),
    });
    // Assess: said at the field at once, and again on sending; nothing reached the API.
    await seeText(page.locator('#f-doc-file-error'), 'Only PDF, JPEG or PNG files can be kept with a case.');
    await page.click('#document-upload-submit');
    await seeText(page.locator('#f-doc-file-error'), 'Only PDF, JPEG or PNG files');
    await switchLanguage(page, 'hi');
    await seeText(page.locator('#f-doc-file-error'), 'केवल PDF, JPEG या PNG फ़ाइलें');
    expect((await api(STAFF, 'GET', `/cases/${c.caseId}/documents`)).body).toEqual([]);

    // Act: a PNG named and declared as a PDF gets past the browser; the checker refuses it.
    await switchLanguage(page, 'en');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    await upload(page, 'COURT_ORDER', 'order.pdf', png, 'Court order was refused');
    await seeText(page.locator('#documents-list li').first(), 'Refused (the file is not the type it claims to be)');
    await seeCount(page.locator('#documents-list button'), 0);
    await context.close();
  });

  it('is not shown to a district officer (the API answers 403 for documents)', async () => {
    const c = await newCase();
    const { page, context } = await openTab(browser);
    await openAs(page, 'officer.patna', `#/cases/${c.caseId}`);
    await seeVisible(page.locator('#sec-history'));
    await seeCount(page.locator('#sec-documents'), 0);
    await context.close();
  });
});

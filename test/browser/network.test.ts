// The centre network in a real browser: the state adds a planned centre and opens it, registers a case at a
// centre it picks; a centre administrator adds a staff member and deactivates another, whose follow-ups go to
// a colleague (the API's 400 shown at the colleague field first).

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  baseUrl,
  caseBody,
  duplicateIds,
  fillValidCase,
  launchBrowser,
  openAs,
  openTab,
  PHONE,
  pollUntil,
  seeAttr,
  seeCount,
  seeExactText,
  seeText,
  seeVisible,
  shot,
  shotOf,
  switchLanguage,
  tableText,
  unlabelled,
} from './harness.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** What the local sign-in answers for a username, once the stream has carried account changes (polled). */
async function tokenStatus(username: string | undefined, want: number): Promise<number | undefined> {
  return pollUntil(
    // (Not /_local/settle: it also waits for every running escalation workflow.)
    async () => {
      return (
        await fetch(`${baseUrl()}/_local/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username }),
        })
      ).status;
    },
    (s) => s === want,
    10_000,
  );
}

interface CentreRow {
  centreId: string;
  name: string;
  district: string;
  subdivision?: string;
  status: string;
}

describe('the centres (state)', () => {
  it('adds a planned centre in a district and sub-division, then makes it operational', async () => {
    // Prepare
    const { page, context, problems } = await openTab(browser);
    await openAs(page, 'state.wcdc', '#/cases');
    await page.click('nav a[href="#/centres"]');
    await seeVisible(page.locator('#centre-list table'));
    const name = `Sakhi One-Stop Centre, Danapur ${Date.now()}`;

    // Act: nothing chosen yet.
    await page.click('#add-centre-submit');

    // Assess: each missing answer at its field; the sub-division list waits for the district.
    await seeText(page.locator('#f-centre-district-error'), 'Choose the district');
    await seeText(page.locator('#f-centre-subdivision-error'), 'Choose the sub-division');
    expect(await page.locator('#f-centre-subdivision option').allTextContents()).toEqual(['Choose the district first']);
    expect(await unlabelled(page)).toEqual([]);
    expect(await duplicateIds(page)).toEqual([]);

    // Act: a planned centre in Patna, Danapur sub-division.
    await page.fill('#f-centre-name', name);
    await page.selectOption('#f-centre-district', 'Patna');
    await seeCount(page.locator('#f-centre-subdivision option'), 7);
    expect(await page.locator('#f-centre-subdivision option').allTextContents()).toEqual([
      'Choose…',
      'Patna Sadar',
      'Patna City',
      'Danapur',
      'Barh',
      'Masaurhi',
      'Paliganj',
    ]);
    await page.selectOption('#f-centre-subdivision', 'Danapur');
    await seeAttr(page.locator('#f-centre-status'), 'value', 'PLANNED');
    expect(await page.isChecked('#f-centre-status')).toBe(true);
    await page.click('#add-centre-submit');

    // Assess: added as planned, in the list and in the API.
    await seeText(page.locator('#add-centre-notice'), `Added ${name} (osc-patna-`);
    const centreId = /\((osc-patna-\d+)\)/.exec((await page.locator('#add-centre-notice').textContent()) ?? '')![1];
    let stored = ((await api('state.wcdc', 'GET', '/centres')).body as CentreRow[]).find(
      (c) => c.centreId === centreId,
    );
    expect(stored).toMatchObject({ name, district: 'Patna', subdivision: 'Danapur', status: 'PLANNED' });
    await page.selectOption('#f-centre-list-district', 'Patna');
    const row = page.locator('#centre-list tbody tr', { has: page.locator(`td:text-is("${centreId}")`) });
    await seeText(row, 'Planned');
    await shot(page, 'centres-en-desktop');

    // Act: it is staffed now.
    await row.locator('button[data-move="OPERATIONAL"]').click();

    // Assess
    await seeText(page.locator('#centres-notice'), `${name} is now operational.`);
    await seeText(row, 'Operational');
    expect(
      await row.locator('button[data-move]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-move'))),
    ).toEqual(['CLOSED']);
    stored = ((await api('state.wcdc', 'GET', '/centres')).body as CentreRow[]).find((c) => c.centreId === centreId);
    expect(stored?.status).toBe('OPERATIONAL');

    await switchLanguage(page, 'hi');
    await seeText(row, 'संचालित');
    await shot(page, 'centres-hi-desktop');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('registers a case at a centre the state picks, offering operating centres only', async () => {
    // Prepare: a planned centre that must not be offered.
    const planned = await api<CentreRow>('state.wcdc', 'POST', '/centres', {
      name: `Planned centre ${Date.now()}`,
      district: 'Gaya',
      subdivision: 'Sherghati',
      status: 'PLANNED',
    });
    expect(planned.status).toBe(201);
    const { page, context } = await openTab(browser);
    await openAs(page, 'state.wcdc', '#/cases/new');
    await seeVisible(page.locator('#f-centreId'));
    expect(await page.getAttribute('nav a[href="#/cases/new"]', 'aria-current')).toBe('page');
    await pollUntil(
      () => page.locator('#f-centreId option').count(),
      (n) => (n ?? 0) > 30,
    );
    const offered = await page
      .locator('#f-centreId option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toContain('osc-gaya-1');
    expect(offered).not.toContain(planned.body.centreId);

    // Act: everything but the centre.
    await fillValidCase(page, `State Intake ${Date.now()}`);
    await page.click('#register-submit');

    // Assess: the centre is asked for first.
    await seeText(page.locator('#f-centreId-error'), 'Choose the centre that takes the case');
    await seeText(page.locator('#register-errors'), 'Centre that takes the case');
    await shotOf(page.locator('main form'), 'register-state-en-desktop');

    // Act
    await page.selectOption('#f-centreId', 'osc-gaya-1');
    await page.click('#register-submit');

    // Assess: registered at Gaya, with Gaya's case number.
    await seeText(page.locator('#registered-case-number'), 'GAY1/');
    const caseNumber = (await page.locator('#registered-case-number').textContent())!.trim();
    const found = await api('staff.gaya1', 'GET', `/cases?caseNumber=${encodeURIComponent(caseNumber)}`);
    expect(found.body.items.map((c: { centreId: string }) => c.centreId)).toEqual(['osc-gaya-1']);
    await context.close();
  });
});

describe('the roster (centre administrator)', () => {
  it('adds a staff member with a sign-in, then deactivates one with follow-ups, handed to a colleague', async () => {
    // Prepare
    const { page, context, problems } = await openTab(browser);
    await openAs(page, 'admin.patna1', '#/cases');
    await page.click('nav a[href="#/centres/osc-patna-1/staff"]');
    await seeVisible(page.locator('#roster table'));
    // The centre's name, once the list of centres has answered (never its id meanwhile).
    await seeExactText(page.locator('h1'), 'Staff of Sakhi One-Stop Centre, Patna 1');
    const name = `Browser Worker ${Date.now()}`;

    // Act: add her, with a sign-in as centre staff; the phone as people type it.
    await page.fill('#f-staff-name', name);
    await page.selectOption('#f-staff-role', 'CASE_WORKER');
    await page.fill('#f-staff-phone', '98765 43210');
    await page.check('#f-staff-language-en');
    await page.selectOption('#f-staff-systemAccess', 'centre-staff');
    await page.fill('#f-staff-email', 'worker@example.org');
    expect(await unlabelled(page)).toEqual([]);
    await page.click('#add-staff-submit');

    // Assess: her sign-in name is shown once; she is on the roster; the API has her.
    await seeText(page.locator('#add-staff-notice'), `Added ${name}. Her sign-in name is `);
    const username = /sign-in name is (\S+?)\.$/.exec(
      (await page.locator('#add-staff-notice').textContent())!.trim(),
    )?.[1];
    // The sign-in account follows the roster change through the table's stream.
    expect(await tokenStatus(username, 200)).toBe(200);
    const roster = (
      await api<Array<{ staffId: string; name: string; phone: string; language: string; active: boolean }>>(
        'admin.patna1',
        'GET',
        '/centres/osc-patna-1/staff',
      )
    ).body;
    const added = roster.find((s) => s.name === name)!;
    expect(added).toMatchObject({ phone: '+919876543210', language: 'en', active: true });
    await seeText(page.locator('#roster table'), name);

    // Prepare: she now follows up a resolved case.
    const c = await api('staff.patna1', 'POST', '/cases', caseBody());
    expect(
      (await api('staff.patna1', 'POST', `/cases/${c.body.caseId}/status`, { status: 'IN_PROGRESS' })).status,
    ).toBe(200);
    expect(
      (
        await api('staff.patna1', 'POST', `/cases/${c.body.caseId}/resolve`, {
          outcome: 'Back with her family',
          followUpWorkerId: added.staffId,
        })
      ).status,
    ).toBe(200);
    const pending = (
      (await api('staff.patna1', 'GET', `/cases/${c.body.caseId}/followups`)).body as Array<{
        workerId: string;
        status: string;
      }>
    ).filter((f) => f.status === 'PENDING');
    expect(pending.length).toBeGreaterThan(0);

    // Act: deactivate her without naming a colleague.
    await page.click(`button[data-deactivate="${added.staffId}"]`);
    await seeText(page.locator('#deactivate-title'), `Deactivate ${name}`);
    await page.click('#deactivate-submit');

    // Assess: the API's 400 at the colleague field, which takes focus; nothing changed.
    await seeAttr(page.locator('#f-deact-reassignTo'), 'aria-invalid', 'true');
    await seeText(
      page.locator('#f-deact-reassignTo-error'),
      'choose another active colleague of this centre to take them over',
    );
    await pollUntil(
      () => page.evaluate(() => document.activeElement?.id),
      (id) => id === 'f-deact-reassignTo',
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-deact-reassignTo');
    expect(
      (await api('admin.patna1', 'GET', '/centres/osc-patna-1/staff')).body.find(
        (s: { staffId: string }) => s.staffId === added.staffId,
      ).active,
    ).toBe(true);
    const colleagues = await page
      .locator('#f-deact-reassignTo option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(colleagues).not.toContain(added.staffId);
    await switchLanguage(page, 'hi');
    await seeText(page.locator('#f-deact-reassignTo-error'), 'सक्रिय सहकर्मी चुनें');
    await shot(page, 'staff-deactivate-hi-desktop');
    await switchLanguage(page, 'en');

    // Act: hand her follow-ups to Case Worker 1.
    await page.selectOption('#f-deact-reassignTo', 'patna-1-s1');
    await page.click('#deactivate-submit');

    // Assess: done in one step; her follow-ups are the colleague's; she can no longer sign in.
    const followUps = pending.length === 1 ? '1 follow-up' : `${pending.length} follow-ups`;
    await seeText(
      page.locator('#roster-notice'),
      `${name} is deactivated. ${followUps} moved to Case Worker 1, Patna.`,
    );
    const moved = (await api('staff.patna1', 'GET', `/cases/${c.body.caseId}/followups`)).body as Array<{
      workerId: string;
      status: string;
    }>;
    expect(moved.filter((f) => f.status === 'PENDING').map((f) => f.workerId)).toEqual(pending.map(() => 'patna-1-s1'));
    const row = page.locator('#roster tbody tr', { hasText: name });
    await seeText(row, 'Inactive');
    // (Her account is disabled from the table's stream, a moment later; then the local user list leaves her out.)
    expect(await tokenStatus(username, 403)).toBe(403);
    const users = (await (await fetch(`${baseUrl()}/_local/users`)).json()) as Array<{ username: string }>;
    expect(users.map((u) => u.username)).not.toContain(username);
    await shot(page, 'staff-en-desktop');

    // Act: she comes back.
    await row.locator(`button[data-reactivate="${added.staffId}"]`).click();

    // Assess
    await seeText(page.locator('#roster-notice'), `${name} is active again.`);
    await seeText(row, 'Active');
    const table = await tableText(page, '#roster table');
    expect(table.head).toEqual(['Name', 'Role', 'Mobile', 'SMS language', 'Status', 'Actions']);
    await page.setViewportSize(PHONE);
    await switchLanguage(page, 'hi');
    await seeText(row, 'सक्रिय');
    await shot(page, 'staff-hi-phone');
    // The browser logs the API's expected 400 as a failed resource; nothing else may go wrong.
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
    await context.close();
  });

  it('never titles the roster with the centre’s id while the names of the centres are on their way', async () => {
    // Prepare: the list of centres answers only when the test lets it.
    const { page, context } = await openTab(browser);
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    await page.route('**/centres', async (route) => {
      await held;
      await route.continue();
    });

    // Act
    await openAs(page, 'admin.patna1', '#/centres/osc-patna-1/staff');

    // Assess: the roster is there, under a plain title; then the centre's name.
    await seeVisible(page.locator('#roster table'));
    await seeExactText(page.locator('h1'), 'Staff of the centre');
    expect((await page.locator('main').textContent()) ?? '').not.toContain('osc-patna-1');
    release();
    await seeExactText(page.locator('h1'), 'Staff of Sakhi One-Stop Centre, Patna 1');
    await context.close();
  });

  it('keeps another centre’s roster from a centre administrator', async () => {
    const { page, context } = await openTab(browser);
    await openAs(page, 'admin.patna1', '#/centres/osc-gaya-1/staff');
    await seeText(page.locator('h1'), 'Not available');
    expect(await page.locator('nav a[href="#/centres"]').count()).toBe(0);
    await context.close();
  });
});

// A burst at one centre: forty registrations at the same moment, by two staff members, with retries of
// some of them under the same Idempotency-Key. Every one is answered 201, the numbers are 1..40 with no gap
// and no repeat, and the counters equal a recount. Then the same burst with the runtime killed in the middle
// (node and DynamoDB Local, SIGKILL) and started again on the same data: nothing answered is lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Answer,
  type ChildRuntime,
  clientOf,
  killChildRuntime,
  startChildRuntime,
  stopChildRuntime,
} from './child-runtime.ts';
import { api, eventually, newCase } from './client.ts';

type Call = (
  user: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Answer>;

/** A new operating centre of its own (numbering starts at 1) with two staff members who can sign in. */
async function freshCentre(call: Call) {
  const created = await call('state.wcdc', 'POST', '/centres', {
    name: 'Burst test centre',
    district: 'Nalanda',
    subdivision: 'Rajgir',
    status: 'OPERATIONAL',
  });
  expect(created.status).toBe(201);
  const centreId = created.body.centreId as string;
  const staff: string[] = [];
  for (const n of [1, 2]) {
    const added = await call('state.wcdc', 'POST', `/centres/${centreId}/staff`, {
      name: `Burst Worker ${n}`,
      role: 'CASE_WORKER',
      phone: `+91981230${String(1000 + n)}`,
      language: 'en',
      systemAccess: 'centre-staff',
      email: `burst.${n}@example.org`,
    });
    expect(added.status).toBe(201);
    staff.push(added.body.username);
  }
  // The sign-ins are made from the table's stream.
  expect((await call(undefined, 'POST', '/_local/settle')).status).toBe(200);
  return { centreId, staff };
}

/** Forty registrations at one centre, alternating between its two staff, each with its own key. */
function burstOf(staff: string[]) {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return Array.from({ length: 40 }, (_, i) => ({
    user: staff[i % 2],
    key: `burst-${run}-${i}`,
    body: newCase({ riskLevel: 'LOW' }),
  }));
}

const numberOf = (caseNumber: string) => Number(caseNumber.split('/').at(-1));
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Every case of the centre, with the numbers in order: 1..n with no gap and no repeat. */
async function numbersAt(call: Call, centreId: string): Promise<number[]> {
  const listed = await call('state.wcdc', 'GET', `/cases?centreId=${centreId}&limit=100`);
  expect(listed.status).toBe(200);
  return (listed.body.items as Array<{ caseNumber: string }>).map((c) => numberOf(c.caseNumber)).sort((a, b) => a - b);
}

describe('a burst at one centre', () => {
  it('40 concurrent registrations (and retries with the same keys): 40 × 201, numbers 1..40, no 5xx', async () => {
    const { centreId, staff } = await freshCentre(api);
    const requests = burstOf(staff);
    // Ten of them sent twice at once: a retry by a form that lost its connection.
    const sends = [...requests, ...requests.slice(0, 10)];
    const answers = await Promise.all(
      sends.map((r) => api(r.user, 'POST', '/cases', r.body, { 'idempotency-key': r.key })),
    );

    expect(answers.map((a) => a.status).filter((s) => s !== 201)).toEqual([]);
    const byKey = new Map<string, string>();
    sends.forEach((r, i) => {
      const caseId = answers[i].body.caseId as string;
      if (byKey.has(r.key)) expect(caseId, r.key).toBe(byKey.get(r.key));
      byKey.set(r.key, caseId);
    });
    expect(new Set(byKey.values()).size).toBe(40);
    const numbers = answers.slice(0, 40).map((a) => numberOf(a.body.caseNumber));
    expect([...numbers].sort((a, b) => a - b)).toEqual(oneTo(40));
    for (const a of answers) expect(a.body.centreId).toBe(centreId);
    expect(await numbersAt(api, centreId)).toEqual(oneTo(40));
    await api(undefined, 'POST', '/_local/settle');
    expect((await api(undefined, 'GET', '/_local/counters/check')).body).toMatchObject({ equal: true });
  });

  it('a crash in the middle of a burst loses no answered case and leaves no gap', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'osc-crash-'));
    let runtime: ChildRuntime | undefined;
    try {
      runtime = await startChildRuntime(dir);
      let call: Call = clientOf(runtime.url);
      const { centreId, staff } = await freshCentre(call);
      const requests = burstOf(staff);
      for (const user of staff) await call(user, 'GET', '/cases?limit=1'); // tokens before the crash

      // Act: the burst, and both processes killed once a few registrations have been answered.
      const answers: Array<Answer | undefined> = [];
      const sent = requests.map((r, i) =>
        call(r.user, 'POST', '/cases', r.body, { 'idempotency-key': r.key }).then(
          (a) => {
            answers[i] = a;
          },
          () => undefined, // the connection died with the runtime
        ),
      );
      await eventually(async () => answers.filter((a) => a?.status === 201).length >= 3, 60_000);
      await killChildRuntime(runtime);
      await Promise.all(sent);
      runtime = await startChildRuntime(dir);
      call = clientOf(runtime.url);

      // Assess: every case answered 201 is there, as answered; the numbers have no gap; counters = recount.
      const answered = answers.filter((a): a is Answer => a?.status === 201);
      expect(answered.length).toBeGreaterThanOrEqual(3);
      expect(answers.filter((a) => a && a.status >= 500)).toEqual([]);
      for (const a of answered) {
        const read = await call('state.wcdc', 'GET', `/cases/${a.body.caseId}`);
        expect(read.status).toBe(200);
        expect(read.body.caseNumber).toBe(a.body.caseNumber);
      }
      const afterCrash = await numbersAt(call, centreId);
      expect(afterCrash).toEqual(oneTo(afterCrash.length));
      expect(afterCrash.length).toBeGreaterThanOrEqual(answered.length);

      // The forms send again what got no answer (and what did: a retry changes nothing): each key one case.
      const retried = await Promise.all(
        requests.map((r) => call(r.user, 'POST', '/cases', r.body, { 'idempotency-key': r.key })),
      );
      expect(retried.map((a) => a.status).filter((s) => s !== 201)).toEqual([]);
      requests.forEach((_, i) => {
        if (answers[i]?.status === 201) expect(retried[i].body.caseId).toBe(answers[i]?.body.caseId);
      });
      expect(new Set(retried.map((a) => a.body.caseId)).size).toBe(40);
      expect(await numbersAt(call, centreId)).toEqual(oneTo(40));
      await call(undefined, 'POST', '/_local/settle');
      expect((await call(undefined, 'GET', '/_local/counters/check')).body).toMatchObject({ equal: true });
    } finally {
      if (runtime) await stopChildRuntime(runtime);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// A small HTTP client for the integration tests: tokens for the seeded users and JSON requests.
import { inject } from 'vitest';
import type { OutboxEntry } from '../../infra/local/outbox.ts';

export const baseUrl = () => inject('baseUrl');

const tokens = new Map<string, string>();

export async function tokenFor(username: string): Promise<string> {
  let t = tokens.get(username);
  if (!t) {
    const res = await fetch(`${baseUrl()}/_local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username }),
    });
    if (res.status !== 200) throw new Error(`no token for ${username}: ${res.status}`);
    t = ((await res.json()) as { token: string }).token;
    tokens.set(username, t);
  }
  return t;
}

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function api<T = any>(
  user: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Res<T>> {
  const h: Record<string, string> = { ...headers };
  if (user) h.authorization = `Bearer ${await tokenFor(user)}`;
  if (body !== undefined && !h['content-type']) h['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: h,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

let n = 0;
/** A valid case body; `over` replaces parts of it. */
export function newCase(over: Record<string, unknown> = {}) {
  n++;
  return {
    survivor: {
      name: `Survivor Testname ${n}`,
      age: 29,
      phone: '+919812345678',
      safeToContact: false,
      district: 'Patna',
      address: `House ${n}, Secret Lane`,
    },
    incident: {
      categories: ['DOMESTIC_VIOLENCE'],
      date: '2026-11-20',
      perpetratorRelationship: 'HUSBAND',
      description: `Incident story ${n}`,
    },
    referral: { source: 'SELF' },
    servicesNeeded: ['SHELTER', 'COUNSELLING'],
    consent: { services: true, shareWithPolice: false, contactByPhone: false },
    riskLevel: 'LOW',
    ...over,
  };
}

/** Waits until the stream is dispatched and every workflow run has ended. */
export async function settle(): Promise<void> {
  const res = await fetch(`${baseUrl()}/_local/settle`, { method: 'POST' });
  if (res.status !== 200) throw new Error(`settle failed: ${res.status}`);
}

/**
 * Ends the wait at the current level of a case's escalation (the runtime's escalations wait for a test, not
 * the clock): it is checked now, and moves on to the next level or ends. Waits for it to be waiting first.
 */
export async function advance(caseId: string): Promise<void> {
  const res = await api(undefined, 'POST', '/_local/executions/advance', { caseId });
  if (res.status !== 200) throw new Error(`no escalation of ${caseId} was waiting: ${res.status}`);
}

/** Polls `probe` until it returns a truthy value (or fails after `ms`). */
export async function eventually<T>(probe: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One SMS of the local outbox (GET /_local/sms). */
export type Sms = OutboxEntry;

export async function smsFor(caseNumber: string): Promise<Sms[]> {
  const res = await api<Sms[]>(undefined, 'GET', '/_local/sms');
  return res.body.filter((m) => m.message.includes(caseNumber));
}

export async function runSchedule(name: string, at: string) {
  return api(undefined, 'POST', `/_local/schedules/${name}/run`, { at });
}

export async function userInfo(username: string) {
  const res = await api<Array<{ username: string; staffId?: string; phone?: string }>>(
    undefined,
    'GET',
    '/_local/users',
  );
  return res.body.find((u) => u.username === username)!;
}

/** The IST calendar date of now. */
export const todayIst = () => new Date(Date.now() + 330 * 60_000).toISOString().slice(0, 10);
export const nineAmIst = (date: string) => `${date}T09:00:00+05:30`;
export const plusDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

// A small HTTP client for the integration tests: tokens for the seeded users and JSON requests.
import { inject } from 'vitest';

export const baseUrl = () => inject('baseUrl');

const tokens = new Map<string, string>();

export async function tokenFor(username: string): Promise<string> {
  let t = tokens.get(username);
  if (!t) {
    const res = await fetch(`${baseUrl()}/_local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
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

export async function api<T = any>(user: string | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
  const h: Record<string, string> = { ...headers };
  if (user) h.authorization = `Bearer ${await tokenFor(user)}`;
  if (body !== undefined && !h['content-type']) h['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl()}${path}`, { method, headers: h, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
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
    survivor: { name: `Survivor Testname ${n}`, age: 29, phone: '+919812345678', safeToContact: false, district: 'Patna', address: `House ${n}, Secret Lane` },
    incident: { categories: ['DOMESTIC_VIOLENCE'], date: '2026-11-20', perpetratorRelationship: 'HUSBAND', description: `Incident story ${n}` },
    referral: { source: 'SELF' },
    servicesNeeded: ['SHELTER', 'COUNSELLING'],
    consent: { services: true, shareWithPolice: false, contactByPhone: false },
    riskLevel: 'LOW',
    ...over,
  };
}

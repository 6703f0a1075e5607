// The API client: bearer token, JSON in and out, and every failure as an ApiError the screens can explain
// (problem+json status and field errors, or "the network failed", which is not the same as "refused").
import type { FieldError, Problem } from '../../shared/core/errors.ts';
import { currentSession } from './auth.ts';
import { takeEarly } from './early.ts';
import type { Centre } from './types.ts';

export class ApiError extends Error {
  constructor(
    /** 0 when the request never got an answer (offline, connection dropped, blocked). */
    readonly status: number,
    readonly problem?: Problem,
  ) {
    super(problem?.detail ?? (status ? `HTTP ${status}` : 'Network error'));
  }
  get isNetwork(): boolean {
    return this.status === 0;
  }
  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }
}

let baseUrl = '';
let onUnauthorized: () => void = () => undefined;

export function configureApi(opts: { baseUrl: string; onUnauthorized: () => void }): void {
  baseUrl = opts.baseUrl;
  onUnauthorized = opts.onUnauthorized;
}

/** How many times a request is sent again after a 503 with Retry-After, and the longest wait honoured. */
export const BUSY_RETRIES = 3;
const MAX_RETRY_AFTER_MS = 10_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retry-After in milliseconds (seconds or an HTTP date), at most 10 s; undefined when absent or unreadable. */
export function retryAfterMs(res: { headers: Headers }, now = Date.now()): number | undefined {
  const value = res.headers.get('retry-after')?.trim();
  if (!value) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  if (Number.isNaN(ms)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

export interface ApiResult<T> {
  status: number;
  data: T;
  headers: Headers;
}

export async function apiRequest<T>(
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  opts: {
    body?: unknown;
    headers?: Record<string, string>;
    /** A file's text instead of a JSON body (a CSV import), with its media type. */
    text?: { body: string; type: string };
    /** Sent again on a dropped connection, with the Idempotency-Key the caller gave (an import chunk). */
    retry?: boolean;
  } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  const token = currentSession()?.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.text) headers['content-type'] = opts.text.type;
  const payload = opts.text ? opts.text.body : opts.body === undefined ? undefined : JSON.stringify(opts.body);
  // A change to an existing case (or to a transfer of one) carries its own Idempotency-Key, so on a dropped
  // connection the form can send it again by itself: the API applies it once whatever the attempts
  // (registration keeps the draft's key and lets the person retry, as before).
  const ownKey = Object.keys(headers).some((h) => h.toLowerCase() === 'idempotency-key');
  // Every change under a case (the case itself too: a correction) or a transfer.
  const retriable = method !== 'GET' && /^\/(?:cases|transfers)\/[^/]+(?:\/|$)/.test(path) && !ownKey;
  if (retriable) headers['idempotency-key'] = crypto.randomUUID();
  // A caller that brings its own key and asks for it (an import chunk) is sent again too: applied once.
  const resend = retriable || (opts.retry === true && ownKey);
  // A 503 with Retry-After means "busy, nothing was saved, try again then": a request that may be repeated
  // (a read, or a change with its Idempotency-Key) is sent again by itself, a few times.
  const repeatable = method === 'GET' || retriable || ownKey;
  // The case list's first page may already be on its way (boot.ts): take it rather than ask again.
  let early = method === 'GET' && payload === undefined ? takeEarly(`${baseUrl}${path}`, token) : undefined;
  let res: Response | undefined;
  for (let attempt = 0, busy = 0; !res; attempt++) {
    try {
      const taken = early ? await early : undefined;
      early = undefined;
      res =
        taken ??
        (await fetch(`${baseUrl}${path}`, {
          method,
          headers,
          body: payload,
          cache: 'no-store',
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
        }));
    } catch {
      if (!resend || attempt >= 2) throw new ApiError(0);
      await sleep(800 * (attempt + 1));
      continue;
    }
    const wait = res.status === 503 && repeatable && busy < BUSY_RETRIES ? retryAfterMs(res) : undefined;
    if (wait !== undefined) {
      busy++;
      res = undefined;
      await sleep(wait);
    }
  }
  let data: unknown;
  const text = await res.text().catch(() => '');
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    if (res.status === 401) onUnauthorized();
    const problem = data && typeof data === 'object' && 'status' in data ? (data as Problem) : undefined;
    throw new ApiError(res.status, problem);
  }
  return { status: res.status, data: data as T, headers: res.headers };
}

export const apiGet = <T>(path: string) => apiRequest<T>('GET', path).then((r) => r.data);

let centresCache: Promise<Centre[]> | undefined;

/**
 * The state's centres (names for the tables, choices for the pickers): fetched once, again after a change
 * (`fresh`). Nothing personal in them.
 */
export function loadCentres(fresh = false): Promise<Centre[]> {
  if (fresh || !centresCache) {
    const p = apiGet<Centre[]>('/centres');
    centresCache = p;
    p.catch(() => {
      if (centresCache === p) centresCache = undefined;
    });
  }
  return centresCache;
}

export function forgetCentres(): void {
  centresCache = undefined;
}

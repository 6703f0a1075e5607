// The form's API client sends a request again by itself after a 503 with Retry-After ("busy, nothing was
// saved"), when the request may be repeated: a read, or a change with its Idempotency-Key (a registration
// keeps its draft's key). It waits as long as the API asks, a few times at most.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest, BUSY_RETRIES, configureApi, retryAfterMs } from '../../web/src/api.ts';

const busy = () =>
  new Response(JSON.stringify({ type: 'x', title: 'Busy', status: 503, detail: 'Busy' }), {
    status: 503,
    headers: { 'content-type': 'application/problem+json', 'retry-after': '1' },
  });
const created = () => new Response(JSON.stringify({ caseId: 'c-1' }), { status: 201 });

describe('after a 503 with Retry-After', () => {
  let calls: Array<{ at: number; headers: Record<string, string> }>;
  let answers: Array<() => Response>;

  beforeEach(() => {
    vi.useFakeTimers();
    calls = [];
    configureApi({ baseUrl: 'http://api.test', onUnauthorized: () => undefined });
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      calls.push({ at: Date.now(), headers: init.headers as Record<string, string> });
      return (answers.shift() ?? created)();
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('sends a registration again with the same key after the time the API asked for', async () => {
    answers = [busy, busy, created];
    const pending = apiRequest('POST', '/cases', { body: {}, headers: { 'idempotency-key': 'draft-key-1' } });
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    const res = await pending;
    expect(res.status).toBe(201);
    expect(calls.map((c) => c.headers['idempotency-key'])).toEqual(['draft-key-1', 'draft-key-1', 'draft-key-1']);
    expect(calls[1].at - calls[0].at).toBe(1000);
  });

  it('gives up after a few tries and says busy', async () => {
    answers = Array.from({ length: BUSY_RETRIES + 1 }, () => busy);
    const pending = apiRequest('GET', '/cases').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(BUSY_RETRIES * 1000);
    const err = await pending;
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(503);
    expect(calls).toHaveLength(BUSY_RETRIES + 1);
  });

  it('does not repeat a change that has no Idempotency-Key', async () => {
    answers = [busy, created];
    const pending = apiRequest('POST', '/centres', { body: {} }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5000);
    expect(((await pending) as ApiError).status).toBe(503);
    expect(calls).toHaveLength(1);
  });

  it('reads Retry-After as seconds or a date, at most 10 s', () => {
    const h = (v: string) => ({ headers: new Headers({ 'retry-after': v }) });
    expect(retryAfterMs(h('2'))).toBe(2000);
    expect(retryAfterMs(h('3600'))).toBe(10_000);
    expect(retryAfterMs(h(new Date(5_000).toUTCString()), 1_000)).toBe(4000);
    expect(retryAfterMs(h('soon'))).toBeUndefined();
    expect(retryAfterMs({ headers: new Headers() })).toBeUndefined();
  });
});

// POST /cases: register a case.
// In: the case (validated by the CreateCase schema), optional Idempotency-Key. Out: 201 with the case summary.
// 1. Work out the idempotency scope: the helpline's reference, else the caller's Idempotency-Key.
// 2. Register the case in one transaction (case number, history, counters, idempotency record).
// 3. A repeated key or reference returns the first response and writes nothing.
import { createHash } from 'node:crypto';
import { httpHandler } from '../lib/http.ts';
import { deps } from '../lib/deps.ts';
import { badRequest } from '#shared/errors.ts';
import { config } from '#shared/config.ts';
import type { createCaseSchema } from '#shared/schemas.ts';
import type { IdempotencyOptions } from '#shared/case-store.ts';

const KEY = /^[A-Za-z0-9_-]{8,128}$/;

export const handler = httpHandler<typeof createCaseSchema>('create-case', async ({ caller, body, header, now }) => {
  let idem: IdempotencyOptions | undefined;
  if (caller.role === 'helpline') {
    const { source, reference } = body.referral;
    if (source !== 'HELPLINE_181' && source !== 'ERSS_112') {
      throw badRequest('A helpline referral comes from 181 or 112', [{ path: 'referral.source', code: 'invalid_option', message: 'Must be HELPLINE_181 or ERSS_112' }]);
    }
    if (!reference) throw badRequest('A helpline referral needs its reference', [{ path: 'referral.reference', code: 'required', message: 'This field is required' }]);
    // The control room's reference is the key, kept for good: the same referral never makes a second case.
    idem = { scope: `REFERRAL#${source}`, key: reference };
  } else {
    const key = header('idempotency-key');
    if (key !== undefined) {
      if (!KEY.test(key)) throw badRequest('Idempotency-Key must be 8–128 letters, digits, - or _', [{ path: 'header.Idempotency-Key', code: 'invalid_format', message: 'Has the wrong format' }]);
      idem = {
        scope: caller.userId,
        key,
        requestHash: createHash('sha256').update(JSON.stringify(body)).digest('base64url'),
        expiresAt: Math.floor(now.getTime() / 1000) + config().idempotencyTtlSeconds,
      };
    }
  }
  const result = await deps().cases.createCase(body, caller, now, idem);
  return {
    statusCode: result.statusCode,
    body: result.body,
    headers: { location: `/cases/${result.body.caseId}`, etag: `"${result.body.version}"`, ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}) },
  };
});

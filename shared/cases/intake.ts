// Registering a case, by centre staff (POST /cases) or by a 181 / 112 control room (POST /referrals, or
// POST /cases with the helpline role): one code path. What differs is only the idempotency: a staff
// member's Idempotency-Key (remembered for two days, the same body required), or the control room's own
// reference (remembered for good: the same referral never makes a second case).
import { createHash } from 'node:crypto';
import { badRequest } from '../core/errors.ts';
import type { Principal } from '../core/principal.ts';
import type { CaseRegistry, IdempotencyOptions } from './registration.ts';
import type { CreateCaseInput } from './schemas.ts';

/** The shape of an Idempotency-Key header, on every route that takes one. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

export function idempotencyFor(
  caller: Principal,
  body: CreateCaseInput,
  idempotencyKey: string | undefined,
  now: Date,
  ttlSeconds: number,
): IdempotencyOptions | undefined {
  if (caller.role === 'helpline') {
    const { source, reference } = body.referral;
    if (source !== 'HELPLINE_181' && source !== 'ERSS_112') {
      throw badRequest('A helpline referral comes from 181 or 112', [
        { path: 'referral.source', code: 'invalid_option', message: 'Must be HELPLINE_181 or ERSS_112' },
      ]);
    }
    if (!reference)
      throw badRequest('A helpline referral needs its reference', [
        { path: 'referral.reference', code: 'required', message: 'This field is required' },
      ]);
    return { scope: `REFERRAL#${source}`, key: reference };
  }
  if (idempotencyKey === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw badRequest('Idempotency-Key must be 8–128 letters, digits, - or _', [
      { path: 'header.Idempotency-Key', code: 'invalid_format', message: 'Has the wrong format' },
    ]);
  }
  return {
    scope: caller.userId,
    key: idempotencyKey,
    requestHash: createHash('sha256').update(JSON.stringify(body)).digest('base64url'),
    expiresAt: Math.floor(now.getTime() / 1000) + ttlSeconds,
  };
}

export async function registerCase(
  cases: CaseRegistry,
  caller: Principal,
  body: CreateCaseInput,
  idempotencyKey: string | undefined,
  now: Date,
  ttlSeconds: number,
) {
  const result = await cases.createCase(
    body,
    caller,
    now,
    idempotencyFor(caller, body, idempotencyKey, now, ttlSeconds),
  );
  return {
    statusCode: result.statusCode,
    body: result.body,
    headers: {
      location: `/cases/${result.body.caseId}`,
      etag: `"${result.body.version}"`,
      ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}),
    },
  };
}

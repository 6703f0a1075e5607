// Registering a case, by centre staff (POST /cases) or by a 181 / 112 control room (POST /referrals, or
// POST /cases with the helpline role): one code path. What differs is only the idempotency: a staff
// member's Idempotency-Key (remembered for two days), or the control room's own reference (remembered for
// good: the same referral never makes a second case). Both are bound to the body: the same key or reference
// with another body is 422, never the first case. A control room refers only under its own source (403).
import { badRequest, forbidden } from '../core/errors.ts';
import { claim, type IdempotencyClaim } from '../core/idempotency.ts';
import type { Principal } from '../core/principal.ts';
import type { CaseRegistry } from './registration.ts';
import type { CreateCaseInput } from './schemas.ts';

export function registrationClaim(
  caller: Principal,
  body: CreateCaseInput,
  idempotencyKey: string | undefined,
  now: Date,
  ttlSeconds: number,
): IdempotencyClaim | undefined {
  if (caller.role === 'helpline') {
    const { source, reference } = body.referral;
    if (source !== 'HELPLINE_181' && source !== 'ERSS_112') {
      throw badRequest('A helpline referral comes from 181 or 112', [
        { path: 'referral.source', code: 'invalid_option', message: 'Must be HELPLINE_181 or ERSS_112' },
      ]);
    }
    if (!reference) {
      throw badRequest('A helpline referral needs its reference', [
        { path: 'referral.reference', code: 'required', message: 'This field is required' },
      ]);
    }
    // A reference is claimed under its control room's name: a client that could name another room would
    // read that room's case back (its number, centre and risk) and lose its own woman's referral.
    if (!caller.intakeSource) throw forbidden('This client is not registered as a 181 or 112 control room');
    if (source !== caller.intakeSource) {
      throw forbidden(`This client refers as ${caller.intakeSource} only`);
    }
    return claim(`REFERRAL#${source}`, reference, body, now);
  }
  if (idempotencyKey === undefined) return undefined;
  return claim(caller.userId, idempotencyKey, body, now, ttlSeconds);
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
    registrationClaim(caller, body, idempotencyKey, now, ttlSeconds),
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

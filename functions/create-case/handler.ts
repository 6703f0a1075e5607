// POST /cases: register a case (centre staff; also the helpline role, which is idempotent by its reference).
// In: the case (CreateCase schema), optional Idempotency-Key. Out: 201 with the case summary; a repeated
// key or reference returns the first response and writes nothing.
import { createCaseSchema } from '#shared/schemas.ts';
import { httpHandler } from '../lib/http.ts';
import { caseRegistry, runtimeConfig } from '../lib/deps.ts';
import { registerCase } from '#shared/intake.ts';

export const handler = httpHandler({ route: 'create-case', body: createCaseSchema }, async ({ caller, body, header, now }) => {
  const cases = caseRegistry();
  const config = runtimeConfig();
  return registerCase(cases, caller, body, header('idempotency-key'), now, config.idempotencyTtlSeconds);
});

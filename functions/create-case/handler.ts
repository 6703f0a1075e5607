// POST /cases: register a case (centre staff; also the helpline role, which is idempotent by its reference).
// In: the case (CreateCase schema), optional Idempotency-Key. Out: 201 with the case summary; a repeated
// key or reference returns the first response and writes nothing.
import { httpHandler } from '../lib/http.ts';
import { deps } from '../lib/deps.ts';
import { registerCase } from '#shared/intake.ts';
import type { createCaseSchema } from '#shared/schemas.ts';

export const handler = httpHandler<typeof createCaseSchema>('create-case', async ({ caller, body, header, now }) => {
  const { cases, config } = deps();
  return registerCase(cases, caller, body, header('idempotency-key'), now, config.idempotencyTtlSeconds);
});

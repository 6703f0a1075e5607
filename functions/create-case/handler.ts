// POST /cases: register a case (centre staff; also the helpline role, which is idempotent by its reference).
// In: the case (CreateCase schema), optional Idempotency-Key. Out: 201 with the case summary; a repeated
// key or reference returns the first response and writes nothing.

import { registerCase } from '#shared/cases/intake.ts';
import { CASE_ROUTES } from '#shared/cases/routes.ts';
import { createCaseSchema } from '#shared/cases/schemas.ts';
import { config } from '#shared/core/config.ts';
import { caseRegistry } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'create-case', routes: CASE_ROUTES, body: createCaseSchema },
  async ({ caller, body, idempotencyKey, now }) =>
    registerCase(caseRegistry(), caller, body, idempotencyKey, now, config().idempotencyTtlSeconds),
);

// POST /referrals: a 181 / 112 control room's machine client (client-credentials token with the
// referrals.write scope) refers a woman. The same code path as POST /cases; the reference makes it
// idempotent, the district routes it to that district's operating centre, and the centre administrator gets
// an SMS with the case number only (written with the case, sent by the stream dispatcher).

import { registerCase } from '#shared/cases/intake.ts';
import { CASE_ROUTES } from '#shared/cases/routes.ts';
import { referralCaseSchema } from '#shared/cases/schemas.ts';
import { config } from '#shared/core/config.ts';
import { caseRegistry } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'create-referral', routes: CASE_ROUTES, body: referralCaseSchema },
  async ({ caller, body, now }) =>
    registerCase(caseRegistry(), caller, body, undefined, now, config().idempotencyTtlSeconds),
);

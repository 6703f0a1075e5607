// POST /referrals: a 181 / 112 control room's machine client (client-credentials token with the
// referrals.write scope) refers a woman. The same code path as POST /cases; the reference makes it
// idempotent, the district routes it to that district's operating centre, and the centre administrator gets
// an SMS with the case number only (written with the case, sent by the stream dispatcher).
import { httpHandler } from '../lib/http.ts';
import { deps } from '../lib/deps.ts';
import { registerCase } from '#shared/intake.ts';
import type { referralCaseSchema } from '#shared/schemas.ts';

export const handler = httpHandler<typeof referralCaseSchema>('create-referral', async ({ caller, body, now }) => {
  const { cases, config } = deps();
  return registerCase(cases, caller, body, undefined, now, config.idempotencyTtlSeconds);
});

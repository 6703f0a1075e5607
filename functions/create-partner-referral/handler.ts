// POST /cases/{caseId}/partner-referrals: refer her onward to a partner, on her consent for that kind of
// partner or (a girl under 18) mandatory reporting; 409 naming what is missing otherwise.

import { referralAnswer } from '#shared/partners/referrals.ts';
import { PARTNER_ROUTES } from '#shared/partners/routes.ts';
import { createPartnerReferralSchema } from '#shared/partners/schemas.ts';
import { partnerReferrals } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'create-partner-referral', routes: PARTNER_ROUTES, body: createPartnerReferralSchema },
  async ({ caller, params, body, now, change }) => ({
    body: referralAnswer(await partnerReferrals().create(params.caseId, caller, body, now, change)),
  }),
);

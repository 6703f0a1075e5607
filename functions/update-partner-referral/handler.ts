// PATCH /cases/{caseId}/partner-referrals/{referralId}: how the referral stands now (accepted, declined,
// done, withdrawn); only the moves the referral rules allow, 409 otherwise.

import { referralAnswer } from '#shared/partners/referrals.ts';
import { PARTNER_ROUTES } from '#shared/partners/routes.ts';
import { updatePartnerReferralSchema } from '#shared/partners/schemas.ts';
import { partnerReferrals } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'update-partner-referral', routes: PARTNER_ROUTES, body: updatePartnerReferralSchema },
  async ({ caller, params, body, now, change }) => ({
    body: referralAnswer(await partnerReferrals().update(params.caseId, params.referralId, caller, body, now, change)),
  }),
);

// GET /cases/{caseId}/partner-referrals: the case's onward referrals; district and state see the kind of
// partner, the basis and the status only. Audited as a read.

import { PARTNER_ROUTES } from '#shared/partners/routes.ts';
import { partnerReferrals, readAudit } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'list-partner-referrals', routes: PARTNER_ROUTES },
  async ({ caller, params, now }) => {
    const list = await partnerReferrals().list(params.caseId, caller);
    await readAudit().caseRead(params.caseId, caller, 'PARTNER_REFERRALS_READ', now);
    return { body: list };
  },
);

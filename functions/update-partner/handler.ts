// PATCH /partners/{partnerId}: edit a directory entry, or deactivate one that has gone stale.

import { PARTNER_ROUTES } from '#shared/partners/routes.ts';
import { updatePartnerSchema } from '#shared/partners/schemas.ts';
import { partnerDirectory } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'update-partner', routes: PARTNER_ROUTES, body: updatePartnerSchema },
  async ({ caller, params, body, now, change }) => ({
    body: await partnerDirectory().update(params.partnerId, body, caller, now, change),
  }),
);

// POST /partners: add a referral partner to a district's directory (the state: any district; a centre
// administrator or a district officer: her own district, 403 otherwise).

import { PARTNER_ROUTES } from '#shared/partners/routes.ts';
import { createPartnerSchema } from '#shared/partners/schemas.ts';
import { partnerDirectory } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'create-partner', routes: PARTNER_ROUTES, body: createPartnerSchema },
  async ({ caller, body, now, change }) => ({ body: await partnerDirectory().create(body, caller, now, change) }),
);

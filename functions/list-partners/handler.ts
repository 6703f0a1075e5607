// GET /partners?district=&kind=: a district's directory of referral partners (no survivor data in it).

import { PARTNER_ROUTES } from '#shared/partners/routes.ts';
import { listPartnersQuerySchema } from '#shared/partners/schemas.ts';
import { partnerDirectory } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'list-partners', routes: PARTNER_ROUTES, query: listPartnersQuerySchema },
  async ({ caller, query }) => ({ body: await partnerDirectory().list(query, caller) }),
);

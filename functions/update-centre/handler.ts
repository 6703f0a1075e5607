// PATCH /centres/{centreId} (state): open a planned centre, close one, rename it or fix its sub-division.

import { NETWORK_ROUTES } from '#shared/network/routes.ts';
import { updateCentreSchema } from '#shared/network/schemas.ts';
import { centreAdmin } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'update-centre', routes: NETWORK_ROUTES, body: updateCentreSchema },
  async ({ caller, params, body, now, change }) => ({
    body: await centreAdmin().updateCentre(params.centreId, body, caller, now, change),
  }),
);

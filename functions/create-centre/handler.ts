// POST /centres (state): add a centre as PLANNED or OPERATIONAL in a district and sub-division of the state.

import { NETWORK_ROUTES } from '#shared/network/routes.ts';
import { createCentreSchema } from '#shared/network/schemas.ts';
import { centreAdmin } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'create-centre', routes: NETWORK_ROUTES, body: createCentreSchema },
  async ({ caller, body, now, change }) => {
    const centre = await centreAdmin().createCentre(body, caller, now, change);
    return { body: centre, headers: { location: `/centres/${centre.centreId}` } };
  },
);

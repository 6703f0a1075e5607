// POST /centres (state): add a centre as PLANNED or OPERATIONAL in a district and sub-division of the state.
import { createCentreSchema } from '#shared/network/schemas.ts';
import { centreAdminService } from '../lib/admin.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'create-centre', body: createCentreSchema },
  async ({ caller, body, now }) => {
    const centre = await centreAdminService().createCentre(body, caller, now);
    return { body: centre, headers: { location: `/centres/${centre.centreId}` } };
  },
);

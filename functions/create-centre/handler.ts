// POST /centres (state): add a centre as PLANNED or OPERATIONAL in a district and sub-division of the state.
import { httpHandler } from '../lib/http.ts';
import { network } from '../lib/network.ts';
import type { createCentreSchema } from '#shared/schemas.ts';

export const handler = httpHandler<typeof createCentreSchema>('create-centre', async ({ caller, body, now }) => {
  const centre = await network().createCentre(body, caller, now);
  return { body: centre, headers: { location: `/centres/${centre.centreId}` } };
});

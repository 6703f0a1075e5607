// PATCH /centres/{centreId} (state): open a planned centre, close one, rename it or fix its sub-division.
import { httpHandler } from '../lib/http.ts';
import { network } from '../lib/network.ts';
import type { updateCentreSchema } from '#shared/schemas.ts';

export const handler = httpHandler<typeof updateCentreSchema>('update-centre', async ({ caller, params, body, now }) => ({
  body: await network().updateCentre(params.centreId, body, caller, now),
}));

// PATCH /centres/{centreId} (state): open a planned centre, close one, rename it or fix its sub-division.
import { updateCentreSchema } from '#shared/network/schemas.ts';
import { centreAdminService } from '../lib/admin.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'update-centre', body: updateCentreSchema },
  async ({ caller, params, body, now }) => ({
    body: await centreAdminService().updateCentre(params.centreId, body, caller, now),
  }),
);

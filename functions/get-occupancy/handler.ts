// GET /centres/{centreId}/occupancy: who is in the centre's shelter now (women, the children with them, stays
// past their due-out date), from the centre's occupancy counter. 404 outside the caller's scope. Audited as
// a read of figures, as GET /stats.

import { SHELTER_ROUTES } from '#shared/shelter/routes.ts';
import { readAudit, shelterStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'get-occupancy', routes: SHELTER_ROUTES },
  async ({ caller, params, now }) => {
    const body = await shelterStore().occupancy(params.centreId, caller);
    await readAudit().listRead(caller, { occupancy: params.centreId }, 1, now);
    return { body };
  },
);

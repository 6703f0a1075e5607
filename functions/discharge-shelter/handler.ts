// POST /cases/{caseId}/shelter-stays/{stayId}/discharge: she leaves the centre's shelter, and where to.

import { SHELTER_ROUTES } from '#shared/shelter/routes.ts';
import { dischargeShelterSchema } from '#shared/shelter/schemas.ts';
import { shelterStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'discharge-shelter', routes: SHELTER_ROUTES, body: dischargeShelterSchema },
  async ({ caller, params, body, now, change }) => ({
    body: await shelterStore().discharge(params.caseId, params.stayId, caller, body, now, change),
  }),
);

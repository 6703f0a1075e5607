// POST /cases/{caseId}/shelter-stays/{stayId}/discharge: she leaves the centre's shelter, and where to.
import { dischargeShelterSchema } from '#shared/shelter/schemas.ts';
import { shelterStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'discharge-shelter', body: dischargeShelterSchema },
  async ({ caller, params, body, now, change }) => ({
    body: await shelterStore().discharge(params.caseId, params.stayId, caller, body, now, change),
  }),
);

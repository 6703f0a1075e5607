// POST /cases/{caseId}/shelter-stays: the centre administrator admits her (with the children who stay with
// her) to the centre's temporary shelter, for the stage's default days or longer with a reason.

import { SHELTER_ROUTES } from '#shared/shelter/routes.ts';
import { admitShelterSchema } from '#shared/shelter/schemas.ts';
import { shelterStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'admit-shelter', routes: SHELTER_ROUTES, body: admitShelterSchema },
  async ({ caller, params, body, now, change }) => ({
    body: await shelterStore().admit(params.caseId, caller, body, now, change),
    headers: { location: `/cases/${params.caseId}/shelter-stays` },
  }),
);

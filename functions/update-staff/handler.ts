// PATCH /centres/{centreId}/staff/{staffId}: change a staff member; deactivating her hands her pending
// follow-ups to `reassignTo`, disables her sign-in and stops her SMS, in one request.

import { NETWORK_ROUTES } from '#shared/network/routes.ts';
import { updateStaffSchema } from '#shared/network/schemas.ts';
import { roster } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'update-staff', routes: NETWORK_ROUTES, body: updateStaffSchema },
  async ({ caller, params, body, now, change }) => ({
    body: await roster().updateStaff(params.centreId, params.staffId, body, caller, now, change),
  }),
);

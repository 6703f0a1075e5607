// POST /centres/{centreId}/staff (that centre's administrator, or the state): add a staff member, with a
// sign-in account if she needs the case system.

import { NETWORK_ROUTES } from '#shared/network/routes.ts';
import { createStaffSchema } from '#shared/network/schemas.ts';
import { roster } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'create-staff', routes: NETWORK_ROUTES, body: createStaffSchema },
  async ({ caller, params, body, now, change }) => {
    const staff = await roster().createStaff(params.centreId, body, caller, now, change);
    return { body: staff, headers: { location: `/centres/${params.centreId}/staff/${staff.staffId}` } };
  },
);

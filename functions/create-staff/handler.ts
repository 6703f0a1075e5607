// POST /centres/{centreId}/staff (that centre's administrator, or the state): add a staff member, with a
// sign-in account if she needs the case system.
import { createStaffSchema } from '#shared/network/schemas.ts';
import { rosterService } from '../lib/admin.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'create-staff', body: createStaffSchema },
  async ({ caller, params, body, now }) => {
    const staff = await rosterService().createStaff(params.centreId, body, caller, now);
    return { body: staff, headers: { location: `/centres/${params.centreId}/staff/${staff.staffId}` } };
  },
);

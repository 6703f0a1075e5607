// POST /centres/{centreId}/staff (that centre's administrator, or the state): add a staff member, with a
// sign-in account if she needs the case system.
import { httpHandler } from '../lib/http.ts';
import { network } from '../lib/network.ts';
import type { createStaffSchema } from '#shared/schemas.ts';

export const handler = httpHandler<typeof createStaffSchema>('create-staff', async ({ caller, params, body, now }) => {
  const staff = await network().createStaff(params.centreId, body, caller, now);
  return { body: staff, headers: { location: `/centres/${params.centreId}/staff/${staff.staffId}` } };
});

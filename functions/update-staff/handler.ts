// PATCH /centres/{centreId}/staff/{staffId}: change a staff member; deactivating her hands her pending
// follow-ups to `reassignTo`, disables her sign-in and stops her SMS, in one request.
import { httpHandler } from '../lib/http.ts';
import { network } from '../lib/network.ts';
import type { updateStaffSchema } from '#shared/schemas.ts';

export const handler = httpHandler<typeof updateStaffSchema>('update-staff', async ({ caller, params, body, now }) => ({
  body: await network().updateStaff(params.centreId, params.staffId, body, caller, now),
}));

// GET /centres/{centreId}/staff: a centre's roster, for its own team and for oversight of that centre.

import { assertInScope } from '#shared/core/principal.ts';
import { NETWORK_ROUTES } from '#shared/network/routes.ts';
import { centreStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler({ route: 'list-staff', routes: NETWORK_ROUTES }, async ({ caller, params }) => {
  const centres = centreStore();
  const centre = await centres.get(params.centreId);
  assertInScope(caller, centre);
  const staff = await centres.staff(centre.centreId);
  return {
    body: staff.map(({ staffId, name, role, phone, language, active }) => ({
      staffId,
      name,
      role,
      phone,
      language,
      active,
    })),
  };
});

// The routes of shelter stays at a centre (assembled with the others in shared/core/routes.ts).
import { READERS, type Route } from '../core/route.ts';

export const SHELTER_ROUTES = [
  {
    id: 'admit-shelter',
    method: 'POST',
    path: '/cases/{caseId}/shelter-stays',
    roles: ['centre-admin'],
    body: 'AdmitShelter',
    status: 201,
    idempotency: 'change',
  },
  {
    id: 'discharge-shelter',
    method: 'POST',
    path: '/cases/{caseId}/shelter-stays/{stayId}/discharge',
    roles: ['centre-admin'],
    body: 'DischargeShelter',
    status: 200,
    idempotency: 'change',
  },
  { id: 'get-occupancy', method: 'GET', path: '/centres/{centreId}/occupancy', roles: READERS, status: 200 },
] as const satisfies readonly Route[];

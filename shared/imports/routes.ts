// The routes of go-live imports of a centre's register, its roster and earlier years' figures (assembled with the
// others in shared/core/routes.ts).
import { CSV_FILE, type Route } from '../core/route.ts';

export const IMPORT_ROUTES = [
  {
    id: 'import-cases',
    method: 'POST',
    path: '/centres/{centreId}/imports',
    roles: ['centre-admin', 'state-admin'],
    query: 'Import',
    media: CSV_FILE,
    status: 200,
    idempotency: 'change',
  },
  {
    id: 'import-staff',
    method: 'POST',
    path: '/centres/{centreId}/staff/imports',
    roles: ['centre-admin', 'state-admin'],
    query: 'Import',
    media: CSV_FILE,
    status: 200,
    idempotency: 'change',
  },
  {
    id: 'import-reported-figures',
    method: 'POST',
    path: '/reported-figures/imports',
    roles: ['state-admin'],
    query: 'Import',
    media: CSV_FILE,
    status: 200,
    idempotency: 'change',
  },
] as const satisfies readonly Route[];

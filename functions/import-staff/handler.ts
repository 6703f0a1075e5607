// POST /centres/{centreId}/staff/imports?dryRun=true|false (text/csv): a centre's roster at go-live, checked
// as POST /centres/{centreId}/staff checks one member, sign-ins requested the same way; idempotent by phone.

import { IMPORT_ROUTES } from '#shared/imports/routes.ts';
import { importQuerySchema } from '#shared/imports/schemas.ts';
import { rosterImport } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'import-staff', routes: IMPORT_ROUTES, query: importQuerySchema },
  async ({ caller, params, body, query, now, change }) => ({
    body: await rosterImport().run(params.centreId, body, caller, {
      dryRun: query.dryRun !== 'false',
      now,
      firstRow: query.firstRow ? Number(query.firstRow) : undefined,
      idempotency: change.idempotency,
    }),
  }),
);

// POST /centres/{centreId}/imports?dryRun=true|false (text/csv, up to 5 MB): a centre's register at go-live.
// A dry run checks every row and writes nothing; a real run writes nothing if any row is wrong (400 with the
// same report), else one case per transaction, idempotent by register number (a re-run skips them).

import { IMPORT_ROUTES } from '#shared/imports/routes.ts';
import { importQuerySchema } from '#shared/imports/schemas.ts';
import { caseImport } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'import-cases', routes: IMPORT_ROUTES, query: importQuerySchema },
  async ({ caller, params, body, query, now, change }) => ({
    body: await caseImport().run(params.centreId, body, caller, {
      dryRun: query.dryRun !== 'false',
      now,
      firstRow: query.firstRow ? Number(query.firstRow) : undefined,
      idempotency: change.idempotency,
    }),
  }),
);

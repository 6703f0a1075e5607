// POST /reported-figures/imports?dryRun=true|false (state; text/csv): figures of earlier years from a file,
// checked as POST /reported-figures checks them; unchanged rows are skipped, changed ones replace the old.
import { importFigures } from '#shared/imports/figures-import.ts';
import { IMPORT_ROUTES } from '#shared/imports/routes.ts';
import { importQuerySchema } from '#shared/imports/schemas.ts';
import { reportedFigures } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'import-reported-figures', routes: IMPORT_ROUTES, query: importQuerySchema },
  async ({ caller, body, query, now, change }) => ({
    body: await importFigures(reportedFigures(), body, caller, {
      dryRun: query.dryRun !== 'false',
      now,
      firstRow: query.firstRow ? Number(query.firstRow) : undefined,
      idempotency: change.idempotency,
    }),
  }),
);

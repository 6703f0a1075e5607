// GET /cases: the cases in the caller's scope (centre, district or state), newest first, with a cursor.

import { CASE_ROUTES } from '#shared/cases/routes.ts';
import type { ListCasesQuery } from '#shared/cases/schemas.ts';
import { listCasesQuerySchema } from '#shared/cases/schemas.ts';
import { caseStore, readAudit } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'list-cases', routes: CASE_ROUTES, query: listCasesQuerySchema },
  async ({ caller, query, now }) => {
    const q = query as ListCasesQuery;
    const page = await caseStore().listCases(caller, q);
    const { cursor: _cursor, ...filters } = q;
    await readAudit().listRead(caller, filters, page.items.length, now);
    return { body: page };
  },
);

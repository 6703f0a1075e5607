// GET /cases: the cases in the caller's scope (centre, district or state), newest first, with a cursor.
import { httpHandler } from '../lib/http.ts';
import { deps } from '../lib/deps.ts';
import type { ListCasesQuery } from '#shared/schemas.ts';

export const handler = httpHandler('list-cases', async ({ caller, query, now }) => {
  const q = query as ListCasesQuery;
  const page = await deps().cases.listCases(caller, q);
  const { cursor: _cursor, ...filters } = q;
  await deps().cases.auditList(caller, filters, page.items.length, now);
  return { body: page };
});

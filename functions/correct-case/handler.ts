// PATCH /cases/{caseId}: correct the survivor's details, with the reason. If-Match is required (428 without
// it, from the route table); 412 when stale; 400 naming `survivor` when nothing differs.
import { correctCase } from '#shared/cases/correction.ts';
import { CASE_ROUTES } from '#shared/cases/routes.ts';
import { correctCaseSchema } from '#shared/cases/schemas.ts';
import { viewOf } from '#shared/cases/views.ts';
import { caseChanges } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'correct-case', routes: CASE_ROUTES, body: correctCaseSchema },
  async ({ caller, params, body, now, change }) => {
    const updated = await correctCase(caseChanges(), params.caseId, caller, body, now, change);
    return { body: viewOf(updated, caller), headers: { etag: `"${updated.version}"` } };
  },
);

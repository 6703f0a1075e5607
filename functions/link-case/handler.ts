// POST /cases/{caseId}/links: link two cases of one centre as the same woman's, both ways, with history on
// both. 404 for a case outside the caller's centre; linking again answers the link and changes nothing.

import { CASE_ROUTES } from '#shared/cases/routes.ts';
import { linkCaseSchema } from '#shared/similar/schemas.ts';
import { similarCases } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'link-case', routes: CASE_ROUTES, body: linkCaseSchema },
  async ({ caller, params, body, now, change }) => ({
    body: await similarCases().link(params.caseId, body.caseId, caller, now, change),
  }),
);

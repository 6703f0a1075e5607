// GET /cases/{caseId}/similar: earlier cases at the caller's centre that may be the same woman's (her phone,
// or her normalised name and age ± 2), through the case's lookup keys. Centre roles only; audited as a read.

import { CASE_ROUTES } from '#shared/cases/routes.ts';
import { readAudit, similarCases } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'list-similar-cases', routes: CASE_ROUTES },
  async ({ caller, params, now }) => {
    const found = await similarCases().find(params.caseId, caller);
    await readAudit().caseRead(params.caseId, caller, 'SIMILAR_READ', now);
    return { body: found };
  },
);

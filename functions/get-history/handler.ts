// GET /cases/{caseId}/history: who did what, when. Audited as a read.

import { CASE_ROUTES } from '#shared/cases/routes.ts';
import { caseStore, readAudit } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler({ route: 'get-history', routes: CASE_ROUTES }, async ({ caller, params, now }) => {
  const cases = caseStore();
  const history = await cases.history(params.caseId, caller);
  await readAudit().caseRead(params.caseId, caller, 'HISTORY_READ', now);
  return { body: history.sort((a, b) => a.at.localeCompare(b.at)) };
});

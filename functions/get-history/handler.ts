// GET /cases/{caseId}/history: who did what, when. Audited as a read.
import { httpHandler } from '../lib/http.ts';
import { deps } from '../lib/deps.ts';

export const handler = httpHandler('get-history', async ({ caller, params, now }) => {
  const { cases } = deps();
  const history = await cases.history(params.caseId, caller);
  await cases.auditRead(params.caseId, caller, 'HISTORY_READ', now);
  return { body: history.sort((a, b) => a.at.localeCompare(b.at)) };
});

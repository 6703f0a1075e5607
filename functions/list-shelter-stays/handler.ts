// GET /cases/{caseId}/shelter-stays: the case's shelter stays, newest first (oversight: without the text
// staff wrote). Audited as a read.
import { readAudit, shelterStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler({ route: 'list-shelter-stays' }, async ({ caller, params, now }) => {
  const list = await shelterStore().list(params.caseId, caller);
  await readAudit().caseRead(params.caseId, caller, 'SHELTER_STAYS_READ', now);
  return { body: list };
});

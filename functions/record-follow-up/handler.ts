// POST /cases/{caseId}/followups/{followUpId}: SAFE, AT_RISK (reopens the case) or UNREACHABLE (tried again
// in a few days). After the last follow-up the case closes.
import { httpHandler } from '../lib/http.ts';
import { deps } from '../lib/deps.ts';
import type { recordFollowUpSchema } from '#shared/schemas.ts';

export const handler = httpHandler<typeof recordFollowUpSchema>('record-follow-up', async ({ caller, params, body, now }) => {
  const { case: c, followUp } = await deps().followUps.record(params.caseId, params.followUpId, caller, body, now);
  const { followUpId, dueDate, status, workerId, outcome, attempts } = followUp;
  return { body: { followUpId, dueDate, status, workerId, outcome, attempts, case: { caseId: c.caseId, status: c.status, version: c.version } } };
});

// GET /cases/{caseId}/followups: the monitoring plan, for the centre's own staff. Audited as a read.
import { httpHandler } from '../lib/http.ts';
import { deps } from '../lib/deps.ts';

export const handler = httpHandler('list-follow-ups', async ({ caller, params, now }) => {
  const { cases, followUps } = deps();
  await cases.getCaseItem(params.caseId, caller);
  const list = await followUps.list(params.caseId);
  await cases.auditRead(params.caseId, caller, 'FOLLOW_UPS_READ', now);
  return {
    body: list
      .sort((a, b) => a.followUpId.localeCompare(b.followUpId))
      .map(({ followUpId, dueDate, plannedDate, status, workerId, outcome, attempts, recordedAt }) => ({ followUpId, dueDate, plannedDate, status, workerId, outcome, attempts, recordedAt })),
  };
});

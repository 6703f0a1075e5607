// GET /cases/{caseId}/followups: the monitoring plan, for the centre's own staff. Audited as a read.

import { FOLLOW_UP_ROUTES } from '#shared/follow-ups/routes.ts';
import { caseStore, followUpStore, readAudit } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'list-follow-ups', routes: FOLLOW_UP_ROUTES },
  async ({ caller, params, now }) => {
    const cases = caseStore();
    const followUps = followUpStore();
    await cases.getCaseItem(params.caseId, caller);
    const list = await followUps.list(params.caseId);
    await readAudit().caseRead(params.caseId, caller, 'FOLLOW_UPS_READ', now);
    return {
      body: list
        // A plan replaced by a later resolution is kept for the record, not listed as work.
        .filter((f) => f.status !== 'CANCELLED')
        .sort((a, b) => a.followUpId.localeCompare(b.followUpId))
        .map(({ followUpId, dueDate, plannedDate, status, workerId, outcome, attempts, recordedAt }) => ({
          followUpId,
          dueDate,
          plannedDate,
          status,
          workerId,
          outcome,
          attempts,
          recordedAt,
        })),
    };
  },
);

// POST /cases/{caseId}/followups/{followUpId}: SAFE, AT_RISK (reopens the case) or UNREACHABLE (tried again
// in a few days). After the last follow-up the case closes.

import { FOLLOW_UP_ROUTES } from '#shared/follow-ups/routes.ts';
import { recordFollowUpSchema } from '#shared/follow-ups/schemas.ts';
import { followUpStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'record-follow-up', routes: FOLLOW_UP_ROUTES, body: recordFollowUpSchema },
  async ({ caller, params, body, now, change }) => {
    const followUps = followUpStore();
    const { case: c, followUp } = await followUps.record(params.caseId, params.followUpId, caller, body, now, change);
    const { followUpId, dueDate, status, workerId, outcome, attempts } = followUp;
    return {
      body: {
        followUpId,
        dueDate,
        status,
        workerId,
        outcome,
        attempts,
        case: { caseId: c.caseId, status: c.status, version: c.version },
      },
    };
  },
);

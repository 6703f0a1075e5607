// POST /cases/{caseId}/followups/{followUpId}/settle: staff decide that a follow-up already past due when its
// case was imported needs no outcome (done on paper, or its time has passed). The last one closes the case.

import { FOLLOW_UP_ROUTES } from '#shared/follow-ups/routes.ts';
import { settleFollowUpSchema } from '#shared/follow-ups/schemas.ts';
import { followUpStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'settle-follow-up', routes: FOLLOW_UP_ROUTES, body: settleFollowUpSchema },
  async ({ caller, params, body, now, change }) => {
    const { case: c, followUp } = await followUpStore().settle(
      params.caseId,
      params.followUpId,
      caller,
      body,
      now,
      change,
    );
    const { followUpId, dueDate, status, workerId } = followUp;
    return {
      body: { followUpId, dueDate, status, workerId, case: { caseId: c.caseId, status: c.status, version: c.version } },
    };
  },
);

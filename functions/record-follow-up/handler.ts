// POST /cases/{caseId}/followups/{followUpId}: SAFE, AT_RISK (reopens the case) or UNREACHABLE (tried again
// in a few days). After the last follow-up the case closes.
import { recordFollowUpSchema } from '#shared/follow-ups/schemas.ts';
import { followUpStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'record-follow-up', body: recordFollowUpSchema },
  async ({ caller, params, body, now }) => {
    const { case: c, followUp } = await followUpStore().record(params.caseId, params.followUpId, caller, body, now);
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

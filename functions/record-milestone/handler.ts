// POST /cases/{caseId}/milestones: record a legal or protection milestone (police informed, FIR, MLC, DIR,
// statement by video, CWC production, court hearing). One that is due completes it; what it makes due by
// the rules table (an MLC examination: the report in 7 days) is written in the same transaction.

import { MILESTONE_ROUTES } from '#shared/milestones/routes.ts';
import { recordMilestoneSchema } from '#shared/milestones/schemas.ts';
import { milestoneStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'record-milestone', routes: MILESTONE_ROUTES, body: recordMilestoneSchema },
  async ({ caller, params, body, now, change }) => ({
    body: await milestoneStore().record(params.caseId, caller, body, now, change),
    headers: { location: `/cases/${params.caseId}/milestones` },
  }),
);

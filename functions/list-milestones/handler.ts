// GET /cases/{caseId}/milestones: the case's milestones, overdue and due first. Oversight roles see types,
// status and times, never a reference or a note. Audited as a read.

import { MILESTONE_ROUTES } from '#shared/milestones/routes.ts';
import { milestoneStore, readAudit } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'list-milestones', routes: MILESTONE_ROUTES },
  async ({ caller, params, now }) => {
    const list = await milestoneStore().list(params.caseId, caller);
    await readAudit().caseRead(params.caseId, caller, 'MILESTONES_READ', now);
    return { body: list };
  },
);

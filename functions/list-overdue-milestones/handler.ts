// GET /milestones/overdue: overdue legal deadlines in the caller's district (a district officer) or in the
// state or one district (the state): case number, centre, district, type and due time, no identity. Audited
// as a list read (a list of case numbers, as GET /cases).

import { MILESTONE_ROUTES } from '#shared/milestones/routes.ts';
import { overdueMilestonesQuerySchema } from '#shared/milestones/schemas.ts';
import { milestoneStore, readAudit } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'list-overdue-milestones', routes: MILESTONE_ROUTES, query: overdueMilestonesQuerySchema },
  async ({ caller, query, now }) => {
    const list = await milestoneStore().overdue(caller, query);
    await readAudit().listRead(caller, { overdueMilestones: query.district ?? 'all' }, list.length, now);
    return { body: list };
  },
);

// GET /milestones/overdue: overdue legal deadlines in the caller's district (a district officer) or in the
// state or one district (the state): case number, centre, district, type and due time, no identity.
import { overdueMilestonesQuerySchema } from '#shared/milestones/schemas.ts';
import { milestoneStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'list-overdue-milestones', query: overdueMilestonesQuerySchema },
  async ({ caller, query }) => ({ body: await milestoneStore().overdue(caller, query) }),
);

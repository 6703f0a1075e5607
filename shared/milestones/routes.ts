// The routes of legal and protection milestones (assembled with the others in shared/core/routes.ts).
import { CENTRE, READERS, type Route } from '../core/route.ts';

export const MILESTONE_ROUTES = [
  {
    id: 'record-milestone',
    method: 'POST',
    path: '/cases/{caseId}/milestones',
    roles: CENTRE,
    body: 'RecordMilestone',
    status: 201,
    idempotency: 'change',
  },
  { id: 'list-milestones', method: 'GET', path: '/cases/{caseId}/milestones', roles: READERS, status: 200 },
  {
    id: 'list-overdue-milestones',
    method: 'GET',
    path: '/milestones/overdue',
    roles: ['district-officer', 'state-admin'],
    query: 'OverdueMilestones',
    status: 200,
  },
] as const satisfies readonly Route[];

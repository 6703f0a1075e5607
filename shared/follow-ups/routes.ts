// The routes of the follow-ups after a case is resolved (assembled with the others in shared/core/routes.ts).
import { CENTRE, type Route } from '../core/route.ts';

export const FOLLOW_UP_ROUTES = [
  { id: 'list-follow-ups', method: 'GET', path: '/cases/{caseId}/followups', roles: CENTRE, status: 200 },
  {
    id: 'record-follow-up',
    method: 'POST',
    path: '/cases/{caseId}/followups/{followUpId}',
    roles: CENTRE,
    body: 'RecordFollowUp',
    status: 200,
    idempotency: 'change',
  },
  {
    id: 'settle-follow-up',
    method: 'POST',
    path: '/cases/{caseId}/followups/{followUpId}/settle',
    roles: CENTRE,
    body: 'SettleFollowUp',
    status: 200,
    idempotency: 'change',
  },
] as const satisfies readonly Route[];

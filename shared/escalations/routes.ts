// The routes of escalations of a case up the ladder (assembled with the others in shared/core/routes.ts).
import { CENTRE, READERS, type Route } from '../core/route.ts';

export const ESCALATION_ROUTES = [
  {
    id: 'start-escalation',
    method: 'POST',
    path: '/cases/{caseId}/escalations',
    roles: CENTRE,
    body: 'StartEscalation',
    status: 202,
    idempotency: 'change',
  },
  { id: 'list-escalations', method: 'GET', path: '/cases/{caseId}/escalations', roles: READERS, status: 200 },
  {
    id: 'acknowledge-escalation',
    method: 'POST',
    path: '/cases/{caseId}/escalations/{escalationId}/acknowledge',
    roles: ['centre-admin', 'district-officer', 'state-admin'],
    body: 'AcknowledgeEscalation',
    status: 200,
    idempotency: 'change',
  },
] as const satisfies readonly Route[];

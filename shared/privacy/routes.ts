// The routes of the access log, legal hold and exports (assembled with the others in shared/core/routes.ts).
import { READERS, type Route } from '../core/route.ts';

export const PRIVACY_ROUTES = [
  {
    id: 'get-access-log',
    method: 'GET',
    path: '/cases/{caseId}/access-log',
    roles: ['centre-admin', 'state-admin'],
    query: 'CaseAccessLog',
    status: 200,
  },
  {
    id: 'query-access-log',
    method: 'GET',
    path: '/access-log',
    roles: ['state-admin'],
    query: 'AccessLog',
    status: 200,
  },
  {
    id: 'set-legal-hold',
    method: 'POST',
    path: '/cases/{caseId}/legal-hold',
    roles: ['centre-admin', 'state-admin'],
    body: 'LegalHold',
    status: 200,
    idempotency: 'change',
  },
  {
    id: 'record-export',
    method: 'POST',
    path: '/exports',
    roles: READERS,
    body: 'RecordExport',
    status: 201,
    idempotency: 'change',
  },
] as const satisfies readonly Route[];

// The routes of statistics, the weekly reports and the figures reported before go-live (assembled with the others in
// shared/core/routes.ts).
import { READERS, type Route } from '../core/route.ts';

export const OVERSIGHT_ROUTES = [
  { id: 'get-stats', method: 'GET', path: '/stats', roles: READERS, query: 'Stats', status: 200 },
  {
    id: 'list-reports',
    method: 'GET',
    path: '/reports/{kind}',
    roles: ['district-officer', 'state-admin'],
    query: 'Reports',
    status: 200,
  },
  {
    id: 'get-report',
    method: 'GET',
    path: '/reports/{kind}/{reportId}',
    roles: ['district-officer', 'state-admin'],
    status: 200,
  },
  {
    id: 'record-reported-figures',
    method: 'POST',
    path: '/reported-figures',
    roles: ['state-admin'],
    body: 'RecordReportedFigures',
    status: 200,
    idempotency: 'change',
  },
  {
    id: 'list-reported-figures',
    method: 'GET',
    path: '/reported-figures',
    roles: READERS,
    query: 'ReportedFigures',
    status: 200,
  },
] as const satisfies readonly Route[];

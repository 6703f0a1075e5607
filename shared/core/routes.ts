// The route table: the one list of the API. The CDK API, the local HTTP server, the handler factory's role
// checks and the OpenAPI document are all built from it. Each feature folder keeps its own routes (its
// routes.ts) and this file puts them together. (Each route's prose is in route-docs.ts, so the Lambda bundles
// that read this table do not carry it.)
import { CASE_ROUTES } from '../cases/routes.ts';
import { DOCUMENT_ROUTES } from '../documents/routes.ts';
import { ESCALATION_ROUTES } from '../escalations/routes.ts';
import { FOLLOW_UP_ROUTES } from '../follow-ups/routes.ts';
import { IMPORT_ROUTES } from '../imports/routes.ts';
import { NETWORK_ROUTES } from '../network/routes.ts';
import { OVERSIGHT_ROUTES } from '../oversight/routes.ts';
import { PARTNER_ROUTES } from '../partners/routes.ts';
import { PRIVACY_ROUTES } from '../privacy/routes.ts';
import { TRANSFER_ROUTES } from '../transfers/routes.ts';
import type { Route } from './route.ts';

export {
  type BodyMediaType,
  CSV_FILE,
  INTAKE_RESOURCE_SERVER,
  REFERRALS_WRITE_SCOPE,
  type Route,
} from './route.ts';

export const ROUTES = [
  ...CASE_ROUTES,
  ...FOLLOW_UP_ROUTES,
  ...ESCALATION_ROUTES,
  ...NETWORK_ROUTES,
  ...OVERSIGHT_ROUTES,
  ...DOCUMENT_ROUTES,
  ...PRIVACY_ROUTES,
  ...PARTNER_ROUTES,
  ...TRANSFER_ROUTES,
  ...IMPORT_ROUTES,
  { id: 'openapi', method: 'GET', path: '/openapi.json', roles: [], status: 200 },
] as const satisfies readonly Route[];

export type RouteId = (typeof ROUTES)[number]['id'];

export function routeById(id: string): Route {
  const r = (ROUTES as readonly Route[]).find((x) => x.id === id);
  if (!r) throw new Error(`Unknown route ${id}`);
  return r;
}

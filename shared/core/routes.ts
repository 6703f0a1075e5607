// The route table: the one list of the API. The CDK API, the local HTTP server, the handler factory's role
// checks and the OpenAPI document are all built from it. (Each route's prose is in route-docs.ts, so the
// Lambda bundles that read this table do not carry it.)
import type { QuerySchemaName, RequestSchemaName } from '../schemas.ts';
import type { Role } from './vocabulary.ts';

export interface Route {
  /** Also the handler's folder under functions/ and its Lambda's logical name. */
  id: string;
  method: 'GET' | 'POST' | 'PATCH';
  /** API Gateway style path with {params}. */
  path: string;
  /** Who may call it; an empty list means no token is needed. */
  roles: readonly Role[];
  body?: RequestSchemaName;
  query?: QuerySchemaName;
  /** Success status. */
  status: number;
  /**
   * Whether the route takes an Idempotency-Key: `change` (the HTTP factory claims it, and the route's store
   * spends it in the change's own transaction) or `registration` (registration binds it to the new case,
   * and a control room's reference stands in for it).
   */
  idempotency?: 'change' | 'registration';
  /**
   * `required`: the change could overwrite someone else's (a correction of her details), so it must name the
   * version it was made on; without If-Match the HTTP factory answers 428 before anything is read.
   */
  ifMatch?: 'required';
  /**
   * Machine-to-machine routes: authorized by an OAuth access token (client-credentials grant) carrying
   * one of these scopes, instead of a staff member's ID token. The resource server is `sakhi`.
   */
  scopes?: readonly string[];
  /**
   * A body that is not JSON: its media type and its own size limit (a CSV file of a centre's register).
   * The factory answers 415 for another type and 413 over the limit, and hands the handler the text.
   * Absent: JSON, up to the stage's MAX_BODY_BYTES.
   */
  media?: { type: BodyMediaType; maxBytes: number };
}

/** The non-JSON bodies a route may declare. */
export type BodyMediaType = 'text/csv';

/** A register, roster or figures file: UTF-8 CSV of at most 5 MB (CONTRACT.md, "Go-live import"). */
export const CSV_FILE = { type: 'text/csv', maxBytes: 5 * 1024 * 1024 } as const;

/** The OAuth resource server and the scope the 181 / 112 control rooms' clients get. */
export const INTAKE_RESOURCE_SERVER = 'sakhi';
export const REFERRALS_WRITE_SCOPE = 'referrals.write';

const CENTRE = ['centre-staff', 'centre-admin'] as const;
const READERS = ['centre-staff', 'centre-admin', 'district-officer', 'state-admin'] as const;
/** Who keeps the partner directory: the state any district's, the others their own district's. */
const DIRECTORY_KEEPERS = ['centre-admin', 'district-officer', 'state-admin'] as const;

export const ROUTES = [
  {
    id: 'create-case',
    method: 'POST',
    path: '/cases',
    roles: [...CENTRE, 'state-admin', 'helpline'],
    body: 'CreateCase',
    status: 201,
    idempotency: 'registration',
  },
  { id: 'list-cases', method: 'GET', path: '/cases', roles: READERS, query: 'ListCases', status: 200 },
  { id: 'get-case', method: 'GET', path: '/cases/{caseId}', roles: READERS, status: 200 },
  {
    id: 'correct-case',
    method: 'PATCH',
    path: '/cases/{caseId}',
    roles: CENTRE,
    body: 'CorrectCase',
    status: 200,
    idempotency: 'change',
    ifMatch: 'required',
  },
  {
    id: 'change-consent',
    method: 'POST',
    path: '/cases/{caseId}/consent',
    roles: CENTRE,
    body: 'ChangeConsent',
    status: 200,
    idempotency: 'change',
  },
  { id: 'list-similar-cases', method: 'GET', path: '/cases/{caseId}/similar', roles: CENTRE, status: 200 },
  {
    id: 'link-case',
    method: 'POST',
    path: '/cases/{caseId}/links',
    roles: CENTRE,
    body: 'LinkCase',
    status: 201,
    idempotency: 'change',
  },
  {
    id: 'record-service',
    method: 'POST',
    path: '/cases/{caseId}/services',
    roles: CENTRE,
    body: 'RecordService',
    status: 201,
    idempotency: 'change',
  },
  {
    id: 'change-status',
    method: 'POST',
    path: '/cases/{caseId}/status',
    roles: CENTRE,
    body: 'ChangeStatus',
    status: 200,
    idempotency: 'change',
  },
  { id: 'get-history', method: 'GET', path: '/cases/{caseId}/history', roles: READERS, status: 200 },
  {
    id: 'resolve-case',
    method: 'POST',
    path: '/cases/{caseId}/resolve',
    roles: CENTRE,
    body: 'ResolveCase',
    status: 200,
    idempotency: 'change',
  },
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
  {
    id: 'create-referral',
    method: 'POST',
    path: '/referrals',
    roles: ['helpline'],
    body: 'ReferralCase',
    status: 201,
    idempotency: 'registration',
    scopes: ['sakhi/referrals.write'],
  },
  {
    id: 'create-centre',
    method: 'POST',
    path: '/centres',
    roles: ['state-admin'],
    body: 'CreateCentre',
    status: 201,
    idempotency: 'change',
  },
  {
    id: 'update-centre',
    method: 'PATCH',
    path: '/centres/{centreId}',
    roles: ['state-admin'],
    body: 'UpdateCentre',
    status: 200,
    idempotency: 'change',
  },
  {
    id: 'create-staff',
    method: 'POST',
    path: '/centres/{centreId}/staff',
    roles: ['centre-admin', 'state-admin'],
    body: 'CreateStaff',
    status: 201,
    idempotency: 'change',
  },
  {
    id: 'update-staff',
    method: 'PATCH',
    path: '/centres/{centreId}/staff/{staffId}',
    roles: ['centre-admin', 'state-admin'],
    body: 'UpdateStaff',
    status: 200,
    idempotency: 'change',
  },
  {
    id: 'disable-user',
    method: 'POST',
    path: '/users/{username}/disable',
    roles: ['state-admin'],
    body: 'ChangeUserAccess',
    status: 200,
    idempotency: 'change',
  },
  {
    id: 'enable-user',
    method: 'POST',
    path: '/users/{username}/enable',
    roles: ['state-admin'],
    body: 'ChangeUserAccess',
    status: 200,
    idempotency: 'change',
  },
  { id: 'list-centres', method: 'GET', path: '/centres', roles: READERS, status: 200 },
  { id: 'list-staff', method: 'GET', path: '/centres/{centreId}/staff', roles: READERS, status: 200 },
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
    id: 'create-document',
    method: 'POST',
    path: '/cases/{caseId}/documents',
    roles: CENTRE,
    body: 'CreateDocument',
    status: 201,
    idempotency: 'change',
  },
  { id: 'list-documents', method: 'GET', path: '/cases/{caseId}/documents', roles: CENTRE, status: 200 },
  { id: 'get-document', method: 'GET', path: '/cases/{caseId}/documents/{documentId}', roles: CENTRE, status: 200 },
  { id: 'list-partners', method: 'GET', path: '/partners', roles: READERS, query: 'ListPartners', status: 200 },
  {
    id: 'create-partner',
    method: 'POST',
    path: '/partners',
    roles: DIRECTORY_KEEPERS,
    body: 'CreatePartner',
    status: 201,
    idempotency: 'change',
  },
  {
    id: 'update-partner',
    method: 'PATCH',
    path: '/partners/{partnerId}',
    roles: DIRECTORY_KEEPERS,
    body: 'UpdatePartner',
    status: 200,
    idempotency: 'change',
  },
  {
    id: 'create-partner-referral',
    method: 'POST',
    path: '/cases/{caseId}/partner-referrals',
    roles: CENTRE,
    body: 'CreatePartnerReferral',
    status: 201,
    idempotency: 'change',
  },
  {
    id: 'update-partner-referral',
    method: 'PATCH',
    path: '/cases/{caseId}/partner-referrals/{referralId}',
    roles: CENTRE,
    body: 'UpdatePartnerReferral',
    status: 200,
    idempotency: 'change',
  },
  {
    id: 'list-partner-referrals',
    method: 'GET',
    path: '/cases/{caseId}/partner-referrals',
    roles: READERS,
    status: 200,
  },
  {
    id: 'request-transfer',
    method: 'POST',
    path: '/cases/{caseId}/transfers',
    roles: ['centre-admin'],
    body: 'RequestTransfer',
    status: 202,
    idempotency: 'change',
  },
  {
    id: 'list-transfers',
    method: 'GET',
    path: '/transfers',
    roles: ['centre-admin'],
    query: 'ListTransfers',
    status: 200,
  },
  {
    id: 'accept-transfer',
    method: 'POST',
    path: '/transfers/{transferId}/accept',
    roles: ['centre-admin'],
    body: 'AcceptTransfer',
    status: 200,
    idempotency: 'change',
  },
  {
    id: 'decline-transfer',
    method: 'POST',
    path: '/transfers/{transferId}/decline',
    roles: ['centre-admin'],
    body: 'DeclineTransfer',
    status: 200,
    idempotency: 'change',
  },
  {
    id: 'cancel-transfer',
    method: 'POST',
    path: '/transfers/{transferId}/cancel',
    roles: ['centre-admin'],
    body: 'CancelTransfer',
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
  {
    id: 'import-cases',
    method: 'POST',
    path: '/centres/{centreId}/imports',
    roles: ['centre-admin', 'state-admin'],
    query: 'Import',
    media: CSV_FILE,
    status: 200,
    idempotency: 'change',
  },
  {
    id: 'import-staff',
    method: 'POST',
    path: '/centres/{centreId}/staff/imports',
    roles: ['centre-admin', 'state-admin'],
    query: 'Import',
    media: CSV_FILE,
    status: 200,
    idempotency: 'change',
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
    id: 'import-reported-figures',
    method: 'POST',
    path: '/reported-figures/imports',
    roles: ['state-admin'],
    query: 'Import',
    media: CSV_FILE,
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
  { id: 'openapi', method: 'GET', path: '/openapi.json', roles: [], status: 200 },
] as const satisfies readonly Route[];

export type RouteId = (typeof ROUTES)[number]['id'];

export function routeById(id: string): Route {
  const r = (ROUTES as readonly Route[]).find((x) => x.id === id);
  if (!r) throw new Error(`Unknown route ${id}`);
  return r;
}

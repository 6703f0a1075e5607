// What each route does, in a sentence: for the OpenAPI document only (the Lambda bundles leave it out).
import type { RouteId } from './routes.ts';

export const ROUTE_SUMMARIES: Record<RouteId, string> = {
  'create-case': 'Register a case (Idempotency-Key header; helpline referrals are idempotent by reference)',
  'list-cases': "List cases in the caller's scope",
  'get-case': 'Read a case with its services, follow-ups and escalations',
  'record-service': 'Record a service given to the survivor',
  'change-status': 'Move a case through its lifecycle (If-Match for optimistic concurrency)',
  'get-history': 'The audit trail of a case',
  'resolve-case': 'Resolve a case and make its six-month follow-up plan',
  'list-follow-ups': "A resolved case's follow-up plan",
  'record-follow-up': 'Record the outcome of a follow-up',
  'start-escalation': 'Escalate a case: centre administrator, then district, then state',
  'list-escalations': "A case's escalations",
  'acknowledge-escalation': 'Take responsibility for an escalation at the level notified or above',
  'create-referral':
    'A 181 / 112 control room refers a woman to the centre of her district; idempotent by the reference',
  'create-centre': 'Add a centre (planned or operational) in a district and sub-division',
  'update-centre': 'Open, rename or close a centre',
  'create-staff': 'Add a staff member to a centre roster (optionally with a sign-in account)',
  'update-staff': 'Change or deactivate a staff member; her pending follow-ups move to a colleague',
  'list-centres': 'The centres of the state',
  'list-staff': "A centre's staff roster",
  'get-stats': 'Registered vs resolved by Indian financial year, and the oversight figures; no personal data',
  'list-reports': 'Weekly state reviews (state) or monthly district reports (district and state)',
  'get-report': 'One report',
  'get-access-log':
    'Every read of a case (its record, history, documents, exports), newest first; the next page is named in the ' +
    'Link header (rel="next"). Reading it is itself recorded',
  'query-access-log':
    'What one user read between two IST days (cases with their numbers, lists, reports, downloads), newest ' +
    'first: for scoping a suspected breach',
  'set-legal-hold': 'Place or lift a legal hold (court case pending): a held case is never anonymised',
  'record-notice': 'Record that the privacy notice was given (at first contact), in which language, by whom',
  'record-export': 'Record a download the form made itself (a CSV of figures), in the access log',
  openapi: 'This API as an OpenAPI document',
};

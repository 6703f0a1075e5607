// What each route does, in a sentence: for the OpenAPI document only (the Lambda bundles leave it out).
import type { RouteId } from './routes.ts';

export const ROUTE_SUMMARIES: Record<RouteId, string> = {
  'create-case': 'Register a case (Idempotency-Key header; helpline referrals are idempotent by reference)',
  'list-cases': "List cases in the caller's scope",
  'get-case': 'Read a case with its services, follow-ups and escalations (centre roles: and its linked cases)',
  'correct-case':
    "Correct the survivor's details with a reason (If-Match required); history names the fields, never the values",
  'change-consent': 'Change her consent (services, sharing with police, phone calls); each change dated in history',
  'list-similar-cases': 'Earlier cases at the centre with her phone, or her normalised name and age ± 2',
  'link-case': 'Link two cases of one centre as the same woman (both ways; linking again changes nothing)',
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
  'disable-user':
    'Disable a sign-in (district and state users): its tokens are refused within seconds and its sessions end',
  'enable-user': 'Enable a disabled sign-in again',
  'list-centres': 'The centres of the state',
  'list-staff': "A centre's staff roster",
  'get-stats': 'Registered vs resolved by Indian financial year, and the oversight figures; no personal data',
  'list-reports': 'Weekly state reviews (state) or monthly district reports (district and state)',
  'get-report': 'One report',
  'create-document':
    'Start a document upload (PDF, JPEG, PNG; at most 10 MiB): a PENDING document and a presigned PUT URL ' +
    'bound to its type and size',
  'list-documents': "A case's documents: kind, name, size, status, who and when (no links)",
  'get-document': 'A presigned download link for an available document, valid for at most 60 seconds',
  'get-access-log':
    'Every read of a case (its record, history, documents, exports), newest first; the next page is named in the ' +
    'Link header (rel="next"). Reading it is itself recorded',
  'query-access-log':
    'What one user read between two IST days (cases with their numbers, lists, reports, downloads), newest ' +
    'first: for scoping a suspected breach',
  'set-legal-hold': 'Place or lift a legal hold (court case pending): a held case is never anonymised',
  'record-export': 'Record a download the form made itself (a CSV of figures), in the access log',
  'settle-follow-up':
    'Settle a follow-up that was already past due when the case was imported (done on paper, or no longer needed)',
  'import-cases':
    "Import a centre's register (CSV): a dry run checks every row; the import numbers the cases in the centre's " +
    'sequence, keeps the old register number, and plans the rest of each follow-up plan; idempotent by register number',
  'import-staff': "Import a centre's roster (CSV), with sign-ins as for one staff member; idempotent by phone",
  'record-reported-figures':
    'Record figures of earlier years as the state reported them (kept apart from the live counters)',
  'import-reported-figures': 'Import figures of earlier years (CSV), as the state reported them',
  'list-reported-figures': "Figures of earlier years as reported, in the caller's scope; no personal data",
  'list-partners': "A district's directory of referral partners (default: the caller's own district)",
  'create-partner': 'Add a referral partner to a district directory (state: any district; others: their own)',
  'update-partner': 'Edit a referral partner, or deactivate one that no longer takes referrals',
  'create-partner-referral':
    'Refer the survivor onward to a partner, on her consent for that kind or, for a girl under 18, mandatory reporting',
  'update-partner-referral': 'Record how an onward referral stands: accepted, declined, done or withdrawn',
  'list-partner-referrals': "A case's onward referrals (district and state: kind and status only)",
  'request-transfer': "Ask another centre to take over a case (the case's centre administrator)",
  'list-transfers': "Transfers into or out of the caller's centre, without the survivor's identity",
  'accept-transfer': 'Take over a transferred case; its pending follow-ups go to the worker named',
  'decline-transfer': 'Decline a transfer: the case stays with the sending centre',
  'cancel-transfer': 'Withdraw a transfer that is still waiting for an answer',
  openapi: 'This API as an OpenAPI document',
};

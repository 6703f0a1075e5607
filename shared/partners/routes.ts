// The routes of the partner directory and onward referrals to partners (assembled with the others in
// shared/core/routes.ts).
import { CENTRE, DIRECTORY_KEEPERS, READERS, type Route } from '../core/route.ts';

export const PARTNER_ROUTES = [
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
] as const satisfies readonly Route[];

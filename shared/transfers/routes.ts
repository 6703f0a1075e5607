// The routes of transfers of a case between centres (assembled with the others in shared/core/routes.ts).
import type { Route } from '../core/route.ts';

export const TRANSFER_ROUTES = [
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
] as const satisfies readonly Route[];

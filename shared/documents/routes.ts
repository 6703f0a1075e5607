// The routes of a case's documents (assembled with the others in shared/core/routes.ts).
import { CENTRE, type Route } from '../core/route.ts';

export const DOCUMENT_ROUTES = [
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
] as const satisfies readonly Route[];

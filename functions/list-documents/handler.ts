// GET /cases/{caseId}/documents: the case's documents (kind, name, size, status, who and when), no links.
// Centre roles of the case's centre only; the read is audited before anything is returned.

import { DOCUMENT_ROUTES } from '#shared/documents/routes.ts';
import { documentStore, readAudit } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'list-documents', routes: DOCUMENT_ROUTES },
  async ({ caller, params, now }) => {
    const documents = await documentStore().list(params.caseId, caller);
    await readAudit().caseRead(params.caseId, caller, 'DOCUMENTS_LIST', now);
    return { body: documents };
  },
);

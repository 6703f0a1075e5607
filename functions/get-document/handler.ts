// GET /cases/{caseId}/documents/{documentId}: a download link to an AVAILABLE document, valid for at most
// 60 seconds (409 for any other status). Every link given is written to the case's read audit first: that
// is the access log of the case's documents.

import { DOCUMENT_ROUTES } from '#shared/documents/routes.ts';
import { documentStore, readAudit } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'get-document', routes: DOCUMENT_ROUTES },
  async ({ caller, params, now }) => {
    const link = await documentStore().downloadLink(params.caseId, params.documentId, caller, now);
    await readAudit().caseRead(params.caseId, caller, 'DOCUMENT_DOWNLOAD', now);
    return { body: link };
  },
);

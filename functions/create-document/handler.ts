// POST /cases/{caseId}/documents: start a document upload (centre roles of the case's centre). Answers the
// PENDING document's id and a PUT URL bound to the declared type and size, valid for the upload window; a
// retry with the same Idempotency-Key gets the same document with a freshly signed URL.

import { DOCUMENT_ROUTES } from '#shared/documents/routes.ts';
import { createDocumentSchema } from '#shared/documents/schemas.ts';
import { documentStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  {
    route: 'create-document',
    routes: DOCUMENT_ROUTES,
    body: createDocumentSchema,
    replayed: async (earlier, { caller, params, now }) => {
      const { documentId } = earlier.body as { documentId?: string };
      if (!documentId) return earlier;
      return { ...earlier, body: await documentStore().uploadAgain(params.caseId, documentId, caller, now) };
    },
  },
  async ({ caller, params, body, now, change }) => ({
    body: await documentStore().startUpload(params.caseId, caller, body, now, change),
  }),
);

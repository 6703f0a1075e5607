// POST /cases/{caseId}/services: record a service the centre gave (shelter, medical, police, ...).

import { CASE_ROUTES } from '#shared/cases/routes.ts';
import { recordServiceSchema } from '#shared/cases/schemas.ts';
import { caseStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'record-service', routes: CASE_ROUTES, body: recordServiceSchema },
  async ({ caller, params, body, now, change }) => {
    const service = await caseStore().recordService(params.caseId, caller, body, now, change);
    return { body: service };
  },
);

// POST /cases/{caseId}/services: record a service the centre gave (shelter, medical, police, ...).
import { httpHandler } from '../lib/http.ts';
import { deps } from '../lib/deps.ts';
import type { recordServiceSchema } from '#shared/schemas.ts';

export const handler = httpHandler<typeof recordServiceSchema>('record-service', async ({ caller, params, body, now }) => {
  const service = await deps().cases.recordService(params.caseId, caller, body, now);
  return { body: service };
});

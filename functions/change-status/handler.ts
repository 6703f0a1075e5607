// POST /cases/{caseId}/status: move a case through its lifecycle. 409 for a move the lifecycle does not
// allow, 412 when If-Match names a stale version.

import { CASE_ROUTES } from '#shared/cases/routes.ts';
import { changeStatusSchema } from '#shared/cases/schemas.ts';
import { viewOf } from '#shared/cases/views.ts';
import { caseStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'change-status', routes: CASE_ROUTES, body: changeStatusSchema },
  async ({ caller, params, body, now, change }) => {
    const updated = await caseStore().changeStatus(params.caseId, caller, body, now, change);
    return { body: viewOf(updated, caller), headers: { etag: `"${updated.version}"` } };
  },
);

// POST /cases/{caseId}/status: move a case through its lifecycle. 409 for a move the lifecycle does not
// allow, 412 when If-Match names a stale version.
import { httpHandler, ifMatchVersion } from '../lib/http.ts';
import { deps } from '../lib/deps.ts';
import { viewOf } from '#shared/case-store.ts';
import type { changeStatusSchema } from '#shared/schemas.ts';

export const handler = httpHandler<typeof changeStatusSchema>('change-status', async ({ caller, params, body, header, now }) => {
  const updated = await deps().cases.changeStatus(params.caseId, caller, body, ifMatchVersion(header('if-match')), now);
  return { body: viewOf(updated, caller), headers: { etag: `"${updated.version}"` } };
});

// GET /cases/{caseId}/access-log: who read the case, when, and what (the case, its history, documents,
// exports), newest first. The centre's administrator reads her own centre's (another centre's is 404); the
// state reads any. Staff and district officers get 403: which colleague read which woman's case is for the
// administrator answerable for the centre's records and for the state as data fiduciary, not for staff, and a
// district officer, who never sees the case's content, has no need of its readers either. The body is the
// contract's list; the next page is in the Link header. Reading the log is itself recorded.

import { PRIVACY_ROUTES } from '#shared/privacy/routes.ts';
import { caseAccessLogQuerySchema } from '#shared/privacy/schemas.ts';
import { accessLog, readAudit } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'get-access-log', routes: PRIVACY_ROUTES, query: caseAccessLogQuerySchema },
  async ({ caller, params, query, now }) => {
    const page = await accessLog().forCase(params.caseId, caller, query);
    await readAudit().caseRead(params.caseId, caller, 'ACCESS_LOG_READ', now);
    const headers: Record<string, string> = {};
    if (page.nextCursor) {
      const more = new URLSearchParams({ cursor: page.nextCursor, ...(query.limit ? { limit: query.limit } : {}) });
      headers.link = `</cases/${encodeURIComponent(params.caseId)}/access-log?${more}>; rel="next"`;
    }
    return { body: page.items, headers };
  },
);

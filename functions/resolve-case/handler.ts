// POST /cases/{caseId}/resolve: resolve the case, count it as resolved and make the follow-up plan, in one
// transaction. The worker must be active staff of the case's centre with a phone.

import { CASE_ROUTES } from '#shared/cases/routes.ts';
import { resolveCaseSchema } from '#shared/follow-ups/schemas.ts';
import { followUpStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'resolve-case', routes: CASE_ROUTES, body: resolveCaseSchema },
  async ({ caller, params, body, now, change }) => {
    const { case: c, followUps } = await followUpStore().resolve(params.caseId, caller, body, now, change);
    return {
      body: {
        caseId: c.caseId,
        caseNumber: c.caseNumber,
        status: c.status,
        version: c.version,
        resolvedAt: c.lastResolvedAt,
        followUps: followUps.map(({ followUpId, dueDate, status, workerId }) => ({
          followUpId,
          dueDate,
          status,
          workerId,
        })),
      },
      headers: { etag: `"${c.version}"` },
    };
  },
);

// GET /cases/{caseId}/escalations: the case's escalations, newest first. Audited as a read.

import { ESCALATION_ROUTES } from '#shared/escalations/routes.ts';
import { caseStore, escalationStore, readAudit } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'list-escalations', routes: ESCALATION_ROUTES },
  async ({ caller, params, now }) => {
    const cases = caseStore();
    const escalations = escalationStore();
    await cases.getCaseItem(params.caseId, caller);
    const list = await escalations.listForCase(params.caseId);
    await readAudit().caseRead(params.caseId, caller, 'ESCALATIONS_READ', now);
    return {
      body: list
        .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt))
        .map((e) => ({
          escalationId: e.escalationId,
          // The contract's levels are 1–3: a request not yet sent to its first level is at level 1, with no
          // notifiedLevels yet.
          level: Math.max(1, e.level),
          status: e.status,
          reason: e.reason,
          requestedAt: e.requestedAt,
          notifiedLevels: e.notifiedLevels ?? [],
          ...(e.acknowledgedBy
            ? {
                acknowledgedBy: e.acknowledgedBy.username,
                acknowledgedAt: e.acknowledgedAt,
                acknowledgedAtLevel: e.acknowledgedAtLevel,
              }
            : {}),
          ...(e.endedAt ? { endedAt: e.endedAt } : {}),
        })),
    };
  },
);

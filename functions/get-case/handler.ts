// GET /cases/{caseId}: one case with its services, follow-ups, escalations, shelter stays and (centre roles)
// linked cases; 404 outside the caller's scope.
// The read is audited before anything is returned.

import type { CaseRecord } from '#shared/cases/model.ts';
import { CASE_ROUTES } from '#shared/cases/routes.ts';
import { viewOf } from '#shared/cases/views.ts';
import { seesSurvivorDetails } from '#shared/core/principal.ts';
import { caseStore, readAudit } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler({ route: 'get-case', routes: CASE_ROUTES }, async ({ caller, params, now }) => {
  const cases = caseStore();
  const parts = await cases.getCaseWithParts(params.caseId, caller);
  await readAudit().caseRead(params.caseId, caller, 'CASE_READ', now);
  const c = parts.case as CaseRecord;
  return {
    body: {
      ...viewOf(c, caller),
      services: parts.services,
      followUps: parts.followUps,
      escalations: parts.escalations,
      shelterStays: parts.shelterStays,
      // Her other cases at this centre, linked by staff: the centre's team only.
      ...(seesSurvivorDetails(caller)
        ? {
            linkedCases: parts.links.map((l) => ({
              caseId: l.linkedCaseId,
              caseNumber: l.linkedCaseNumber,
              linkedAt: l.linkedAt,
            })),
          }
        : {}),
    },
    headers: { etag: `"${c.version}"` },
  };
});

// POST /cases/{caseId}/escalations: request an escalation. The request is written with the case in one
// transaction; the workflow starts from it (stream-dispatcher), so a retried request never starts two.
// One open escalation per case and reason: a second request returns the open one.

import { mayEscalate } from '#shared/cases/lifecycle.ts';
import { actorOf } from '#shared/cases/model.ts';
import { conflict } from '#shared/core/errors.ts';
import { istTimestamp } from '#shared/core/time.ts';
import { ESCALATION_ROUTES } from '#shared/escalations/routes.ts';
import { startEscalationSchema } from '#shared/escalations/schemas.ts';
import { escalationRequest } from '#shared/escalations/store.ts';
import { counterItems } from '#shared/oversight/counters.ts';
import { caseStore, escalationStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'start-escalation', routes: ESCALATION_ROUTES, body: startEscalationSchema },
  async ({ caller, params, body, now, change }) => {
    const cases = caseStore();
    const at = istTimestamp(now);
    let escalationId: string | undefined;
    let created = false;
    await cases.change(params.caseId, caller, change, (c) => {
      if (!mayEscalate(c.status)) throw conflict(`A ${c.status} case is not escalated`);
      const request = escalationRequest(cases.table, c, body.reason, actorOf(caller), at, { note: body.note });
      if (!request) {
        escalationId = c.openEscalations?.[body.reason];
        created = false;
        return undefined;
      }
      escalationId = request.escalation.escalationId;
      created = true;
      return {
        set: { updatedAt: at, ...request.set },
        items: [...request.items, ...counterItems(cases.table, now, c, request.counts)],
      };
    });
    // A repeated request answers with the open escalation as it stands (its level may have risen).
    const current = !created && escalationId ? await escalationStore().get(params.caseId, escalationId) : undefined;
    const level = Math.max(1, current?.level ?? 1);
    return {
      statusCode: 202,
      body: { escalationId, level, status: 'OPEN', reason: body.reason, created },
      headers: { location: `/cases/${params.caseId}/escalations` },
    };
  },
);

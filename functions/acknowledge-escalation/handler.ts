// POST /cases/{caseId}/escalations/{escalationId}/acknowledge: the level notified (or above) takes
// responsibility. Recorded with who and when; the workflow ends at its next check.

import { actorOf } from '#shared/cases/model.ts';
import { istTimestamp } from '#shared/core/time.ts';
import { ESCALATION_ROUTES } from '#shared/escalations/routes.ts';
import { acknowledgeEscalationSchema } from '#shared/escalations/schemas.ts';
import { assertMayAcknowledge } from '#shared/escalations/store.ts';
import { caseStore, escalationStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'acknowledge-escalation', routes: ESCALATION_ROUTES, body: acknowledgeEscalationSchema },
  async ({ caller, params, body, now, change }) => {
    const cases = caseStore();
    const escalations = escalationStore();
    const at = istTimestamp(now);
    const actor = actorOf(caller);
    let level = 0;
    await cases.change(params.caseId, caller, change, async (c) => {
      const e = await escalations.get(params.caseId, params.escalationId);
      assertMayAcknowledge(caller, e);
      level = Math.max(1, e.level);
      const open = { ...c.openEscalations };
      if (open[e.reason] === e.escalationId) delete open[e.reason];
      return {
        set: { updatedAt: at, openEscalations: open },
        items: escalations.endItems(e, 'ACKNOWLEDGED', actor, at, {
          acknowledgedBy: actor,
          acknowledgedAt: at,
          acknowledgedAtLevel: level,
          ...(body.note ? { acknowledgementNote: body.note } : {}),
        }),
      };
    });
    return {
      body: {
        escalationId: params.escalationId,
        status: 'ACKNOWLEDGED',
        level,
        acknowledgedBy: actor.username,
        acknowledgedAt: at,
      },
    };
  },
);

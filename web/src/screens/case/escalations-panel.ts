// Escalations of the case (centre administrator → district officer → state), starting one, and acknowledging
// one at the level notified or above (permissions.ts says who may).
import { h } from 'preact';
import {
  acknowledgeEscalationSchema,
  REQUESTABLE_ESCALATION_REASONS,
  startEscalationSchema,
} from '../../../../shared/schemas.ts';
import { formatDateTime } from '../../format.ts';
import { labelOf, t } from '../../i18n.ts';
import { canAcknowledge, canEscalate } from '../../permissions.ts';
import type { Escalation } from '../../types.ts';
import { type El, optionsOf } from '../../ui.ts';
import { type CaseCtx, caseAction, enc, noteField, opt } from './case-action.ts';
import { Panel, Records } from './panel.ts';

function EscalateAction({ ctx }: { ctx: CaseCtx }): El {
  const m = t();
  return caseAction({
    ctx,
    id: 'escalate',
    idPrefix: 'esc-',
    title: m.escalateSection,
    path: 'escalations',
    initial: { reason: '', note: '' },
    fields: () => [
      {
        kind: 'select',
        path: 'reason',
        label: m.reason,
        required: true,
        placeholder: m.chooseOne,
        options: optionsOf(REQUESTABLE_ESCALATION_REASONS, m.escalationReasonLabels),
      },
      noteField(m),
    ],
    schema: startEscalationSchema,
    body: (v) => ({ reason: opt(v.reason), note: opt(v.note) }),
    done: () => (x) => x.escalated,
    submit: m.escalate,
  });
}

/** Nothing to fill in: one button per open escalation, named by its level and reason. */
function AcknowledgeAction({ ctx, e }: { ctx: CaseCtx; e: Escalation }): El {
  const m = t();
  return caseAction({
    ctx,
    id: `ack-${e.escalationId}`,
    idPrefix: `ack-${e.escalationId}-`,
    path: `escalations/${enc(e.escalationId)}/acknowledge`,
    removesForm: true,
    initial: {},
    fields: () => [],
    schema: acknowledgeEscalationSchema,
    body: () => ({}),
    done: () => (x) => x.acknowledged,
    submit: m.acknowledge,
    submitKind: 'secondary',
    submitName: `${m.acknowledge}: ${m.level} ${e.level}, ${labelOf(m.escalationReasonLabels, e.reason)}`,
  });
}

export function EscalationsPanel({ ctx }: { ctx: CaseCtx }): El {
  const m = t();
  const c = ctx.caseData;
  const role = ctx.session.principal.role;
  return h(
    Panel,
    { id: 'sec-escalations', title: m.escalationsSection },
    h(Records<Escalation>, {
      rows: c.escalations,
      empty: m.noEscalations,
      item: (e) =>
        h(
          'li',
          { key: e.escalationId },
          h('strong', null, labelOf(m.escalationReasonLabels, e.reason)),
          ` · ${m.level} ${e.level}: ${m.escalationLevelLabels[e.level] ?? ''}`,
          ` · ${labelOf(m.escalationStatusLabels, e.status)}`,
          e.requestedAt ? ` · ${formatDateTime(e.requestedAt)}` : '',
          e.acknowledgedBy?.username ? ` · ${e.acknowledgedBy.username}` : '',
          canAcknowledge(role, e) ? h(AcknowledgeAction, { ctx, e }) : null,
        ),
    }),
    canEscalate(role, c) ? h(EscalateAction, { ctx }) : null,
  );
}

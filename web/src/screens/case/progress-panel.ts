// Moving the case on: a status change (only the moves the lifecycle table allows from here), and the
// resolution, which names the worker who will follow her up for six months. Both send the version the worker
// looked at, so a change someone else made meanwhile is refused (412) rather than overwritten.
import { h } from 'preact';
import { changeStatusSchema, resolveCaseSchema } from '../../../../shared/schemas.ts';
import { labelOf, t } from '../../i18n.ts';
import { canResolve, followUpCandidates, statusMoves } from '../../permissions.ts';
import type { El } from '../../ui.ts';
import { type CaseCtx, caseAction, noteField, opt } from './case-action.ts';
import { Panel } from './panel.ts';

function StatusAction({ ctx }: { ctx: CaseCtx }): El {
  const m = t();
  const moves = statusMoves(ctx.session.principal.role, ctx.caseData);
  return caseAction({
    ctx,
    id: 'status',
    idPrefix: 'st-',
    title: m.statusSection,
    path: 'status',
    ifMatch: true,
    initial: { status: '', note: '' },
    fields: () => [
      {
        kind: 'select',
        path: 'status',
        label: m.newStatus,
        required: true,
        placeholder: m.chooseOne,
        options: moves.map((s) => ({ value: s, label: labelOf(m.statusLabels, s) })),
      },
      noteField(m),
    ],
    unavailable: moves.length ? undefined : m.noStatusMoves,
    schema: changeStatusSchema,
    body: (v) => ({ status: opt(v.status), note: opt(v.note) }),
    done: (_, v) => (x) => x.statusChanged(labelOf(x.statusLabels, v.status)),
    submit: m.save,
  });
}

function ResolveAction({ ctx }: { ctx: CaseCtx }): El {
  const m = t();
  return caseAction({
    ctx,
    id: 'resolve',
    idPrefix: 'res-',
    title: m.resolveSection,
    intro: m.resolveIntro,
    path: 'resolve',
    ifMatch: true,
    removesForm: true,
    initial: { outcome: '', followUpWorkerId: '', note: '' },
    fields: () => [
      { kind: 'text', path: 'outcome', label: m.outcome, required: true, multiline: true },
      {
        kind: 'select',
        path: 'followUpWorkerId',
        label: m.followUpWorker,
        required: true,
        placeholder: m.chooseOne,
        options: followUpCandidates(ctx.staff).map((s) => ({
          value: s.staffId,
          label: `${s.name} · ${labelOf(m.staffRoleLabels, s.role)}`,
        })),
      },
      noteField(m),
    ],
    schema: resolveCaseSchema,
    // An empty outcome goes as '' (not left out), as before: the schema names it a missing outcome either way.
    body: (v) => ({ outcome: v.outcome.trim(), followUpWorkerId: opt(v.followUpWorkerId), note: opt(v.note) }),
    done: () => (x) => x.resolved,
    submit: m.resolve,
  });
}

/** For the centre's team only: district and state roles follow a case, they do not work on it. */
export function ProgressPanel({ ctx }: { ctx: CaseCtx }): El {
  const m = t();
  return h(
    Panel,
    { id: 'sec-status', title: m.progressSection },
    h(StatusAction, { ctx }),
    canResolve(ctx.session.principal.role, ctx.caseData) ? h(ResolveAction, { ctx }) : null,
  );
}

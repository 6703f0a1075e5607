// The follow-ups planned after a resolution (at least six months of them), each with its outcome once
// recorded. A follow-up still to do can take its outcome here; the form opens behind a button per follow-up.
// One already past due when its case was imported at go-live waits for a decision: an outcome, or settled.
import { h } from 'preact';
import { FOLLOW_UP_OUTCOMES, recordFollowUpSchema, settleFollowUpSchema } from '../../../../shared/schemas.ts';
import { formatCalendarDate } from '../../format.ts';
import { labelOf, t } from '../../i18n.ts';
import { canRecordFollowUp, canSettleFollowUp } from '../../permissions.ts';
import type { FollowUp } from '../../types.ts';
import { type El, optionsOf } from '../../ui.ts';
import { type CaseCtx, caseAction, enc, noteField, opt } from './case-action.ts';
import { Panel, Records } from './panel.ts';

function FollowUpAction({ ctx, f }: { ctx: CaseCtx; f: FollowUp }): El {
  const m = t();
  const name = `${m.recordOutcome}: ${formatCalendarDate(f.dueDate)}`;
  return caseAction({
    ctx,
    id: `fu-${f.followUpId}`,
    idPrefix: `fu-${f.followUpId}-`,
    label: name,
    class: 'action--inline',
    opener: { text: m.recordOutcome, name },
    path: `followups/${enc(f.followUpId)}`,
    removesForm: true,
    initial: { outcome: '', note: '' },
    fields: () => [
      {
        kind: 'select',
        path: 'outcome',
        label: m.outcome,
        required: true,
        placeholder: m.chooseOne,
        options: optionsOf(FOLLOW_UP_OUTCOMES, m.followUpOutcomeLabels),
      },
      noteField(m),
    ],
    schema: recordFollowUpSchema,
    body: (v) => ({ outcome: opt(v.outcome), note: opt(v.note) }),
    done: () => (x) => x.followUpRecorded,
    submit: m.save,
  });
}

/** A follow-up past due when its case was imported: staff may settle it instead of recording an outcome. */
function SettleAction({ ctx, f }: { ctx: CaseCtx; f: FollowUp }): El {
  const m = t();
  const name = `${m.settle}: ${formatCalendarDate(f.dueDate)}`;
  return caseAction({
    ctx,
    id: `fs-${f.followUpId}`,
    idPrefix: `fs-${f.followUpId}-`,
    label: name,
    class: 'action--inline',
    opener: { text: m.settle, name },
    intro: m.settleIntro,
    path: `followups/${enc(f.followUpId)}/settle`,
    removesForm: true,
    initial: { note: '' },
    fields: () => [noteField(m)],
    schema: settleFollowUpSchema,
    body: (v) => ({ note: opt(v.note) }),
    done: () => (x) => x.followUpSettled,
    submit: m.settle,
  });
}

export function FollowUpsPanel({ ctx }: { ctx: CaseCtx }): El {
  const m = t();
  const c = ctx.caseData;
  const role = ctx.session.principal.role;
  const staffName = (id?: string) => ctx.staff.find((s) => s.staffId === id)?.name ?? id ?? '';
  return h(
    Panel,
    { id: 'sec-followups', title: m.followUpsSection },
    // Her current consent: the reminder SMS says the same (template followUpVisit).
    c.consent && !c.consent.contactByPhone && c.followUps?.length
      ? h('p', { class: 'notice notice--info', id: 'followups-no-phone' }, m.consentPhoneNo)
      : null,
    h(Records<FollowUp>, {
      rows: c.followUps,
      empty: m.noFollowUps,
      item: (f) =>
        h(
          'li',
          { key: f.followUpId },
          h('strong', null, `${m.due}: ${formatCalendarDate(f.dueDate)}`),
          ` · ${labelOf(m.followUpStatusLabels, f.status)}`,
          f.workerId ? ` · ${m.worker}: ${staffName(f.workerId)}` : '',
          f.outcome ? ` · ${labelOf(m.followUpOutcomeLabels, f.outcome)}` : '',
          f.status === 'OVERDUE_AT_IMPORT' ? h('p', { class: 'hint decision-note' }, m.overdueAtImportNote) : null,
          canRecordFollowUp(role, c, f) ? h(FollowUpAction, { ctx, f }) : null,
          canSettleFollowUp(role, c, f) ? h(SettleAction, { ctx, f }) : null,
        ),
    }),
  );
}

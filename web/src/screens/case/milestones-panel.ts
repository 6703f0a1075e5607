// Legal and protection milestones: what is due (with the time left), overdue or done, and recording one.
// Recording a type that is due completes it; what the reference holds depends on the type (the rules table
// in shared/milestones/rules.ts, which the API checks too). Oversight roles see types, status and times only.
import { h } from 'preact';
import { REFERENCE_RULES, type ReferencePart } from '../../../../shared/milestones/rules.ts';
import { MILESTONE_TYPES, type MilestoneType, recordMilestoneSchema } from '../../../../shared/schemas.ts';
import { formatDateTime, parseTypedDateTime } from '../../format.ts';
import { type Messages, t } from '../../i18n.ts';
import { canRecordMilestone } from '../../permissions.ts';
import type { Milestone } from '../../types.ts';
import { type El, optionsOf } from '../../ui.ts';
import { type CaseCtx, caseAction, noteField, opt } from './case-action.ts';
import { dueText, useNow } from './child-pathway.ts';
import { Panel, Records } from './panel.ts';

const PARTS: readonly ReferencePart[] = ['number', 'policeStation', 'court'];

function partLabel(m: Messages, type: string, part: ReferencePart): { label: string; hint?: string } {
  if (part === 'policeStation') return { label: m.refPoliceStation };
  if (part === 'court') return { label: m.refCourt };
  if (type === 'FIR_REGISTERED') return { label: m.refFirNumber, hint: m.refFirNumberHint };
  if (type === 'MLC_EXAMINATION' || type === 'MLC_REPORT') return { label: m.refMlcNumber };
  return { label: m.refNumber };
}

function RecordAction({ ctx }: { ctx: CaseCtx }): El {
  const m = t();
  return caseAction({
    ctx,
    id: 'milestone',
    idPrefix: 'ms-',
    title: m.recordMilestone,
    path: 'milestones',
    initial: {
      type: '',
      at: '',
      'reference.number': '',
      'reference.policeStation': '',
      'reference.court': '',
      note: '',
    },
    fields: (v) => {
      const rule = REFERENCE_RULES[v.type as MilestoneType];
      return [
        {
          kind: 'select',
          path: 'type',
          label: m.milestoneType,
          required: true,
          placeholder: m.chooseOne,
          options: optionsOf(MILESTONE_TYPES, m.milestoneTypeLabels),
          clears: ['reference.number', 'reference.policeStation', 'reference.court'],
        },
        { kind: 'text', path: 'at', label: m.milestoneAt, hint: m.milestoneAtHint, size: 'medium' },
        ...PARTS.map((part) =>
          rule?.allowed.includes(part)
            ? ({
                kind: 'text',
                path: `reference.${part}`,
                required: rule.required.includes(part),
                size: part === 'number' ? 'medium' : 'long',
                ...partLabel(m, v.type, part),
              } as const)
            : null,
        ),
        noteField(m),
      ];
    },
    schema: recordMilestoneSchema,
    body: (v) => {
      const reference = Object.fromEntries(
        PARTS.map((p) => [p, opt(String(v[`reference.${p}`]))]).filter(([, x]) => x !== undefined),
      );
      return {
        type: opt(v.type),
        at: parseTypedDateTime(v.at),
        reference: Object.keys(reference).length ? reference : undefined,
        note: opt(v.note),
      };
    },
    done: () => (x) => x.milestoneRecorded,
    submit: m.save,
  });
}

function statusWord(m: Messages, ms: Milestone): string {
  // A hearing recorded with a date ahead is scheduled, not yet held (the clock read now: a milestone recorded
  // a moment ago must not read as ahead of a clock that last ticked before it).
  if (ms.type === 'COURT_HEARING' && ms.status === 'DONE' && Date.parse(ms.doneAt ?? '') > Date.now())
    return m.milestoneStatusLabels.SCHEDULED;
  return m.milestoneStatusLabels[ms.status] ?? ms.status;
}

export function MilestonesPanel({ ctx }: { ctx: CaseCtx }): El {
  const m = t();
  const now = useNow();
  const c = ctx.caseData;
  return h(
    Panel,
    { id: 'sec-milestones', title: m.milestonesSection },
    h('p', { class: 'muted' }, m.milestonesIntro),
    h(Records<Milestone>, {
      rows: c.milestones,
      empty: m.noMilestones,
      id: 'milestones-list',
      item: (ms) =>
        h(
          'li',
          {
            key: ms.milestoneId ?? `${ms.type}${ms.doneAt}`,
            class: `milestone milestone--${ms.status.toLowerCase()}`,
            'data-type': ms.type,
          },
          h('strong', null, m.milestoneTypeLabels[ms.type] ?? ms.type),
          ` · ${statusWord(m, ms)}`,
          ms.status === 'DONE' ? ` · ${formatDateTime(ms.doneAt)}` : ` · ${dueText(m, ms, now)}`,
          ms.dueAt && ms.status !== 'DONE' ? ` (${m.dueBy(formatDateTime(ms.dueAt))})` : '',
          ms.timeliness ? ` · ${ms.timeliness === 'ON_TIME' ? m.inTime : m.late}` : '',
          ms.reference
            ? h(
                'p',
                { class: 'note' },
                [ms.reference.number, ms.reference.policeStation, ms.reference.court].filter(Boolean).join(', '),
              )
            : null,
          ms.note ? h('p', { class: 'note' }, ms.note) : null,
        ),
    }),
    canRecordMilestone(ctx.session.principal.role) ? h(RecordAction, { ctx }) : null,
  );
}

// Her stays in the centre's temporary shelter: admission by the centre administrator (with the children who
// stay with her: girls of any age, boys up to 8; 5 days, or longer with the reason), and discharge with where
// she went. Oversight roles see the dates and counts, never the notes.
import { h } from 'preact';
import {
  admitShelterSchema,
  dischargeShelterSchema,
  SHELTER_DESTINATIONS,
  type ShelterDestination,
} from '../../../../shared/schemas.ts';
import { formatCalendarDate, formatDateTime } from '../../format.ts';
import { t } from '../../i18n.ts';
import { canAdmitShelter, canDischargeShelter } from '../../permissions.ts';
import type { ShelterStay } from '../../types.ts';
import { type El, optionsOf } from '../../ui.ts';
import { type CaseCtx, caseAction, enc, noteField, opt } from './case-action.ts';
import { Panel, Records } from './panel.ts';

/**
 * "12 F, 4 M" as the API's children. A part that is not an age and F or M goes as typed, so the shared schema
 * names it at the field.
 */
export function parseChildren(typed: string): unknown[] | undefined {
  const parts = typed
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) return undefined;
  return parts.map((p) => {
    const m = /^(\d{1,2})\s*([FfMm])$/.exec(p) ?? /^([FfMm])\s*(\d{1,2})$/.exec(p);
    if (!m) return { age: p, sex: p };
    const [age, sex] = /\d/.test(m[1]) ? [m[1], m[2]] : [m[2], m[1]];
    return { age: Number(age), sex: sex.toUpperCase() };
  });
}

function AdmitAction({ ctx }: { ctx: CaseCtx }): El {
  const m = t();
  return caseAction({
    ctx,
    id: 'admit',
    idPrefix: 'adm-',
    title: m.admitTitle,
    intro: m.admitIntro,
    path: 'shelter-stays',
    // An open stay takes the admission form away: the page itself says she was admitted.
    removesForm: true,
    initial: { children: '', days: '', extendedReason: '', note: '' },
    fields: () => [
      { kind: 'text', path: 'children', label: m.shelterChildren, hint: m.shelterChildrenHint },
      { kind: 'text', path: 'days', label: m.stayDays, hint: m.stayDaysHint, inputMode: 'numeric', size: 'short' },
      { kind: 'text', path: 'extendedReason', label: m.extendedReason, multiline: true },
      noteField(m),
    ],
    schema: admitShelterSchema,
    body: (v) => ({
      children: parseChildren(v.children),
      days: v.days.trim() === '' ? undefined : /^\d+$/.test(v.days.trim()) ? Number(v.days) : v.days,
      extendedReason: opt(v.extendedReason),
      note: opt(v.note),
    }),
    done: (r) => (x) => x.admitted(formatCalendarDate((r as { data?: { dueOutDate?: string } }).data?.dueOutDate)),
    submit: m.admit,
  });
}

function DischargeAction({ ctx, stay }: { ctx: CaseCtx; stay: ShelterStay }): El {
  const m = t();
  return caseAction({
    ctx,
    id: `discharge-${stay.stayId}`,
    idPrefix: 'dis-',
    title: m.dischargeTitle,
    class: 'action--inline',
    opener: { text: m.discharge },
    path: `shelter-stays/${enc(stay.stayId)}/discharge`,
    removesForm: true,
    initial: { destination: '', note: '' },
    fields: () => [
      {
        kind: 'select',
        path: 'destination',
        label: m.destination,
        required: true,
        placeholder: m.chooseOne,
        options: optionsOf(SHELTER_DESTINATIONS, m.destinationLabels),
      },
      noteField(m),
    ],
    schema: dischargeShelterSchema,
    body: (v) => ({ destination: opt(v.destination), note: opt(v.note) }),
    done: () => (x) => x.discharged,
    submit: m.discharge,
  });
}

export function ShelterPanel({ ctx }: { ctx: CaseCtx }): El {
  const m = t();
  const c = ctx.caseData;
  const role = ctx.session.principal.role;
  const to = (s: ShelterStay) => m.destinationLabels[s.destination as ShelterDestination] ?? '';
  const state = (s: ShelterStay) =>
    s.status === 'DISCHARGED' ? m.stayDischarged : s.overdue ? m.stayOverdue : m.stayOpen;
  return h(
    Panel,
    { id: 'sec-shelter', title: m.shelterSection },
    h(Records<ShelterStay>, {
      rows: c.shelterStays,
      empty: m.noStays,
      id: 'stays-list',
      item: (s) =>
        h(
          'li',
          { key: s.stayId, class: `stay stay--${s.status === 'OPEN' ? (s.overdue ? 'overdue' : 'open') : 'ended'}` },
          h('strong', null, state(s)),
          ` · ${m.admittedOn(formatDateTime(s.admittedAt))}`,
          ` · ${m.dueOut(formatCalendarDate(s.dueOutDate))}`,
          s.children?.length ? ` · ${m.childrenWithHer(s.children.length)}` : '',
          s.status === 'DISCHARGED' ? ` · ${m.stayDischargedTo(formatDateTime(s.dischargedAt), to(s))}` : '',
          s.extendedReason ? h('p', { class: 'note' }, s.extendedReason) : null,
          s.note ? h('p', { class: 'note' }, s.note) : null,
          s.status === 'OPEN' && canDischargeShelter(role)
            ? h('div', { class: 'record-actions' }, h(DischargeAction, { ctx, stay: s }))
            : null,
        ),
    }),
    canAdmitShelter(role, c) ? h(AdmitAction, { ctx }) : null,
  );
}

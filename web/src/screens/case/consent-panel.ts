// Her consent on the case page (centre roles: oversight never gets it): each consent with whether she agrees
// and since when (the date it last changed, or the registration), and a "Change" behind which the worker
// records that she now agrees or no longer agrees, with an optional note (POST /cases/{caseId}/consent). The
// history dates each change; what depends on consent (a follow-up reminder, a police referral) reads it.
import { h } from 'preact';
import { changeConsentSchema } from '../../../../shared/schemas.ts';
import { formatDateTime } from '../../format.ts';
import { t } from '../../i18n.ts';
import type { CaseView } from '../../types.ts';
import type { El } from '../../ui.ts';
import { type CaseCtx, caseAction, opt } from './case-action.ts';
import { Panel } from './panel.ts';

const FLAGS = ['services', 'shareWithPolice', 'contactByPhone'] as const;
type Flag = (typeof FLAGS)[number];

function ConsentRow({ ctx, flag }: { ctx: CaseCtx; flag: Flag }): El | null {
  const m = t();
  const c = ctx.caseData as Required<Pick<CaseView, 'consent'>> & CaseView;
  const agrees = c.consent[flag];
  const changedAt = c.consentChangedAt?.[flag];
  const label = m.consentLabels[flag];
  return h(
    'li',
    { id: `consent-row-${flag}` },
    h('strong', null, label),
    ': ',
    h('span', { class: 'consent', id: `consent-${flag}-value` }, agrees ? m.consentAgrees : m.consentRefused),
    ' ',
    h(
      'span',
      { class: 'muted', id: `consent-${flag}-since` },
      changedAt ? m.consentSince(formatDateTime(changedAt)) : m.consentAtRegistration(formatDateTime(c.registeredAt)),
    ),
    caseAction(
      {
        ctx,
        id: `consent-${flag}`,
        idPrefix: `consent-${flag}-`,
        label: m.consentChangeName(label),
        class: 'action--inline',
        opener: { text: m.consentChange, name: m.consentChangeName(label) },
        path: 'consent',
        removesForm: true,
        initial: { note: '' },
        fields: () => [{ kind: 'text', path: 'note', label: m.note, hint: m.consentNoteHint, multiline: true }],
        schema: changeConsentSchema,
        body: (v) => ({ [flag]: !agrees, note: opt(v.note) }),
        done: () => (x) => x.consentSaved,
        submit: agrees ? m.consentWithdraw : m.consentGive,
      },
      // Once changed, the row offers the other way round, closed again.
      `consent-${flag}-${agrees}`,
    ),
  );
}

export function ConsentPanel({ ctx }: { ctx: CaseCtx }): El | null {
  const m = t();
  if (!ctx.caseData.consent) return null;
  return h(
    Panel,
    { id: 'sec-consent', title: m.consentPanelTitle },
    h(
      'ul',
      { class: 'records' },
      FLAGS.map((flag) => h(ConsentRow, { key: flag, ctx, flag })),
    ),
  );
}

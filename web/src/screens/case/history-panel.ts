// The case's history, newest last: who did what and when, in the words of the chosen language.
import { h } from 'preact';
import { formatDateTime } from '../../format.ts';
import { labelOf, type Messages, t } from '../../i18n.ts';
import type { HistoryEvent } from '../../types.ts';
import type { El } from '../../ui.ts';
import { Panel, Records } from './panel.ts';

function describeEvent(m: Messages, ev: HistoryEvent): string {
  const parts = [labelOf(m.actionLabels, ev.action)];
  if (ev.from || ev.to) parts.push(`${labelOf(m.statusLabels, ev.from)} → ${labelOf(m.statusLabels, ev.to)}`);
  const d = ev.details ?? {};
  if (typeof d.type === 'string') parts.push(labelOf(m.serviceLabels, d.type));
  if (typeof d.reason === 'string') parts.push(labelOf(m.escalationReasonLabels, d.reason));
  if (typeof d.outcome === 'string') parts.push(labelOf(m.followUpOutcomeLabels, d.outcome));
  if (Array.isArray(d.fields)) {
    parts.push(m.historyFields(d.fields.map((f) => labelOf(m.fieldNames, String(f))).join(', ')));
  }
  if (Array.isArray(d.changes)) {
    for (const x of d.changes as Array<{ consent: string; to: boolean }>) {
      const what = (m.consentLabels as Record<string, string>)[x.consent] ?? x.consent;
      parts.push(m.historyConsent(what, x.to ? m.consentAgrees : m.consentRefused));
    }
  }
  if (typeof d.linkedCaseNumber === 'string') parts.push(m.historyLinked(d.linkedCaseNumber));
  if (typeof d.partnerKind === 'string') parts.push(labelOf(m.partnerKindLabels, d.partnerKind));
  if (typeof d.partnerKind === 'string' && typeof d.status === 'string') {
    parts.push(labelOf(m.referralStatusLabels, d.status));
  }
  if (ev.action === 'CASE_TRANSFERRED' || ev.action.startsWith('TRANSFER_')) {
    const route = [d.fromCentreId, d.toCentreId].filter((x) => typeof x === 'string').join(' → ');
    if (route) parts.push(route);
  }
  for (const k of ['transferReason', 'declineReason', 'cancelReason', 'purpose']) {
    if (typeof d[k] === 'string') parts.push(`“${d[k]}”`);
  }
  if (ev.action.startsWith('DOCUMENT') && typeof d.kind === 'string') parts.push(labelOf(m.documentKindLabels, d.kind));
  if (typeof d.rejectReason === 'string') parts.push(labelOf(m.rejectReasonLabels, d.rejectReason));
  const notice = d.notice as { status?: string; language?: string } | undefined;
  if (notice?.status) {
    const lang = notice.language ? ` (${labelOf(m.noticeLanguages, notice.language)})` : '';
    parts.push(`${m.noticeRecorded}: ${labelOf(m.noticeStatus, notice.status)}${lang}`);
  }
  if (typeof d.note === 'string') parts.push(`“${d.note}”`);
  return parts.filter(Boolean).join(' · ');
}

export function HistoryPanel({ history }: { history: HistoryEvent[] }): El {
  const m = t();
  return h(
    Panel,
    { id: 'sec-history', title: m.historySection },
    h(Records<HistoryEvent>, {
      rows: history,
      empty: m.noHistory,
      id: 'history-list',
      ordered: true,
      class: 'history',
      item: (ev) =>
        h(
          'li',
          { key: ev.eventId ?? ev.at },
          h('span', { class: 'when' }, formatDateTime(ev.at)),
          ' · ',
          h(
            'span',
            { class: 'who' },
            [ev.actor?.username, ev.actor?.role ? labelOf(m.roleLabels, ev.actor.role) : ''].filter(Boolean).join(', '),
          ),
          h('p', { class: 'what' }, describeEvent(m, ev)),
        ),
    }),
  );
}

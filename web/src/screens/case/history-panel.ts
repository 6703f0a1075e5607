// The case's history, newest last: who did what and when, in the words of the chosen language.
import { h } from 'preact';
import { formatDateTime } from '../../format.ts';
import { labelOf, type Messages, t } from '../../i18n.ts';
import type { HistoryEvent } from '../../types.ts';
import type { El } from '../../ui.ts';

function describeEvent(m: Messages, ev: HistoryEvent): string {
  const parts = [labelOf(m.actionLabels, ev.action)];
  if (ev.from || ev.to) parts.push(`${labelOf(m.statusLabels, ev.from)} → ${labelOf(m.statusLabels, ev.to)}`);
  const d = ev.details ?? {};
  if (typeof d.type === 'string') parts.push(labelOf(m.serviceLabels, d.type));
  if (typeof d.reason === 'string') parts.push(labelOf(m.escalationReasonLabels, d.reason));
  if (typeof d.outcome === 'string') parts.push(labelOf(m.followUpOutcomeLabels, d.outcome));
  if (typeof d.note === 'string') parts.push(`“${d.note}”`);
  return parts.filter(Boolean).join(' · ');
}

export function HistoryPanel({ history }: { history: HistoryEvent[] }): El {
  const m = t();
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'sec-history' },
    h('h2', { id: 'sec-history' }, m.historySection),
    history.length
      ? h(
          'ol',
          { class: 'records history', id: 'history-list' },
          history.map((ev) =>
            h(
              'li',
              { key: ev.eventId ?? ev.at },
              h('span', { class: 'when' }, formatDateTime(ev.at)),
              ' · ',
              h(
                'span',
                { class: 'who' },
                [ev.actor?.username, ev.actor?.role ? labelOf(m.roleLabels, ev.actor.role) : '']
                  .filter(Boolean)
                  .join(', '),
              ),
              h('p', { class: 'what' }, describeEvent(m, ev)),
            ),
          ),
        )
      : h('p', { class: 'muted' }, m.noHistory),
  );
}

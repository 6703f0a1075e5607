// What the case page shows about the case itself: where it stands, and what was given at registration (who
// she is and what happened). District and state roles get the case without her identity or story; the API
// leaves them out, and the page says so rather than showing empty fields. Her consent has its own panel
// (consent-panel.ts), with the date each consent last changed.
import { type ComponentChildren, h } from 'preact';
import { formatCalendarDate, formatDate, formatDateTime } from '../../format.ts';
import { labelOf, type Messages, t } from '../../i18n.ts';
import type { CaseView } from '../../types.ts';
import { type El, Facts } from '../../ui.ts';
import { Panel } from './panel.ts';

const yesNo = (m: Messages, v: boolean | undefined) => (v === undefined ? '' : v ? m.yes : m.no);

/** Status, risk, centre and dates, at the top of the page. */
export function CaseFacts({ c }: { c: CaseView }): El {
  const m = t();
  return h(Facts, {
    items: [
      [
        m.status,
        h(
          'span',
          { class: `badge badge--${c.status.toLowerCase()}`, id: 'case-status' },
          labelOf(m.statusLabels, c.status),
        ),
      ],
      [m.risk, h('span', { class: `risk risk--${c.riskLevel.toLowerCase()}` }, labelOf(m.riskLabels, c.riskLevel))],
      [m.centre, c.centreId],
      [m.districtLabel, c.district],
      [m.registeredAt, c.imported ? formatDate(c.registeredAt) : formatDateTime(c.registeredAt)],
      [m.registerNumber, c.registerNumber],
      [m.importedOn, c.imported ? formatDateTime(c.imported.at) : ''],
      [m.updatedAt, formatDateTime(c.updatedAt)],
      [m.version, String(c.version)],
    ],
  });
}

/** `children`: what the centre's team may do with her details (correct them). */
export function SurvivorPanel({ c, children }: { c: CaseView; children?: ComponentChildren }): El {
  const m = t();
  return h(
    Panel,
    { id: 'sec-survivor', title: m.survivorSection },
    c.survivor
      ? h(Facts, {
          items: [
            [m.name, c.survivor.name],
            [m.age, String(c.survivor.age)],
            [m.phone, c.survivor.phone],
            [m.safeToContact, c.survivor.phone ? yesNo(m, c.survivor.safeToContact) : ''],
            [m.districtLabel, c.survivor.district],
            [m.address, c.survivor.address],
          ],
        })
      : h('p', { class: 'muted' }, m.survivorHidden),
    children,
  );
}

export function IncidentPanel({ c }: { c: CaseView }): El {
  const m = t();
  return h(
    Panel,
    { id: 'sec-incident', title: m.incidentSection },
    h(Facts, {
      items: [
        [m.categories, (c.incident?.categories ?? []).map((x) => labelOf(m.categoryLabels, x)).join(', ')],
        [m.date, formatCalendarDate(c.incident?.date)],
        [
          m.relationship,
          c.incident?.perpetratorRelationship ? labelOf(m.relationshipLabels, c.incident.perpetratorRelationship) : '',
        ],
        [m.description, c.incident?.description],
        [m.referralSource, c.referral?.source ? labelOf(m.referralLabels, c.referral.source) : ''],
        [m.reference, c.referral?.reference],
        [
          m.servicesNeeded,
          c.servicesNeeded ? c.servicesNeeded.map((s) => labelOf(m.serviceLabels, s)).join(', ') || m.none : '',
        ],
        [m.outcome, c.resolution?.outcome],
      ],
    }),
  );
}

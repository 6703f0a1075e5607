// The counts of the year: the key figures at the top, short lists (open cases by age, follow-ups,
// escalations, the flow of cases) and tables of counts by code (types of violence, who referred, services,
// risk), each downloadable as CSV.
import { h } from 'preact';
import { CATEGORIES, REFERRAL_SOURCES, RISK_LEVELS, SERVICES } from '../../../../shared/schemas.ts';
import { formatCount } from '../../format.ts';
import { lang, t } from '../../i18n.ts';
import { DataTable, FigureBlock } from '../../table.ts';
import type { Cell, StatsResult } from '../../types.ts';
import { Block, type El } from '../../ui.ts';
import type { Pair, PanelProps } from './oversight-data.ts';

export function KeyFigures({ stats }: { stats: StatsResult }): El {
  const m = t();
  const l = lang();
  const items: Array<[string, string, Cell]> = [
    ['open', m.keyOpenNow, stats.openCases.total],
    ['over30', m.keyPending30, stats.openCases.pendingOver30Days],
    ['due', m.keyFollowUpsDue, stats.followUps.dueNow],
    ['missed', m.keyFollowUpsMissed, stats.followUps.missedThisYear],
    ['escalations', m.keyEscalationsOpen, stats.escalations.openNow.length],
    ['shelter', m.keyShelter, stats.shelter.admissions],
  ];
  return h(
    'dl',
    { class: 'key-figures', id: 'key-figures' },
    items.map(([k, label, v]) =>
      h('div', { key: k, class: 'key-figure' }, h('dt', null, label), h('dd', { 'data-key': k }, formatCount(v, l))),
    ),
  );
}

/** Open cases, follow-ups, escalations and the flow of cases, as short lists of figures. */
export function ListsPanel({ stats, csv }: PanelProps): El {
  const m = t();
  const totals = stats.totals as Record<string, unknown>;
  return h(
    'div',
    { class: 'grid-2' },
    h(FigureBlock, {
      id: 'open-cases',
      title: m.openCasesTitle,
      csvName: csv('open-cases'),
      items: [
        ...Object.entries(stats.openCases.byAgeDays).map(([k, v]) => [m.ageLabels[k] ?? k, v] as Pair),
        [m.openTotal, stats.openCases.total],
        [m.keyPending30, stats.openCases.pendingOver30Days],
      ],
    }),
    h(FigureBlock, {
      id: 'follow-ups',
      title: m.followUpsTitle,
      csvName: csv('follow-ups'),
      items: [
        [m.fuDueNow, stats.followUps.dueNow],
        [m.fuMissedYear, stats.followUps.missedThisYear],
        ...['SAFE', 'AT_RISK', 'UNREACHABLE'].map((k) => [m.fuOutcomeLabels[k], stats.followUps.outcomes[k]] as Pair),
      ],
    }),
    h(FigureBlock, {
      id: 'escalation-counts',
      title: m.escalationCountsTitle,
      csvName: csv('escalations'),
      items: [
        [m.keyEscalationsOpen, stats.escalations.openNow.length],
        [m.escOpened, stats.escalations.opened],
        [m.escAcknowledged, stats.escalations.acknowledged],
        [m.escUnacknowledged, stats.escalations.unacknowledged],
        [m.escFailed, stats.escalations.failed],
      ],
    }),
    h(FigureBlock, {
      id: 'flow',
      title: m.flowTitle,
      csvName: csv('cases'),
      items: [
        [m.colRegistered, stats.registered],
        [m.colResolved, stats.resolved],
        [m.flowReferred, totals.referred as Cell],
        [m.flowWithdrawn, totals.withdrawn as Cell],
        [m.flowReopened, totals.reopened as Cell],
        [m.flowClosed, totals.closed as Cell],
        [m.shelterAdmissions, stats.shelter.admissions],
      ],
    }),
  );
}

/** Counts by code, every code of the schema's list (a code nobody had is 0), largest first. */
export function CodesPanel({ stats, csv }: PanelProps): El {
  const m = t();
  const totals = stats.totals as Record<string, unknown>;
  /** `id` names the table and its CSV file; `key` is where its counts are in the totals. */
  const table = (id: string, key: string, title: string, codes: readonly string[], labels: Record<string, string>) => {
    const counts = (totals[key] ?? {}) as Record<string, Cell>;
    return h(
      Block,
      { id, title },
      h(DataTable<Pair>, {
        id,
        caption: title,
        captionHidden: true,
        rows: codes.map((code) => [labels[code] ?? code, counts[code] ?? 0] as Pair),
        rowKey: (r) => r[0],
        initialSort: { key: 'count', dir: 'descending' },
        csvName: csv(id),
        columns: [
          { key: 'label', label: title, value: (r) => r[0], rowHeader: true },
          { key: 'count', label: m.colCount, value: (r) => r[1], numeric: true },
        ],
      }),
    );
  };
  return h(
    'div',
    { class: 'grid-2' },
    table('categories', 'categories', m.categoriesTitle, CATEGORIES, m.categoryLabels),
    table('referral-sources', 'referralSources', m.referralSourcesTitle, REFERRAL_SOURCES, m.referralLabels),
    table('services', 'services', m.servicesTitle, SERVICES, m.serviceLabels),
    table('risk', 'risk', m.riskTitle, RISK_LEVELS, m.riskLabels),
    // Where the women come from (her district, as corrected since): the places that have any, largest first.
    table('home-districts', 'homeDistricts', m.homeDistrictsTitle, Object.keys(totals.homeDistricts ?? {}), {
      OTHER: m.homeOther,
      NOT_GIVEN: m.homeNotGiven,
    }),
  );
}

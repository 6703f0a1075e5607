// The figures by place: one row per district (the state only), one per centre (the state opens the list of
// some forty on request), and the open escalations, by case number only.
import { Fragment, h } from 'preact';
import { formatDateTime } from '../../format.ts';
import { labelOf, t } from '../../i18n.ts';
import { DataTable } from '../../table.ts';
import { Block, type El } from '../../ui.ts';
import {
  type CentreRow,
  centreRows,
  countColumn,
  type DistrictRow,
  districtRows,
  type OpenEscalation,
  type PanelProps,
} from './oversight-data.ts';

export function PlacesPanel({ stats, centres, csv }: PanelProps): El {
  const m = t();
  const showDistricts = !stats.scope.district && !stats.scope.centreId;
  const showCentres = !stats.scope.centreId;
  const byCentre = centreRows(stats, centres);
  const centreTable = h(DataTable<CentreRow>, {
    id: 'by-centre',
    caption: `${m.byCentreTitle}, ${m.fyOption(stats.fy, false)}`,
    captionHidden: true,
    rows: byCentre,
    rowKey: (r) => r.centreId,
    initialSort: { key: 'district', dir: 'ascending' },
    csvName: csv('by-centre'),
    columns: [
      { key: 'centre', label: m.colCentre, value: (r) => r.name, rowHeader: true },
      { key: 'district', label: m.colDistrict, value: (r) => r.district },
      countColumn<CentreRow>('registered', m.colRegistered, (r) => r.registered),
      countColumn<CentreRow>('resolved', m.colResolved, (r) => r.resolved),
      countColumn<CentreRow>('openNow', m.colOpenNow, (r) => r.openNow),
      countColumn<CentreRow>('followUpsMissed', m.colFollowUpsMissed, (r) => r.followUpsMissed),
      countColumn<CentreRow>('escalationsUnacknowledged', m.colEscalationsUnack, (r) => r.escalationsUnacknowledged),
      countColumn<CentreRow>('overdueDeadlines', m.colOverdueDeadlines, (r) => r.overdueDeadlines),
    ],
  });

  return h(
    Fragment,
    null,
    showDistricts
      ? h(
          Block,
          { id: 'by-district', title: m.byDistrictTitle },
          h(DataTable<DistrictRow>, {
            id: 'by-district',
            caption: `${m.byDistrictTitle}, ${m.fyOption(stats.fy, false)}`,
            captionHidden: true,
            rows: districtRows(stats),
            rowKey: (r) => r.district,
            initialSort: { key: 'district', dir: 'ascending' },
            csvName: csv('by-district'),
            columns: [
              { key: 'district', label: m.colDistrict, value: (r) => r.district, rowHeader: true },
              countColumn<DistrictRow>('registered', m.colRegistered, (r) => r.registered),
              countColumn<DistrictRow>('resolved', m.colResolved, (r) => r.resolved),
              countColumn<DistrictRow>('openNow', m.colOpenNow, (r) => r.openNow),
              countColumn<DistrictRow>('pendingOver30Days', m.colPending30, (r) => r.pendingOver30Days),
              countColumn<DistrictRow>('followUpsMissed', m.colFollowUpsMissed, (r) => r.followUpsMissed),
              countColumn<DistrictRow>(
                'escalationsUnacknowledged',
                m.colEscalationsUnack,
                (r) => r.escalationsUnacknowledged,
              ),
              countColumn<DistrictRow>('overdueDeadlines', m.colOverdueDeadlines, (r) => r.overdueDeadlines),
            ],
          }),
        )
      : null,
    showCentres
      ? h(
          Block,
          { id: 'by-centre', title: m.byCentreTitle },
          // For the whole state (some forty centres) the table opens on request, so the page stays readable.
          showDistricts
            ? h(
                'details',
                { class: 'more', id: 'by-centre-more' },
                h('summary', null, m.showAllCentres(byCentre.length)),
                centreTable,
              )
            : centreTable,
        )
      : null,
    h(OpenEscalations, { stats, centres, csv }),
  );
}

function OpenEscalations({ stats, csv }: PanelProps): El {
  const m = t();
  return h(
    Block,
    { id: 'open-escalations', title: m.openEscalationsTitle },
    h(DataTable<OpenEscalation>, {
      id: 'open-escalations',
      caption: m.openEscalationsTitle,
      captionHidden: true,
      rows: stats.escalations.openNow,
      rowKey: (r) => `${r.caseNumber}#${r.requestedAt}`,
      initialSort: { key: 'requestedAt', dir: 'ascending' },
      csvName: csv('open-escalations'),
      empty: m.noOpenEscalations,
      columns: [
        { key: 'caseNumber', label: m.colCaseNumber, value: (r) => r.caseNumber, rowHeader: true },
        { key: 'district', label: m.colDistrict, value: (r) => r.district },
        {
          key: 'level',
          label: m.colLevel,
          value: (r) =>
            r.level > 0 ? labelOf(m.escalationLevelLabels as Record<string, string>, String(r.level)) : m.levelStarting,
        },
        { key: 'reason', label: m.colReason, value: (r) => labelOf(m.escalationReasonLabels, r.reason) },
        // ISO times sort as text; the cell shows them in Indian time.
        {
          key: 'requestedAt',
          label: m.colRequested,
          value: (r) => formatDateTime(r.requestedAt),
          render: (r) => formatDateTime(r.requestedAt),
        },
      ],
    }),
  );
}

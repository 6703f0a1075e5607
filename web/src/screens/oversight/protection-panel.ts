// Legal deadlines and the shelters, for oversight: the deadlines overdue now (by case number only, from
// GET /milestones/overdue, for district officers and the state; a count for the centre's own team), who is
// in each centre's shelter tonight (from the occupancy counters; for the state, a district's or centre's
// figure is protected as every figure below the state: "<5", "x"; GET /centres/{id}/occupancy is exact for
// the centre), and the year's protection figures (children's cases, FIRs, MLCs, CWC production within 24
// hours or late, shelter use), small cells as everywhere on this page.
import { Fragment, h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Role } from '../../../../shared/schemas.ts';
import { apiGet } from '../../api.ts';
import { formatCount, formatDateTime } from '../../format.ts';
import { lang, t } from '../../i18n.ts';
import { readsOverdueDeadlines } from '../../permissions.ts';
import { queryString } from '../../request.ts';
import { DataTable, FigureBlock } from '../../table.ts';
import type { OverdueMilestone } from '../../types.ts';
import { Block, type El } from '../../ui.ts';
import { countColumn, type PanelProps } from './oversight-data.ts';

type ShelterRow = PanelProps['stats']['shelterTonight'][number] & { name: string };
type DistrictShelter = PanelProps['stats']['shelterTonightByDistrict'][number];
type ShelterCounts = Pick<ShelterRow, 'inShelter' | 'children' | 'overdue'>;

function OverdueDeadlines({ stats, centres, csv, role }: PanelProps & { role: Role }): El {
  const m = t();
  const [rows, setRows] = useState<OverdueMilestone[] | undefined>();
  const reads = readsOverdueDeadlines(role);
  useEffect(() => {
    if (!reads) return;
    apiGet<OverdueMilestone[]>(`/milestones/overdue${queryString({ district: stats.scope.district })}`).then(
      (list) => setRows(list.filter((r) => !stats.scope.centreId || r.centreId === stats.scope.centreId)),
      () => setRows([]),
    );
  }, [stats]);
  const name = (id: string) => centres.find((c) => c.centreId === id)?.name ?? id;
  return h(
    Block,
    { id: 'overdue-deadlines', title: m.overdueDeadlinesTitle },
    h('p', { class: 'muted' }, m.overdueDeadlinesIntro),
    h(
      'p',
      { id: 'overdue-deadlines-count' },
      m.overdueDeadlinesCount(Number(reads && rows ? rows.length : stats.milestones.overdueNowTotal) || 0),
    ),
    reads && rows
      ? h(DataTable<OverdueMilestone>, {
          id: 'overdue-deadlines',
          caption: m.overdueDeadlinesTitle,
          captionHidden: true,
          rows,
          rowKey: (r) => `${r.caseNumber}#${r.type}`,
          initialSort: { key: 'dueAt', dir: 'ascending' },
          csvName: csv('overdue-deadlines'),
          empty: m.noOverdueDeadlines,
          columns: [
            { key: 'caseNumber', label: m.colCaseNumber, value: (r) => r.caseNumber, rowHeader: true },
            { key: 'centre', label: m.colCentre, value: (r) => name(r.centreId) },
            { key: 'district', label: m.colDistrict, value: (r) => r.district },
            { key: 'type', label: m.colMilestone, value: (r) => m.milestoneTypeLabels[r.type] ?? r.type },
            // ISO times sort as text; the cell shows them in Indian time.
            { key: 'dueAt', label: m.colDueAt, value: (r) => r.dueAt, render: (r) => formatDateTime(r.dueAt) },
          ],
        })
      : null,
  );
}

function ShelterTonight({ stats, centres, csv }: PanelProps): El {
  const m = t();
  const l = lang();
  // A row with anything in it, or anything withheld ("<5", "x"): all zeros is left out.
  const shown = (r: ShelterCounts) => [r.inShelter, r.children, r.overdue].some((v) => v !== 0);
  const rows: ShelterRow[] = stats.shelterTonight
    .filter(shown)
    .map((r) => ({ ...r, name: centres.find((c) => c.centreId === r.centreId)?.name ?? r.centreId }));
  // The districts' rows as GET /stats protected them (never added up here: a sum of hidden cells is no figure).
  const districts: DistrictShelter[] = stats.shelterTonightByDistrict.filter(shown);
  const counts = <R extends ShelterCounts>() => [
    countColumn<R>('inShelter', m.colInShelter, (r) => r.inShelter),
    countColumn<R>('children', m.colChildren, (r) => r.children),
    countColumn<R>('overdue', m.colStaysOverdue, (r) => r.overdue),
  ];
  const byState = !stats.scope.district && !stats.scope.centreId;
  return h(
    Block,
    { id: 'shelter-tonight', title: m.shelterTonightTitle },
    h('p', { class: 'muted' }, m.shelterTonightIntro),
    h(
      'p',
      { id: 'shelter-tonight-total' },
      `${m.colInShelter}: ${formatCount(stats.shelter.inShelterNow, l)} · ${m.colChildren}: ${formatCount(
        stats.shelter.childrenNow,
        l,
      )} · ${m.colStaysOverdue}: ${formatCount(stats.shelter.overdueNow, l)}`,
    ),
    byState && districts.length
      ? h(DataTable<DistrictShelter>, {
          id: 'shelter-by-district',
          caption: `${m.shelterTonightTitle}: ${m.byDistrictTitle}`,
          rows: districts,
          rowKey: (r) => r.district,
          initialSort: { key: 'district', dir: 'ascending' },
          csvName: csv('shelter-by-district'),
          columns: [
            { key: 'district', label: m.colDistrict, value: (r) => r.district, rowHeader: true },
            ...counts<DistrictShelter>(),
          ],
        })
      : null,
    h(DataTable<ShelterRow>, {
      id: 'shelter-by-centre',
      caption: `${m.shelterTonightTitle}: ${m.byCentreTitle}`,
      rows,
      rowKey: (r) => r.centreId,
      initialSort: { key: 'district', dir: 'ascending' },
      csvName: csv('shelter-by-centre'),
      empty: m.noShelterTonight,
      columns: [
        { key: 'centre', label: m.colCentre, value: (r) => r.name, rowHeader: true },
        { key: 'district', label: m.colDistrict, value: (r) => r.district },
        ...counts<ShelterRow>(),
      ],
    }),
  );
}

export function ProtectionPanel(p: PanelProps & { role: Role }): El {
  const m = t();
  const s = p.stats;
  return h(
    Fragment,
    null,
    h(OverdueDeadlines, p),
    h(ShelterTonight, p),
    h(FigureBlock, {
      id: 'protection-year',
      title: m.protectionYearTitle,
      csvName: p.csv('protection'),
      items: [
        [m.childrenCases, s.children],
        [m.firRegistered, s.milestones.done.FIR_REGISTERED],
        [m.mlcDone, s.milestones.done.MLC_EXAMINATION],
        [m.cwcOnTime, s.milestones.onTime.CWC_PRODUCTION],
        [m.cwcLate, s.milestones.late.CWC_PRODUCTION],
        [m.shelterAdmissions, s.shelter.admissions],
        [m.shelterDischarged, s.shelter.discharged],
        [m.staysOverdueYear, s.shelter.overdueMarked],
      ],
    }),
  );
}

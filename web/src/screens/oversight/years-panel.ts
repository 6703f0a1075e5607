// Year by year: what was counted here beside what the state reported for earlier years (GET /stats `reported`
// block), as a chart and as a table under it. The two are never added together; the reported ones are marked
// as such in the legend, the column headings and the sentence under the chart.
import { h } from 'preact';
import { YearChart, type YearPoint } from '../../chart-years.ts';
import { formatMonth } from '../../format.ts';
import { lang, t } from '../../i18n.ts';
import { DataTable } from '../../table.ts';
import { Block, type El } from '../../ui.ts';
import { countColumn, type PanelProps } from './oversight-data.ts';

export function YearsPanel({ stats, csv }: PanelProps): El | null {
  const m = t();
  const l = lang();
  const years = (stats.reported?.years ?? []) as YearPoint[];
  if (!years.some((y) => y.reported)) return null;
  return h(
    Block,
    { id: 'by-year', title: m.yearsTitle },
    h(YearChart, { id: 'year-chart', years }),
    h(
      'details',
      { class: 'chart-table' },
      h('summary', null, m.chartAsTable),
      h(DataTable<YearPoint>, {
        id: 'by-year',
        caption: m.yearsChartTitle,
        sortable: false,
        rows: years,
        rowKey: (y) => y.fy,
        csvName: csv('by-year'),
        columns: [
          { key: 'fy', label: m.colFy, value: (y) => y.fy, rowHeader: true },
          countColumn<YearPoint>('liveRegistered', m.legendLiveRegistered, (y) => y.live.registered),
          countColumn<YearPoint>('liveResolved', m.legendLiveResolved, (y) => y.live.resolved),
          countColumn<YearPoint>('reportedRegistered', m.legendReportedRegistered, (y) => y.reported?.registered),
          countColumn<YearPoint>('reportedResolved', m.legendReportedResolved, (y) => y.reported?.resolved),
          {
            key: 'upTo',
            label: m.colReportedUpTo,
            value: (y) => (y.reported?.upToMonth ? formatMonth(y.reported.upToMonth, l) : ''),
          },
        ],
      }),
    ),
  );
}

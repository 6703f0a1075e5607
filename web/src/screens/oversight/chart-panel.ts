// Registered and resolved cases by month of the financial year: the chart, and the same figures as a table
// under it (the chart is one picture to a screen reader; the table is where the numbers can be read).
import { h } from 'preact';
import { MonthChart } from '../../chart.ts';
import { formatMonth } from '../../format.ts';
import { lang, t } from '../../i18n.ts';
import { DataTable } from '../../table.ts';
import { Block, type El } from '../../ui.ts';
import { countColumn, type MonthRow, type PanelProps } from './oversight-data.ts';

export function ChartPanel({ stats, csv }: PanelProps): El {
  const m = t();
  const l = lang();
  return h(
    Block,
    { id: 'by-month', title: m.byMonthTitle },
    h(MonthChart, {
      id: 'month-chart',
      fy: stats.fy,
      months: stats.byMonth,
      threshold: stats.smallCellThreshold,
      registered: stats.registered,
      resolved: stats.resolved,
      reported: stats.reported?.thisYear?.byMonth,
    }),
    h(
      'details',
      { class: 'chart-table' },
      h('summary', null, m.chartAsTable),
      h(DataTable<MonthRow>, {
        id: 'by-month',
        caption: m.chartTitle(stats.fy),
        sortable: false,
        rows: stats.byMonth,
        rowKey: (r) => r.month,
        csvName: csv('by-month'),
        columns: [
          { key: 'month', label: m.colMonth, value: (r) => formatMonth(r.month, l), rowHeader: true },
          countColumn<MonthRow>('registered', m.colRegistered, (r) => r.registered),
          countColumn<MonthRow>('resolved', m.colResolved, (r) => r.resolved),
        ],
      }),
    ),
  );
}

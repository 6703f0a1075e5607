// The reports the schedules make: the weekly state review (the state corporation only) and the monthly report
// of each District Operation Committee (a district officer sees her district's; the state all, with a district
// filter). A report is figures only; it is rendered from its stored figures in the chosen language, with
// titles made from its period rather than the English title it was stored with, and prints cleanly.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { DISTRICTS } from '../../../shared/network/geography.ts';
import { CATEGORIES, REFERRAL_SOURCES } from '../../../shared/schemas.ts';
import { ApiError, apiGet } from '../api.ts';
import type { Session } from '../auth.ts';
import { formatCalendarDate, formatDateTime, formatMonth } from '../format.ts';
import { lang, type Messages, t } from '../i18n.ts';
import { permissionsFor } from '../permissions.ts';
import { type Msg, problemMsg } from '../problems.ts';
import { queryString, useRequest } from '../request.ts';
import { href, type ReportKind } from '../router.ts';
import { type Column, DataTable, FigureList, fileSlug } from '../table.ts';
import type { Cell, Report, ReportSummary } from '../types.ts';
import { Button, type El, Notice, SelectField } from '../ui.ts';

/** The title of a report in the chosen language, from its kind, period and district. */
export function reportTitle(
  m: Messages,
  kind: ReportKind,
  r: Pick<ReportSummary, 'period' | 'district' | 'title'>,
): string {
  if (kind === 'weekly') return m.weeklyReportTitle(formatCalendarDate(r.period.from), formatCalendarDate(r.period.to));
  if (r.district) return m.monthlyReportTitle(r.district, formatMonth(r.period.from.slice(0, 7), lang()));
  return r.title;
}

function Tabs({ kind, session }: { kind: ReportKind; session: Session }): El | null {
  const m = t();
  const perms = permissionsFor(session.principal.role);
  if (!perms.weeklyReports) return null;
  const tab = (k: ReportKind, label: string) =>
    h('li', { key: k }, h('a', { href: href.reports(k), 'aria-current': k === kind ? 'page' : undefined }, label));
  return h(
    'nav',
    { class: 'tabs no-print', 'aria-label': m.reportsTitle },
    h('ul', null, tab('weekly', m.weeklyTab), tab('monthly', m.monthlyTab)),
  );
}

let monthlyDistrict = '';
export function forgetReportFilter(): void {
  monthlyDistrict = '';
}

export function ReportList({ kind, session }: { kind: ReportKind; session: Session }): El {
  const m = t();
  const isState = session.principal.role === 'state-admin';
  const [items, setItems] = useState<ReportSummary[] | undefined>();
  const [district, setDistrict] = useState(monthlyDistrict);
  const request = useRequest();

  const load = (d: string) =>
    request.run(async () => {
      const q = kind === 'monthly' && isState ? queryString({ district: d }) : '';
      setItems(await apiGet<ReportSummary[]>(`/reports/${kind}${q}`));
      monthlyDistrict = d;
    });

  useEffect(() => {
    setItems(undefined);
    void load(district);
  }, [kind]);

  const columns: Column<ReportSummary>[] = [
    {
      key: 'title',
      label: m.colReport,
      value: (r) => reportTitle(m, kind, r),
      render: (r) => h('a', { href: href.report(kind, r.reportId) }, reportTitle(m, kind, r)),
      rowHeader: true,
    },
    ...(kind === 'monthly'
      ? [{ key: 'district', label: m.colDistrict, value: (r: ReportSummary) => r.district ?? '' }]
      : []),
    {
      key: 'period',
      label: m.colPeriod,
      value: (r) => r.period.from,
      render: (r) => m.periodText(formatCalendarDate(r.period.from), formatCalendarDate(r.period.to)),
    },
    {
      key: 'generatedAt',
      label: m.colGenerated,
      value: (r) => r.generatedAt,
      render: (r) => formatDateTime(r.generatedAt),
    },
  ];

  return h(
    'section',
    { class: 'screen reports' },
    h('h1', { id: 'page-title', tabIndex: -1 }, kind === 'weekly' ? m.weeklyTab : m.monthlyTab),
    h(Tabs, { kind, session }),
    h('p', { class: 'lead' }, kind === 'weekly' ? m.weeklyIntro : m.monthlyIntro),
    kind === 'monthly' && isState
      ? h(
          'form',
          {
            class: 'filters',
            noValidate: true,
            'aria-label': m.districtFilter,
            onSubmit: (e: Event) => {
              e.preventDefault();
              void load(district);
            },
          },
          h(SelectField, {
            path: 'report-district',
            label: m.districtFilter,
            placeholder: m.allDistricts,
            options: DISTRICTS.map((d) => ({ value: d.name, label: d.name })),
            value: district,
            onValue: setDistrict,
          }),
          h('div', { class: 'actions' }, h(Button, { type: 'submit', busy: request.busy, id: 'show-reports' }, m.show)),
        )
      : null,
    h(Notice, { kind: 'error' }, request.error ? request.error(m) : null),
    items
      ? h(DataTable<ReportSummary>, {
          id: `${kind}-reports`,
          caption: kind === 'weekly' ? m.weeklyTab : m.monthlyTab,
          captionHidden: true,
          rows: items,
          rowKey: (r) => r.reportId,
          initialSort: { key: 'period', dir: 'descending' },
          columns,
          empty: m.noReports,
        })
      : h('p', { class: 'muted' }, m.loading),
  );
}

// ---- one report ---------------------------------------------------------------------------------------------

const isCount = (v: unknown): v is Cell => typeof v === 'number' || typeof v === 'string';
const isGroup = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The order figures are read in (a stored report's maps come back in any order); unknown ones go last. */
const ORDER: readonly string[] = [
  'week',
  'month',
  'yearToDate',
  'district',
  'registered',
  'resolved',
  'referred',
  'shelterAdmissions',
  'followUpsMissed',
  'escalationsOpened',
  'escalationsUnacknowledged',
  'escalationsOpen',
  'weekRegistered',
  'weekResolved',
  'weekFollowUpsMissed',
  'weekEscalationsUnacknowledged',
  'yearRegistered',
  'yearResolved',
  'openNow',
  'pendingOver30Days',
  'categories',
  'referralSources',
  'byDistrict',
];
/** Codes inside a group keep the order of their list in the schemas. */
const ORDER_IN: Record<string, readonly string[]> = { categories: CATEGORIES, referralSources: REFERRAL_SOURCES };
const rankOf = (k: string, order: readonly string[]) => {
  const i = order.indexOf(k);
  return i < 0 ? order.length : i;
};
const ordered = <T>(entries: Array<[string, T]>, parent?: string) => {
  const order = (parent && ORDER_IN[parent]) || ORDER;
  return [...entries].sort((a, b) => rankOf(a[0], order) - rankOf(b[0], order));
};

interface Section {
  id: string;
  title: string;
  items: Array<[string, Cell]>;
}

/** A report's groups of counts as flat sections: `month`, then `month-categories`, … each a two-column table. */
function sectionsOf(m: Messages, figures: Record<string, unknown>): Section[] {
  const out: Section[] = [];
  const counts = (g: Record<string, unknown>, parent?: string) =>
    ordered(
      Object.entries(g).filter((e): e is [string, Cell] => isCount(e[1])),
      parent,
    ).map(([k, v]): [string, Cell] => [labelFor(m, k, parent), v]);
  for (const [k, v] of ordered(
    Object.entries(figures).filter((e): e is [string, Record<string, unknown>] => isGroup(e[1])),
  )) {
    out.push({ id: k, title: labelFor(m, k), items: counts(v) });
    for (const [sub, w] of ordered(
      Object.entries(v).filter((e): e is [string, Record<string, unknown>] => isGroup(e[1])),
    )) {
      out.push({ id: `${k}-${sub}`, title: labelFor(m, sub), items: counts(w, sub) });
    }
  }
  const now = counts(figures);
  if (now.length) out.push({ id: 'now', title: m.reportNow, items: now });
  return out.filter((x) => x.items.length);
}

/** The label of a figure: the report's own words where the dictionary has them, the code made readable else. */
function labelFor(m: Messages, key: string, parent?: string): string {
  if (parent === 'categories') return m.categoryLabels[key as keyof typeof m.categoryLabels] ?? key;
  if (parent === 'referralSources') return m.referralLabels[key as keyof typeof m.referralLabels] ?? key;
  return m.figureLabels[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

function RowsTable({
  id,
  title,
  rows,
  csvBase,
}: {
  id: string;
  title: string;
  rows: Array<Record<string, unknown>>;
  csvBase: string;
}): El {
  const m = t();
  const keys = ordered([...new Set(rows.flatMap((r) => Object.keys(r)))].map((k): [string, null] => [k, null])).map(
    ([k]) => k,
  );
  const first =
    keys.find((k) => rows.every((r) => typeof r[k] === 'string' && !/^<\d+$/.test(r[k] as string))) ?? keys[0];
  const columns: Column<Record<string, unknown>>[] = [first, ...keys.filter((k) => k !== first)].map((k) => ({
    key: k,
    label: labelFor(m, k),
    value: (r) => (isCount(r[k]) ? (r[k] as Cell) : undefined),
    numeric: k !== first,
    rowHeader: k === first,
  }));
  return h(
    'section',
    { class: 'block', 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title),
    h(DataTable<Record<string, unknown>>, {
      id,
      caption: title,
      captionHidden: true,
      rows,
      rowKey: (r) => String(r[first]),
      initialSort: { key: first, dir: 'ascending' },
      csvName: `${csvBase}-${id}`,
      exportKind: 'REPORT_CSV',
      columns,
    }),
  );
}

export function ReportView({ kind, reportId }: { kind: ReportKind; reportId: string }): El {
  const m = t();
  const [report, setReport] = useState<Report | undefined>();
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<Msg | undefined>();

  useEffect(() => {
    apiGet<Report>(`/reports/${kind}/${encodeURIComponent(reportId)}`).then(setReport, (err) => {
      if (err instanceof ApiError && (err.status === 404 || err.status === 403)) setMissing(true);
      else setError(() => problemMsg(err));
    });
  }, [kind, reportId]);

  const back = h('p', { class: 'back no-print' }, h('a', { href: href.reports(kind) }, m.backToReports));
  if (missing) {
    return h(
      'section',
      { class: 'screen report' },
      back,
      h('h1', { id: 'page-title', tabIndex: -1 }, m.reportNotFoundTitle),
      h('p', null, m.reportNotFound),
    );
  }
  if (!report) {
    return h(
      'section',
      { class: 'screen report' },
      back,
      h('h1', { id: 'page-title', tabIndex: -1 }, kind === 'weekly' ? m.weeklyTab : m.monthlyTab),
      h(Notice, { kind: 'error' }, error ? error(m) : null),
      error ? null : h('p', { class: 'muted' }, m.loading),
    );
  }

  const f = report.figures;
  const csvBase = fileSlug('sakhi-osc', report.reportId);
  const lists = ordered(
    Object.entries(f).filter(
      (e): e is [string, Array<Record<string, unknown>>] => Array.isArray(e[1]) && e[1].every(isGroup),
    ),
  );

  return h(
    'article',
    { class: 'screen report', id: 'report' },
    back,
    h('h1', { id: 'page-title', tabIndex: -1 }, reportTitle(m, kind, report)),
    h('p', { class: 'lead', id: 'report-meta' }, m.reportMeta(report.fy, formatDateTime(report.generatedAt))),
    h('p', { class: 'muted' }, m.reportNoPersonal),
    h(
      'p',
      { class: 'actions no-print' },
      h(Button, { kind: 'secondary', id: 'print-report', onClick: () => print() }, m.print),
    ),
    h(
      'div',
      { class: 'grid-2' },
      sectionsOf(m, f).map((x) =>
        h(
          'section',
          { key: x.id, class: 'block', 'aria-labelledby': `${x.id}-title` },
          h('h2', { id: `${x.id}-title` }, x.title),
          h(FigureList, {
            id: x.id,
            caption: x.title,
            captionHidden: true,
            csvName: `${csvBase}-${x.id}`,
            exportKind: 'REPORT_CSV',
            items: x.items,
          }),
        ),
      ),
    ),
    lists.map(([k, v]) => h(RowsTable, { key: k, id: k, title: labelFor(m, k), rows: v, csvBase })),
  );
}

// Tables of figures: sortable by any column from the keyboard (a button in each heading, aria-sort on the
// sorted one, the new order announced), scrollable on a phone, and exportable as CSV exactly as shown: the
// headings of the current language, the rows in the current order, numbers without grouping, and a
// suppressed small cell kept as "<5" (a figure withheld beside one as "x"), exactly as the API gave them.
import { type ComponentChildren, h } from 'preact';
import { useState } from 'preact/hooks';
import { apiRequest } from './api.ts';
import { cellRank, formatCount } from './format.ts';
import { lang, t } from './i18n.ts';
import { problemMsg } from './problems.ts';
import { Block, type El } from './ui.ts';

export type ExportKind = 'OVERSIGHT_CSV' | 'REPORT_CSV';

/** Tells the API of a download before it is made (POST /exports, with its own Idempotency-Key). */
export async function recordExport(what: ExportKind, name: string, rows: number): Promise<void> {
  await apiRequest('POST', '/exports', {
    body: { what, name, rows },
    headers: { 'idempotency-key': crypto.randomUUID() },
  });
}

export type SortDir = 'ascending' | 'descending';

export interface Column<R> {
  key: string;
  label: string;
  /** What the cell holds: a count (a number or a suppressed "<5") or a text. Sorted by and exported. */
  value: (row: R) => number | string | undefined;
  numeric?: boolean;
  /** Markup for the cell (a link, a badge); its text must be the value's. */
  render?: (row: R) => ComponentChildren;
  /** The first column names the row (a <th scope=row>). */
  rowHeader?: boolean;
  /** Left out of sorting and of the CSV (e.g. buttons). */
  action?: boolean;
}

export interface Sort {
  key: string;
  dir: SortDir;
}

function compare<R>(col: Column<R>, dir: SortDir, locale: string) {
  const sign = dir === 'ascending' ? 1 : -1;
  return (a: R, b: R) => {
    const va = col.value(a);
    const vb = col.value(b);
    if (col.numeric) return sign * (cellRank(va) - cellRank(vb));
    return sign * String(va ?? '').localeCompare(String(vb ?? ''), locale, { numeric: true, sensitivity: 'base' });
  };
}

export function sortRows<R>(rows: readonly R[], columns: readonly Column<R>[], sort: Sort | undefined): R[] {
  const col = sort && columns.find((c) => c.key === sort.key && !c.action);
  if (!col || !sort) return [...rows];
  // Array.prototype.sort is stable: equal figures keep the order the API gave (by name).
  return [...rows].sort(compare(col, sort.dir, lang() === 'hi' ? 'hi' : 'en'));
}

// ---- CSV ------------------------------------------------------------------------------------------------

/** One CSV field (RFC 4180), and a text that a spreadsheet would run as a formula made inert. */
function csvField(v: number | string | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return String(v);
  let s = v;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv<R>(columns: readonly Column<R>[], rows: readonly R[]): string {
  const cols = columns.filter((c) => !c.action);
  const lines = [
    cols.map((c) => csvField(c.label)).join(','),
    ...rows.map((r) => cols.map((c) => csvField(c.value(r))).join(',')),
  ];
  // The byte-order mark makes spreadsheet programs read the Hindi headings as UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Saves a text as a file: a Blob and a temporary link, nothing sent anywhere. */
export function download(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from words: lower case, ASCII, hyphens. */
export const fileSlug = (...parts: Array<string | undefined>) =>
  parts
    .filter(Boolean)
    .join('-')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

// ---- the table --------------------------------------------------------------------------------------------

export function DataTable<R>(p: {
  id: string;
  caption: string;
  columns: Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  initialSort?: Sort;
  /** Sorting off for tables whose order means something (months, age bands). */
  sortable?: boolean;
  /** File name without `.csv`; no CSV button when absent. */
  csvName?: string;
  /** What the download is, as the access log records it (default: a table of the oversight figures). */
  exportKind?: ExportKind;
  /** Shown instead of an empty table. */
  empty?: string;
  /** Hide the caption visually (a heading above already says it). */
  captionHidden?: boolean;
  class?: string;
}): El {
  const m = t();
  const l = lang();
  const sortable = p.sortable !== false;
  const [sort, setSort] = useState<Sort | undefined>(p.initialSort);
  const [said, setSaid] = useState<string | undefined>();
  const rows = sortable ? sortRows(p.rows, p.columns, sort) : [...p.rows];

  const sortBy = (col: Column<R>) => {
    const dir: SortDir =
      sort?.key === col.key
        ? sort.dir === 'ascending'
          ? 'descending'
          : 'ascending'
        : col.numeric
          ? 'descending'
          : 'ascending';
    setSort({ key: col.key, dir });
    setSaid(col.numeric ? m.sortedBy(col.label, dir) : m.sortedByText(col.label, dir));
  };

  const exportCsv = async () => {
    const name = `${p.csvName}.csv`;
    // Every download is in the access log, as every read is: recorded first, and no file if it was not.
    try {
      await recordExport(p.exportKind ?? 'OVERSIGHT_CSV', p.csvName as string, rows.length);
    } catch (err) {
      setSaid(problemMsg(err)(m));
      return;
    }
    download(name, toCsv(p.columns, rows));
    setSaid(m.csvDownloaded(name));
  };

  const cell = (col: Column<R>, r: R) => {
    const v = col.value(r);
    const content = col.render ? col.render(r) : col.numeric ? formatCount(v, l) : (v ?? '');
    const attrs = { key: col.key, class: col.numeric ? 'num' : undefined, 'data-label': col.label };
    return col.rowHeader ? h('th', { ...attrs, scope: 'row' }, content) : h('td', attrs, content);
  };

  const header = (col: Column<R>) => {
    const dir = sort?.key === col.key ? sort.dir : undefined;
    const sorted = dir !== undefined;
    const attrs = {
      key: col.key,
      scope: 'col',
      class: col.numeric ? 'num' : undefined,
      'aria-sort': sortable ? dir : undefined,
    };
    if (!sortable || col.action) return h('th', attrs, col.label);
    return h(
      'th',
      attrs,
      h(
        'button',
        { type: 'button', class: 'sort', 'data-col': col.key, onClick: () => sortBy(col) },
        col.label,
        h(
          'span',
          { class: `sort-mark${sorted ? ' sort-mark--on' : ''}`, 'aria-hidden': 'true' },
          dir ? (dir === 'ascending' ? '▲' : '▼') : '↕',
        ),
      ),
    );
  };

  const captionId = `${p.id}-caption`;
  return h(
    'div',
    { class: `data-table ${p.class ?? ''}`.trim(), id: p.id },
    !p.rows.length && p.empty
      ? h('p', { class: 'muted empty' }, p.empty)
      : h(
          'div',
          // A region that can take focus, so a keyboard user can scroll a wide table on a phone.
          { class: 'table-scroll', role: 'region', 'aria-labelledby': captionId, tabIndex: 0 },
          h(
            'table',
            { class: 'figures' },
            h(
              'caption',
              { id: captionId, class: p.captionHidden ? 'visually-hidden' : undefined },
              p.caption,
              sortable ? h('span', { class: 'visually-hidden' }, `. ${m.sortHint}`) : null,
            ),
            h('thead', null, h('tr', null, p.columns.map(header))),
            h(
              'tbody',
              null,
              rows.map((r) =>
                h(
                  'tr',
                  { key: p.rowKey(r) },
                  p.columns.map((c) => cell(c, r)),
                ),
              ),
            ),
          ),
        ),
    p.csvName && p.rows.length
      ? h(
          'p',
          { class: 'table-tools no-print' },
          h(
            'button',
            {
              type: 'button',
              class: 'btn btn--secondary btn--small',
              'data-csv': p.id,
              'aria-label': m.downloadCsvOf(p.caption),
              onClick: () => void exportCsv(),
            },
            m.downloadCsv,
          ),
        )
      : null,
    // Always in the page, so the new order (or the download) is announced when it changes.
    h('div', { class: 'visually-hidden', 'aria-live': 'polite', id: `${p.id}-status` }, said ?? ''),
  );
}

/** A two-column table of named figures (label, count): the small summaries of the oversight page. */
type FigureItems = Array<[string, number | string | undefined]>;

export function FigureList(p: {
  id: string;
  caption: string;
  items: FigureItems;
  csvName?: string;
  exportKind?: ExportKind;
  captionHidden?: boolean;
}): El {
  const m = t();
  return h(DataTable<[string, number | string | undefined]>, {
    id: p.id,
    caption: p.caption,
    captionHidden: p.captionHidden,
    sortable: false,
    csvName: p.csvName,
    exportKind: p.exportKind,
    rows: p.items,
    rowKey: (r) => r[0],
    columns: [
      { key: 'figure', label: m.colFigure, value: (r) => r[0], rowHeader: true },
      { key: 'count', label: m.colCount, value: (r) => r[1], numeric: true },
    ],
  });
}

/** A titled block holding one list of figures (the heading names it; the table's own caption is hidden). */
export function FigureBlock(p: { id: string; title: string; items: FigureItems; csvName?: string }): El {
  return h(
    Block,
    { id: p.id, title: p.title },
    h(FigureList, { id: p.id, caption: p.title, captionHidden: true, csvName: p.csvName, items: p.items }),
  );
}

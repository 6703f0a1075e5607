// What a check of a file found: a sentence of counts, and the problems by row and column in the chosen
// language (worded by their `code`, the column named by its code and, in Hindi, its Hindi heading too). The
// same table shows a real run's refusal, which carries the same problems.
import { h } from 'preact';
import { COLUMNS } from '../../../../shared/imports/columns.ts';
import { lang, type Messages, t } from '../../i18n.ts';
import type { ImportKind } from '../../router.ts';
import { type Column, DataTable } from '../../table.ts';
import type { El } from '../../ui.ts';

export interface RowProblem {
  row?: number;
  column?: string;
  code?: string;
  message: string;
  path?: string;
}

/** A problem's words: particular ones for a column, else those of its code, else the API's own. */
export function problemWords(m: Messages, p: RowProblem): string {
  const particular = m.importColumnErrors[`${p.column}:${p.code}`];
  if (particular) return particular;
  const generic = (m.errors as Record<string, ((l: object) => string) | undefined>)[p.code ?? ''];
  return generic ? generic({}) : p.message;
}

/** A column by its code, with its Hindi heading in Hindi; the whole row or file in words. */
export function columnName(m: Messages, kind: ImportKind, column: string | undefined): string {
  if (!column || column === '(row)') return m.wholeRow;
  if (column === '(file)') return m.wholeFile;
  const spec = COLUMNS[kind].find((c) => c.code === column);
  return lang() === 'hi' && spec ? `${spec.hi} (${column})` : column;
}

export function ProblemsTable({ kind, problems }: { kind: ImportKind; problems: RowProblem[] }): El {
  const m = t();
  const columns: Column<RowProblem>[] = [
    { key: 'row', label: m.colRow, value: (p) => p.row ?? 1, numeric: true, rowHeader: true },
    { key: 'column', label: m.colColumn, value: (p) => columnName(m, kind, p.column) },
    { key: 'problem', label: m.colProblem, value: (p) => problemWords(m, p) },
  ];
  return h(DataTable<RowProblem>, {
    id: 'import-problems',
    caption: m.colProblem,
    captionHidden: true,
    rows: problems,
    rowKey: (p) => `${p.row}|${p.column}|${p.code}`,
    columns,
    sortable: false,
    csvName: `sakhi-osc-import-problems-${kind}`,
  });
}

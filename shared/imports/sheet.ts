// A CSV file of one import kind, read into rows of named cells. What makes the file unreadable as a whole (not
// CSV, no header, headings that name no column, a required column missing) is a 400 at once; what is wrong in
// a row is a row error, reported with the others. Rows are numbered as a spreadsheet numbers them (the header
// is row 1), so the report points at the row the person sees.
import { badRequest, type FieldError } from '../core/errors.ts';
import { type ImportKind, readHeader } from './columns.ts';
import { CsvSyntaxError, isBlankRecord, parseCsv } from './csv.ts';

export interface SheetRow {
  row: number;
  /** Cells by column code; a column the file lacks, or a cell a short record lacks, is ''. */
  values: Record<string, string>;
}

/** One problem of an import: the row, the column (its code, or `(row)`), a code the form translates. */
export interface RowError {
  row: number;
  column: string;
  code: string;
  message: string;
  /** The same place as a path, for the contract's problem+json `errors[].path`. */
  path: string;
}

export const rowError = (row: number, column: string, code: string, message: string): RowError => ({
  row,
  column,
  code,
  message,
  path: `row.${row}.${column}`,
});

const HEADER_MESSAGES = {
  unknown_column: 'Not a column of this file',
  missing_column: 'This column is required',
  duplicate_column: 'This column appears twice',
} as const;

/**
 * Reads the file. `firstRow` is the spreadsheet row of the first record after the header (a chunk of a larger
 * file sent on its own says where it starts; 2 for a whole file).
 */
export function readSheet(kind: ImportKind, text: string, firstRow = 2): { rows: SheetRow[]; errors: RowError[] } {
  let records: string[][];
  try {
    records = parseCsv(text);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    const row = err.row === 1 ? 1 : firstRow + err.row - 2;
    throw badRequest(`The file is not valid CSV: ${err.message}`, [
      fieldError(rowError(row, '(row)', err.problem, err.message)),
    ]);
  }
  const headerAt = records.findIndex((r) => !isBlankRecord(r));
  if (headerAt < 0) {
    throw badRequest('The file is empty: it needs a header row and at least one row', [
      fieldError(rowError(1, '(file)', 'empty_file', 'The file has no header row')),
    ]);
  }
  const { columns, problems } = readHeader(kind, records[headerAt]);
  if (problems.length) {
    throw badRequest(
      `The header row has ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
      problems.map((p) => fieldError(rowError(1, p.column, p.code, HEADER_MESSAGES[p.code]))),
    );
  }
  const rows: SheetRow[] = [];
  const errors: RowError[] = [];
  records.slice(headerAt + 1).forEach((record, i) => {
    if (isBlankRecord(record)) return;
    const row = firstRow + headerAt + i;
    const values: Record<string, string> = {};
    for (const code of columns) if (code) values[code] = '';
    record.forEach((cell, j) => {
      const code = columns[j];
      if (code) values[code] = cell;
      else if (cell.trim() !== '')
        errors.push(rowError(row, '(row)', 'extra_cells', 'A cell outside the named columns'));
    });
    rows.push({ row, values });
  });
  if (rows.length === 0) {
    throw badRequest('The file has a header row but no rows to import', [
      fieldError(rowError(1, '(file)', 'empty_file', 'No rows under the header')),
    ]);
  }
  return { rows, errors: dedupe(errors) };
}

/** A row error in the contract's shape for problem+json (path, message, code) with its row and column. */
export const fieldError = (e: RowError): FieldError => ({ ...e });

/** One error per row and column: the first (a wrong date is not also "in the future"). */
export function dedupe(errors: RowError[]): RowError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const id = `${e.row}|${e.column}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

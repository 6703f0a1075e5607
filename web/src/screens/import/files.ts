// The go-live files in the browser: the templates (the header of column codes and an example row, in English
// or with a Hindi example), reading a picked file, finding the template's example row left in it, splitting a
// large file into chunks of rows (the header repeated) so each request stays small and the progress can be
// shown, and sending a chunk. The CSV is read and written with the parser the API reads it with.
import { COLUMNS } from '../../../../shared/imports/columns.ts';
import { isBlankRecord, parseCsv, toCsv } from '../../../../shared/imports/csv.ts';
import { apiRequest } from '../../api.ts';
import type { ImportKind } from '../../router.ts';

/** The API's limit on a file (CONTRACT.md), checked before anything is sent. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Rows per request of a real import: small requests, and a progress bar that moves. */
export const CHUNK_ROWS = 200;

/** The template's example row begins with this word (any cell): it must not be imported by mistake. */
const EXAMPLE = /^(EXAMPLE|उदाहरण)/i;

const EXAMPLES: Record<ImportKind, Record<'en' | 'hi', (worker: string) => string[]>> = {
  cases: {
    en: (w) => [
      'EXAMPLE-1',
      '15/09/2025',
      'Asha Kumari',
      '29',
      '98123 45678',
      'Patna',
      'DOMESTIC_VIOLENCE;DOWRY',
      'HELPLINE_181',
      'MEDIUM',
      'RESOLVED',
      '10/10/2025',
      w,
    ],
    hi: () => [
      'EXAMPLE-2',
      '20/09/2025',
      'सीता देवी',
      '34',
      '',
      'पटना',
      'DOMESTIC_VIOLENCE',
      'SELF',
      'LOW',
      'IN_PROGRESS',
      '',
      '',
    ],
  },
  staff: {
    en: () => ['EXAMPLE Meera Singh', 'CASE_WORKER', '98123 45678', 'en', 'centre-staff', 'meera@example.org'],
    hi: () => ['उदाहरण सुनीता देवी', 'COUNSELLOR', '98123 45679', 'hi', 'none', ''],
  },
  figures: {
    en: () => ['2024-25', '', 'Patna', '', '412', '380', '', 'EXAMPLE: district report'],
    hi: () => ['2024-25', '2024-04', 'पटना', '', '35', '30', '', 'उदाहरण: ज़िला रिपोर्ट'],
  },
};

/** A template: the header of column codes (the same in both languages) and one example row. */
export function templateCsv(kind: ImportKind, language: 'en' | 'hi', workerId = 'staff-id'): string {
  const header = COLUMNS[kind].map((c) => c.code);
  // A byte-order mark, so a spreadsheet opens the Hindi as UTF-8.
  return `\uFEFF${toCsv([header, EXAMPLES[kind][language](workerId)])}`;
}

export interface Chunk {
  text: string;
  /** The spreadsheet row of its first row (the header is row 1). */
  firstRow: number;
  /** Its rows with something in them. */
  rows: number;
}

export interface ReadFile {
  text: string;
  rows: number;
  chunks: Chunk[];
  /** Spreadsheet rows that still hold the template's example. */
  exampleRows: number[];
}

/** A picked file read as the API will read it; a CSV error (with its row) is thrown as `{ row }`. */
export function readFile(text: string): ReadFile {
  const records = parseCsv(text);
  const headerAt = records.findIndex((r) => !isBlankRecord(r));
  const header = headerAt < 0 ? [] : records[headerAt];
  const data = headerAt < 0 ? [] : records.slice(headerAt + 1);
  const chunks: Chunk[] = [];
  for (let i = 0; i < data.length; i += CHUNK_ROWS) {
    const part = data.slice(i, i + CHUNK_ROWS);
    const rows = part.filter((r) => !isBlankRecord(r)).length;
    if (rows) chunks.push({ text: toCsv([header, ...part]), firstRow: headerAt + 2 + i, rows });
  }
  const exampleRows = data
    .map((r, i) => (r.some((c) => EXAMPLE.test(c.trim())) ? headerAt + 2 + i : 0))
    .filter((n) => n > 0);
  return { text, rows: chunks.reduce((n, c) => n + c.rows, 0), chunks, exampleRows };
}

const enc = encodeURIComponent;

/** Where each kind is sent. */
export function importPath(kind: ImportKind, centreId: string): string {
  if (kind === 'figures') return '/reported-figures/imports';
  return kind === 'staff' ? `/centres/${enc(centreId)}/staff/imports` : `/centres/${enc(centreId)}/imports`;
}

export interface ImportAnswer {
  rows: number;
  valid: number;
  errors: Array<{ row: number; column: string; code: string; message: string }>;
  created: number;
  skipped: number;
  updated?: number;
  results?: Array<{ row: number; outcome: string; caseId?: string; caseNumber?: string; overdueAtImport?: number }>;
}

/**
 * Sends a file or a chunk of one. A real chunk carries its own Idempotency-Key and is sent again with it if
 * the connection drops, so a chunk is applied once whatever the attempts (and the import is idempotent by
 * register number anyway).
 */
export async function sendFile(
  kind: ImportKind,
  centreId: string,
  text: string,
  dryRun: boolean,
  firstRow?: number,
): Promise<ImportAnswer> {
  const query = `?dryRun=${dryRun}${firstRow && firstRow !== 2 ? `&firstRow=${firstRow}` : ''}`;
  const res = await apiRequest<ImportAnswer>('POST', `${importPath(kind, centreId)}${query}`, {
    text: { body: text, type: 'text/csv; charset=utf-8' },
    ...(dryRun ? {} : { headers: { 'idempotency-key': crypto.randomUUID() }, retry: true }),
  });
  return res.data;
}

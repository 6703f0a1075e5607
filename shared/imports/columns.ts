// The columns of the three files the state brings in at go-live: a centre's register (cases), its roster
// (staff), and figures of earlier years. Each column has its code (the contract's name, the header the
// templates carry) and a Hindi heading that is read as the same column, so a sheet typed with Hindi headings
// works too. Pure: the form makes its templates and names columns from this table.

export type ImportKind = 'cases' | 'staff' | 'figures';

export interface ColumnSpec {
  code: string;
  /** The Hindi heading read as this column. */
  hi: string;
  required: boolean;
}

const col = (code: string, hi: string, required = true): ColumnSpec => ({ code, hi, required });

export const COLUMNS: Record<ImportKind, readonly ColumnSpec[]> = {
  cases: [
    col('registerNumber', 'पंजीकरण संख्या'),
    col('registeredOn', 'पंजीकरण तिथि'),
    col('name', 'नाम'),
    col('age', 'आयु'),
    col('phone', 'मोबाइल नंबर', false),
    col('district', 'ज़िला', false),
    col('categories', 'हिंसा के प्रकार'),
    col('referralSource', 'रेफ़रल स्रोत'),
    col('riskLevel', 'जोखिम स्तर'),
    col('status', 'स्थिति'),
    col('resolvedOn', 'समाधान तिथि', false),
    col('followUpWorkerId', 'फ़ॉलो-अप कार्यकर्ता आईडी', false),
  ],
  staff: [
    col('name', 'नाम'),
    col('role', 'भूमिका'),
    col('phone', 'मोबाइल नंबर'),
    col('language', 'भाषा'),
    col('systemAccess', 'सिस्टम पहुँच', false),
    col('email', 'ईमेल', false),
  ],
  figures: [
    col('fy', 'वित्तीय वर्ष'),
    col('month', 'माह', false),
    col('district', 'ज़िला', false),
    col('centreId', 'केंद्र आईडी', false),
    col('registered', 'पंजीकृत'),
    col('resolved', 'निपटाए गए'),
    col('upToMonth', 'किस माह तक', false),
    col('source', 'स्रोत', false),
  ],
};

/** Headings compared as people type them: trimmed, one space, Latin case ignored, the nukta optional. */
const comparable = (s: string) =>
  s
    .normalize('NFC')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/\u093c/g, '')
    .toLowerCase();

export interface HeaderProblem {
  column: string;
  code: 'unknown_column' | 'missing_column' | 'duplicate_column';
}

/**
 * Reads a header row: the column code of each cell (in the file's order), and what is wrong with it
 * (headings that name no column, a column twice, a required column missing).
 */
export function readHeader(kind: ImportKind, header: readonly string[]) {
  const specs = COLUMNS[kind];
  const byHeading = new Map<string, string>();
  for (const s of specs) {
    byHeading.set(comparable(s.code), s.code);
    byHeading.set(comparable(s.hi), s.code);
  }
  const problems: HeaderProblem[] = [];
  const seen = new Set<string>();
  const columns = header.map((cell) => {
    const code = byHeading.get(comparable(cell));
    if (!code) {
      // A trailing empty heading (a spreadsheet's last comma) names nothing and holds nothing: not a column.
      if (cell.trim() !== '') problems.push({ column: cell.trim(), code: 'unknown_column' });
      return undefined;
    }
    if (seen.has(code)) problems.push({ column: code, code: 'duplicate_column' });
    seen.add(code);
    return code;
  });
  for (const s of specs) if (s.required && !seen.has(s.code)) problems.push({ column: s.code, code: 'missing_column' });
  return { columns, problems };
}

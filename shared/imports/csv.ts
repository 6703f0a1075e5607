// CSV as RFC 4180 writes it, and as spreadsheets save it: fields separated by commas, records by CRLF (a bare
// LF or CR is taken too), a field in double quotes may hold commas, quotes (doubled) and line breaks. A
// byte-order mark at the start is dropped. Pure: the form splits a file into chunks with the same parser the
// API reads it with.

/** A file that is not CSV: where (the 1-based record, as a spreadsheet numbers its rows) and why. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    readonly problem: 'unclosed_quote' | 'text_after_quote',
  ) {
    super(
      problem === 'unclosed_quote'
        ? `Row ${row}: a quoted field is never closed`
        : `Row ${row}: text follows a closing quote (a quote inside a field must be doubled)`,
    );
    this.name = 'CsvSyntaxError';
  }
}

/**
 * Every record of a CSV text, blank ones included (so a record's index + 1 is its spreadsheet row). A final
 * line break does not make an extra record.
 */
export function parseCsv(text: string): string[][] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  // At the start of a record with nothing read yet: the end of the text here adds no record.
  let fresh = true;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
    fresh = true;
  };
  while (i < s.length) {
    const c = s[i];
    fresh = false;
    if (c === '"' && field === '') {
      // A quoted field: up to the quote that is not doubled.
      i++;
      for (;;) {
        if (i >= s.length) throw new CsvSyntaxError(records.length + 1, 'unclosed_quote');
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += s[i++];
      }
      const next = s[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        throw new CsvSyntaxError(records.length + 1, 'text_after_quote');
      }
      // A quoted empty field is still a field: the record is not blank-and-empty any more.
      if (next === undefined) {
        endRecord();
        fresh = true;
      }
      continue;
    }
    if (c === ',') {
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (!fresh) endRecord();
  return records;
}

/** A field as CSV: quoted when it holds a comma, a quote, a line break, or leading or trailing spaces. */
function quote(field: string): string {
  return /[",\r\n]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Records as CSV text (CRLF, as RFC 4180 says); a record of one empty field is written `""` so it stays one. */
export function toCsv(records: readonly (readonly string[])[]): string {
  return records
    .map((r) => (r.length === 1 && r[0] === '' ? '""' : r.map(quote).join(',')))
    .map((line) => `${line}\r\n`)
    .join('');
}

/** A record with nothing in it (a spreadsheet's empty row, `,,,` included). */
export const isBlankRecord = (r: readonly string[]) => r.every((f) => f.trim() === '');

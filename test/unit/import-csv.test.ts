// The go-live files: RFC 4180 CSV both ways, the Indian dates and phones registers are written with, the
// header (codes or Hindi headings), and one register row checked with the API's own case schema.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCaseRow } from '#shared/imports/case-rows.ts';
import {
  formatIndianDate,
  isCalendarDate,
  latinDigits,
  normaliseMobile,
  parseIndianDate,
} from '#shared/imports/cells.ts';
import { readHeader } from '#shared/imports/columns.ts';
import { CsvSyntaxError, parseCsv, toCsv } from '#shared/imports/csv.ts';

// Characters that matter to CSV, and a few that matter to people (Devanagari, spaces).
const cellChar = fc.constantFrom('a', 'Z', '7', ' ', ',', '"', '\r', '\n', ';', 'न', 'ी', 'é', '\t');
const cell = fc.string({ unit: cellChar, maxLength: 12 });
const records = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });

describe('CSV (RFC 4180)', () => {
  it('reads back exactly what it writes, whatever the cells hold', () => {
    fc.assert(
      fc.property(records, (rs) => {
        expect(parseCsv(toCsv(rs))).toEqual(rs);
      }),
      { numRuns: 500 },
    );
  });

  it('reads LF and CR line ends as CRLF, and a byte-order mark is not part of the first heading', () => {
    fc.assert(
      fc.property(records, fc.constantFrom('\n', '\r'), (rs, eol) => {
        // Only records without line breaks inside cells keep their meaning when the line ends are swapped.
        const plain = rs.map((r) => r.map((c) => c.replace(/[\r\n]/g, '')));
        const text = toCsv(plain).replace(/\r\n/g, eol);
        expect(parseCsv(`\uFEFF${text}`)).toEqual(plain);
      }),
    );
  });

  it('takes quotes, commas and line breaks inside quoted fields, and keeps blank rows as rows', () => {
    const text = 'registerNumber,name\r\n"12/A","Devi, ""Sita""\r\nनई पंक्ति"\r\n\r\n13,Asha\n';
    expect(parseCsv(text)).toEqual([
      ['registerNumber', 'name'],
      ['12/A', 'Devi, "Sita"\r\nनई पंक्ति'],
      [''],
      ['13', 'Asha'],
    ]);
    expect(parseCsv('a,b')).toEqual([['a', 'b']]);
    expect(parseCsv('a,,\r\n')).toEqual([['a', '', '']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('names the row of a quote never closed, or of text after a closing quote', () => {
    const unclosed = () => parseCsv('a,b\r\n1,2\r\n"3,4\r\n');
    expect(unclosed).toThrow(CsvSyntaxError);
    try {
      unclosed();
    } catch (err) {
      expect((err as CsvSyntaxError).row).toBe(3);
      expect((err as CsvSyntaxError).problem).toBe('unclosed_quote');
    }
    try {
      parseCsv('a\r\n"x"y\r\n');
      expect.unreachable();
    } catch (err) {
      expect((err as CsvSyntaxError).row).toBe(2);
      expect((err as CsvSyntaxError).problem).toBe('text_after_quote');
    }
  });
});

describe('Indian dates and phones', () => {
  const day = fc
    .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('reads back every calendar day written as DD/MM/YYYY, D/M/YYYY, with - or ., or as YYYY-MM-DD', () => {
    fc.assert(
      fc.property(day, fc.constantFrom('/', '-', '.'), fc.boolean(), (iso, sep, short) => {
        const [y, m, d] = iso.split('-');
        const typed = short ? `${Number(d)}${sep}${Number(m)}${sep}${y}` : `${d}${sep}${m}${sep}${y}`;
        expect(parseIndianDate(typed)).toBe(iso);
        expect(parseIndianDate(formatIndianDate(iso))).toBe(iso);
        expect(parseIndianDate(` ${iso} `)).toBe(iso);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses days the calendar does not have, and anything that is not a date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 29, max: 32 }),
        (y, m, d) => {
          const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const exists = new Date(Date.UTC(y, m - 1, d)).getUTCMonth() === m - 1 && d <= 31;
          expect(isCalendarDate(iso)).toBe(exists);
          expect(parseIndianDate(`${d}/${m}/${y}`)).toBe(exists ? iso : undefined);
        },
      ),
    );
    expect(parseIndianDate('29/02/2024')).toBe('2024-02-29');
    expect(parseIndianDate('29/02/2023')).toBeUndefined();
    expect(parseIndianDate('2025/10/01')).toBeUndefined();
    expect(parseIndianDate('1 Oct 2025')).toBeUndefined();
    expect(parseIndianDate('')).toBeUndefined();
  });

  it('reads Devanagari digits as Latin ones, in dates and phones', () => {
    expect(latinDigits('०१/१०/२०२५')).toBe('01/10/2025');
    expect(parseIndianDate('१५/८/२०२५')).toBe('2025-08-15');
    expect(normaliseMobile('९८१२३ ४५६७८')).toBe('+919812345678');
    expect(normaliseMobile('098123-45678')).toBe('+919812345678');
    expect(normaliseMobile('+91 98123 45678')).toBe('+919812345678');
    expect(normaliseMobile('12345')).toBe('12345');
    expect(normaliseMobile(' ')).toBeUndefined();
  });
});

describe('the header row', () => {
  it('takes the codes in any order and case, and the Hindi headings with or without the nukta', () => {
    const { columns, problems } = readHeader('cases', [
      'status',
      'पंजीकरण संख्या',
      'REGISTEREDON',
      'नाम',
      'आयु',
      'हिंसा के प्रकार',
      'referralSource',
      'जोखिम स्तर',
      'जिला',
      '',
    ]);
    expect(problems).toEqual([]);
    expect(columns).toEqual([
      'status',
      'registerNumber',
      'registeredOn',
      'name',
      'age',
      'categories',
      'referralSource',
      'riskLevel',
      'district',
      undefined,
    ]);
  });

  it('names unknown headings, columns given twice and required columns missing', () => {
    const { problems } = readHeader('cases', ['registerNumber', 'name', 'Name', 'caste', 'age', 'categories']);
    expect(problems).toEqual([
      { column: 'name', code: 'duplicate_column' },
      { column: 'caste', code: 'unknown_column' },
      { column: 'registeredOn', code: 'missing_column' },
      { column: 'referralSource', code: 'missing_column' },
      { column: 'riskLevel', code: 'missing_column' },
      { column: 'status', code: 'missing_column' },
    ]);
  });
});

describe('a register row as a case', () => {
  const good = {
    registerNumber: '145/2025',
    registeredOn: '01/10/2025',
    name: 'सीता देवी',
    age: '२९',
    phone: '98123 45678',
    district: 'Patna',
    categories: 'domestic_violence; DOWRY',
    referralSource: 'Helpline 181',
    riskLevel: 'low',
    status: 'resolved',
    resolvedOn: '2025-11-15',
    followUpWorkerId: 'PATNA-1-S1',
  };

  it('becomes the API body, with codes as typed in any case and dates and digits the Indian way', () => {
    const r = checkCaseRow({ row: 7, values: good }, '2026-02-01');
    if (!('ok' in r)) throw new Error(JSON.stringify(r.errors));
    expect(r.ok.input.survivor).toEqual({
      name: 'सीता देवी',
      age: 29,
      phone: '+919812345678',
      safeToContact: false,
      district: 'Patna',
    });
    expect(r.ok.input.incident.categories).toEqual(['DOMESTIC_VIOLENCE', 'DOWRY']);
    expect(r.ok.input.referral.source).toBe('HELPLINE_181');
    expect(r.ok.input.consent).toEqual({ services: false, shareWithPolice: false, contactByPhone: false });
    expect(r.ok.fields).toEqual({
      registerNumber: '145/2025',
      registeredOn: '2025-10-01',
      status: 'RESOLVED',
      resolvedOn: '2025-11-15',
      followUpWorkerId: 'patna-1-s1',
    });
  });

  it('names each problem by its column and a code, the API schema’s paths mapped back to columns', () => {
    const r = checkCaseRow(
      {
        row: 9,
        values: {
          ...good,
          registeredOn: '31/02/2025',
          age: 'twenty',
          phone: '12345',
          categories: 'DOMESTIC_VIOLENCE;THEFT',
          riskLevel: '',
          resolvedOn: '',
        },
      },
      '2026-02-01',
    );
    expect('errors' in r && r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [9, 'registeredOn', 'invalid_date'],
      [9, 'age', 'invalid_type'],
      [9, 'phone', 'invalid_format'],
      [9, 'categories', 'invalid_option'],
      [9, 'riskLevel', 'required'],
      [9, 'resolvedOn', 'required'],
    ]);
  });

  it('refuses a future date, a resolution before registration, and a resolution date on an open case', () => {
    const future = checkCaseRow(
      { row: 2, values: { ...good, registeredOn: '02/02/2026', status: 'REGISTERED', resolvedOn: '' } },
      '2026-02-01',
    );
    expect('errors' in future && future.errors.map((e) => [e.column, e.code])).toEqual([
      ['registeredOn', 'future_date'],
    ]);
    const before = checkCaseRow({ row: 3, values: { ...good, resolvedOn: '30/09/2025' } }, '2026-02-01');
    expect('errors' in before && before.errors.map((e) => [e.column, e.code])).toEqual([
      ['resolvedOn', 'before_registration'],
    ]);
    const open = checkCaseRow({ row: 4, values: { ...good, status: 'IN_PROGRESS' } }, '2026-02-01');
    expect('errors' in open && open.errors.map((e) => [e.column, e.code])).toEqual([['resolvedOn', 'not_expected']]);
  });
});

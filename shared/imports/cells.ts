// What a register's cells hold, as the API wants them: dates written the Indian way, mobile numbers typed any
// common way, digits typed in Devanagari. Pure, so the staff form reads typed dates and phones the same way.

const DEVANAGARI_ZERO = 0x966;

/** Devanagari digits (०–९) as Latin ones: Hindi keyboards and spreadsheets may type either. */
export const latinDigits = (s: string) =>
  s.replace(/[\u0966-\u096f]/g, (d) => String(d.charCodeAt(0) - DEVANAGARI_ZERO));

/** Whether `YYYY-MM-DD` names a day the calendar has (no 31 February, 29 February only in leap years). */
export function isCalendarDate(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/**
 * A date as registers write it, as `YYYY-MM-DD`: DD/MM/YYYY (also D/M/YYYY, with `/`, `-` or `.`) or
 * YYYY-MM-DD. Undefined when it is not a day of the calendar (31/02/2025) or not a date at all.
 */
export function parseIndianDate(typed: string): string | undefined {
  const s = latinDigits(typed.trim());
  let iso: string | undefined;
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (dayFirst) iso = `${dayFirst[3]}-${dayFirst[2].padStart(2, '0')}-${dayFirst[1].padStart(2, '0')}`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(s)) iso = s;
  return iso && isCalendarDate(iso) ? iso : undefined;
}

/** `YYYY-MM-DD` as DD/MM/YYYY, the way the template and the form write dates. */
export function formatIndianDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/**
 * An Indian mobile number typed in any common way (98123 45678, 098123…, +91 98123…, 91-98123…) in E.164
 * form; anything else as typed (without spaces), so the schema names it. Empty: undefined.
 */
export function normaliseMobile(typed: string): string | undefined {
  const s = latinDigits(typed).replace(/[\s()-]/g, '');
  if (s === '') return undefined;
  if (/^\d{10}$/.test(s)) return `+91${s}`;
  if (/^0\d{10}$/.test(s)) return `+91${s.slice(1)}`;
  if (/^91\d{10}$/.test(s)) return `+${s}`;
  return s;
}

/** A whole number typed in a cell (Latin or Devanagari digits); any other text as typed, for the schema. */
export function wholeNumber(typed: string): number | string | undefined {
  const s = latinDigits(typed.trim());
  if (s === '') return undefined;
  return /^-?\d+$/.test(s) ? Number(s) : s;
}

/** A code typed in a cell (`domestic_violence`, ` HIGH `): trimmed, upper case, inner spaces as `_`. */
export const codeOf = (typed: string) => typed.trim().toUpperCase().replace(/\s+/g, '_');

/** A list of codes in one cell, separated by `;` (a comma would split the CSV field). */
export const codesOf = (typed: string) =>
  typed
    .split(';')
    .map(codeOf)
    .filter((c) => c !== '');

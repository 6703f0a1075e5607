// Dates as Indian staff write them: DD/MM/YYYY, and times in Indian time whatever the computer's own zone.
import { normaliseMobile, parseIndianDate } from '../../shared/imports/cells.ts';

const IST_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Kolkata',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function istParts(iso: string): Record<string, string> | undefined {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  return Object.fromEntries(IST_PARTS.formatToParts(d).map((p) => [p.type, p.value]));
}

/** A moment (ISO 8601 with offset) as DD/MM/YYYY in Indian time. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const p = istParts(iso);
  return p ? `${p.day}/${p.month}/${p.year}` : iso;
}

/** A moment as DD/MM/YYYY HH:mm IST. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const p = istParts(iso);
  return p ? `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute} IST` : iso;
}

/** A calendar date (`YYYY-MM-DD`, already an Indian date) as DD/MM/YYYY; no time zone maths. */
export function formatCalendarDate(date: string | undefined): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

/**
 * What a person typed as DD/MM/YYYY (also D/M/YYYY, with - or ., or Devanagari digits) as `YYYY-MM-DD`, read
 * as the register import reads it; anything else is returned as typed, so the shared schema rejects it and the
 * form shows the date error at the field (31/02/2026 is not a date the calendar has).
 */
export function parseTypedDate(typed: string): string | undefined {
  const s = typed.trim();
  if (s === '') return undefined;
  return parseIndianDate(s) ?? s;
}

/** An Indian mobile number typed in any common way (98123 45678, 098123…, +91 98123…) in E.164 form. */
export const normalisePhone = normaliseMobile;

// ---- figures ------------------------------------------------------------------------------------------------

/** The locale of numbers and month names: Indian digit grouping (1,23,456), Latin digits in both languages. */
export const numberLocale = (lang: 'hi' | 'en') => (lang === 'hi' ? 'hi-IN-u-nu-latn' : 'en-IN');

/**
 * A count as the state publishes it (8,888; 1,23,456). A suppressed small cell ("<5") is shown as it is, and
 * a missing figure as an en dash.
 */
export function formatCount(v: number | string | undefined | null, lang: 'hi' | 'en'): string {
  if (v === undefined || v === null || v === '') return '–';
  if (typeof v === 'number') return v.toLocaleString(numberLocale(lang));
  return v;
}

/**
 * Where a figure sorts: numbers as they are; a suppressed "<N" between 0 and N (it stands for 1 to N-1); a
 * figure withheld beside a small one ("x", any size) just below zero; anything else (missing) below that.
 */
export function cellRank(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v === 'x') return -0.5;
  const m = typeof v === 'string' ? /^<\s*(\d+)$/.exec(v.trim()) : null;
  return m ? Number(m[1]) - 0.5 : -1;
}

/** A month `YYYY-MM` by name: "Apr" / "April 2026", or in Hindi "अप्रैल 2026". */
export function formatMonth(month: string, lang: 'hi' | 'en', style: 'short' | 'long' = 'long'): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return month;
  return new Intl.DateTimeFormat(
    numberLocale(lang),
    style === 'short' ? { month: 'short', timeZone: 'UTC' } : { month: 'long', year: 'numeric', timeZone: 'UTC' },
  ).format(d);
}

// Indian time. Statistics, due dates and case numbers follow IST (UTC+05:30, no daylight saving), never UTC:
// a case registered at 02:00 IST on 1 April belongs to the new financial year.
const IST_OFFSET_MS = 330 * 60 * 1000;

/** The IST calendar date (YYYY-MM-DD) of an instant. */
export function istDate(at: Date): string {
  return new Date(at.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The IST month (YYYY-MM) of an instant. */
export function istMonth(at: Date): string {
  return istDate(at).slice(0, 7);
}

/** Indian financial year (1 April – 31 March) of an instant, as `2026-27`. */
export function financialYear(at: Date): string {
  const [y, m] = istDate(at).split('-').map(Number);
  const start = m >= 4 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The twelve IST months of a financial year, April first. */
export function monthsOfFinancialYear(fy: string): string[] {
  const start = Number(fy.slice(0, 4));
  return Array.from({ length: 12 }, (_, i) => {
    const m = ((i + 3) % 12) + 1;
    return `${i < 9 ? start : start + 1}-${String(m).padStart(2, '0')}`;
  });
}

export const isFinancialYear = (fy: string) =>
  /^\d{4}-\d{2}$/.test(fy) && (Number(fy.slice(0, 4)) + 1) % 100 === Number(fy.slice(5));

/** Adds whole days to an IST calendar date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from IST date `a` to IST date `b` (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** An ISO 8601 timestamp with the IST offset, as the contract asks for times. */
export function istTimestamp(at: Date): string {
  const shifted = new Date(at.getTime() + IST_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 23)}+05:30`;
}

/** The clock port: handlers take "now" from here so tests and schedules can set it. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

// What staff type and read (web/src/format.ts): dates as DD/MM/YYYY in Indian time whatever the computer's
// zone, phone numbers as people type them turned into the API's E.164 form, and counts as the state
// publishes them (Indian digit grouping, a suppressed small cell kept as "<5").
import { describe, expect, it } from 'vitest';
import { indianMobile } from '#shared/core/schema-parts.ts';
import {
  cellRank,
  formatCalendarDate,
  formatCount,
  formatDate,
  formatDateTime,
  formatMonth,
  normalisePhone,
  parseTypedDate,
} from '../../web/src/format.ts';

describe('dates', () => {
  it('shows a moment as DD/MM/YYYY in Indian time, across midnight and the year’s end', () => {
    // 20:00 UTC is 01:30 the next day in India.
    expect(formatDate('2026-11-20T20:00:00Z')).toBe('21/11/2026');
    expect(formatDateTime('2026-11-20T20:00:00Z')).toBe('21/11/2026 01:30 IST');
    expect(formatDateTime('2026-12-31T18:45:00.000Z')).toBe('01/01/2027 00:15 IST');
    expect(formatDateTime('2026-04-01T09:05:00+05:30')).toBe('01/04/2026 09:05 IST');
  });

  it('leaves out a missing moment and shows one it cannot read as it came', () => {
    expect(formatDate(undefined)).toBe('');
    expect(formatDateTime('')).toBe('');
    expect(formatDateTime('soon')).toBe('soon');
  });

  it('shows a calendar date (already Indian) without any time-zone arithmetic', () => {
    expect(formatCalendarDate('2026-03-05')).toBe('05/03/2026');
    expect(formatCalendarDate(undefined)).toBe('');
    expect(formatCalendarDate('05/03/2026')).toBe('05/03/2026');
  });

  it('reads a typed DD/MM/YYYY (or D/M/YYYY, with - or .) as YYYY-MM-DD', () => {
    expect(parseTypedDate('20/11/2026')).toBe('2026-11-20');
    expect(parseTypedDate(' 5/1/2026 ')).toBe('2026-01-05');
    expect(parseTypedDate('05-11-2026')).toBe('2026-11-05');
    expect(parseTypedDate('5.11.2026')).toBe('2026-11-05');
    expect(parseTypedDate('29/02/2028')).toBe('2028-02-29');
  });

  it('hands back as typed what is not a real DD/MM/YYYY date, for the schema to refuse at the field', () => {
    expect(parseTypedDate('')).toBeUndefined();
    expect(parseTypedDate('   ')).toBeUndefined();
    expect(parseTypedDate('31/02/2026')).toBe('31/02/2026');
    expect(parseTypedDate('29/02/2027')).toBe('29/02/2027');
    expect(parseTypedDate('11/20/2026')).toBe('11/20/2026');
    expect(parseTypedDate('2026-11-20')).toBe('2026-11-20');
    expect(parseTypedDate('yesterday')).toBe('yesterday');
  });
});

describe('phone numbers', () => {
  it('turns the common ways of typing an Indian mobile number into +91 and ten digits', () => {
    for (const typed of [
      '9812345678',
      '98123 45678',
      '098123 45678',
      '+91 98123 45678',
      '91-98123-45678',
      '(98123) 45678',
    ]) {
      expect(normalisePhone(typed), typed).toBe('+919812345678');
    }
    expect(indianMobile.safeParse(normalisePhone('70001 23456')).success).toBe(true);
  });

  it('leaves an empty number out and anything else as typed, so the schema names the problem', () => {
    expect(normalisePhone('')).toBeUndefined();
    expect(normalisePhone('  ')).toBeUndefined();
    expect(normalisePhone('12345')).toBe('12345');
    expect(normalisePhone('+44 20 7946 0958')).toBe('+442079460958');
    // Ten digits that are not a mobile number pass through the conversion; the schema refuses them.
    expect(indianMobile.safeParse(normalisePhone('12345 67890')).success).toBe(false);
  });
});

describe('counts and months', () => {
  it('groups digits the Indian way in both languages, with Latin digits', () => {
    expect(formatCount(8888, 'en')).toBe('8,888');
    expect(formatCount(123456, 'en')).toBe('1,23,456');
    expect(formatCount(123456, 'hi')).toBe('1,23,456');
    expect(formatCount(0, 'hi')).toBe('0');
  });

  it('keeps a suppressed small cell as it is, and shows a missing figure as a dash', () => {
    expect(formatCount('<5', 'en')).toBe('<5');
    expect(formatCount(undefined, 'en')).toBe('–');
    expect(formatCount(null, 'hi')).toBe('–');
  });

  it('sorts "<5" between 0 and 5, and a missing figure below zero', () => {
    // (A missing figure is '' here: Array.prototype.sort puts `undefined` last without asking.)
    const cells = [5, '<5', '', 0, 12];
    expect([...cells].sort((a, b) => cellRank(a) - cellRank(b))).toEqual(['', 0, '<5', 5, 12]);
    expect(cellRank(undefined)).toBeLessThan(cellRank(0));
    expect(cellRank('< 5')).toBe(4.5);
  });

  it('sorts a withheld "x" (any size, withheld beside a small one) just below zero, and shows it as it is', () => {
    const cells = [5, 'x', '', 0, '<5'];
    expect([...cells].sort((a, b) => cellRank(a) - cellRank(b))).toEqual(['', 'x', 0, '<5', 5]);
    expect(formatCount('x', 'hi')).toBe('x');
  });

  it('names a month in the chosen language', () => {
    expect(formatMonth('2026-04', 'en')).toBe('April 2026');
    expect(formatMonth('2026-04', 'en', 'short')).toBe('Apr');
    expect(formatMonth('2026-04', 'hi')).toBe('अप्रैल 2026');
    expect(formatMonth('not-a-month', 'en')).toBe('not-a-month');
  });
});

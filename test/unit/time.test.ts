import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  financialYear,
  isFinancialYear,
  istDate,
  istMonth,
  istTimestamp,
  monthsOfFinancialYear,
} from '#shared/core/time.ts';

describe('Indian time and financial years', () => {
  it('counts by IST, not UTC: 31 March 19:00 UTC is already 1 April in India, a new financial year', () => {
    const at = new Date('2026-03-31T19:00:00Z');
    expect(istDate(at)).toBe('2026-04-01');
    expect(financialYear(at)).toBe('2026-27');
    expect(financialYear(new Date('2026-03-31T18:29:59Z'))).toBe('2025-26');
    expect(istMonth(at)).toBe('2026-04');
  });

  it('names financial years as the state publishes them', () => {
    expect(financialYear(new Date('2024-01-15T06:00:00Z'))).toBe('2023-24');
    expect(financialYear(new Date('2099-12-31T06:00:00Z'))).toBe('2099-00');
    expect(isFinancialYear('2024-25')).toBe(true);
    expect(isFinancialYear('2024-26')).toBe(false);
    expect(monthsOfFinancialYear('2024-25')).toEqual([
      '2024-04',
      '2024-05',
      '2024-06',
      '2024-07',
      '2024-08',
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
      '2025-03',
    ]);
  });

  it('adds days across months and leap years, and stamps times with +05:30', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-11-30', 180)).toBe('2027-05-29');
    expect(daysBetween('2026-11-30', '2027-05-29')).toBe(180);
    expect(istTimestamp(new Date('2026-11-30T00:00:00Z'))).toBe('2026-11-30T05:30:00.000+05:30');
  });
});

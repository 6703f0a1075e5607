import { describe, expect, it } from 'vitest';
import { canMove, MOVES, nextStatuses } from '#shared/cases/lifecycle.ts';
import { CASE_STATUSES } from '#shared/core/vocabulary.ts';

describe('the case lifecycle table', () => {
  it('lets staff move only along the table, and keeps resolution and closure for their own actions', () => {
    expect(nextStatuses('REGISTERED').sort()).toEqual(['IN_PROGRESS', 'REFERRED', 'WITHDRAWN']);
    expect(canMove('IN_PROGRESS', 'RESOLVED', 'status')).toBe(false);
    expect(canMove('IN_PROGRESS', 'RESOLVED', 'resolve')).toBe(true);
    expect(canMove('MONITORING', 'CLOSED', 'status')).toBe(false);
    expect(canMove('MONITORING', 'CLOSED', 'follow-up')).toBe(true);
    expect(canMove('REOPENED', 'IN_PROGRESS', 'status')).toBe(true);
  });

  it('has no way out of the terminal statuses and only known statuses', () => {
    for (const end of ['CLOSED', 'WITHDRAWN', 'REFERRED'] as const)
      expect(MOVES.filter((m) => m.from === end)).toEqual([]);
    for (const m of MOVES) {
      expect(CASE_STATUSES).toContain(m.from);
      expect(CASE_STATUSES).toContain(m.to);
    }
  });
});

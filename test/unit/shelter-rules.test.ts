// The shelter's rules: who may stay with her, how long, when a stay is overdue; and the admission schema
// naming a boy over 8 at his own age field.
import { describe, expect, it } from 'vitest';
import { dueOutDate, mayStayWithHer, stayDays, stayOverdue } from '#shared/shelter/rules.ts';
import { admitShelterSchema } from '#shared/shelter/schemas.ts';

const BIHAR = { defaultDays: 5, maxDays: 10 };

describe('shelter rules', () => {
  it('lets girls of any age and boys up to 8 stay with her', () => {
    expect(mayStayWithHer({ age: 17, sex: 'F' })).toBe(true);
    expect(mayStayWithHer({ age: 8, sex: 'M' })).toBe(true);
    expect(mayStayWithHer({ age: 9, sex: 'M' })).toBe(false);
  });

  it('takes the default length, or up to the maximum with a reason', () => {
    expect(stayDays({}, BIHAR)).toEqual({ days: 5 });
    expect(stayDays({ days: 3 }, BIHAR)).toEqual({ days: 3 });
    expect(stayDays({ extendedReason: 'special case' }, BIHAR)).toEqual({ days: 10 });
    expect(stayDays({ days: 7, extendedReason: 'special case' }, BIHAR)).toEqual({ days: 7 });
    expect(stayDays({ days: 7 }, BIHAR)).toMatchObject({ problem: { path: 'extendedReason' } });
    expect(stayDays({ days: 11, extendedReason: 'x' }, BIHAR)).toMatchObject({ problem: { path: 'days' } });
    // Another state's setting: 5 days and no extension.
    expect(stayDays({ extendedReason: 'x' }, { defaultDays: 5, maxDays: 5 })).toEqual({ days: 5 });
  });

  it('is due out after its days, and overdue only from the next IST date', () => {
    expect(dueOutDate('2027-03-29', 5)).toBe('2027-04-03');
    expect(stayOverdue('2027-04-03', '2027-04-03')).toBe(false);
    expect(stayOverdue('2027-04-03', '2027-04-04')).toBe(true);
  });

  it('names every boy over 8 at children.N.age', () => {
    const r = admitShelterSchema.safeParse({
      children: [
        { age: 10, sex: 'M' },
        { age: 3, sex: 'M' },
        { age: 12, sex: 'M' },
      ],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['children.0.age', 'children.2.age']);
  });
});

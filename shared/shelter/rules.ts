// The OSC's temporary shelter, as rules: who may stay with her, how long, and when a stay is overdue. Pure
// (the form imports it too); the lengths are stage settings (Bihar: 5 days, up to 10 in special cases).
import { addDays } from '../core/time.ts';

/** Her children may stay with her: girls of any age, boys up to this age. */
export const BOY_MAX_AGE = 8;
/** Older than this is not a child staying with her mother (a young woman is a case of her own). */
export const CHILD_MAX_AGE = 17;

export interface ShelterSettings {
  /** Days a stay lasts unless extended. */
  defaultDays: number;
  /** The longest stay, with a reason for going beyond the default. */
  maxDays: number;
}

/** May this child stay with her? (girls any age, boys up to eight) */
export const mayStayWithHer = (c: { age: number; sex: 'F' | 'M' }): boolean => c.sex === 'F' || c.age <= BOY_MAX_AGE;

/**
 * How many days this stay may last: the default, or with a reason for a special case the number asked for
 * (the stage's maximum when none is asked). Undefined with the field to blame when the request is not allowed.
 */
export function stayDays(
  input: { days?: number; extendedReason?: string },
  s: ShelterSettings,
): { days: number } | { problem: { path: 'days' | 'extendedReason'; message: string } } {
  if (input.days === undefined) return { days: input.extendedReason ? s.maxDays : s.defaultDays };
  if (input.days > s.maxDays) return { problem: { path: 'days', message: `At most ${s.maxDays} days` } };
  if (input.days > s.defaultDays && !input.extendedReason) {
    return {
      problem: { path: 'extendedReason', message: `A stay over ${s.defaultDays} days needs the reason for it` },
    };
  }
  return { days: input.days };
}

/** The IST date she is due to leave: the admission's IST date plus the days of the stay. */
export const dueOutDate = (admittedOn: string, days: number): string => addDays(admittedOn, days);

/** Overdue once the IST date is past the due-out date (she may leave on that day). */
export const stayOverdue = (dueOut: string, today: string): boolean => today > dueOut;

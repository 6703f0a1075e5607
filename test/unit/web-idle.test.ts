// The lock of a shared computer as a function of quiet time (web/src/idle.ts): active, a warning before the
// lock, locked, a warning before the sign-out; input before the lock starts again, input after it does not.
import { describe, expect, it } from 'vitest';
import { idleStateAt, warnSeconds } from '../../web/src/idle.ts';

const stage = { lockAfterSeconds: 15 * 60, signOutAfterSeconds: 5 * 60 };

describe('the idle lock', () => {
  it('warns in the last minute before the lock and before the sign-out, with the seconds left', () => {
    expect(idleStateAt(stage, 0, false)).toEqual({ phase: 'active', left: 900 });
    expect(idleStateAt(stage, 839, false)).toEqual({ phase: 'active', left: 61 });
    expect(idleStateAt(stage, 840, false)).toEqual({ phase: 'warning', left: 60 });
    expect(idleStateAt(stage, 899.5, false)).toEqual({ phase: 'warning', left: 1 });
    expect(idleStateAt(stage, 900, false)).toEqual({ phase: 'locked', left: 300 });
    expect(idleStateAt(stage, 1140, false)).toEqual({ phase: 'signing-out', left: 60 });
    expect(idleStateAt(stage, 1200, false).left).toBe(0);
  });

  it('counts from the lock once locked, and warns for a third of a short time', () => {
    expect(idleStateAt(stage, 10, true)).toEqual({ phase: 'locked', left: 290 });
    expect(idleStateAt(stage, 300, true)).toEqual({ phase: 'signing-out', left: 0 });
    expect(warnSeconds(9)).toBe(3);
    expect(warnSeconds(3600)).toBe(60);
    expect(idleStateAt({ lockAfterSeconds: 9, signOutAfterSeconds: 9 }, 6, false)).toEqual({
      phase: 'warning',
      left: 3,
    });
  });
});

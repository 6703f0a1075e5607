// Shared computers: after `lockAfterSeconds` without input (a key, a click, a touch, typing, the wheel) the
// form locks; `signOutAfterSeconds` later it signs out. A warning with a countdown comes first each time (the
// last minute, or a third of the time when that is shorter), in a live region for screen readers.
// A locked screen renders nothing of the case: the app draws the lock screen INSTEAD of the screen (the screen
// is unmounted, not hidden behind an overlay), and the navigation goes. The draft lives in draft.ts's memory,
// so it survives a lock; the sign-out resets it. Unlocking is by the same user only (auth.ts): locally she
// picks herself again; in AWS she signs in again in a pop-up, so the page never reloads.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { IdleConfig } from './config.ts';
import { t } from './i18n.ts';
import { Button, type El } from './ui.ts';

export type IdlePhase = 'active' | 'warning' | 'locked' | 'signing-out';

export interface IdleState {
  phase: IdlePhase;
  /** Seconds left until the next step (lock, or sign-out). */
  left: number;
}

const ACTIVITY = ['keydown', 'pointerdown', 'input', 'wheel', 'touchstart'] as const;

/** How long before each step the warning shows. */
export const warnSeconds = (total: number) => Math.max(1, Math.min(60, Math.floor(total / 3)));

/** Where an idle session stands, from the seconds since the last input (pure: tested on its own). */
export function idleStateAt(idle: IdleConfig, quietSeconds: number, locked: boolean): IdleState {
  const { lockAfterSeconds: lock, signOutAfterSeconds: out } = idle;
  if (!locked && quietSeconds < lock) {
    const left = Math.ceil(lock - quietSeconds);
    return { phase: left <= warnSeconds(lock) ? 'warning' : 'active', left };
  }
  const sinceLock = locked ? quietSeconds : quietSeconds - lock;
  const left = Math.max(0, Math.ceil(out - sinceLock));
  return { phase: left <= warnSeconds(out) ? 'signing-out' : 'locked', left };
}

/**
 * Watches for input while someone is signed in. `onSignOut` is called once the time after the lock is up.
 * Returns the state and `unlocked()` for after the same user has confirmed herself.
 */
export function useIdle(idle: IdleConfig, active: boolean, onSignOut: () => void) {
  const last = useRef(Date.now());
  // While locked, the clock counts from the moment of the lock: input no longer resets anything.
  const lockedAt = useRef<number | undefined>(undefined);
  const [state, setState] = useState<IdleState>({ phase: 'active', left: idle.lockAfterSeconds });
  const signOut = useRef(onSignOut);
  signOut.current = onSignOut;

  useEffect(() => {
    if (!active) return;
    last.current = Date.now();
    lockedAt.current = undefined;
    let fired = false;
    const touch = () => {
      if (lockedAt.current === undefined) last.current = Date.now();
    };
    for (const e of ACTIVITY) document.addEventListener(e, touch, { capture: true, passive: true });
    const tick = () => {
      if (fired) return;
      const now = Date.now();
      const locked = lockedAt.current !== undefined;
      const quiet = (now - (locked ? (lockedAt.current as number) : last.current)) / 1000;
      const next = idleStateAt(idle, quiet, locked);
      if (!locked && (next.phase === 'locked' || next.phase === 'signing-out')) {
        lockedAt.current = last.current + idle.lockAfterSeconds * 1000;
      }
      if (lockedAt.current !== undefined && next.left === 0) {
        fired = true;
        signOut.current();
        return;
      }
      // While active, the seconds left are not shown: no re-render of the app every second.
      if (next.phase === 'active') next.left = idle.lockAfterSeconds;
      setState((s) => (s.phase === next.phase && s.left === next.left ? s : next));
    };
    tick();
    const timer = setInterval(tick, 250);
    return () => {
      clearInterval(timer);
      for (const e of ACTIVITY) document.removeEventListener(e, touch, { capture: true });
    };
  }, [active, idle.lockAfterSeconds, idle.signOutAfterSeconds]);

  const unlocked = () => {
    lockedAt.current = undefined;
    last.current = Date.now();
    setState({ phase: 'active', left: idle.lockAfterSeconds });
  };
  const keepWorking = () => {
    if (lockedAt.current === undefined) last.current = Date.now();
  };
  return { state, unlocked, keepWorking };
}

/**
 * What a screen reader hears: one sentence when each warning starts and when the screen locks, not every
 * second of the countdown (the countdown itself is on screen).
 */
export function IdleAnnouncer({ state }: { state: IdleState }): El {
  const m = t();
  const [said, setSaid] = useState('');
  const phase = useRef<IdlePhase>('active');
  useEffect(() => {
    if (state.phase === phase.current) return;
    phase.current = state.phase;
    if (state.phase === 'warning') setSaid(m.lockWarningSpoken(state.left));
    else if (state.phase === 'locked') setSaid(m.lockedSpoken(state.left));
    else if (state.phase === 'signing-out') setSaid(m.signOutSoonSpoken(state.left));
    else setSaid('');
  }, [state.phase]);
  return h('div', { class: 'visually-hidden', 'aria-live': 'assertive', id: 'idle-announcer' }, said);
}

/** The warning before the lock: a countdown and a button to keep working (any key does the same). */
export function IdleWarning({ state, onKeep }: { state: IdleState; onKeep: () => void }): El | null {
  const m = t();
  if (state.phase !== 'warning') return null;
  return h(
    'div',
    { class: 'idle-warning', id: 'idle-warning' },
    h('p', null, m.lockWarning(state.left)),
    h(Button, { kind: 'secondary', onClick: onKeep, id: 'idle-keep' }, m.stayHere),
  );
}

/** The locked screen: who may unlock it, the time left before sign-out, and nothing else. */
export function LockScreen(p: {
  username: string;
  state: IdleState;
  cognito: boolean;
  busy: boolean;
  error?: string;
  onUnlock: () => void;
  onSignOut: () => void;
}): El {
  const m = t();
  return h(
    'section',
    { class: 'screen lock-screen', id: 'lock-screen' },
    h('h1', { id: 'page-title', tabIndex: -1 }, m.lockedTitle),
    h('p', null, m.lockedText(p.username)),
    h(
      'p',
      { class: p.state.phase === 'signing-out' ? 'notice notice--error' : 'notice' },
      m.lockedDraftKept(p.state.left),
    ),
    p.error ? h('p', { class: 'notice notice--error', role: 'alert', id: 'unlock-error' }, p.error) : null,
    h(
      'p',
      { class: 'actions' },
      h(
        Button,
        { id: 'unlock', busy: p.busy, onClick: p.onUnlock },
        p.cognito ? m.unlockCognito(p.username) : m.unlockAs(p.username),
      ),
      h(Button, { kind: 'secondary', id: 'lock-sign-out', onClick: p.onSignOut }, m.signOut),
    ),
  );
}

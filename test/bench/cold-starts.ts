// Section 9: cold starts as staff meet them. Each function's requests arrive at random over working hours
// (Poisson, at the rate the traffic model gives it); Lambda keeps an environment warm for about ten minutes
// after its last request, so a request meets a cold one when no request came in the ten minutes before:
// P(cold) = e^(−λ·T). A staff session of ten actions, drawn from the staff's mix of requests, waits the
// cold init (measured by section 1) of each function it meets cold. Pure: unit tests check the arithmetic.
import { WORKING_DAYS, WORKING_HOURS } from './traffic.ts';

/** Minutes Lambda keeps an idle environment (not documented by AWS; ~10 minutes is the usual observation). */
export const WARM_MINUTES = 10;
/** Target: the cold starts a session of ten actions meets add up to at most one second. */
export const TARGET_SESSION_WAIT_MS = 1000;
export const SESSION_ACTIONS = 10;

/** The share of requests that meet a cold environment, for `perMonth` requests spread over working hours. */
export function coldShare(
  perMonth: number,
  warmMinutes = WARM_MINUTES,
  minutesPerMonth = WORKING_DAYS * WORKING_HOURS * 60,
) {
  if (perMonth <= 0) return 1;
  const perMinute = perMonth / minutesPerMonth;
  return Math.exp(-perMinute * warmMinutes);
}

export interface FunctionLoad {
  id: string;
  /** Requests a month (all callers). */
  perMonth: number;
  /** Of those, requests staff make in a session (the session mix). */
  staffPerMonth: number;
  /** Cold init of the function's bundle, ms. */
  initMs: number;
}

export interface ColdRow extends FunctionLoad {
  coldShare: number;
  coldPerMonth: number;
  /** The chance a session of ten actions calls it at least once. */
  inSession: number;
  /** Its expected share of a session's wait, ms. */
  sessionWaitMs: number;
}

export interface ColdEstimate {
  rows: ColdRow[];
  /** Expected wait for cold starts in a session of ten actions, ms. */
  sessionWaitMs: number;
  coldStartsPerMonth: number;
  /** INIT milliseconds a month (billed). */
  initMsPerMonth: number;
  pass: boolean;
}

/**
 * The estimate: per function, its cold share; per session of `actions` drawn from the staff's mix, the
 * chance each function is called at least once (only its first call can be cold: the session itself keeps
 * it warm after) times its cold share times its init.
 */
export function coldEstimate(
  load: FunctionLoad[],
  actions = SESSION_ACTIONS,
  warmMinutes = WARM_MINUTES,
): ColdEstimate {
  const staffTotal = load.reduce((n, f) => n + f.staffPerMonth, 0);
  const rows = load.map((f) => {
    const share = coldShare(f.perMonth, warmMinutes);
    const mix = staffTotal > 0 ? f.staffPerMonth / staffTotal : 0;
    const inSession = 1 - (1 - mix) ** actions;
    return {
      ...f,
      coldShare: share,
      coldPerMonth: f.perMonth * share,
      inSession,
      sessionWaitMs: inSession * share * f.initMs,
    };
  });
  const sessionWaitMs = rows.reduce((n, r) => n + r.sessionWaitMs, 0);
  return {
    rows: rows.sort((a, b) => b.sessionWaitMs - a.sessionWaitMs),
    sessionWaitMs,
    coldStartsPerMonth: rows.reduce((n, r) => n + r.coldPerMonth, 0),
    initMsPerMonth: rows.reduce((n, r) => n + r.coldPerMonth * r.initMs, 0),
    pass: sessionWaitMs <= TARGET_SESSION_WAIT_MS,
  };
}

/** The same load with `ids` served by one function (their requests add up; its init is `initMs`). */
export function grouped(load: FunctionLoad[], ids: string[], initMs: number, id = 'grouped'): FunctionLoad[] {
  const inGroup = load.filter((f) => ids.includes(f.id));
  return [
    ...load.filter((f) => !ids.includes(f.id)),
    {
      id,
      perMonth: inGroup.reduce((n, f) => n + f.perMonth, 0),
      staffPerMonth: inGroup.reduce((n, f) => n + f.staffPerMonth, 0),
      initMs,
    },
  ];
}

/** The same load with `ids` on provisioned concurrency (never cold). */
export const provisioned = (load: FunctionLoad[], ids: string[]): FunctionLoad[] =>
  load.map((f) => (ids.includes(f.id) ? { ...f, initMs: 0 } : f));

/** A month of provisioned concurrency for one environment of `memoryMb`, at `perGbSecond`. */
export const provisionedMonthUsd = (memoryMb: number, perGbSecond: number, environments = 1) =>
  environments * (memoryMb / 1024) * 730 * 3600 * perGbSecond;

// Section 5: does an operation's latency follow what it has to do, or what is stored? Each scaling case is
// measured with 1× and 10× stored data; the ratio of medians should stay ≤ 1.2×.
//
// Two workers (scaling-child.ts) run side by side, each a process with its own fresh in-memory local runtime:
// one stores 1× the data of every case, the other 10×. So every case's operation runs with all cases' data
// around it, ten times more of it on one side (assert only on your own data). For each case the calls are
// interleaved (1×, 10×, 10×, 1×, …) after both sides have warmed up, so neither warm-up order (a fresh JVM
// and fresh Node code get faster for many calls) nor a busy moment of the machine favours one side.
// Cases are registered in scaling-cases.ts.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import type { LocalUser } from '../../infra/local/seed.ts';
import { isStopping, onCleanup } from './cleanup.ts';
import type { SeededCase, SeedOptions } from './seed.ts';
import { median, p95, progress, ROOT } from './stats.ts';

export const TARGET_SCALING = 1.2;
/** A worker that is not up and seeded by then, or an operation that takes longer, is an error. */
const READY_TIMEOUT_S = 240;
const RUN_TIMEOUT_S = 60;

export interface Reply {
  status: number;
  body: any;
}

/** What a scaling case gets to seed data and to run its operation. */
export interface ScalingContext {
  runtime: LocalRuntime;
  /** A document client on the runtime's DynamoDB Local. */
  doc: DynamoDBDocumentClient;
  table: string;
  /** A fixed "now" for the whole case: seeds and operations agree on dates. */
  now: Date;
  /** The local runtime's seeded users (GET /_local/users). */
  users: LocalUser[];
  /** The username of the first seeded user with this role. */
  userWith(role: LocalUser['role'], centreId?: string): string;
  /** Writes `count` cases straight into the table (case, history, counters, optional follow-ups). */
  seedCases(count: number, opts?: SeedOptions): Promise<SeededCase[]>;
  /** Registers `count` cases through POST /cases (the real write path: sequence, counters, history). Slower. */
  createCasesViaApi(count: number, username?: string): Promise<string[]>;
  /** Invokes a handler in-process, API Gateway-shaped, as `user` (the route's method and path from ROUTES). */
  invoke(
    routeId: string,
    req: {
      user?: string;
      pathParameters?: Record<string, string>;
      query?: Record<string, string>;
      body?: unknown;
      headers?: Record<string, string>;
    },
  ): Promise<Reply>;
  /** A request to the local runtime over HTTP as `user` (a token is fetched once per user). */
  http(user: string | undefined, method: string, path: string, body?: unknown): Promise<Reply>;
}

export interface ScalingCase {
  name: string;
  /** Cases stored at 1× (default 100); the 10× step stores ten times as many. */
  baseCases?: number;
  /** Measured calls per scale (default 15), after unrecorded warm-up calls until it stops getting faster. */
  iterations?: number;
  /** true, or why the case cannot run yet (e.g. its handler does not exist): then it is listed as skipped. */
  available?: () => true | string;
  /** Stores this case's data at this scale: `cases` = baseCases × scale (other cases store theirs too). */
  setup(ctx: ScalingContext, step: { scale: 1 | 10; cases: number }): Promise<void>;
  /** Untimed, before every call of `operation`: restore what the previous call consumed, if anything. */
  prepare?(ctx: ScalingContext, scale: 1 | 10): Promise<void>;
  /**
   * The operation measured. It must do the same work on every call (use ctx.now or a fixed `at`; what a call
   * consumes, `prepare` restores); throw if the answer is wrong.
   */
  operation(ctx: ScalingContext, scale: 1 | 10): Promise<void>;
}

export interface ScalingResult {
  name: string;
  status: 'measured' | 'skipped' | 'error';
  note?: string;
  baseCases?: number;
  iterations?: number;
  median1?: number;
  median10?: number;
  p95_1?: number;
  p95_10?: number;
  samples1?: number[];
  samples10?: number[];
  ratio?: number;
  pass?: boolean;
}

export type WorkerMessage =
  | { type: 'ready'; seedMs: number }
  | { type: 'ran'; ms: number }
  | { type: 'error'; message: string };

interface Worker {
  /** Resolves once the data is stored. */
  ready: Promise<number>;
  /** Runs a case's operation once; resolves with the time it took in the worker. */
  run(name: string): Promise<number>;
  stop(): Promise<void>;
}

function startWorker(names: string[], scale: 1 | 10, env: NodeJS.ProcessEnv): Worker {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'test', 'bench', 'scaling-child.ts'), String(scale), JSON.stringify(names)],
    {
      cwd: ROOT,
      // Handlers log at ERROR only: warnings of a run that goes as planned would drown the report.
      env: { ...env, OSC_LOG_LEVEL: 'ERROR' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    },
  );
  // Progress lines go through; anything else is kept for the error note.
  let tail: string[] = [];
  let partial = '';
  child.stderr!.on('data', (d: Buffer) => {
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) {
      if (l.startsWith('[bench]')) process.stderr.write(`${l}\n`);
      else if (l.trim()) tail = [...tail, l].slice(-5);
    }
  });
  let waiting: { ok: (v: number) => void; fail: (e: Error) => void } | undefined;
  let readyOk: (v: number) => void = () => undefined;
  let readyFail: (e: Error) => void = () => undefined;
  const ready = new Promise<number>((ok, fail) => {
    readyOk = ok;
    readyFail = fail;
    setTimeout(
      () => fail(new Error(`${scale}×: not up and seeded within ${READY_TIMEOUT_S} s`)),
      READY_TIMEOUT_S * 1000,
    ).unref();
  });
  ready.catch(() => undefined);
  const why = (m: string) => new Error(`${scale}×: ${m}${tail.length ? ` (${tail.join(' | ').slice(-300)})` : ''}`);
  child.on('message', (m: WorkerMessage) => {
    if (m.type === 'ready') readyOk(m.seedMs);
    else if (m.type === 'ran') waiting?.ok(m.ms);
    else {
      const err = why(m.message);
      readyFail(err);
      waiting?.fail(err);
    }
    if (m.type !== 'ready') waiting = undefined;
  });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  child.once('exit', (code, signal) => {
    const err = why(`worker exited (${code ?? signal})`);
    readyFail(err);
    waiting?.fail(err);
  });
  const stop = onCleanup(`scaling worker ${scale}×`, async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.send({ type: 'stop' });
    else child.kill('SIGTERM'); // the worker stops its runtime (and Java) on SIGTERM too
    await Promise.race([exited, new Promise((r) => setTimeout(r, 8000).unref())]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return {
    ready,
    run: (name) =>
      new Promise<number>((ok, fail) => {
        const timer = setTimeout(() => fail(why(`${name} took over ${RUN_TIMEOUT_S} s`)), RUN_TIMEOUT_S * 1000);
        waiting = {
          ok: (v) => {
            clearTimeout(timer);
            ok(v);
          },
          fail: (e) => {
            clearTimeout(timer);
            fail(e);
          },
        };
        if (child.connected) child.send({ type: 'run', name });
        else waiting.fail(why('worker is gone'));
      }),
    stop,
  };
}

/**
 * Unrecorded calls on both sides until neither gets faster: windows of 8 calls each; warm once each side's
 * window median is within 10% of its previous one (at least 2 windows, at most 20 s). The two sides warm at
 * the same time (nothing is recorded yet), which halves the wait; the 1× side needs it most, as the 10× side
 * has already warmed its JVM and Node code storing ten times the data.
 */
async function warmUp(name: string, a: Worker, b: Worker): Promise<number> {
  const until = performance.now() + 20_000;
  let previous = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  let window = 0;
  while (performance.now() < until) {
    const times: [number[], number[]] = [[], []];
    const side = async (w: Worker, into: number[]) => {
      for (let i = 0; i < 8; i++) into.push(await w.run(name));
    };
    await Promise.all([side(a, times[0]), side(b, times[1])]);
    window++;
    const m = times.map(median);
    if (window >= 2 && m.every((x, k) => x >= previous[k] * 0.9)) break;
    previous = m;
  }
  return window;
}

async function runCase(c: ScalingCase, one: Worker, ten: Worker): Promise<ScalingResult> {
  const base = c.baseCases ?? 100;
  const iterations = c.iterations ?? 15;
  try {
    const t0 = performance.now();
    const windows = await warmUp(c.name, one, ten);
    progress(
      `scaling "${c.name}": warm after ${windows} window(s), ` +
        `${((performance.now() - t0) / 1000).toFixed(1)} s; measuring`,
    );
    const s1: number[] = [];
    const s10: number[] = [];
    for (let i = 0; i < iterations; i++) {
      if (i % 2 === 0) {
        s1.push(await one.run(c.name));
        s10.push(await ten.run(c.name));
      } else {
        s10.push(await ten.run(c.name));
        s1.push(await one.run(c.name));
      }
    }
    const round2 = (x: number) => Math.round(x * 100) / 100;
    const ratio = median(s10) / median(s1);
    return {
      name: c.name,
      status: 'measured',
      baseCases: base,
      iterations,
      median1: median(s1),
      median10: median(s10),
      p95_1: p95(s1),
      p95_10: p95(s10),
      samples1: s1.map(round2),
      samples10: s10.map(round2),
      ratio,
      pass: ratio <= TARGET_SCALING,
    };
  } catch (err) {
    return { name: c.name, status: 'error', note: (err as Error).message };
  }
}

export async function measureScaling(
  cases: ScalingCase[],
  env: NodeJS.ProcessEnv,
): Promise<{ results: ScalingResult[]; seedMs?: [number, number] }> {
  const results = new Map<string, ScalingResult>();
  const runnable: ScalingCase[] = [];
  for (const c of cases) {
    const available = c.available?.() ?? true;
    if (available === true) runnable.push(c);
    else results.set(c.name, { name: c.name, status: 'skipped', note: available });
  }
  const ordered = () => cases.map((c) => results.get(c.name)).filter((r): r is ScalingResult => r !== undefined);
  if (runnable.length === 0 || isStopping()) return { results: ordered() };
  const names = runnable.map((c) => c.name);
  const started = performance.now();
  const one = startWorker(names, 1, env);
  const ten = startWorker(names, 10, env);
  try {
    let seedMs: [number, number];
    try {
      seedMs = await Promise.all([one.ready, ten.ready]);
    } catch (err) {
      for (const c of runnable) results.set(c.name, { name: c.name, status: 'error', note: (err as Error).message });
      return { results: ordered() };
    }
    progress(
      `scaling: both runtimes up and seeded after ${((performance.now() - started) / 1000).toFixed(1)} s ` +
        `(seeding ${Math.round(seedMs[0])} / ${Math.round(seedMs[1])} ms)`,
    );
    for (const c of runnable) {
      if (isStopping()) break;
      progress(`scaling: ${c.name}`);
      results.set(c.name, await runCase(c, one, ten));
    }
    return { results: ordered(), seedMs };
  } finally {
    await Promise.all([one.stop(), ten.stop()]);
  }
}

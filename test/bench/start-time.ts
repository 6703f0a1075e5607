// Section 4: how long `npm start` takes until it prints "ready", on a fresh data folder and again on the same
// folder, and whether Ctrl-C leaves nothing behind (DynamoDB Local's Java process above all).
// The command runs in its own process group and is stopped the way a terminal's Ctrl-C stops it: SIGINT to
// the whole group.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/local/dynamodb.ts';
import { isStopping, onCleanup } from './cleanup.ts';
import { progress, ROOT, sleep } from './stats.ts';

export const TARGET_START_S = 10;

export interface StartRun {
  label: string;
  /** From spawning `npm start` to the "ready" line. */
  readyMs: number;
  /** What main.ts itself reports in the ready line (its own start to ready). */
  reportedMs?: number;
  /** From SIGINT to the process group being gone. */
  stopMs: number;
  javaPids: number[];
  javaGone: boolean;
  groupGone: boolean;
  pass: boolean;
}

export interface StartResult {
  command: string;
  runs: StartRun[];
  dynamoLocalBefore: number;
  dynamoLocalAfter: number;
}

/** PIDs whose command line matches `pattern` (optionally only in process group `pgid`). */
function pgrep(pattern: string | undefined, pgid?: number): number[] {
  const args = [...(pgid ? ['-g', String(pgid)] : []), ...(pattern ? ['-f', pattern] : [])];
  try {
    return execFileSync('pgrep', args, { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `npm start` through the npm that runs this benchmark (so the project's node 24 is used), else npx tsx. */
function startCommand(): { file: string; args: string[]; label: string } {
  const npm = process.env.npm_execpath;
  if (npm) return { file: process.execPath, args: [npm, 'start', '--silent'], label: 'npm start' };
  return { file: 'npx', args: ['tsx', 'infra/local/main.ts'], label: 'npx tsx infra/local/main.ts' };
}

async function startOnce(label: string, dataDir: string, env: NodeJS.ProcessEnv): Promise<StartRun> {
  if (isStopping()) throw new Error('stopping');
  const port = await freePort();
  const cmd = startCommand();
  const t0 = performance.now();
  const child: ChildProcess = spawn(cmd.file, cmd.args, {
    cwd: ROOT,
    env: { ...env, OSC_DATA_DIR: dataDir, PORT: String(port), OSC_LOG_LEVEL: 'WARN' },
    detached: true, // its own process group, which is what a terminal's Ctrl-C signals
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pgid = child.pid!;
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  // Should anything below throw, the whole group still goes.
  const kill = onCleanup(`${cmd.label} (pgid ${pgid})`, async () => {
    if (!groupAlive(pgid)) return;
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    await Promise.race([exited, sleep(3000)]);
  });

  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const readyLine = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no "ready" within 60 s; stderr: ${err}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => /\bready\b/i.test(l));
      if (line) {
        clearTimeout(timer);
        ok(line);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${cmd.label} exited (${code}) before "ready": ${err || out}`));
    });
  });
  const readyMs = performance.now() - t0;
  const reportedMs = Number(/\((\d+) ms/.exec(readyLine)?.[1]) || undefined;

  // It must answer too, not just print.
  const res = await fetch(`http://127.0.0.1:${port}/centres`);
  await res.arrayBuffer();

  const javaPids = pgrep('DynamoDBLocal', pgid);
  const s0 = performance.now();
  process.kill(-pgid, 'SIGINT');
  await Promise.race([exited, sleep(15_000)]);
  // The npm process may exit before its children finish stopping: wait for the whole group.
  for (let i = 0; i < 100 && groupAlive(pgid); i++) await sleep(100);
  const stopMs = performance.now() - s0;
  const groupGone = !groupAlive(pgid);
  const javaGone = javaPids.every((p) => !alive(p));
  await kill(); // SIGKILLs whatever did not stop (nothing, when it works)
  return { label, readyMs, reportedMs, stopMs, javaPids, javaGone, groupGone, pass: readyMs <= TARGET_START_S * 1000 };
}

export async function measureStart(env: NodeJS.ProcessEnv): Promise<StartResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'osc-bench-start-'));
  const removeDir = onCleanup('start data dir', () => rmSync(dataDir, { recursive: true, force: true }));
  try {
    const before = pgrep('DynamoDBLocal').length;
    progress('npm start: first start on an empty data folder');
    const first = await startOnce('first start (empty data dir)', dataDir, env);
    progress('npm start: second start on the same data folder');
    const second = await startOnce('second start (same data dir)', dataDir, env);
    const after = pgrep('DynamoDBLocal').length;
    return { command: startCommand().label, runs: [first, second], dynamoLocalBefore: before, dynamoLocalAfter: after };
  } finally {
    await removeDir();
  }
}

// A local runtime in a child process (runtime-child.ts) on a data folder, and a small HTTP client for it:
// for the tests that kill the runtime and start it again on the same data.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildRuntime {
  url: string;
  /** The node process that runs the runtime, and DynamoDB Local's Java process. */
  pid: number;
  dynamoPid: number;
  process: ChildProcess;
  exited: Promise<void>;
}

/** Starts a runtime on `dataDir` (npx tsx) and resolves once it prints that it is ready. */
export function startChildRuntime(dataDir: string, timeoutMs = 120_000): Promise<ChildRuntime> {
  const child = spawn('npx', ['tsx', 'test/integration/runtime-child.ts', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, OSC_LOG_LEVEL: 'ERROR' },
  });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('the child runtime did not start in time')), timeoutMs);
    child.once('exit', (code) => fail(new Error(`the child runtime exited (${code}) before it was ready`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{"url"')) return;
      clearTimeout(timer);
      const ready = JSON.parse(line) as { url: string; pid: number; dynamoPid: number };
      ok({ ...ready, process: child, exited });
    });
  });
}

/** SIGKILL to both processes at once, as a power cut would; resolves when the child has gone. */
export async function killChildRuntime(rt: ChildRuntime): Promise<void> {
  for (const pid of [rt.pid, rt.dynamoPid]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  await rt.exited;
}

/** A clean stop (the runtime stops DynamoDB Local itself). */
export async function stopChildRuntime(rt: ChildRuntime): Promise<void> {
  try {
    process.kill(rt.pid, 'SIGTERM');
  } catch {
    return;
  }
  await rt.exited;
}

export interface Answer {
  status: number;
  body: any;
}

/** JSON over HTTP to one runtime, with tokens of its users (they survive a restart on the same folder). */
export function clientOf(base: string) {
  const tokens = new Map<string, string>();
  const token = async (user: string) => {
    let t = tokens.get(user);
    if (!t) {
      const res = await fetch(`${base}/_local/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: user }),
      });
      if (res.status !== 200) throw new Error(`no token for ${user}: ${res.status}`);
      t = ((await res.json()) as { token: string }).token;
      tokens.set(user, t);
    }
    return t;
  };
  return async (
    user: string | undefined,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const h: Record<string, string> = { ...headers };
    if (user) h.authorization = `Bearer ${await token(user)}`;
    if (body !== undefined) h['content-type'] = 'application/json';
    const res = await fetch(`${base}${path}`, {
      method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}

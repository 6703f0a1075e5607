// Section 6: what each operation makes AWS do, measured against DynamoDB Local. Two workers in turn
// (capacity-child.ts), each a fresh runtime: one holding a centre's year of cases (1×), one ten years (10×),
// so the cost model can check that an operation costs the same however much is stored.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { isStopping, onCleanup } from './cleanup.ts';
import { progress, ROOT } from './stats.ts';

/** What one operation made AWS do (the median of its repetitions; per unit for per-unit operations). */
export interface OpFigures {
  readUnits: number;
  writeUnits: number;
  dynamoCalls: number;
  /** Lambda invocations, all functions (API handler, stream dispatcher, workflow tasks, …). */
  invocations: number;
  /** Billed milliseconds: each invocation measured in-process and rounded up to 1 ms, as Lambda bills. */
  billedMs: number;
  /** Invocations per function id. */
  functions: Record<string, number>;
  /** Billed milliseconds per function id (functions differ in memory: inventory.memoryByHandler). */
  billedByFunction: Record<string, number>;
  /** Step Functions Standard state transitions. */
  transitions: number;
  sms: number;
  /** SMS segments (what SNS bills): smsSegments of each rendered text. */
  smsSegments: number;
  /** Bytes to CloudWatch Logs: the handlers' lines and metrics, Lambda's platform lines, the API access log,
   * SNS's SMS delivery log. */
  logBytes: { handler: number; platform: number; access: number; sms: number };
  /** API Gateway requests (and CloudFront and WAF requests: the API is served through both). */
  apiRequests: number;
  /** Bytes of the API's answers (uncompressed), for CloudFront's data transfer. */
  responseBytes: number;
  /** EventBridge Scheduler invocations. */
  scheduler: number;
}

export interface OpResult extends Partial<OpFigures> {
  name: string;
  what: string;
  status: 'measured' | 'not present' | 'error';
  note?: string;
  /** The unit the figures are per ("due follow-up", "row"); absent: per operation. */
  per?: string;
  reps?: number;
}

export interface CapacityRun {
  scale: number;
  /** Cases stored at the measured centre. */
  centreCases: number;
  ops: OpResult[];
  /** Metric identities (namespace|name|dimensions) the handlers emitted: custom metrics to pay for. */
  metrics: string[];
  /** Bytes one case keeps in the table over a typical life, index copies and per-item overhead included. */
  bytesPerCase: number;
}

export interface CapacityResult {
  runs: CapacityRun[];
}

const TIMEOUT_S = 900;

function runWorker(scale: number, env: NodeJS.ProcessEnv): Promise<CapacityRun> {
  return new Promise((ok, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test', 'bench', 'capacity-child.ts'), String(scale)],
      {
        cwd: ROOT,
        env: { ...env, OSC_LOG_LEVEL: 'INFO' },
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      },
    );
    let tail = '';
    child.stderr!.on('data', (d: Buffer) => (tail = (tail + d.toString()).slice(-1500)));
    let settled = false;
    const done = (err?: Error, run?: CapacityRun) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) fail(err);
      else ok(run!);
    };
    const timer = setTimeout(() => done(new Error(`${scale}×: no result within ${TIMEOUT_S} s`)), TIMEOUT_S * 1000);
    child.on('message', (m: { type: string; message?: string; run?: CapacityRun }) => {
      if (m.type === 'progress') progress(`capacity ${m.message}`);
      else if (m.type === 'result') done(undefined, m.run);
      else if (m.type === 'error') done(new Error(`${scale}×: ${m.message}`));
    });
    child.once('exit', (code, signal) => done(new Error(`${scale}× worker exited (${code ?? signal}): ${tail}`)));
    onCleanup(`capacity worker ${scale}×`, async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    });
  });
}

export async function measureCapacity(env: NodeJS.ProcessEnv, scales: number[] = [1, 10]): Promise<CapacityResult> {
  const runs: CapacityRun[] = [];
  for (const scale of scales) {
    if (isStopping()) break;
    progress(`capacity: worker with ${scale}× a centre's year of cases`);
    runs.push(await runWorker(scale, env));
  }
  return { runs };
}

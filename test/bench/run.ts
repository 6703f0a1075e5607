// `npm run bench`: the performance targets of the case system, measured side by side as ratios in one run,
// printed as a table and written to test-output/bench.json. A script, not a test: a missed target is
// reported (FAIL) and the exit code stays 0; only a section that could not run at all exits 1.
//
//   1. every Lambda handler vs a bare handler: minified bundle size and cold module-init time   ≤ 1.3×
//   2. what each import costs on top of the bare handler (why zod/mini, why no Powertools Tracer)
//   3. warm POST /cases in-process vs a raw TransactWrite of the same items                     ≤ 1.5×
//   4. `npm start` until "ready", fresh and again on the same data folder                       ≤ 10 s
//   5. scaling cases (scaling-cases.ts): an operation at 10× stored data vs 1×                  ≤ 1.2×
//   6. capacity per operation (capacity-ops.ts) against DynamoDB Local, at 1× and 10× stored data: RRU, WRU,
//      Lambda invocations and billed ms, Step Functions transitions, SMS segments, log bytes    same at 10×
//   7. monthly cost by service for Bihar and all of India (prices.ts × traffic.ts × section 6), SMS apart;
//      the cost per case at 10× and 100× volume                                                 not growing
//   8. the form on a slow link (Chromium, 300 ms, 400 kbit/s): first visit ≤ 3 s, repeat ≤ 1 s, register
//      ≤ 1.5 s (median of 5)
//   9. cold starts staff meet at Bihar's volume: wait per session of ten actions                ≤ 1 s
//  10. 40 registrations at once at one centre vs 40 in sequence                                 ≤ 1×
//
// Everything started (DynamoDB Local, runtimes, `npm start`, workers, temp dirs) is stopped on every exit
// path, Ctrl-C included (cleanup.ts).
//
// Knobs (environment): BENCH_SECTIONS=1,…,10  BENCH_INIT_REPS=7  BENCH_WARM_N=200  BENCH_HTTP_N=30
//   BENCH_PRICES=file.json (price overrides, prices.ts)  BENCH_CAPACITY_OPS=register,list (only those, development)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BundleResult,
  bundleAll,
  discoverHandlers,
  esbuildOptions,
  IMPORT_VARIANTS,
  measureInit,
  ROOT,
  TARGET_COLD,
  variantSource,
} from './bundles.ts';
import { cleanupAll, installSignalCleanup, isStopping, onCleanup } from './cleanup.ts';
import { type BenchReport, render, summarize } from './report.ts';
import { runLater } from './run-more.ts';
import { measureScaling } from './scaling.ts';
import { SCALING_CASES } from './scaling-cases.ts';
import { measureStart } from './start-time.ts';
import { progress } from './stats.ts';

// The environment before anything here changes it (startLocal writes its settings into process.env).
const ENV = { ...process.env };
const num = (name: string, fallback: number) => (Number(process.env[name]) > 0 ? Number(process.env[name]) : fallback);
const ALL_SECTIONS = '1,2,3,4,5,6,7,8,9,10';
const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? ALL_SECTIONS).split(',').map((s) => s.trim()));
const any = (...keys: string[]) => keys.some((k) => SECTIONS.has(k));
const INIT_REPS = num('BENCH_INIT_REPS', 7);
const WARM_N = num('BENCH_WARM_N', 200);
const HTTP_N = num('BENCH_HTTP_N', 30);

const report: BenchReport = { meta: {}, errors: {}, bundleErrors: {} };

/** Runs a section when it was asked for (or when `when` says a later section needs it); errors go under `key`. */
async function section(key: string, title: string, fn: () => Promise<void>, when = SECTIONS.has(key)) {
  if (!when || isStopping()) return;
  const t0 = performance.now();
  try {
    await fn();
  } catch (err) {
    report.errors[key] = (err as Error).stack ?? String(err);
    progress(`section ${key} (${title}) failed: ${(err as Error).message}`);
  }
  progress(`section ${key} (${title}) took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function bundlesAndInit(outDir: string) {
  const handlers = discoverHandlers();
  const jobs: Array<{ kind: 'bare' | 'handler' | 'import'; name: string; entry: { file: string } | { code: string } }> =
    [
      { kind: 'bare', name: 'bare', entry: { file: join(ROOT, 'test', 'bench', 'bare-handler.ts') } },
      ...(SECTIONS.has('1')
        ? handlers.map((h) => ({ kind: 'handler' as const, name: h.id, entry: { file: h.file } }))
        : []),
      ...(SECTIONS.has('2')
        ? IMPORT_VARIANTS.map((v) => ({
            kind: 'import' as const,
            name: v.name,
            entry: { code: variantSource(v.code) },
          }))
        : []),
    ];
  progress(`bundling ${jobs.length} entries with LAMBDA_BUNDLING`);
  const t0 = performance.now();
  const bundles = await bundleAll(
    jobs.map((j) => ({ name: `${j.kind}-${j.name}`, entry: j.entry })),
    outDir,
  );
  const built = jobs.map((j) => ({ ...j, result: bundles.get(`${j.kind}-${j.name}`)! }));
  const ok = built.filter((b): b is typeof b & { result: BundleResult } => !(b.result instanceof Error));
  const bare = built.find((b) => b.kind === 'bare')!.result;
  if (bare instanceof Error) throw new Error(`the bare handler did not bundle: ${bare.message}`);
  progress(
    `bundled in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
      `cold init: ${ok.length} bundles × ${INIT_REPS} fresh node processes`,
  );
  const init = await measureInit(
    ok.map((b) => b.result.file),
    bare.file,
    outDir,
    INIT_REPS,
  );
  const bareInit = init.get(bare.file)!;
  report.bare = { bytes: bare.bytes, initMs: bareInit.median, initSamples: bareInit.samples };
  for (const b of built) if (b.result instanceof Error) report.bundleErrors[`${b.kind} ${b.name}`] = b.result.message;
  if (SECTIONS.has('1')) {
    report.handlers = ok
      .filter((b) => b.kind === 'handler')
      .map(({ name, result }) => {
        const i = init.get(result.file)!;
        const bundleRatio = result.bytes / bare.bytes;
        const initRatio = i.ratio;
        return {
          id: name,
          bytes: result.bytes,
          mapBytes: result.mapBytes,
          initMs: i.median,
          initSamples: i.samples,
          bundleRatio,
          initRatio,
          bundlePass: bundleRatio <= TARGET_COLD,
          initPass: initRatio <= TARGET_COLD,
          packages: result.packages,
        };
      });
  }
  if (SECTIONS.has('2')) {
    report.imports = ok
      .filter((b) => b.kind === 'import')
      .map(({ name, result }) => {
        const i = init.get(result.file)!;
        return {
          name,
          bytes: result.bytes,
          addedBytes: result.bytes - bare.bytes,
          initMs: i.median,
          addedInitMs: i.added,
        };
      });
  }
}

async function main(): Promise<number> {
  installSignalCleanup();
  const t0 = performance.now();
  const commit = (() => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  })();
  const { version: esbuildVersion } = await import('esbuild');
  report.meta = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'cpu',
    commit,
    esbuild: esbuildVersion,
    bundling: esbuildOptions(),
    initReps: INIT_REPS,
    loadAtStart: loadavg().map((x) => Math.round(x * 10) / 10),
    sections: [...SECTIONS],
  };

  const outDir = mkdtempSync(join(tmpdir(), 'osc-bench-bundles-'));
  onCleanup('bundle temp dir', () => rmSync(outDir, { recursive: true, force: true }));

  // Quiet machine first: bundles and cold init, then `npm start`, then the sections that run DynamoDB Local.
  if (SECTIONS.has('1') || SECTIONS.has('2')) {
    await section(SECTIONS.has('1') ? '1' : '2', 'bundles and cold init', () => bundlesAndInit(outDir));
    if (report.errors['1'] && SECTIONS.has('2')) report.errors['2'] = report.errors['1'];
  }
  await section('4', 'npm start', async () => {
    report.start = await measureStart(ENV);
  });
  await section('5', 'scaling', async () => {
    const { results, seedMs } = await measureScaling(SCALING_CASES, ENV);
    report.scaling = results;
    report.scalingSeedMs = seedMs;
  });
  await runLater({ report, sections: SECTIONS, any, section, env: ENV, warmN: WARM_N, httpN: HTTP_N });

  await cleanupAll();
  report.meta.loadAtEnd = loadavg().map((x) => Math.round(x * 10) / 10);
  const seconds = (performance.now() - t0) / 1000;
  const summary = summarize(report, seconds);
  process.stdout.write(`${render(report, { sections: SECTIONS, initReps: INIT_REPS })}\n${summary}\n`);
  mkdirSync(join(ROOT, 'test-output'), { recursive: true });
  writeFileSync(join(ROOT, 'test-output', 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  return Object.keys(report.errors).length ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  process.stderr.write(`[bench] failed: ${(err as Error).stack ?? err}\n`);
} finally {
  await cleanupAll();
}
process.exit(code);

// `npm run bench`: the performance targets of the case system, measured side by side as ratios in one run,
// printed as a table and written to test-output/bench.json. A script, not a test: a missed target is
// reported (FAIL) and the exit code stays 0; only a section that could not run at all exits 1.
//
//   1. every Lambda handler vs a bare handler: minified bundle size and cold module-init time   ≤ 1.3×
//   2. what each import costs on top of the bare handler (why zod/mini, why no Powertools Tracer)
//   3. warm POST /cases in-process vs a raw TransactWrite of the same items                     ≤ 1.5×
//   4. `npm start` until "ready", fresh and again on the same data folder                       ≤ 10 s
//   5. scaling cases (scaling-cases.ts): an operation at 10× stored data vs 1×                  ≤ 1.2×
//
// Everything started (DynamoDB Local, runtimes, `npm start`, workers, temp dirs) is stopped on every exit
// path, Ctrl-C included (cleanup.ts).
//
// Knobs (environment): BENCH_SECTIONS=1,2,3,4,5  BENCH_INIT_REPS=7  BENCH_WARM_N=200  BENCH_HTTP_N=30
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
import { measureScaling, type ScalingResult, TARGET_SCALING } from './scaling.ts';
import { SCALING_CASES } from './scaling-cases.ts';
import { measureStart, type StartResult, TARGET_START_S } from './start-time.ts';
import { kb, mark, ms, progress, ratio, table } from './stats.ts';
import { measureWarm, TARGET_WARM, type WarmResult } from './warm-latency.ts';

// The environment before anything here changes it (startLocal writes its settings into process.env).
const ENV = { ...process.env };
const num = (name: string, fallback: number) => (Number(process.env[name]) > 0 ? Number(process.env[name]) : fallback);
const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? '1,2,3,4,5').split(',').map((s) => s.trim()));
const INIT_REPS = num('BENCH_INIT_REPS', 7);
const WARM_N = num('BENCH_WARM_N', 200);
const HTTP_N = num('BENCH_HTTP_N', 30);

interface HandlerRow {
  id: string;
  bytes: number;
  mapBytes: number;
  initMs: number;
  initSamples: number[];
  bundleRatio: number;
  initRatio: number;
  bundlePass: boolean;
  initPass: boolean;
  packages: BundleResult['packages'];
}
interface ImportRow {
  name: string;
  bytes: number;
  addedBytes: number;
  initMs: number;
  addedInitMs: number;
}

const report: {
  meta: Record<string, unknown>;
  bare?: { bytes: number; initMs: number; initSamples: number[] };
  handlers?: HandlerRow[];
  imports?: ImportRow[];
  warm?: WarmResult;
  start?: StartResult;
  scaling?: ScalingResult[];
  scalingSeedMs?: [number, number];
  errors: Record<string, string>;
  /** Entries that did not bundle (e.g. a handler half-way through an edit): reported, the rest measured. */
  bundleErrors: Record<string, string>;
  summary?: { pass: number; fail: number; failing: string[]; seconds: number };
} = { meta: {}, errors: {}, bundleErrors: {} };

async function section(key: string, title: string, fn: () => Promise<void>) {
  if (!SECTIONS.has(key) || isStopping()) return;
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
    `bundled in ${((performance.now() - t0) / 1000).toFixed(1)} s; cold init: ${ok.length} bundles × ${INIT_REPS} fresh node processes`,
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

function render(): string {
  const out: string[] = [];
  const h = (title: string) => out.push('', `== ${title} ${'='.repeat(Math.max(3, 100 - title.length))}`);
  const err = (key: string) => report.errors[key] && out.push(`ERROR: ${report.errors[key].split('\n')[0]}`);
  out.push(
    `Sakhi OSC benchmark — ${report.meta.date} — node ${report.meta.node} on ${report.meta.cpus} × ${report.meta.cpu} — commit ${report.meta.commit}`,
  );
  const load = (l: unknown) => (l as number[]).join(' / ');
  out.push(
    `Load average (1/5/15 min) at start ${load(report.meta.loadAtStart)}, at end ${load(report.meta.loadAtEnd)}: with more than ${report.meta.cpus} the machine was shared and times are noisier; ratios are measured side by side to cancel most of it.`,
  );

  if (SECTIONS.has('1')) {
    h(
      `1. Lambda handlers vs bare handler (DynamoDB document client only): bundle and cold init, target ≤ ${TARGET_COLD}×`,
    );
    err('1');
    if (report.bare && report.handlers) {
      out.push(
        `Bundled with infra/bundling.ts LAMBDA_BUNDLING (esbuild ${report.meta.esbuild}); size of index.mjs without its .map; init = median of ${INIT_REPS} fresh \`node\` processes timing import() of the bundle; init/bare = median of each sample ÷ the bare samples taken just before and after it.`,
      );
      const rows = [
        ['(bare handler)', kb(report.bare.bytes), '1.000×', ms(report.bare.initMs), '1.00×', '', '', ''],
        ...report.handlers.map((r) => [
          r.id,
          kb(r.bytes),
          ratio(r.bundleRatio, 3),
          ms(r.initMs),
          ratio(r.initRatio),
          mark(r.bundlePass),
          mark(r.initPass),
          mark(r.bundlePass && r.initPass),
        ]),
      ];
      out.push(table(['handler', 'bundle KB', 'size/bare', 'init ms', 'init/bare', 'size', 'init', 'row'], rows));
    }
    for (const [what, message] of Object.entries(report.bundleErrors))
      if (what.startsWith('handler ')) out.push(`ERROR (FAIL): ${what.slice(8)} did not bundle: ${message}`);
  }

  if (SECTIONS.has('2')) {
    h('2. What each import costs (bare handler + that one import, used as a handler would at init)');
    err('2');
    if (report.bare && report.imports) {
      const rows = [...report.imports]
        .sort((a, b) => b.addedBytes - a.addedBytes)
        .map((r) => [
          r.name,
          kb(r.bytes),
          `+${kb(r.addedBytes)}`,
          `+${((100 * r.addedBytes) / report.bare!.bytes).toFixed(0)}%`,
          ms(r.initMs),
          `${r.addedInitMs >= 0 ? '+' : ''}${ms(r.addedInitMs)}`,
        ]);
      out.push(table(['import', 'bundle KB', 'added KB', 'added %', 'init ms', 'added init ms'], rows));
      for (const [what, message] of Object.entries(report.bundleErrors))
        if (what.startsWith('import ')) out.push(`ERROR (FAIL): ${what.slice(7)} did not bundle: ${message}`);
      out.push(
        `(bare: ${kb(report.bare.bytes)} KB, init ${ms(report.bare.initMs)} ms; added init = median of each sample − the bare samples around it; below ~5 ms it is noise)`,
      );
    }
  }

  if (SECTIONS.has('3')) {
    h(`3. Warm POST /cases vs a raw TransactWrite of the same items, target ≤ ${TARGET_WARM}×`);
    err('3');
    const w = report.warm;
    if (w) {
      out.push(
        'The handler is invoked in-process (API Gateway-shaped event, no HTTP), so the ratio is about the handler, not the local HTTP server.',
      );
      out.push(
        `Both against the same DynamoDB Local (in memory); ${w.iterations} interleaved iterations after warm-up.`,
      );
      out.push(
        `The transaction create-case writes (${w.transaction.length} items, replayed raw with fresh ids and its own centre/sequence): ${w.transaction.join(', ')}.`,
      );
      out.push(
        table(
          ['path', 'median ms', 'p95 ms'],
          [
            ['create-case handler, in-process', ms(w.handler.median, 2), ms(w.handler.p95, 2)],
            [`raw TransactWriteCommand (${w.transaction.length} items)`, ms(w.raw.median, 2), ms(w.raw.p95, 2)],
            [`POST /cases over local HTTP (info, n=${w.http.iterations})`, ms(w.http.median, 2), ms(w.http.p95, 2)],
          ],
        ),
      );
      out.push(`ratio of medians handler/raw: ${ratio(w.ratio)}  target ≤ ${TARGET_WARM}×  ${mark(w.pass).trim()}`);
    }
  }

  if (SECTIONS.has('4')) {
    h(`4. \`npm start\` until "ready" (fresh OSC_DATA_DIR, then the same dir again), target ≤ ${TARGET_START_S} s`);
    err('4');
    const s = report.start;
    if (s) {
      out.push(`Command: ${s.command} (own process group; stopped with SIGINT to the group, as Ctrl-C does).`);
      out.push(
        table(
          ['run', 'ready s', 'main.ts says', 'stop s', 'java pids', 'all gone', 'target'],
          s.runs.map((r) => [
            r.label,
            (r.readyMs / 1000).toFixed(2),
            r.reportedMs ? `${(r.reportedMs / 1000).toFixed(2)} s` : 'n/a',
            (r.stopMs / 1000).toFixed(2),
            r.javaPids.join(',') || 'none',
            r.javaGone && r.groupGone ? 'yes' : 'NO',
            mark(r.pass),
          ]),
        ),
      );
      out.push(
        `DynamoDBLocal processes on this machine (pgrep -f DynamoDBLocal): before ${s.dynamoLocalBefore}, after ${s.dynamoLocalAfter}.`,
      );
    }
  }

  if (SECTIONS.has('5')) {
    h(`5. Scaling: operation at 10× stored data vs 1×, target ≤ ${TARGET_SCALING}×`);
    err('5');
    if (report.scaling) {
      out.push(
        "Two fresh in-memory local runtimes side by side, one holding 1× the data of every case, the other 10×; each case's calls are interleaved between them after both have warmed up. Register cases in test/bench/scaling-cases.ts.",
      );
      const measured = report.scaling.filter((r) => r.status === 'measured');
      if (measured.length) {
        out.push(
          table(
            ['case', 'cases 1×/10×', 'median 1× ms', 'median 10× ms', 'p95 10× ms', 'ratio', 'target'],
            measured.map((r) => [
              r.name,
              `${r.baseCases}/${r.baseCases! * 10}`,
              ms(r.median1!, 2),
              ms(r.median10!, 2),
              ms(r.p95_10!, 2),
              ratio(r.ratio!),
              mark(r.pass),
            ]),
          ),
        );
      }
      for (const r of report.scaling.filter((x) => x.status !== 'measured'))
        out.push(`${r.status === 'skipped' ? 'skipped' : 'ERROR (FAIL)'}: ${r.name} — ${r.note}`);
    }
  }
  return out.join('\n');
}

function summarize(seconds: number) {
  const checks: Array<[string, boolean]> = [];
  for (const r of report.handlers ?? []) {
    checks.push([`${r.id} bundle ${ratio(r.bundleRatio, 3)}`, r.bundlePass]);
    checks.push([`${r.id} init ${ratio(r.initRatio)}`, r.initPass]);
  }
  if (report.warm) checks.push([`warm POST /cases ${ratio(report.warm.ratio)}`, report.warm.pass]);
  for (const r of report.start?.runs ?? []) {
    checks.push([`npm start ${r.label} ${(r.readyMs / 1000).toFixed(1)} s`, r.pass]);
    checks.push([`npm start ${r.label}: everything stopped`, r.javaGone && r.groupGone]);
  }
  for (const r of report.scaling ?? []) {
    if (r.status === 'measured') checks.push([`scaling ${r.name} ${ratio(r.ratio!)}`, r.pass!]);
    if (r.status === 'error') checks.push([`scaling ${r.name}: error`, false]);
  }
  for (const what of Object.keys(report.bundleErrors)) checks.push([`${what} did not bundle`, false]);
  for (const key of Object.keys(report.errors)) checks.push([`section ${key} could not run`, false]);
  const failing = checks.filter(([, ok]) => !ok).map(([n]) => n);
  report.summary = { pass: checks.length - failing.length, fail: failing.length, failing, seconds };
  const skipped = (report.scaling ?? []).filter((r) => r.status === 'skipped').length;
  return [
    '',
    failing.length ? `Failing: ${failing.join('; ')}` : 'Failing: none',
    `SUMMARY: ${checks.length - failing.length}/${checks.length} targets pass, ${failing.length} fail${skipped ? `, ${skipped} scaling case(s) skipped` : ''} — ${seconds.toFixed(0)} s — details in test-output/bench.json`,
  ].join('\n');
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
  await section('3', 'warm POST /cases', async () => {
    const { startLocal } = await import('../../infra/local/runtime.ts');
    progress('warm POST /cases: starting the local runtime (in memory)');
    const runtime = await startLocal({});
    const stop = onCleanup('local runtime', () => runtime.stop());
    try {
      report.warm = await measureWarm(runtime, WARM_N, HTTP_N);
    } finally {
      await stop();
    }
  });

  await cleanupAll();
  report.meta.loadAtEnd = loadavg().map((x) => Math.round(x * 10) / 10);
  const seconds = (performance.now() - t0) / 1000;
  const summary = summarize(seconds);
  process.stdout.write(`${render()}\n${summary}\n`);
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

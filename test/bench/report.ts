// What `npm run bench` measured, and how it is printed: the table of each section and the summary line. The
// runner (run.ts) fills a BenchReport section by section; this module only reads it (summarize also records
// the summary in it, for test-output/bench.json).
import { type BundleResult, TARGET_COLD } from './bundles.ts';
import { type MoreReport, moreChecks, renderMore } from './report-more.ts';
import { type ScalingResult, TARGET_SCALING } from './scaling.ts';
import { type StartResult, TARGET_START_S } from './start-time.ts';
import { kb, mark, ms, ratio, table } from './stats.ts';
import { TARGET_WARM, type WarmResult } from './warm-latency.ts';

export interface HandlerRow {
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

export interface ImportRow {
  name: string;
  bytes: number;
  addedBytes: number;
  initMs: number;
  addedInitMs: number;
}

export interface BenchReport extends MoreReport {
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
}

/** Which sections ran (BENCH_SECTIONS) and how many fresh processes each cold init took (BENCH_INIT_REPS). */
export interface RenderOptions {
  sections: ReadonlySet<string>;
  initReps: number;
}

/** The table of every section that ran, as printed. */
export function render(report: BenchReport, { sections, initReps }: RenderOptions): string {
  const out: string[] = [];
  const h = (title: string) => out.push('', `== ${title} ${'='.repeat(Math.max(3, 100 - title.length))}`);
  const err = (key: string) => report.errors[key] && out.push(`ERROR: ${report.errors[key].split('\n')[0]}`);
  out.push(
    `Sakhi OSC benchmark — ${report.meta.date} — node ${report.meta.node} ` +
      `on ${report.meta.cpus} × ${report.meta.cpu} — commit ${report.meta.commit}`,
  );
  const load = (l: unknown) => (l as number[]).join(' / ');
  out.push(
    `Load average (1/5/15 min) at start ${load(report.meta.loadAtStart)}, at end ${load(report.meta.loadAtEnd)}: ` +
      `with more than ${report.meta.cpus} the machine was shared and times are noisier; ` +
      'ratios are measured side by side to cancel most of it.',
  );

  if (sections.has('1')) {
    h(
      '1. Lambda handlers vs bare handler (DynamoDB document client only): ' +
        `bundle and cold init, target ≤ ${TARGET_COLD}×`,
    );
    err('1');
    if (report.bare && report.handlers) {
      out.push(
        `Bundled with infra/bundling.ts LAMBDA_BUNDLING (esbuild ${report.meta.esbuild}); ` +
          'size of index.mjs without its .map; ' +
          `init = median of ${initReps} fresh \`node\` processes timing import() of the bundle; ` +
          'init/bare = median of each sample ÷ the bare samples taken just before and after it.',
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

  if (sections.has('2')) {
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
        `(bare: ${kb(report.bare.bytes)} KB, init ${ms(report.bare.initMs)} ms; ` +
          'added init = median of each sample − the bare samples around it; below ~5 ms it is noise)',
      );
    }
  }

  if (sections.has('3')) {
    h(`3. Warm POST /cases vs a raw TransactWrite of the same items, target ≤ ${TARGET_WARM}×`);
    err('3');
    const w = report.warm;
    if (w) {
      out.push(
        'The handler is invoked in-process (API Gateway-shaped event, no HTTP), ' +
          'so the ratio is about the handler, not the local HTTP server.',
      );
      out.push(
        `Both against the same DynamoDB Local (in memory); ${w.iterations} interleaved iterations after warm-up.`,
      );
      out.push(
        `The transaction create-case writes (${w.transaction.length} items, ` +
          `replayed raw with fresh ids and its own centre/sequence): ${w.transaction.join(', ')}.`,
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

  if (sections.has('4')) {
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
        'DynamoDBLocal processes on this machine (pgrep -f DynamoDBLocal): ' +
          `before ${s.dynamoLocalBefore}, after ${s.dynamoLocalAfter}.`,
      );
    }
  }

  if (sections.has('5')) {
    h(`5. Scaling: operation at 10× stored data vs 1×, target ≤ ${TARGET_SCALING}×`);
    err('5');
    if (report.scaling) {
      out.push(
        'Two fresh in-memory local runtimes side by side, one holding 1× the data of every case, the other 10×; ' +
          "each case's calls are interleaved between them after both have warmed up. " +
          'Register cases in test/bench/scaling-cases.ts.',
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
  renderMore(report, sections, out);
  return out.join('\n');
}

/** Every target as pass or fail, recorded in report.summary; the lines printed after the table. */
export function summarize(report: BenchReport, seconds: number): string {
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
  checks.push(...moreChecks(report));
  for (const what of Object.keys(report.bundleErrors)) checks.push([`${what} did not bundle`, false]);
  for (const key of Object.keys(report.errors)) checks.push([`section ${key} could not run`, false]);
  const failing = checks.filter(([, ok]) => !ok).map(([n]) => n);
  report.summary = { pass: checks.length - failing.length, fail: failing.length, failing, seconds };
  const skipped = (report.scaling ?? []).filter((r) => r.status === 'skipped').length;
  return [
    '',
    failing.length ? `Failing: ${failing.join('; ')}` : 'Failing: none',
    `SUMMARY: ${checks.length - failing.length}/${checks.length} targets pass, ${failing.length} fail` +
      `${skipped ? `, ${skipped} scaling case(s) skipped` : ''} — ${seconds.toFixed(0)} s — ` +
      'details in test-output/bench.json',
  ].join('\n');
}

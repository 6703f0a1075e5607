// Sections 1 and 2: what each Lambda costs at cold start. Every handler (and every "bare + one import"
// variant) is bundled with the very settings CDK deploys (infra/bundling.ts), then imported by fresh `node`
// processes; both size and module-init time are compared with a bare handler that only creates the
// DynamoDB document client.

import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { LAMBDA_BUNDLING } from '../../infra/bundling.ts';
import { median, progress, ROOT } from './stats.ts';

export { ROOT };

const BENCH_DIR = join(ROOT, 'test', 'bench');

export const TARGET_COLD = 1.3;

/**
 * esbuild options from LAMBDA_BUNDLING, key for key. Only the shapes differ: CDK takes the banner as a string
 * (esbuild: `{ js }`) and readonly arrays; CDK spellings of a few names are mapped should they appear.
 */
export function esbuildOptions(): BuildOptions {
  const rename: Record<string, string> = { sourceMap: 'sourcemap', externalModules: 'external' };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(LAMBDA_BUNDLING as Record<string, unknown>)) {
    const key = rename[k] ?? k;
    if ((key === 'banner' || key === 'footer') && typeof v === 'string') out[key] = { js: v };
    else out[key] = Array.isArray(v) ? [...v] : v && typeof v === 'object' ? { ...(v as object) } : v;
  }
  return { ...(out as BuildOptions), bundle: true };
}

export interface BundleResult {
  name: string;
  file: string;
  bytes: number;
  mapBytes: number;
  /** Largest contributors to the minified output, by package. */
  packages: Array<{ name: string; kb: number }>;
}

function packageOf(input: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return m ? m[1] : 'project code';
}

function topPackages(meta: Metafile, out: string): Array<{ name: string; kb: number }> {
  const entry = Object.entries(meta.outputs).find(([p]) => p.endsWith(out));
  const sums = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(entry?.[1].inputs ?? {})) {
    const name = packageOf(path);
    sums.set(name, (sums.get(name) ?? 0) + bytesInOutput);
  }
  return [...sums.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([name, b]) => ({ name, kb: Math.round(b / 102.4) / 10 }));
}

export interface BundleEntry {
  name: string;
  /** A file, or source code resolved from test/bench/ (the "bare + one import" variants). */
  entry: { file: string } | { code: string };
}

const VIRTUAL = 'bench-virtual';
const dirName = (name: string) => name.replace(/[^\w.-]+/g, '_');

async function buildEntries(entries: BundleEntry[], outDir: string): Promise<Map<string, BundleResult>> {
  const codes = new Map(entries.flatMap((e) => ('code' in e.entry ? [[e.name, e.entry.code] as const] : [])));
  const res = await build({
    ...esbuildOptions(),
    entryPoints: entries.map((e) => ({
      in: 'file' in e.entry ? e.entry.file : `${VIRTUAL}:${e.name}`,
      out: `${dirName(e.name)}/index`,
    })),
    outExtension: { '.js': '.mjs' },
    // The variants' source, as if it were a file in test/bench/ (what esbuild's stdin does for one entry).
    plugins: [
      {
        name: VIRTUAL,
        setup(b) {
          b.onResolve({ filter: new RegExp(`^${VIRTUAL}:`) }, (a) => ({
            path: a.path.slice(VIRTUAL.length + 1),
            namespace: VIRTUAL,
          }));
          b.onLoad({ filter: /.*/, namespace: VIRTUAL }, (a) => ({
            contents: codes.get(a.path),
            loader: 'ts',
            resolveDir: BENCH_DIR,
          }));
        },
      },
    ],
    absWorkingDir: ROOT,
    outdir: outDir,
    write: true,
    metafile: true,
    logLevel: 'silent',
  });
  return new Map(
    entries.map((e) => {
      const file = join(outDir, dirName(e.name), 'index.mjs');
      const map = `${file}.map`;
      const result: BundleResult = {
        name: e.name,
        file,
        bytes: statSync(file).size,
        mapBytes: existsSync(map) ? statSync(map).size : 0,
        packages: topPackages(res.metafile!, `${dirName(e.name)}/index.mjs`),
      };
      return [e.name, result];
    }),
  );
}

/**
 * Bundles every entry to `<outDir>/<name>/index.mjs`: one esbuild build with an entry point each (no code
 * splitting, so each output is the self-contained bundle a Lambda gets). Should the build fail (someone is
 * half-way through editing a handler), each entry is built alone, so one broken handler is reported as such
 * and the rest are still measured.
 */
export async function bundleAll(entries: BundleEntry[], outDir: string): Promise<Map<string, BundleResult | Error>> {
  try {
    return await buildEntries(entries, outDir);
  } catch {
    const out = new Map<string, BundleResult | Error>();
    for (const e of entries) {
      try {
        out.set(e.name, (await buildEntries([e], outDir)).get(e.name)!);
      } catch (err) {
        out.set(e.name, new Error((err as Error).message.split('\n').slice(0, 3).join(' ')));
      }
    }
    return out;
  }
}

/** Every functions/<id>/handler.ts, found on disk so new handlers are measured without editing this file. */
export function discoverHandlers(): Array<{ id: string; file: string }> {
  const dir = join(ROOT, 'functions');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'handler.ts')))
    .map((d) => ({ id: d.name, file: join(dir, d.name, 'handler.ts') }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * "Bare + one import" variants. Each imports the bare handler and uses the import the way a handler would
 * at init (construct the client / logger / schema), so tree-shaking keeps what a real handler keeps.
 */
export const IMPORT_VARIANTS: Array<{ name: string; code: string }> = [
  {
    name: '@middy/core',
    code: `import middy from '@middy/core';
export const handler = middy().handler(bare);`,
  },
  {
    name: '@aws-lambda-powertools/logger',
    code: `import { Logger } from '@aws-lambda-powertools/logger';
export const logger = new Logger({ serviceName: 'bench' });`,
  },
  {
    name: '@aws-lambda-powertools/metrics',
    code: `import { Metrics } from '@aws-lambda-powertools/metrics';
export const metrics = new Metrics({ namespace: 'Bench', serviceName: 'bench' });`,
  },
  {
    name: '@aws-lambda-powertools/tracer',
    code: `import { Tracer } from '@aws-lambda-powertools/tracer';
export const tracer = new Tracer({ serviceName: 'bench' });`,
  },
  {
    name: '@aws-lambda-powertools/idempotency',
    code: `import { makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
export const handler = makeIdempotent(bare, {
  persistenceStore: new DynamoDBPersistenceLayer({ tableName: 'bench' }),
});`,
  },
  {
    name: 'zod (classic)',
    code: `import * as z from 'zod';
export const schema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  age: z.int().min(0).max(120),
  phone: z.string().regex(/^\\+91[6-9]\\d{9}$/).optional(),
  categories: z.array(z.enum(['DOMESTIC_VIOLENCE', 'DOWRY', 'OTHER'])).min(1),
});
export const parse = (v: unknown) => schema.safeParse(v);`,
  },
  {
    name: 'zod/mini',
    code: `import * as z from 'zod/mini';
export const schema = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  age: z.int().check(z.minimum(0), z.maximum(120)),
  phone: z.optional(z.string().check(z.regex(/^\\+91[6-9]\\d{9}$/))),
  categories: z.array(z.enum(['DOMESTIC_VIOLENCE', 'DOWRY', 'OTHER'])).check(z.minLength(1)),
});
export const parse = (v: unknown) => schema.safeParse(v);`,
  },
  {
    name: '@aws-sdk/client-sns',
    code: `import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';
const sns = new SNSClient({});
export const publish = (Message: string) => sns.send(new PublishCommand({ PhoneNumber: '+919800000000', Message }));`,
  },
  {
    name: '@aws-sdk/client-sfn',
    code: `import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
const sfn = new SFNClient({});
export const start = (input: string) =>
  sfn.send(
    new StartExecutionCommand({ stateMachineArn: 'arn:aws:states:ap-south-1:000000000000:stateMachine:x', input }),
  );`,
  },
];

export const variantSource = (code: string) =>
  "import { handler as bare } from './bare-handler.ts';\nexport { doc } from './bare-handler.ts';\n" +
  `${code.includes('export const handler') ? '' : 'export { bare as handler };\n'}${code}\n`;

// ---- cold module init ------------------------------------------------------------------------------------

/** The child's whole job: time `import()` of the bundle, from just before to just after. */
const PROBE = `import { pathToFileURL } from 'node:url';
const url = pathToFileURL(process.argv[2]).href;
const t0 = performance.now();
const mod = await import(url);
const t1 = performance.now();
if (typeof mod.handler !== 'function') throw new Error('the bundle exports no handler');
process.stdout.write(JSON.stringify({ ms: t1 - t0 }));
`;

/**
 * What a Lambda's process has at init: the table name, region and credentials from the environment (fake
 * here: nothing is called at import), the Lambda markers Powertools looks at, and nothing inherited from
 * this process (no NODE_OPTIONS from npm or tsx).
 */
export const LAMBDA_ENV: Record<string, string> = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  TABLE_NAME: 'bench',
  AWS_REGION: 'ap-south-1',
  AWS_DEFAULT_REGION: 'ap-south-1',
  AWS_ACCESS_KEY_ID: 'AKIABENCHFAKE0000000',
  AWS_SECRET_ACCESS_KEY: 'bench-fake-secret',
  AWS_SESSION_TOKEN: 'bench-fake-session',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  POWERTOOLS_SERVICE_NAME: 'bench',
  SERVICE_NAME: 'bench',
  TZ: 'UTC',
};

function initOnce(probe: string, file: string): Promise<number> {
  return new Promise((ok, fail) => {
    execFile(
      process.execPath,
      [probe, file],
      { cwd: resolve(file, '..'), env: LAMBDA_ENV, timeout: 30_000 },
      (err, stdout, stderr) => {
        if (err)
          return fail(
            new Error(`init of ${file} failed: ${stderr.trim().split('\n').slice(-3).join(' ') || err.message}`),
          );
        try {
          ok((JSON.parse(stdout) as { ms: number }).ms);
        } catch {
          fail(new Error(`init probe printed ${stdout}`));
        }
      },
    );
  });
}

export interface InitStats {
  /** Median init time. */
  median: number;
  /** Median of (this sample ÷ the bare samples taken just before and after it): drift and load cancel out. */
  ratio: number;
  /** Median of (this sample − those bare samples), in ms. */
  added: number;
  samples: number[];
}

/**
 * Init time of each bundle over `reps` rounds of fresh processes. Every round goes across all bundles, with
 * the bare bundle measured again every few bundles, so each sample is compared with bare samples taken
 * seconds apart: a busy moment of the machine weighs on both sides of the ratio.
 */
export async function measureInit(
  files: string[],
  bare: string,
  outDir: string,
  reps: number,
  bareEvery = 6,
): Promise<Map<string, InitStats>> {
  const probe = join(outDir, 'init-probe.mjs');
  writeFileSync(probe, PROBE);
  await initOnce(probe, bare); // unrecorded: the node binary and the files into the page cache
  const others = files.filter((f) => f !== bare);
  const samples = new Map<string, number[]>([[bare, []], ...others.map((f): [string, number[]] => [f, []])]);
  const ratios = new Map<string, number[]>(others.map((f) => [f, []]));
  const added = new Map<string, number[]>(others.map((f) => [f, []]));
  for (let round = 0; round < reps; round++) {
    // bare, a few bundles, bare, a few bundles, …, bare
    const seq: Array<{ file: string; ms: number }> = [];
    for (let i = 0; i < others.length; i += bareEvery) {
      seq.push({ file: bare, ms: await initOnce(probe, bare) });
      for (const f of others.slice(i, i + bareEvery)) seq.push({ file: f, ms: await initOnce(probe, f) });
    }
    seq.push({ file: bare, ms: await initOnce(probe, bare) });
    seq.forEach(({ file, ms }, i) => {
      samples.get(file)!.push(ms);
      if (file === bare) return;
      let before = i;
      while (seq[before].file !== bare) before--;
      let after = i;
      while (seq[after].file !== bare) after++;
      const local = (seq[before].ms + seq[after].ms) / 2;
      ratios.get(file)!.push(ms / local);
      added.get(file)!.push(ms - local);
    });
    progress(`init round ${round + 1}/${reps} done`);
  }
  const round2 = (x: number) => Math.round(x * 100) / 100;
  return new Map(
    [...samples].map(([f, s]) => [
      f,
      {
        median: median(s),
        ratio: f === bare ? 1 : median(ratios.get(f)!),
        added: f === bare ? 0 : median(added.get(f)!),
        samples: s.map(round2),
      },
    ]),
  );
}

// The runner's later sections, in the order they need each other: capacity (6) in workers of its own, the
// prod inventory, then one in-process local runtime for the warm latency (3), the burst (10) and the slow
// link (8), then the cold starts (9: capacity, inventory and section 1's init times) and the cost (7: all of
// it). A section asked for alone runs what it needs (7 or 9 run the capacity workers).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { buildWeb } from '../../web/build.ts';
import { bundleAll, measureInit } from './bundles.ts';
import { measureBurst } from './burst.ts';
import { measureCapacity } from './capacity.ts';
import { isStopping, onCleanup } from './cleanup.ts';
import { coldEstimate } from './cold-starts.ts';
import type { Inventory } from './cost-model.ts';
import { costReport, functionLoad, groupedRemedy, needsRemedy, provisionedRemedy } from './cost-section.ts';
import { caseBody } from './events.ts';
import { readInventory } from './inventory.ts';
import { loadPrices } from './prices.ts';
import type { BenchReport } from './report.ts';
import { measureSlowLink } from './slow-link.ts';
import { progress, ROOT } from './stats.ts';
import { DEPLOYMENTS, type Deployment } from './traffic.ts';
import { measureWarm } from './warm-latency.ts';

export interface LaterOptions {
  report: BenchReport;
  sections: ReadonlySet<string>;
  any: (...keys: string[]) => boolean;
  section: (key: string, title: string, fn: () => Promise<void>, when?: boolean) => Promise<void>;
  env: NodeJS.ProcessEnv;
  warmN: number;
  httpN: number;
}

/** Cold init (median ms of fresh `node` processes importing the bundle) of handlers, and of one bundle of all. */
async function initTimes(
  ids: string[],
  reps: number,
  together?: string[],
): Promise<{ each: Record<string, number>; together?: number }> {
  const outDir = mkdtempSync(join(tmpdir(), 'osc-bench-cold-'));
  const remove = onCleanup('cold-start bundles', () => rmSync(outDir, { recursive: true, force: true }));
  try {
    const grouped = together?.length
      ? together.map((id, i) => `import { handler as h${i} } from '../../functions/${id}/handler.ts';`).join('\n') +
        `\nexport const handler = h0;\nexport const all = [${together.map((_, i) => `h${i}`).join(', ')}];\n`
      : undefined;
    const built = await bundleAll(
      [
        { name: 'bare', entry: { file: join(ROOT, 'test', 'bench', 'bare-handler.ts') } },
        ...ids.map((id) => ({ name: id, entry: { file: join(ROOT, 'functions', id, 'handler.ts') } })),
        ...(grouped ? [{ name: 'grouped', entry: { code: grouped } }] : []),
      ],
      outDir,
    );
    const files = new Map<string, string>();
    for (const [name, r] of built) if (!(r instanceof Error)) files.set(name, r.file);
    const bare = files.get('bare');
    if (!bare) throw new Error('the bare handler did not bundle');
    const init = await measureInit([...files.values()], bare, outDir, reps);
    const each = Object.fromEntries(
      ids.filter((id) => files.has(id)).map((id) => [id, init.get(files.get(id)!)!.median]),
    );
    const g = files.get('grouped');
    return { each, together: g ? init.get(g)?.median : undefined };
  } finally {
    await remove();
  }
}

/** The measured centre's list holds a page of cases, so the slow link loads what a busy centre's does. */
async function fillList(runtime: LocalRuntime, username = 'staff.patna1'): Promise<void> {
  const tokenRes = await fetch(`${runtime.url}/_local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  const { token } = (await tokenRes.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const list = (await (await fetch(`${runtime.url}/cases`, { headers })).json()) as { items: unknown[] };
  for (let i = list.items.length; i < 50; i++) {
    const res = await fetch(`${runtime.url}/cases`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify(caseBody()),
    });
    await res.arrayBuffer();
  }
}

export async function runLater(o: LaterOptions): Promise<void> {
  const { report, any, section } = o;
  await section(
    '6',
    'capacity per operation',
    async () => {
      report.capacity = await measureCapacity(o.env, any('6', '7') ? [1, 10] : [1]);
    },
    any('6', '7', '9'),
  );
  let inventory: Inventory | undefined;
  await section(
    '7',
    'the prod stack inventory',
    async () => {
      progress('inventory: synthesizing the prod stage');
      inventory = await readInventory();
    },
    any('7', '9'),
  );

  if (any('3', '8', '10') && !isStopping()) {
    if (o.sections.has('8')) await buildWeb();
    const { startLocal } = await import('../../infra/local/runtime.ts');
    progress('starting the local runtime (in memory) for sections 3, 8 and 10');
    const runtime = await startLocal({});
    const stop = onCleanup('local runtime', () => runtime.stop());
    try {
      await section('3', 'warm POST /cases', async () => {
        report.warm = await measureWarm(runtime, o.warmN, o.httpN);
      });
      await section('10', 'burst at one centre', async () => {
        report.burst = await measureBurst();
      });
      await section('8', 'slow link', async () => {
        await fillList(runtime);
        report.slowLink = await measureSlowLink(runtime);
      });
    } finally {
      await stop();
    }
  }

  const run1 = report.capacity?.runs.find((r) => r.scale === 1);
  let initMs: Record<string, number> | undefined;
  await section(
    '9',
    'cold starts',
    async () => {
      if (!run1 || !inventory) throw new Error('needs the capacity run (section 6) and the prod inventory');
      const d = DEPLOYMENTS.biharNow;
      const ids = functionLoad(run1, d, inventory, {}).map((f) => f.id);
      const fromSection1 = Object.fromEntries((report.handlers ?? []).map((h) => [h.id, h.initMs]));
      const missing = ids.filter((id) => fromSection1[id] === undefined);
      const measured = missing.length ? (await initTimes(missing, 3)).each : {};
      initMs = { ...fromSection1, ...measured };
      const load = functionLoad(run1, d, inventory, initMs);
      const estimate = coldEstimate(load);
      report.cold = {
        deployment: d.name,
        estimate,
        initSource: missing.length
          ? `section 1 where it ran, else measured here (median of 3 fresh node processes): ${missing.length} bundles`
          : 'section 1 (median of fresh node processes importing each bundle)',
      };
      if (needsRemedy(estimate)) {
        const staff = load.filter((f) => f.staffPerMonth > 0).map((f) => f.id);
        const together = (await initTimes([], 3, staff)).together ?? Number.NaN;
        const remedies = [
          groupedRemedy(load, together),
          provisionedRemedy(load, inventory.lambdaMemoryMb, loadPrices().table),
        ];
        report.cold.remedies = remedies
          .filter((r): r is NonNullable<typeof r> => r !== undefined)
          .sort((a, b) => a.monthlyUsd - b.monthlyUsd);
      }
    },
    any('9'),
  );

  await section('7', 'monthly cost', async () => {
    if (!report.capacity?.runs.length || !inventory)
      throw new Error('needs the capacity runs (section 6) and the inventory');
    const { table, overridden } = loadPrices(o.env);
    // Without section 8 the form's bytes are read from web/dist, which a fresh checkout does not have yet.
    if (!report.slowLink) await buildWeb();
    const inv = inventory;
    const coldInitMs =
      initMs && run1 ? (d: Deployment) => coldEstimate(functionLoad(run1, d, inv, initMs!)).initMsPerMonth : undefined;
    report.cost = costReport({
      runs: report.capacity.runs,
      inventory: inv,
      prices: table,
      overridden,
      slow: report.slowLink,
      coldInitMs,
    });
  });
}

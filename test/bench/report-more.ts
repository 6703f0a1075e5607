// How sections 6–10 are printed (capacity, cost, slow link, cold starts, burst) and the targets they add to
// the summary. report.ts prints sections 1–5 and calls in here.
import { BURST, type BurstResult, TARGET_BURST } from './burst.ts';
import type { CapacityResult, OpResult } from './capacity.ts';
import { TARGET_SESSION_WAIT_MS, WARM_MINUTES } from './cold-starts.ts';
import type { ModelResult } from './cost-model.ts';
import type { ColdReport, CostReport } from './cost-section.ts';
import { LINK, type SlowLinkResult, TARGETS_MS } from './slow-link.ts';
import { kb, mark, ms, ratio, table } from './stats.ts';

export interface MoreReport {
  capacity?: CapacityResult;
  cost?: CostReport;
  slowLink?: SlowLinkResult;
  cold?: ColdReport;
  burst?: BurstResult;
  errors: Record<string, string>;
}

const usd = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toFixed(4));
const num = (n: number | undefined, digits = 1) =>
  n === undefined || !Number.isFinite(n) ? 'n/a' : Number.isInteger(n) ? String(n) : n.toFixed(digits);
const logKb = (o: OpResult) =>
  o.logBytes ? kb(o.logBytes.handler + o.logBytes.platform + o.logBytes.access + o.logBytes.sms) : 'n/a';

/** Whether an operation cost the same with ten times the data stored (units and calls; not durations). */
function sameAt10(o: OpResult, cap: CapacityResult): boolean | undefined {
  const ten = cap.runs.find((r) => r.scale === 10)?.ops.find((x) => x.name === o.name);
  if (ten?.status !== 'measured' || o.status !== 'measured') return undefined;
  const close = (a = 0, b = 0) => Math.abs(a - b) <= Math.max(0.5, 0.02 * a);
  return (
    close(o.readUnits, ten.readUnits) && close(o.writeUnits, ten.writeUnits) && close(o.invocations, ten.invocations)
  );
}

function renderCapacity(cap: CapacityResult, out: string[]): void {
  const one = cap.runs.find((r) => r.scale === 1) ?? cap.runs[0];
  if (!one) return;
  out.push(
    `In-process against DynamoDB Local, ${one.centreCases} cases stored at the centre (a centre's year); median of ` +
      'the repetitions. RRU/WRU: on-demand request units as AWS bills them (every command asked ' +
      'ReturnConsumedCapacity TOTAL; transactions priced from their items at 2 units per KB and item). ' +
      'Lambda: every function the operation set off, billed ms = each invocation timed in-process, rounded up ' +
      "to 1 ms. Logs: the handlers' lines and metrics + Lambda platform lines + API access log + SMS delivery log.",
  );
  const rows = one.ops.map((o) => {
    if (o.status !== 'measured')
      return [
        o.name,
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        o.status === 'error' ? 'FAIL' : '-',
        (o.status === 'error' ? `error: ${o.note ?? ''}` : (o.note ?? o.status)).slice(0, 90),
      ];
    const same = sameAt10(o, cap);
    return [
      o.name,
      o.per ?? 'call',
      num(o.readUnits, 2),
      num(o.writeUnits, 2),
      num(o.invocations, 2),
      num(o.billedMs, 1),
      num(o.transitions),
      `${num(o.sms, 2)}/${num(o.smsSegments, 2)}`,
      logKb(o),
      num(o.apiRequests, 2),
      same === undefined ? '-' : same ? 'same' : 'GREW',
      o.what,
    ];
  });
  out.push(
    table(
      ['operation', 'per', 'RRU', 'WRU', 'Lambda', 'billed ms', 'SFN', 'SMS/seg', 'log KB', 'API', '10× data', 'what'],
      rows,
    ),
  );
  out.push(
    `Bytes one case keeps over a typical life (index copies, 100 B a item): ${kb(one.bytesPerCase)} KB. ` +
      `Custom metrics seen in the handlers' embedded-metric lines: ${one.metrics.length}.`,
  );
}

function serviceTable(r: ModelResult): string {
  const rows = r.byService.map((s) => [s.service, usd(s.fixed), usd(s.variable), usd(s.total)]);
  rows.push(['total (SMS apart)', usd(r.fixedUsd), usd(r.variableUsd), usd(r.totalUsd)]);
  return table(['service', 'fixed $/month', 'variable $/month', 'total $/month'], rows);
}

function renderCost(c: CostReport, out: string[]): void {
  const inv = c.inventory;
  out.push(
    `Prices: test/bench/prices.ts, ap-south-1, compiled ${c.prices.compiled}` +
      `${c.prices.overridden ? `, overridden by ${c.prices.overridden}` : ''}; free tiers not deducted. ` +
      'Rerun with others: BENCH_PRICES=prices.json BENCH_SECTIONS=6,7 npm run bench.',
  );
  out.push(
    table(
      ['price', 'USD', 'unit', 'confidence'],
      c.prices.rows.map((p) => [p.key, String(p.usd), p.unit.slice(0, 60), p.confidence]),
    ),
  );
  out.push(
    `The prod stack (synthesized, nested stacks included): ${inv.alarms} alarm metrics, ` +
      `${inv.dashboards} dashboard, ${inv.kmsKeys} KMS keys, ` +
      `${inv.secrets} secrets, WAF ${inv.wafWebAcls} web ACL with ${inv.wafRules} rules, ${inv.m2mClients} machine ` +
      `clients, ${c.customMetrics} custom metrics, logs kept ${inv.logRetentionDays} days, ` +
      `PITR ${inv.pitr ? 'on' : 'off'}, cases and documents kept whole ${c.keptYears} years (prod's retention ` +
      'period after a case ends, and a year before it ends), ' +
      `schedules: ${inv.schedules.map((s) => `${s.handler} ${num(s.runsPerMonth)}/month`).join(', ')}. ` +
      `Form bytes from ${c.form.source}. Counts: test/bench/traffic.ts.`,
  );
  for (const d of c.deployments) {
    out.push('', `${d.name}: ${Math.round(d.casesPerMonth)} cases a month`);
    out.push(serviceTable(d.result));
    out.push(
      `Per case: $${d.result.perCaseUsd.toFixed(4)} (variable $${d.result.variablePerCaseUsd.toFixed(4)}). ` +
        `SMS apart: ${Math.round(d.result.sms.messages)} messages, ${Math.round(d.result.sms.segments)} segments a ` +
        `month = $${usd(d.result.sms.dltUsd)} at the assumed DLT rate, $${usd(d.result.sms.ildoUsd)} over ILDO ` +
        '(before DLT registration).' +
        (d.result.unmeasured.length ? ` Not in the figures (not measured): ${d.result.unmeasured.join(', ')}.` : ''),
    );
  }
  out.push('', `Cost per case as the volume grows (Bihar's deployment; ${c.trend.note}):`);
  out.push(
    table(
      ['volume', 'cost per case $', 'variable per case $'],
      c.trend.rows.map((r) => [`${r.scale}×`, r.perCase.toFixed(5), r.variablePerCase.toFixed(5)]),
    ),
  );
  out.push(`Target: the variable part flat (within 2%) and the whole not growing  ${mark(c.trend.pass).trim()}`);
}

function renderSlow(s: SlowLinkResult, out: string[]): void {
  out.push(
    `Debian Chromium, network emulated over the DevTools protocol: ${LINK.latencyMs} ms round trip, ` +
      `${LINK.kbitPerSecond} kbit/s each way, CPU not throttled; median of ${s.reps}. The local runtime serves the ` +
      'form as CloudFront does (brotli, immutable hashed assets, index.html revalidated) and the API gzipped ' +
      "as API Gateway does. Time on the page's clock from navigation to the case list (or submit to the number).",
  );
  const row = (name: string, key: keyof typeof TARGETS_MS) => {
    const m = s.medians[key];
    return [
      name,
      ms(m.ms, 0),
      `≤ ${TARGETS_MS[key]}`,
      kb(m.bytes),
      `${m.requests} (${m.cached} cached)`,
      mark(s.pass[key]),
    ];
  };
  out.push(
    table(
      ['load', 'median ms', 'target ms', 'KB moved', 'requests', 'target'],
      [
        row('first visit (empty cache)', 'firstVisit'),
        row('repeat visit', 'repeatVisit'),
        row('register a case', 'register'),
      ],
    ),
  );
  out.push(
    `First visit, request by request: ${s.waterfall.firstVisit
      .map((w) => `${w.url.split('?')[0]} ${w.startMs}–${w.endMs} ms ${kb(w.bytes)} KB`)
      .join('; ')}.`,
  );
}

function renderCold(c: ColdReport, out: string[]): void {
  out.push(
    `${c.deployment}: requests per function from the traffic model over working hours (Poisson); an environment ` +
      `stays warm ${WARM_MINUTES} minutes, so P(cold) = e^(−rate × ${WARM_MINUTES} min). A session is ten ` +
      "actions drawn from the staff's mix; only the first call of a function in it can be cold. " +
      `Init: ${c.initSource} ` +
      "(module init only; Lambda's own sandbox start comes on top).",
  );
  const rows = c.estimate.rows
    .filter((r) => r.staffPerMonth > 0 || r.coldPerMonth >= 1)
    .slice(0, 16)
    .map((r) => [
      r.id,
      num(r.perMonth, 0),
      `${(100 * r.coldShare).toFixed(1)}%`,
      `${(100 * r.inSession).toFixed(0)}%`,
      ms(r.initMs, 0),
      ms(r.sessionWaitMs, 1),
    ]);
  out.push(table(['function', 'requests/month', 'cold', 'in a session', 'init ms', 'session wait ms'], rows));
  out.push(
    `Expected wait for cold starts in a session of ten actions: ${ms(c.estimate.sessionWaitMs, 0)} ms, target ≤ ` +
      `${TARGET_SESSION_WAIT_MS} ms  ${mark(c.estimate.pass).trim()}; ${num(c.estimate.coldStartsPerMonth, 0)} cold ` +
      'starts a month in all (their INIT is billed: in the Lambda line of section 7).',
  );
  for (const r of c.remedies ?? [])
    out.push(`Remedy: ${r.name}: session wait ${ms(r.sessionWaitMs, 0)} ms, $${usd(r.monthlyUsd)}/month (${r.note})`);
}

function renderBurst(b: BurstResult, out: string[]): void {
  const firsts = b.rounds.map((r) => JSON.stringify(r.statuses)).join(', ');
  out.push(
    `In-process on the local runtime, one centre; a 503 is sent again after its Retry-After with the same key, as ` +
      `the form does. Median of ${b.rounds.length} rounds.`,
  );
  out.push(
    table(
      ['path', 'median ms'],
      [
        [`${BURST} registrations one after another`, ms(b.sequentialMs, 0)],
        [`${BURST} at once, until the last is 201`, ms(b.burstMs, 0)],
      ],
    ),
  );
  out.push(
    `ratio ${ratio(b.ratio)} target ≤ ${TARGET_BURST}×; all 201 in the end ${b.all201 ? 'yes' : 'NO'}; numbers ` +
      `without a gap ${b.gapless ? 'yes' : 'NO'}; first answers per round ${firsts}; sent again ` +
      `${b.rounds.map((r) => r.retries).join(', ')}  ${mark(b.pass).trim()}`,
  );
}

/** Sections 6–10 as printed. */
export function renderMore(r: MoreReport, sections: ReadonlySet<string>, out: string[]): void {
  const h = (title: string) => out.push('', `== ${title} ${'='.repeat(Math.max(3, 100 - title.length))}`);
  const err = (key: string) => r.errors[key] && out.push(`ERROR: ${r.errors[key].split('\n')[0]}`);
  const parts: Array<[string, string, () => void]> = [
    [
      '6',
      'Capacity per operation (DynamoDB Local, ReturnConsumedCapacity TOTAL)',
      () => r.capacity && renderCapacity(r.capacity, out),
    ],
    ['7', 'Monthly cost by service, Bihar and all of India (SMS apart)', () => r.cost && renderCost(r.cost, out)],
    ['8', 'The form on a slow link (300 ms, 400 kbit/s)', () => r.slowLink && renderSlow(r.slowLink, out)],
    ['9', 'Cold starts as staff meet them', () => r.cold && renderCold(r.cold, out)],
    [
      '10',
      `A burst at one centre: ${BURST} registrations at once vs one after another`,
      () => r.burst && renderBurst(r.burst, out),
    ],
  ];
  for (const [key, title, render] of parts) {
    if (!sections.has(key)) continue;
    h(`${key}. ${title}`);
    err(key);
    render();
  }
  const checks = moreChecks(r);
  if (checks.length) {
    h('Targets of sections 6–10');
    out.push(
      table(
        ['target', 'result'],
        checks.map(([name, ok]) => [name, mark(ok).trim()]),
      ),
    );
  }
}

/** The targets of sections 6–10, as pass or fail. */
export function moreChecks(r: MoreReport): Array<[string, boolean]> {
  const checks: Array<[string, boolean]> = [];
  for (const run of r.capacity?.runs ?? [])
    for (const o of run.ops) if (o.status === 'error') checks.push([`capacity ${run.scale}× ${o.name}: error`, false]);
  const one = r.capacity?.runs.find((x) => x.scale === 1);
  if (one && r.capacity)
    for (const o of one.ops) {
      const same = sameAt10(o, r.capacity);
      if (same !== undefined) checks.push([`capacity ${o.name} at 10× data: ${same ? 'same' : 'grew'}`, same]);
    }
  if (r.cost) checks.push([`cost per case flat or falling at 10× and 100× volume`, r.cost.trend.pass]);
  if (r.slowLink)
    for (const key of Object.keys(TARGETS_MS) as Array<keyof typeof TARGETS_MS>)
      checks.push([`slow link ${key} ${ms(r.slowLink.medians[key].ms, 0)} ms`, r.slowLink.pass[key]]);
  if (r.cold)
    checks.push([`cold starts: session wait ${ms(r.cold.estimate.sessionWaitMs, 0)} ms`, r.cold.estimate.pass]);
  if (r.burst) {
    checks.push([`burst ratio ${ratio(r.burst.ratio)}`, r.burst.ratio <= TARGET_BURST]);
    checks.push([`burst: all ${BURST} answered 201, numbers without a gap`, r.burst.all201 && r.burst.gapless]);
  }
  return checks;
}

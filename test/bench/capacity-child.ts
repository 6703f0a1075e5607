// A capacity worker: one fresh in-memory local runtime holding `scale` × a centre's year of cases, every
// operation of capacity-ops.ts run on it with the meter open (capacity-meter.ts), the figures sent back to
// capacity.ts. A process of its own: the meter takes over stdout and stderr (the handlers' log lines are
// what it measures), and the handlers log and emit metrics as they do in Lambda (INFO, metrics on).
//
// Protocol (Node IPC): worker → { type: 'progress', message } | { type: 'result', run } | { type: 'error', message }
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { startLocal } from '../../infra/local/runtime.ts';
import { localUsers } from '../../infra/local/seed.ts';
import { ROUTES, type Route } from '../../shared/core/routes.ts';
import { DEFAULT_CACHE } from '../../shared/network/centre-store.ts';
import { operatingCentres } from '../../shared/network/geography.ts';
import { DEFAULT_ACCESS_CACHE } from '../../shared/network/user-access.ts';
import type { CapacityRun, OpFigures, OpResult } from './capacity.ts';
import { type CapacityOp, expect2xx, handlerExists, isPresent, type OpContext } from './capacity-context.ts';
import { Meter, type Tally } from './capacity-meter.ts';
import { CAPACITY_OPS } from './capacity-ops.ts';
import { accessLogBytes, indexCopies, itemSize, platformLogBytes, smsDeliveryLogBytes } from './capacity-units.ts';
import { cleanupAll, installSignalCleanup, onCleanup } from './cleanup.ts';
import { apiEvent, caseBody, claimsOf, type LambdaHandler, lambdaContext } from './events.ts';
import { seedCases } from './seed.ts';
import { median, sleep } from './stats.ts';

const send = (m: unknown) =>
  new Promise<void>((ok) => {
    if (!process.send) return ok();
    process.send(m, () => ok());
  });
const progress = (message: string) => void send({ type: 'progress', message });

/** A centre's year: Bihar registers about 9,000 cases a year in 39 centres. */
export const CENTRE_YEAR_CASES = 230;

const meter = new Meter();
meter.captureOutput();

// The per-process caches of what a request checks (a sign-in revoked, the caller's roster entry: 15 s; a
// centre: 60 s) are read through this clock, moved on an hour before each measured repetition: every
// operation meets them expired, as a staff action meets a warm Lambda at Bihar's volume (the same user's
// requests to one function are minutes apart), so no figure depends on how long the operation before took.
let skewMs = 0;
const cacheClock = () => Date.now() + skewMs;
DEFAULT_ACCESS_CACHE.now = cacheClock;
DEFAULT_CACHE.now = cacheClock;

type Any = (...args: never[]) => Promise<any>;

async function main(scale: number): Promise<CapacityRun> {
  const runtime = await startLocal({
    waitSeconds: 2,
    instrument: (id, h) => meter.wrap(id, h),
    // As in Lambda: INFO lines and embedded metrics are written (and measured), the deployed service name.
    env: {
      METRICS_ENABLED: 'true',
      LOG_LEVEL: 'INFO',
      SERVICE_NAME: 'sakhi-osc',
      METRICS_NAMESPACE: 'SakhiOsc',
    },
  });
  onCleanup('capacity runtime', () => runtime.stop());
  const client = new DynamoDBClient({
    endpoint: runtime.dynamoEndpoint,
    region: 'ap-south-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  onCleanup('capacity client', () => client.destroy());
  const raw = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const { documentClient } = await import('../../shared/aws/dynamo.ts');
  const deps = await import('../../functions/lib/deps.ts');
  meter.attach(documentClient(), raw, runtime.tableName);
  deps.notifier.set(meter.notifier(runtime.outbox));

  const users = localUsers();
  const claims = (username: string) => {
    const u = users.find((x) => x.username === username);
    if (!u) throw new Error(`no local user ${username}`);
    return claimsOf(u);
  };
  const handlers = new Map<string, Any>();
  const handler = async (id: string): Promise<Any> => {
    let h = handlers.get(id);
    if (!h) {
      const mod = (await import(`../../functions/${id}/handler.ts`)) as { handler: Any };
      h = meter.wrap(id, mod.handler);
      handlers.set(id, h);
    }
    return h;
  };
  const extra = { apiRequests: 0, responseBytes: 0, scheduler: 0 };
  const now = new Date();
  const ctx: OpContext = {
    now,
    scale,
    table: runtime.tableName,
    raw,
    async invoke(routeId, req) {
      const route = (ROUTES as readonly Route[]).find((r) => r.id === routeId);
      if (!route) throw new Error(`no route ${routeId} in shared/core/routes.ts`);
      const h = (await handler(routeId)) as unknown as LambdaHandler;
      const key: Record<string, string> = req.body !== undefined ? { 'idempotency-key': `bench-${randomUUID()}` } : {};
      const event = apiEvent({
        method: route.method,
        resource: route.path,
        pathParameters: req.pathParameters,
        query: req.query,
        body: req.body,
        headers: { ...key, ...req.headers },
        claims: req.user ? claims(req.user) : undefined,
      });
      const res = await h(event, lambdaContext(routeId));
      if (meter.active) {
        extra.apiRequests++;
        extra.responseBytes += Buffer.byteLength(res.body ?? '');
      }
      let body: any;
      try {
        body = res.body ? JSON.parse(res.body) : undefined;
      } catch {
        body = res.body;
      }
      return { status: res.statusCode, body };
    },
    async schedule(handlerId, at) {
      const h = await handler(handlerId);
      if (meter.active) extra.scheduler++;
      return h({ scheduledTime: (at ?? now).toISOString() } as never, lambdaContext(handlerId) as never);
    },
    seedCases: (count, opts) => seedCases(raw, runtime.tableName, now, count, opts),
    settle: () => runtime.settle(),
    executions: () => runtime.workflows.list(),
  };

  const seedStart = performance.now();
  // The centre measured holds `scale` years of its cases; every centre has cases in each of the last three
  // months at both scales, so the figures' counters (a centre-month each) are the same items at 1× and 10×,
  // as in a running deployment: there are as many as months have passed, however many cases they count.
  await ctx.seedCases(CENTRE_YEAR_CASES * scale, { centreIds: ['osc-patna-1'] });
  const all = operatingCentres().map((c) => c.centreId);
  await ctx.seedCases(all.length * 3 * scale, {
    centreIds: all,
    registeredAt: (i) => new Date(now.getTime() - (Math.floor(i / all.length) % 3) * 31 * 86_400_000 - i * 1000),
  });
  await ctx.settle();
  progress(
    `${scale}×: runtime up, ${CENTRE_YEAR_CASES * scale} cases stored ` +
      `(${Math.round(performance.now() - seedStart)} ms)`,
  );

  const results: OpResult[] = [];
  // BENCH_CAPACITY_OPS=register,escalation: only the operations whose names contain one of these (development).
  const only = (process.env.BENCH_CAPACITY_OPS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const op of CAPACITY_OPS) {
    if (only.length && !only.some((o) => op.name.includes(o))) continue;
    if (!isPresent(op)) {
      const missing = op.needs.filter((id) => !handlerExists(id));
      const note = `not built yet: no functions/${missing.join(', functions/')}`;
      results.push({ name: op.name, what: op.what, status: 'not present', note });
      continue;
    }
    try {
      results.push({ name: op.name, what: op.what, status: 'measured', ...(await measure(op, ctx, extra)) });
    } catch (err) {
      const tail = meter.tail.length ? ` | ${meter.tail.slice(-2).join(' | ')}` : '';
      const note = `${(err as Error).message.split('\n')[0]}${tail}`;
      results.push({ name: op.name, what: op.what, status: 'error', note: note.slice(0, 600) });
      if (meter.active) await meter.end();
    }
    progress(`${scale}×: ${op.name} ${results.at(-1)?.status}`);
  }
  perUnit(results);
  return {
    scale,
    centreCases: CENTRE_YEAR_CASES * scale,
    ops: results,
    metrics: [...meter.metrics].sort(),
    bytesPerCase: await lifecycleBytes(ctx),
  };
}

async function measure(
  op: CapacityOp,
  ctx: OpContext,
  extra: { apiRequests: number; responseBytes: number; scheduler: number },
) {
  const reps = op.reps ?? 3;
  const samples: OpFigures[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const state = await op.setup?.(ctx, rep);
    await ctx.settle();
    const before = new Set(ctx.executions().map((e) => e.name));
    Object.assign(extra, { apiRequests: 0, responseBytes: 0, scheduler: 0 });
    skewMs += 3_600_000;
    meter.begin();
    await op.run(ctx, state, rep);
    await ctx.settle();
    await sleep(20); // the workflow's event log is read a tick after its result
    const tally = await meter.end();
    const started = ctx.executions().filter((e) => !before.has(e.name));
    samples.push(
      figures(
        tally,
        { ...extra },
        started.reduce((n, e) => n + e.transitions, 0),
      ),
    );
  }
  return medianFigures(samples, reps);
}

const PLATFORM = platformLogBytes();
const ACCESS = accessLogBytes();
const SMS_LOG = smsDeliveryLogBytes();

function figures(
  t: Tally,
  extra: { apiRequests: number; responseBytes: number; scheduler: number },
  transitions: number,
): OpFigures {
  const invocations = Object.values(t.lambda).reduce((n, f) => n + f.invocations, 0);
  return {
    readUnits: t.readUnits,
    writeUnits: t.writeUnits,
    dynamoCalls: Object.values(t.commands).reduce((n, c) => n + c, 0),
    invocations,
    billedMs: Object.values(t.lambda).reduce((n, f) => n + f.billedMs, 0),
    functions: Object.fromEntries(Object.entries(t.lambda).map(([id, f]) => [id, f.invocations])),
    billedByFunction: Object.fromEntries(Object.entries(t.lambda).map(([id, f]) => [id, f.billedMs])),
    transitions,
    sms: t.sms,
    smsSegments: t.smsSegments,
    logBytes: {
      handler: t.handlerLogBytes,
      platform: invocations * PLATFORM,
      access: extra.apiRequests * ACCESS,
      sms: t.sms * SMS_LOG,
    },
    apiRequests: extra.apiRequests,
    responseBytes: extra.responseBytes,
    scheduler: extra.scheduler,
  };
}

/** The median of each figure over the repetitions (capacity is the same each time; durations vary). */
function medianFigures(s: OpFigures[], reps: number): OpFigures & { reps: number } {
  const m = (f: (x: OpFigures) => number) => median(s.map(f));
  const functions: Record<string, number> = {};
  const billedByFunction: Record<string, number> = {};
  for (const id of new Set(s.flatMap((x) => Object.keys(x.functions)))) {
    functions[id] = m((x) => x.functions[id] ?? 0);
    billedByFunction[id] = m((x) => x.billedByFunction[id] ?? 0);
  }
  return {
    reps,
    readUnits: m((x) => x.readUnits),
    writeUnits: m((x) => x.writeUnits),
    dynamoCalls: m((x) => x.dynamoCalls),
    invocations: m((x) => x.invocations),
    billedMs: m((x) => x.billedMs),
    functions,
    billedByFunction,
    transitions: m((x) => x.transitions),
    sms: m((x) => x.sms),
    smsSegments: m((x) => x.smsSegments),
    logBytes: {
      handler: m((x) => x.logBytes.handler),
      platform: m((x) => x.logBytes.platform),
      access: m((x) => x.logBytes.access),
      sms: m((x) => x.logBytes.sms),
    },
    apiRequests: m((x) => x.apiRequests),
    responseBytes: m((x) => x.responseBytes),
    scheduler: m((x) => x.scheduler),
  };
}

/** Ops measured for N units: the fixed part (another op) taken off, then divided by N. */
function perUnit(results: OpResult[]): void {
  for (const r of results) {
    const op = CAPACITY_OPS.find((o) => o.name === r.name);
    if (!op?.per || r.status !== 'measured') continue;
    const base = op.per.minus ? results.find((x) => x.name === op.per?.minus) : undefined;
    if (op.per.minus && base?.status !== 'measured') {
      Object.assign(r, { status: 'error', note: `needs "${op.per.minus}" measured` });
      continue;
    }
    const n = op.per.count;
    const less = (a: number, b = 0) => Math.max(0, a - b) / n;
    const b = base as (OpResult & OpFigures) | undefined;
    const x = r as OpResult & OpFigures;
    Object.assign(r, {
      per: op.per.unit,
      readUnits: less(x.readUnits, b?.readUnits),
      writeUnits: less(x.writeUnits, b?.writeUnits),
      dynamoCalls: less(x.dynamoCalls, b?.dynamoCalls),
      invocations: less(x.invocations, b?.invocations),
      billedMs: less(x.billedMs, b?.billedMs),
      transitions: less(x.transitions, b?.transitions),
      sms: less(x.sms, b?.sms),
      smsSegments: less(x.smsSegments, b?.smsSegments),
      logBytes: Object.fromEntries(
        Object.entries(x.logBytes).map(([k, v]) => [k, less(v, b?.logBytes[k as keyof OpFigures['logBytes']])]),
      ),
      apiRequests: less(x.apiRequests, b?.apiRequests),
      responseBytes: less(x.responseBytes, b?.responseBytes),
      scheduler: less(x.scheduler, b?.scheduler),
      functions: Object.fromEntries(Object.entries(x.functions).map(([k, v]) => [k, less(v, b?.functions[k])])),
      billedByFunction: Object.fromEntries(
        Object.entries(x.billedByFunction).map(([k, v]) => [k, less(v, b?.billedByFunction[k])]),
      ),
    });
  }
}

/**
 * What one case keeps in the table over its life, as the cost model's storage figure: a case taken through
 * a typical course (registered, read, three services, in progress, resolved, its follow-ups recorded), then
 * every item of its partition and of its read log, with index copies and DynamoDB's 100 bytes per item.
 */
async function lifecycleBytes(ctx: OpContext): Promise<number> {
  const user = 'staff.patna1';
  const c = expect2xx(await ctx.invoke('create-case', { user, body: caseBody() }), 'create').body;
  const on = { pathParameters: { caseId: c.caseId } };
  for (let i = 0; i < 5; i++) await ctx.invoke('get-case', { user, ...on });
  for (const type of ['COUNSELLING', 'LEGAL_AID', 'MEDICAL'])
    await ctx.invoke('record-service', { user, ...on, body: { type } });
  await ctx.invoke('change-status', { user, ...on, body: { status: 'IN_PROGRESS' } });
  await ctx.invoke('resolve-case', { user, ...on, body: { outcome: 'Safe', followUpWorkerId: 'patna-1-s1' } });
  const list = await ctx.invoke('list-follow-ups', { user, ...on });
  const items = (Array.isArray(list.body) ? list.body : (list.body?.items ?? [])) as Array<{ followUpId: string }>;
  for (const f of items)
    await ctx.invoke('record-follow-up', {
      user,
      pathParameters: { caseId: c.caseId, followUpId: f.followUpId },
      body: { outcome: 'SAFE' },
    });
  await ctx.settle();
  let bytes = 0;
  for (const pk of [`CASE#${c.caseId}`, `READS#${c.caseId}`]) {
    const res = await ctx.raw.send(
      new QueryCommand({
        TableName: ctx.table,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': pk },
      }),
    );
    for (const it of res.Items ?? [])
      bytes += itemSize(it) + 100 + indexCopies(it).reduce((n, x) => n + x.bytes + 100, 0);
  }
  return bytes;
}

installSignalCleanup();
const parent = process.ppid;
const watchdog = setInterval(() => {
  if (process.ppid !== parent || !process.connected) void cleanupAll().finally(() => process.exit(1));
}, 500);
const scale = Number(process.argv[2] ?? 1) || 1;
try {
  await send({ type: 'result', run: await main(scale) });
} catch (err) {
  await send({ type: 'error', message: `${(err as Error).stack ?? err}`.slice(0, 2000) });
} finally {
  clearInterval(watchdog);
  await cleanupAll();
  process.exit(0);
}

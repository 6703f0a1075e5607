// A scaling worker: one scale (1× or 10×) in a process of its own with a fresh in-memory local runtime. It
// stores the data of every scaling case it is given (each case's base × scale cases), then runs a case's
// operation whenever the parent asks and answers with the time it took. scaling.ts runs two of these side by
// side.
//
// Protocol (Node IPC): worker → { type: 'ready', seedMs } | { type: 'error', message }
//                      parent → { type: 'run', name } → worker { type: 'ran', ms } | { type: 'error', message }
//                      parent → { type: 'stop' }
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startLocal } from '../../infra/local/runtime.ts';
import type { LocalUser } from '../../infra/local/seed.ts';
import { ROUTES, type Route } from '../../shared/core/routes.ts';
import { cleanupAll, installSignalCleanup, onCleanup } from './cleanup.ts';
import { apiEvent, caseBody, claimsOf, type LambdaHandler, lambdaContext } from './events.ts';
import type { Reply, ScalingCase, ScalingContext, WorkerMessage } from './scaling.ts';
import { SCALING_CASES } from './scaling-cases.ts';
import { seedCases } from './seed.ts';

const send = (m: WorkerMessage) => process.send?.(m);

async function contextFor(): Promise<ScalingContext> {
  const runtime = await startLocal({ waitSeconds: 1 });
  onCleanup('scaling runtime', () => runtime.stop());
  const client = new DynamoDBClient({
    endpoint: runtime.dynamoEndpoint,
    region: 'ap-south-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  onCleanup('scaling client', () => client.destroy());
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const users = (await (await fetch(`${runtime.url}/_local/users`)).json()) as LocalUser[];
  const userOf = (username: string) => {
    const u = users.find((x) => x.username === username);
    if (!u) throw new Error(`no seeded user ${username}`);
    return u;
  };
  const tokens = new Map<string, string>();
  const tokenFor = async (username: string) => {
    let t = tokens.get(username);
    if (!t) {
      const res = await fetch(`${runtime.url}/_local/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username }),
      });
      t = ((await res.json()) as { token: string }).token;
      tokens.set(username, t);
    }
    return t;
  };
  const handlers = new Map<string, LambdaHandler>();
  const parse = (text: string | null | undefined) => {
    try {
      return text ? JSON.parse(text) : undefined;
    } catch {
      return text;
    }
  };

  const ctx: ScalingContext = {
    runtime,
    doc,
    table: runtime.tableName,
    now: new Date(),
    users,
    userWith(role, centreId) {
      const u = users.find((x) => x.role === role && (!centreId || x.centreId === centreId));
      if (!u) throw new Error(`no seeded user with role ${role}`);
      return u.username;
    },
    seedCases: (count, opts) => seedCases(doc, runtime.tableName, ctx.now, count, opts),
    async createCasesViaApi(count, username = 'staff.patna1') {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const res = await ctx.http(username, 'POST', '/cases', caseBody());
        if (res.status !== 201) throw new Error(`POST /cases answered ${res.status}`);
        ids.push(res.body.caseId as string);
      }
      return ids;
    },
    async invoke(routeId, req) {
      const route = (ROUTES as readonly Route[]).find((r) => r.id === routeId);
      if (!route) throw new Error(`no route ${routeId} in shared/routes.ts`);
      let h = handlers.get(routeId);
      if (!h) {
        h = ((await import(`../../functions/${routeId}/handler.ts`)) as { handler: LambdaHandler }).handler;
        handlers.set(routeId, h);
      }
      const event = apiEvent({
        method: route.method,
        resource: route.path,
        pathParameters: req.pathParameters,
        query: req.query,
        body: req.body,
        headers: { ...req.headers, ...(req.body !== undefined ? { 'idempotency-key': `bench-${randomUUID()}` } : {}) },
        claims: req.user ? claimsOf(userOf(req.user)) : undefined,
      });
      const res = await h(event, lambdaContext(routeId));
      return { status: res.statusCode, body: parse(res.body) } satisfies Reply;
    },
    async http(user, method, path, body) {
      const headers: Record<string, string> = {};
      if (user) headers.authorization = `Bearer ${await tokenFor(user)}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${runtime.url}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: parse(await res.text()) };
    },
  };
  return ctx;
}

async function setUp(cases: ScalingCase[], scale: 1 | 10): Promise<ScalingContext> {
  const ctx = await contextFor();
  const t0 = performance.now();
  for (const sc of cases) await sc.setup(ctx, { scale, cases: (sc.baseCases ?? 100) * scale });
  // Let the runtime finish what the seeding set off (the stream poller dispatching the new items), so the
  // operation runs on a quiet runtime.
  const settled = await fetch(`${ctx.runtime.url}/_local/settle`, { method: 'POST' }).catch(() => undefined);
  await settled?.arrayBuffer();
  send({ type: 'ready', seedMs: performance.now() - t0 });
  return ctx;
}

const fail = (err: unknown) => send({ type: 'error', message: (err as Error).message.split('\n')[0] });

installSignalCleanup();
// Should the benchmark die without stopping this process, stop too: never leave DynamoDB Local behind.
const parent = process.ppid;
const watchdog = setInterval(() => {
  if (process.ppid !== parent || !process.connected) void cleanupAll().finally(() => process.exit(1));
}, 500);
const [scaleArg, namesArg] = process.argv.slice(2);
const scale = (scaleArg === '10' ? 10 : 1) as 1 | 10;
const names = JSON.parse(namesArg ?? '[]') as string[];
const cases = names.map((n) => SCALING_CASES.find((c) => c.name === n));
let ready: Promise<ScalingContext> | undefined;
if (cases.some((c) => !c)) fail(new Error(`no scaling case named ${names[cases.findIndex((c) => !c)]}`));
else {
  ready = setUp(cases as ScalingCase[], scale);
  ready.catch(fail);
}
process.on('message', (m: { type: string; name?: string }) => {
  if (m.type === 'stop') {
    clearInterval(watchdog);
    void cleanupAll().finally(() => process.exit(0));
    return;
  }
  const sc = SCALING_CASES.find((c) => c.name === m.name);
  if (m.type === 'run' && ready && sc) {
    void ready
      .then(async (ctx) => {
        await sc.prepare?.(ctx, scale);
        const t0 = performance.now();
        await sc.operation(ctx, scale);
        send({ type: 'ran', ms: performance.now() - t0 });
      })
      .catch(fail);
  } else if (m.type === 'run') fail(new Error(`cannot run ${m.name}`));
});

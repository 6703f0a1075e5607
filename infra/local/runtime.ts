// The local runtime: DynamoDB Local, the same Lambda handlers behind a small HTTP server built from the
// same route table, API Gateway-shaped events with Cognito-shaped claims from locally signed tokens, and the
// staff form. Never deployed: nothing under functions/ or shared/ imports this.

import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { ROUTES, type Route } from '#shared/core/routes.ts';
import { STREAM_CONSUMERS } from '#shared/core/table.ts';
import { smsSettingsFromEnv } from '#shared/notifications/sms.ts';
import { backfillCounters, checkCounters } from '#shared/oversight/recount.ts';
import { handlerEnvironment, loadStageConfig } from '../stage-config.ts';
import { freePort, type LocalDynamo, startDynamo } from './dynamodb.ts';
import { LocalIdentity } from './identity.ts';
import { lambdaContext } from './lambda-context.ts';
import { EmailOutbox, OutboxNotifier } from './outbox.ts';
import { localUsers, seedLocal } from './seed.ts';
import { type StreamPoller, startStreamPoller } from './stream.ts';
import { ensureTable } from './table.ts';
import { LocalTokens } from './tokens.ts';
import { LocalStepFunctions } from './workflow.ts';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const LOCAL_TABLE = 'sakhi-osc-local';

export interface LocalOptions {
  port?: number;
  /** Folder for data on disk; undefined keeps everything in memory (tests). */
  dataDir?: string;
  /** Seconds that replace every Wait of the escalation workflow. */
  waitSeconds?: number;
  /** Extra environment for the handlers (stage settings). */
  env?: Record<string, string>;
}

export interface LocalRuntime {
  url: string;
  port: number;
  tableName: string;
  dynamoEndpoint: string;
  outbox: OutboxNotifier;
  workflows: LocalStepFunctions;
  /** Waits until the stream is dispatched and every running workflow has ended. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** Schedules that the local runtime can fire on demand, by the names of the contract. */
const SCHEDULES: Record<string, string> = {
  'followup-reminders': 'followup-reminders',
  'weekly-review': 'weekly-review',
  'monthly-district-report': 'monthly-district-report',
};

type LambdaHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), names };
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

const MAX_BODY = 10 * 1024 * 1024; // API Gateway's own limit

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => ok(size > MAX_BODY ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

const problem = (res: ServerResponse, status: number, title: string, detail: string) =>
  send(res, status, { type: 'about:blank', title, status, detail }, { 'content-type': 'application/problem+json' });

/** Local-only extensions (schedules, SMS outbox, executions) register their routes here. */
export type LocalRouteHandler = (req: {
  method: string;
  path: string;
  body: unknown;
  query: URLSearchParams;
}) => Promise<{ status: number; body: unknown }>;

export async function startLocal(opts: LocalOptions = {}): Promise<LocalRuntime> {
  const dataDir = opts.dataDir ? resolve(opts.dataDir) : undefined;
  const dynamoEndpoint = `http://127.0.0.1:${await freePort()}`;
  // The handlers' own configuration, exactly as Lambda would get it from the stack (the dev stage's settings:
  // follow-up plan, SMS sender and DLT ids, escalation windows), plus the endpoint.
  const stage = handlerEnvironment(loadStageConfig('dev'));
  Object.assign(process.env, {
    ...stage.shared,
    ...stage.sms,
    ...stage.escalation,
    TABLE_NAME: LOCAL_TABLE,
    STAGE: 'local',
    AWS_REGION: 'ap-south-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
    POWERTOOLS_SERVICE_NAME: 'sakhi-osc-local',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: process.env.OSC_LOG_LEVEL ?? 'WARN',
    ...opts.env,
  });
  // DynamoDB Local is a JVM in its own process: start it, and load the handlers and render the state
  // machine while it boots (they need only the environment above).
  const dynamoStarting = startDynamo(dataDir, Number(new URL(dynamoEndpoint).port));
  dynamoStarting.catch(() => undefined);
  let dynamo: LocalDynamo | undefined;
  try {
    const compiled = (ROUTES as readonly Route[]).map(compile);
    const apiPrefixes = new Set(['_local', ...compiled.map((c) => c.route.path.split('/')[1])]);
    const handlers = new Map<string, LambdaHandler>();
    const handlerOf = async (id: string): Promise<LambdaHandler> => {
      let h = handlers.get(id);
      if (!h) {
        const mod = (await import(`../../functions/${id}/handler.ts`)) as { handler: LambdaHandler };
        h = mod.handler;
        handlers.set(id, h);
      }
      return h;
    };
    // Load every handler before saying ready, so the first request is not a cold start.
    await Promise.all(compiled.map((c) => handlerOf(c.route.id)));
    const background = async (id: string) =>
      ((await import(`../../functions/${id}/handler.ts`)) as { handler: (e: unknown, c: Context) => Promise<unknown> })
        .handler;
    const workflowTasks = await background('escalation-workflow');
    const consumers = await Promise.all(
      (Object.entries(STREAM_CONSUMERS) as Array<[string, readonly string[]]>).map(async ([id, types]) => ({
        types,
        handler: (await background(id)) as never,
        context: () => lambdaContext(id),
      })),
    );
    const waitSeconds = opts.waitSeconds ?? Number(process.env.OSC_LOCAL_WAIT_SECONDS ?? 5);
    const workflows = new LocalStepFunctions(
      (input, ctx) => workflowTasks(input, ctx),
      () => lambdaContext('escalation-workflow'),
      waitSeconds,
    );

    dynamo = await dynamoStarting;
    const client = new DynamoDBClient({ endpoint: dynamo.endpoint });
    const streamArn = await ensureTable(client, LOCAL_TABLE);
    const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    await seedOnce(doc, () => seedLocal(doc, LOCAL_TABLE));

    const tokens = LocalTokens.open(dataDir);
    const users = localUsers();

    // The ports that differ locally: SMS to the outbox, workflows to aws-local-stepfunctions, the stream
    // to a poller. The handlers themselves are the deployed ones.
    const outbox = new OutboxNotifier(doc, LOCAL_TABLE, smsSettingsFromEnv());
    const { setNotifier } = await import('#functions/lib/notifier.ts');
    setNotifier(outbox);
    const email = new EmailOutbox(doc, LOCAL_TABLE);
    const { setAnnouncer } = await import('#functions/lib/reports.ts');
    setAnnouncer(email);
    const identity = new LocalIdentity(doc, LOCAL_TABLE);
    const { setIdentity } = await import('#functions/lib/identity.ts');
    setIdentity(identity);
    const { setWorkflowStarter } = await import('#functions/lib/workflow.ts');
    setWorkflowStarter(workflows);
    const poller: StreamPoller = startStreamPoller(dynamo.endpoint, streamArn, consumers);
    await resumeOpenEscalations(workflows);

    const localRoutes = new Map<string, LocalRouteHandler>();
    localRoutes.set('GET /_local/sms', async () => ({ status: 200, body: await outbox.list() }));
    localRoutes.set('GET /_local/email', async () => ({ status: 200, body: await email.list() }));
    // The statistics oracle: live counters against a full recount from the cases; and the backfill.
    localRoutes.set('GET /_local/counters/check', async () => {
      const { equal, differences } = await checkCounters(doc, LOCAL_TABLE);
      return { status: 200, body: { equal, differences } };
    });
    localRoutes.set('POST /_local/counters/backfill', async () => ({
      status: 200,
      body: await backfillCounters(doc, LOCAL_TABLE),
    }));
    localRoutes.set('POST /_local/sms/failures', async ({ body }) => {
      // Makes the next N sends fail as SNS throttling would: to see a failed reminder retried, not lost.
      outbox.failNext = Number((body as { count?: number } | undefined)?.count ?? 1);
      return { status: 200, body: { failNext: outbox.failNext } };
    });
    localRoutes.set('GET /_local/executions', async () => ({ status: 200, body: workflows.list() }));
    localRoutes.set('POST /_local/settle', async () => {
      await settle();
      return { status: 200, body: { settled: true } };
    });
    localRoutes.set('POST /_local/schedules/*', async ({ path, body }) => {
      const name = path.slice('/_local/schedules/'.length).replace(/\/run$/, '');
      const id = SCHEDULES[name];
      if (!id || !path.endsWith('/run'))
        return {
          status: 404,
          body: { type: 'about:blank', title: 'Not found', status: 404, detail: `No schedule ${name}` },
        };
      const at = (body as { at?: unknown } | undefined)?.at;
      if (at !== undefined && (typeof at !== 'string' || Number.isNaN(Date.parse(at)))) {
        return {
          status: 400,
          body: {
            type: 'about:blank',
            title: 'Invalid input',
            status: 400,
            detail: 'at must be an ISO 8601 time',
            errors: [{ path: 'at', message: 'Must be an ISO 8601 time' }],
          },
        };
      }
      const handler = await background(id);
      // The same event EventBridge Scheduler sends: the schedule's own time.
      const result = await handler({ scheduledTime: at ?? new Date().toISOString() }, lambdaContext(id));
      return { status: 200, body: result };
    });
    const settle = async () => {
      // A workflow step can write new stream records and a stream record can start a workflow: repeat.
      for (let i = 0; i < 5; i++) {
        await poller.drain();
        await workflows.settle();
      }
    };
    localRoutes.set('GET /_local/users', async () => ({ status: 200, body: [...users, ...(await identity.list())] }));
    localRoutes.set('POST /_local/token', async ({ body }) => {
      const username = (body as { username?: unknown } | undefined)?.username;
      const created = typeof username === 'string' ? await identity.find(username) : undefined;
      if (created && !created.enabled)
        return {
          status: 403,
          body: { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'This account is disabled' },
        };
      const user = users.find((u) => u.username === username) ?? created;
      if (!user)
        return {
          status: 400,
          body: {
            type: 'about:blank',
            title: 'Invalid input',
            status: 400,
            detail: 'Unknown user',
            errors: [{ path: 'username', message: 'No seeded user has this name' }],
          },
        };
      return { status: 200, body: { token: await tokens.sign(user) } };
    });

    const webDir = join(ROOT, 'web', 'dist');

    const server = createServer(async (req, res) => {
      try {
        const url = new URL(req.url ?? '/', 'http://local');
        const method = (req.method ?? 'GET').toUpperCase();
        const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;

        const local =
          localRoutes.get(`${method} ${path}`) ??
          (path.startsWith('/_local/schedules/') && method === 'POST'
            ? localRoutes.get('POST /_local/schedules/*')
            : undefined);
        if (local) {
          const raw = await readBody(req);
          if (raw === 'too-large') return problem(res, 413, 'Payload too large', 'Body too large');
          let body: unknown;
          try {
            body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
          } catch {
            return problem(res, 400, 'Invalid input', 'The body is not valid JSON');
          }
          const out = await local({ method, path, body, query: url.searchParams });
          return send(
            res,
            out.status,
            out.body,
            out.status >= 400 ? { 'content-type': 'application/problem+json' } : {},
          );
        }

        for (const c of compiled) {
          if (c.route.method !== method) continue;
          const m = c.pattern.exec(path);
          if (!m) continue;
          const raw = await readBody(req);
          if (raw === 'too-large') return problem(res, 413, 'Payload too large', 'Body too large');
          let claims: Record<string, unknown> | undefined;
          if (c.route.roles.length) {
            const auth = req.headers.authorization ?? '';
            const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1];
            claims = token ? await tokens.verify(token) : undefined;
            if (!claims) return problem(res, 401, 'Unauthorized', 'A valid bearer token is required');
            // As API Gateway does for a route authorized by OAuth scopes: the token must carry one of them.
            const scopes = String(claims.scope ?? '').split(' ');
            if (c.route.scopes && !c.route.scopes.some((s) => scopes.includes(s)))
              return problem(res, 401, 'Unauthorized', 'The token lacks the scope this route needs');
          }
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
          const query: Record<string, string> = {};
          for (const [k, v] of url.searchParams) query[k] = v;
          let pathParameters: Record<string, string>;
          try {
            pathParameters = Object.fromEntries(c.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
          } catch {
            return problem(res, 400, 'Invalid input', 'The path is not valid');
          }
          const event = {
            resource: c.route.path,
            path,
            httpMethod: method,
            headers,
            multiValueHeaders: {},
            queryStringParameters: Object.keys(query).length ? query : null,
            multiValueQueryStringParameters: null,
            pathParameters: c.names.length ? pathParameters : null,
            stageVariables: null,
            body: raw.length ? raw.toString('utf8') : null,
            isBase64Encoded: false,
            requestContext: {
              resourcePath: c.route.path,
              httpMethod: method,
              requestId: randomUUID(),
              stage: 'local',
              authorizer: claims ? { claims } : null,
            },
          } as unknown as APIGatewayProxyEvent;
          const handler = await handlerOf(c.route.id);
          const result = await handler(event, lambdaContext(c.route.id));
          res.writeHead(result.statusCode, result.headers as Record<string, string>);
          res.end(result.body);
          return;
        }

        if (method === 'GET' && !apiPrefixes.has(path.split('/')[1] ?? '')) {
          return serveStatic(webDir, path, res);
        }
        return problem(res, 404, 'Not found', 'No such route');
      } catch (err) {
        console.error('[local] request failed:', (err as Error).stack ?? err);
        if (!res.headersSent) problem(res, 500, 'Internal error', 'The local runtime failed to handle the request');
      }
    });

    const port = opts.port ?? (await freePort());
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(port, '127.0.0.1', () => ok());
    });

    // Report links point at the form this runtime serves.
    process.env.WEB_URL ??= `http://127.0.0.1:${port}`;
    const runtime: LocalRuntime & { localRoutes: Map<string, LocalRouteHandler> } = {
      url: `http://127.0.0.1:${port}`,
      port,
      tableName: LOCAL_TABLE,
      dynamoEndpoint: dynamo.endpoint,
      outbox,
      workflows,
      localRoutes,
      settle,
      stop: async () => {
        await new Promise<void>((ok) => {
          server.close(() => ok());
          server.closeAllConnections();
        });
        await workflows.stop();
        await poller.stop();
        client.destroy();
        await (await dynamoStarting).stop();
      },
    };
    return runtime;
  } catch (err) {
    await (dynamo ?? (await dynamoStarting.catch(() => undefined)))?.stop();
    throw err;
  }
}

/** Seeds centres, staff and contacts on a new data folder; a second start finds them and skips this. */
async function seedOnce(doc: DynamoDBDocumentClient, seed: () => Promise<void>): Promise<void> {
  const marker = { pk: 'LOCAL#SEED', sk: 'v1' };
  const { Item } = await doc.send(new GetCommand({ TableName: LOCAL_TABLE, Key: marker }));
  if (Item) return;
  await seed();
  await doc.send(new PutCommand({ TableName: LOCAL_TABLE, Item: { ...marker, at: new Date().toISOString() } }));
}

/**
 * Escalations that were running when the local runtime last stopped carry on from their current level
 * (in AWS, Step Functions keeps them running; here they live in this process).
 */
async function resumeOpenEscalations(workflows: LocalStepFunctions): Promise<void> {
  const { escalationStore } = await import('#functions/lib/deps.ts');
  for (const e of await escalationStore().listOpen()) {
    const open = e as unknown as {
      caseId: string;
      escalationId: string;
      level?: number;
      executionName: string;
      started?: boolean;
    };
    if (!open.started) continue; // the stream poller starts those
    await workflows.start(`${open.executionName}--resumed-${Date.now()}`, {
      caseId: open.caseId,
      escalationId: open.escalationId,
      level: Math.max(1, open.level ?? 1),
    });
  }
}

function serveStatic(webDir: string, path: string, res: ServerResponse): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Bad path');
    return;
  }
  const rel = normalize(decoded).replace(/^(\.\.[/\\])+/, '');
  let file = join(webDir, rel);
  if (!file.startsWith(webDir) || !existsSync(file) || statSync(file).isDirectory()) file = join(webDir, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The staff form is not built yet: run `npm run build:web`.');
    return;
  }
  const type = MIME[extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, {
    'content-type': type,
    'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy':
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  });
  res.end(readFileSync(file));
}

// The local runtime: DynamoDB Local, the same Lambda handlers behind a small HTTP server built from the
// same route table, API Gateway-shaped events with Cognito-shaped claims from locally signed tokens, and the
// staff form. Never deployed: nothing under functions/ or shared/ imports this.
//   server.ts        the HTTP server (API Gateway and CloudFront stand-in)
//   local-routes.ts  /_local/*: sign-in, outboxes, schedules on demand, executions, the counters oracle
//   dynamodb.ts      DynamoDB Local (Java), stream.ts its stream poller, workflow.ts the state machine,
//                    account-queue.ts account-sync's queue
//   s3.ts            the S3 stand-in for case documents (signatures checked), its events to document-check
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { config, ENV } from '#shared/core/config.ts';
import { ROUTES, type Route } from '#shared/core/routes.ts';
import { STREAM_CONSUMERS } from '#shared/core/table.ts';
import { handlerEnvironment, idleSettings, loadStageConfig } from '../stage-config.ts';
import { LocalAccountQueue } from './account-queue.ts';
import { freePort, type LocalDynamo, startDynamo } from './dynamodb.ts';
import { LocalIdentity } from './identity.ts';
import { lambdaContext } from './lambda-context.ts';
import { localRoutes } from './local-routes.ts';
import { EmailOutbox, OutboxNotifier } from './outbox.ts';
import { privateDir } from './private-files.ts';
import { type LocalS3, type S3EventRecord, startLocalS3 } from './s3.ts';
import { localIntakeClients, localUsers, seedLocal, seedReportedFigures } from './seed.ts';
import { createLocalServer, type LambdaHandler } from './server.ts';
import { type StreamPoller, startStreamPoller } from './stream.ts';
import { ensureTable } from './table.ts';
import { LocalTokens } from './tokens.ts';
import { LocalStepFunctions } from './workflow.ts';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const LOCAL_TABLE = 'sakhi-osc-local';
export const LOCAL_DOCUMENTS_BUCKET = 'sakhi-osc-documents-local';
/** The local credentials every handler signs with; the S3 stand-in knows them (and only them). */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
/** The runtime listens on loopback only: the local sign-in hands out tokens to whoever asks. */
export const LISTEN_HOST = '127.0.0.1';

export interface LocalOptions {
  port?: number;
  /** Folder for data on disk; undefined keeps everything in memory (tests). */
  dataDir?: string;
  /**
   * Seconds that replace every Wait of the escalation workflow. Infinity (the tests): a level waits until
   * `POST /_local/executions/advance` moves it on, so no test depends on the clock.
   */
  waitSeconds?: number;
  /** Extra environment for the handlers (stage settings). */
  env?: Record<string, string>;
  /**
   * Wraps every handler the runtime calls (API routes, schedules, stream consumers, workflow tasks) once, as
   * it is loaded: the benchmark counts and times invocations this way, without touching the handlers.
   */
  instrument?: (id: string, handler: (...args: never[]) => Promise<unknown>) => unknown;
}

export interface LocalRuntime {
  url: string;
  port: number;
  tableName: string;
  dynamoEndpoint: string;
  /** The S3 stand-in's origin (http://127.0.0.1:<port>). */
  s3Endpoint: string;
  /** DynamoDB Local's Java process. */
  dynamoPid?: number;
  outbox: OutboxNotifier;
  workflows: LocalStepFunctions;
  /** Waits until the stream is dispatched and every running workflow has ended. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

type BackgroundHandler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * The handlers' own configuration, exactly as Lambda would get it from the stack (the dev stage's settings:
 * follow-up plan, SMS sender and DLT ids, escalation windows), plus the local endpoints.
 */
function useLocalEnvironment(dynamoEndpoint: string, s3Endpoint: string, extra: Record<string, string> = {}): void {
  const stage = handlerEnvironment(loadStageConfig('dev'));
  Object.assign(process.env, {
    ...stage.shared,
    ...stage.sms,
    ...stage.escalation,
    ...stage.documents,
    [ENV.tableName]: LOCAL_TABLE,
    [ENV.stage]: 'local',
    [ENV.serviceName]: 'sakhi-osc-local',
    // In AWS a secret of the stack's own (infra/constructs/lookup-secret.ts); locally a fixed dev value.
    [ENV.lookupKeySecret]: 'local-only-lookup-key-secret-never-used-in-aws',
    [ENV.documentsBucket]: LOCAL_DOCUMENTS_BUCKET,
    // As the stack sets it from the two machine clients: which client id is which control room.
    [ENV.intakeClients]: JSON.stringify(localIntakeClients()),
    AWS_REGION: 'ap-south-1',
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
    [ENV.s3Endpoint]: s3Endpoint,
    [ENV.metricsEnabled]: 'false',
    [ENV.logLevel]: process.env.OSC_LOG_LEVEL ?? 'WARN',
    ...extra,
  });
}

/** Loads a handler module once; every API handler is loaded before "ready", so no request meets a cold start. */
function handlerLoader(instrument: LocalOptions['instrument']) {
  const loaded = new Map<string, Promise<unknown>>();
  return <H>(id: string): Promise<H> => {
    let h = loaded.get(id);
    if (!h) {
      h = import(`../../functions/${id}/handler.ts`).then((m: { handler: (...args: never[]) => Promise<unknown> }) =>
        instrument ? instrument(id, m.handler) : m.handler,
      );
      loaded.set(id, h);
    }
    return h as Promise<H>;
  };
}

/**
 * Where the S3 stand-in keeps the documents: under the data folder (owner-only, like everything in it), or
 * a temporary folder removed on stop (tests).
 */
function documentsFolder(dataDir: string | undefined): { root: string; remove?: () => void } {
  if (dataDir) return { root: privateDir(join(dataDir, 's3')) };
  const root = mkdtempSync(join(tmpdir(), 'sakhi-osc-s3-'));
  const remove = () => rmSync(root, { recursive: true, force: true });
  process.once('exit', remove);
  return { root, remove };
}

/**
 * The runtime running in this process, if any. The handlers' ports (SMS outbox, workflows, identity) and
 * their environment (the table's and the S3 stand-in's endpoints) are per process, as in a Lambda: a second
 * runtime in the same process would silently take them over from the first. So there is at most one; a
 * test that needs another starts it in a child process (test/integration/child-runtime.ts).
 */
let running: string | undefined;

export async function startLocal(opts: LocalOptions = {}): Promise<LocalRuntime> {
  if (running) {
    throw new Error(`A local runtime already runs in this process (${running}): start another in its own process`);
  }
  running = 'starting';
  try {
    return await startLocalOnce(opts);
  } catch (err) {
    running = undefined;
    throw err;
  }
}

async function startLocalOnce(opts: LocalOptions): Promise<LocalRuntime> {
  const dataDir = opts.dataDir ? resolve(opts.dataDir) : undefined;
  const dynamoEndpoint = `http://127.0.0.1:${await freePort()}`;
  const port = opts.port ?? (await freePort());
  const formOrigin = `http://${LISTEN_HOST}:${port}`;
  const folder = documentsFolder(dataDir);
  const s3: LocalS3 = await startLocalS3({
    root: folder.root,
    region: 'ap-south-1',
    credentials: new Map([[LOCAL_CREDENTIALS.accessKeyId, LOCAL_CREDENTIALS.secretAccessKey]]),
    buckets: [LOCAL_DOCUMENTS_BUCKET],
    // The form, by either name of the loopback address it is served on.
    corsOrigins: [formOrigin, `http://localhost:${port}`],
  });
  const stopS3 = async () => {
    await s3.close();
    folder.remove?.();
  };
  // Report links point at the form this runtime serves.
  useLocalEnvironment(dynamoEndpoint, s3.url, { [ENV.webUrl]: formOrigin, ...opts.env });
  // DynamoDB Local is a JVM in its own process: start it, and load the handlers and render the state
  // machine while it boots (they need only the environment above).
  const dynamoStarting = startDynamo(dataDir, Number(new URL(dynamoEndpoint).port));
  dynamoStarting.catch(() => stopS3());
  let dynamo: LocalDynamo | undefined;
  try {
    const load = handlerLoader(opts.instrument);
    const routes = ROUTES as readonly Route[];
    await Promise.all(routes.map((r) => load(r.id)));
    const background = (id: string) => load<BackgroundHandler>(id);
    const workflowTasks = await background('escalation-workflow');
    const documentCheck = await background('document-check');
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
    await seedReportedFigures(doc, LOCAL_TABLE);

    // The ports that differ locally: SMS to the outbox, workflows to aws-local-stepfunctions, sign-in
    // accounts to the table, report e-mails to an outbox, the stream to a poller. The handlers are the
    // deployed ones.
    const deps = await import('#functions/lib/deps.ts');
    const outbox = new OutboxNotifier(doc, LOCAL_TABLE, config().sms);
    const email = new EmailOutbox(doc, LOCAL_TABLE);
    const identity = new LocalIdentity(doc, LOCAL_TABLE);
    deps.notifier.set(outbox);
    deps.reportAnnouncer.set(email);
    deps.identity.set(identity);
    deps.workflowStarter.set(workflows);
    // account-sync reads its own queue, never the stream: the dispatcher hands requests to this stand-in.
    deps.accountRequests.set(
      new LocalAccountQueue(
        async () => (await background('account-sync')) as never,
        () => lambdaContext('account-sync'),
      ),
    );
    const poller: StreamPoller = startStreamPoller(dynamo.endpoint, streamArn, consumers);
    await resumeOpenEscalations(workflows);
    const checks = deliverUploadEvents(s3, (event) => documentCheck(event, lambdaContext('document-check')));

    const settle = async () => {
      // A workflow step can write new stream records and a stream record can start a workflow: repeat.
      for (let i = 0; i < 5; i++) {
        await checks.drain();
        await poller.drain();
        await workflows.settle();
      }
    };
    const tokens = LocalTokens.open(dataDir);
    const extensions = localRoutes({
      webConfig: idleSettings(loadStageConfig('dev')),
      doc,
      table: LOCAL_TABLE,
      outbox,
      email,
      workflows,
      identity,
      tokens,
      listen: { host: LISTEN_HOST, port },
      users: localUsers(),
      background,
      settle,
      s3,
    });
    const server = createLocalServer({
      routes,
      handlerOf: (id) => load<LambdaHandler>(id),
      verify: (token) => tokens.verify(token),
      localRoutes: extensions,
      webDir: join(ROOT, 'web', 'dist'),
      // The form PUTs and GETs documents at the S3 stand-in: its CSP allows exactly that origin.
      connectSources: [s3.url],
    });

    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(port, LISTEN_HOST, () => ok());
    });

    const runtime: LocalRuntime & { localRoutes: typeof extensions } = {
      url: `http://${LISTEN_HOST}:${port}`,
      port,
      tableName: LOCAL_TABLE,
      dynamoEndpoint: dynamo.endpoint,
      s3Endpoint: s3.url,
      dynamoPid: dynamo.pid,
      outbox,
      workflows,
      localRoutes: extensions,
      settle,
      stop: async () => {
        running = undefined;
        await new Promise<void>((ok) => {
          server.close(() => ok());
          server.closeAllConnections();
        });
        await workflows.stop();
        await poller.stop();
        await checks.drain();
        await stopS3();
        client.destroy();
        await (await dynamoStarting).stop();
      },
    };
    running = runtime.url;
    return runtime;
  } catch (err) {
    await (dynamo ?? (await dynamoStarting.catch(() => undefined)))?.stop();
    await stopS3();
    throw err;
  }
}

/**
 * The bucket's notification, locally: each object created under cases/ goes to the document-check handler
 * as S3 would send it (one record per event). `drain` waits for the checks under way.
 */
function deliverUploadEvents(s3: LocalS3, check: (event: { Records: S3EventRecord[] }) => Promise<unknown>) {
  const running = new Set<Promise<unknown>>();
  s3.onRecord((record) => {
    if (!record.eventName.startsWith('ObjectCreated:') || !record.s3.object.key.startsWith('cases/')) return;
    // Lambda retries a failed asynchronous invocation; here the sweep picks up what a failed check left.
    const p = check({ Records: [record] })
      .catch((err: Error) => console.error('[local] document-check failed:', err.name, err.message))
      .finally(() => running.delete(p));
    running.add(p);
  });
  return {
    drain: async () => {
      while (running.size) await Promise.all([...running]);
    },
  };
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

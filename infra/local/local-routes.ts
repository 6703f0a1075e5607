// The local runtime's own routes (/_local/...): sign-in for the seeded users, the SMS and e-mail outboxes,
// the schedules fired on demand, the escalation executions, and the statistics oracle. Never deployed.
//
// They answer only requests addressed to the runtime itself: a web page on another site could otherwise
// mint a state-admin token or read the SMS outbox, either by DNS rebinding (its own host name pointing at
// 127.0.0.1: the Host header still names it) or by a form post (a "simple" cross-site request, which a
// browser sends without asking: so a body must be application/json, which no form can send).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { backfillCounters, checkCounters } from '#shared/oversight/recount.ts';
import type { LocalIdentity } from './identity.ts';
import { lambdaContext } from './lambda-context.ts';
import type { EmailOutbox, OutboxNotifier } from './outbox.ts';
import type { LocalS3 } from './s3.ts';
import type { LocalUser } from './seed.ts';
import { type LocalRouteHandler, problemBody } from './server.ts';
import type { LocalTokens } from './tokens.ts';
import type { LocalStepFunctions } from './workflow.ts';

/** Schedules the local runtime fires on demand, by the names of the contract → their handler. */
export const SCHEDULES: Record<string, string> = {
  'followup-reminders': 'followup-reminders',
  'weekly-review': 'weekly-review',
  'monthly-district-report': 'monthly-district-report',
  'document-uploads': 'document-sweep',
  retention: 'retention',
};

export interface LocalRouteDeps {
  /** What the form reads from /config.json here (in AWS the web construct writes it): idle lock times. */
  webConfig: Record<string, unknown>;
  /** Where the runtime listens: the only Host these routes answer (127.0.0.1:port, or localhost:port). */
  listen: { host: string; port: number };
  doc: DynamoDBDocumentClient;
  table: string;
  outbox: OutboxNotifier;
  email: EmailOutbox;
  workflows: LocalStepFunctions;
  identity: LocalIdentity;
  tokens: LocalTokens;
  users: LocalUser[];
  background: (id: string) => Promise<(event: unknown, context: Context) => Promise<unknown>>;
  settle: () => Promise<void>;
  s3: LocalS3;
}

/** Refuses a request not addressed to the listen address, or a body that is not JSON; undefined: go on. */
export function refusal(
  listen: LocalRouteDeps['listen'],
  req: Parameters<LocalRouteHandler>[0],
): Awaited<ReturnType<LocalRouteHandler>> | undefined {
  const hosts = [`${listen.host}:${listen.port}`, `localhost:${listen.port}`];
  if (!hosts.includes(String(req.headers.host ?? '').toLowerCase())) {
    return { status: 403, body: problemBody(403, 'Forbidden', `The local runtime answers only at ${hosts[0]}`) };
  }
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  const needsJson = req.method === 'POST' && (req.body !== undefined || req.path === '/_local/token');
  if (needsJson && type !== 'application/json') {
    return { status: 415, body: problemBody(415, 'Unsupported media type', 'The body must be application/json') };
  }
  return undefined;
}

export function localRoutes(d: LocalRouteDeps): Map<string, LocalRouteHandler> {
  const routes = new Map<string, LocalRouteHandler>();
  routes.set('GET /_local/sms', async () => ({ status: 200, body: await d.outbox.list() }));
  routes.set('GET /config.json', async () => ({ status: 200, body: { mode: 'local', ...d.webConfig } }));
  routes.set('GET /_local/email', async () => ({ status: 200, body: await d.email.list() }));
  // The statistics oracle: live counters against a full recount from the cases; and the backfill.
  routes.set('GET /_local/counters/check', async () => {
    const { equal, differences } = await checkCounters(d.doc, d.table);
    return { status: 200, body: { equal, differences } };
  });
  routes.set('POST /_local/counters/backfill', async () => ({
    status: 200,
    body: await backfillCounters(d.doc, d.table),
  }));
  routes.set('POST /_local/sms/failures', async ({ body }) => {
    // Makes the next N sends fail as SNS throttling would: to see a failed reminder retried, not lost.
    d.outbox.failNext = Number((body as { count?: number } | undefined)?.count ?? 1);
    return { status: 200, body: { failNext: d.outbox.failNext } };
  });
  routes.set('GET /_local/executions', async () => ({ status: 200, body: d.workflows.list() }));
  // Ends the wait for an acknowledgement of a case's escalations (when a test, not the clock, moves them on).
  routes.set('POST /_local/executions/advance', async ({ body }) => {
    const caseId = (body as { caseId?: unknown } | undefined)?.caseId;
    if (typeof caseId !== 'string' || !caseId) {
      return {
        status: 400,
        body: problemBody(400, 'Invalid input', 'Name the case', [{ path: 'caseId', message: 'Required' }]),
      };
    }
    const advanced = await d.workflows.advance(caseId);
    if (!advanced.length) return { status: 409, body: problemBody(409, 'Conflict', 'No escalation of it is waiting') };
    return { status: 200, body: { advanced } };
  });
  routes.set('POST /_local/settle', async () => {
    await d.settle();
    return { status: 200, body: { settled: true } };
  });
  routes.set('POST /_local/schedules/*', async ({ path, body }) => {
    const name = path.slice('/_local/schedules/'.length).replace(/\/run$/, '');
    const id = SCHEDULES[name];
    if (!id || !path.endsWith('/run'))
      return { status: 404, body: problemBody(404, 'Not found', `No schedule ${name}`) };
    const at = (body as { at?: unknown } | undefined)?.at;
    if (at !== undefined && (typeof at !== 'string' || Number.isNaN(Date.parse(at)))) {
      return {
        status: 400,
        body: problemBody(400, 'Invalid input', 'at must be an ISO 8601 time', [
          { path: 'at', message: 'Must be an ISO 8601 time' },
        ]),
      };
    }
    const handler = await d.background(id);
    // The same event EventBridge Scheduler sends: the schedule's own time.
    const result = await handler({ scheduledTime: at ?? new Date().toISOString() }, lambdaContext(id));
    return { status: 200, body: result };
  });
  // The S3 stand-in's clock, moved on (tests: a link that has expired, without waiting for it); 0 resets.
  routes.set('POST /_local/s3/clock', async ({ body }) => {
    const offset = (body as { offsetSeconds?: unknown } | undefined)?.offsetSeconds;
    if (typeof offset !== 'number' || !Number.isInteger(offset) || Math.abs(offset) > 7 * 86_400) {
      return {
        status: 400,
        body: problemBody(400, 'Invalid input', 'offsetSeconds must be a whole number of seconds', [
          { path: 'offsetSeconds', message: 'Must be a whole number of seconds, at most a week' },
        ]),
      };
    }
    d.s3.clock.offsetSeconds = offset;
    return { status: 200, body: { offsetSeconds: offset } };
  });
  routes.set('GET /_local/users', async () => ({ status: 200, body: [...d.users, ...(await d.identity.list())] }));
  // A sign-in of a district officer or a state user (Cognito's console in AWS): tests make their own.
  routes.set('POST /_local/users', async ({ body }) => {
    const u = (body ?? {}) as { username?: unknown; role?: unknown; district?: unknown };
    const errors: Array<{ path: string; message: string }> = [];
    if (typeof u.username !== 'string' || !/^[a-z0-9._-]{3,64}$/.test(u.username))
      errors.push({ path: 'username', message: 'Must be 3-64 lowercase letters, digits, dots, - or _' });
    if (u.role !== 'district-officer' && u.role !== 'state-admin')
      errors.push({ path: 'role', message: 'Must be district-officer or state-admin' });
    if (u.role === 'district-officer' && typeof u.district !== 'string')
      errors.push({ path: 'district', message: 'Required for a district officer' });
    if (errors.length) return { status: 400, body: problemBody(400, 'Invalid input', 'Invalid user', errors) };
    const user: LocalUser = {
      username: u.username as string,
      role: u.role as LocalUser['role'],
      ...(u.role === 'district-officer' ? { district: u.district as string } : {}),
    };
    const known = d.users.some((s) => s.username === user.username);
    if (known || !(await d.identity.createUser(user))) {
      return { status: 409, body: problemBody(409, 'Conflict', 'That username is taken') };
    }
    return { status: 201, body: user };
  });
  routes.set('POST /_local/token', async ({ body }) => {
    const username = (body as { username?: unknown } | undefined)?.username;
    const created = typeof username === 'string' ? await d.identity.find(username) : undefined;
    if (created && !created.enabled)
      return { status: 403, body: problemBody(403, 'Forbidden', 'This account is disabled') };
    const user = d.users.find((u) => u.username === username) ?? created;
    if (!user) {
      return {
        status: 400,
        body: problemBody(400, 'Invalid input', 'Unknown user', [
          { path: 'username', message: 'No seeded user has this name' },
        ]),
      };
    }
    return { status: 200, body: { token: await d.tokens.sign(user) } };
  });
  // Every local route goes through the same check first.
  const guarded = async (handler: LocalRouteHandler, req: Parameters<LocalRouteHandler>[0]) =>
    refusal(d.listen, req) ?? handler(req);
  return new Map([...routes].map(([key, handler]) => [key, (req) => guarded(handler, req)]));
}

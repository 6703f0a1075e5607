// The one factory for every HTTP handler. The order is always the same: logger, metrics, then our http
// middleware (errors → problem+json, body parsing, caller and role, validation), then the use case.
// Powertools Tracer is deliberately absent: it adds 125 KB (36%) to every bundle; X-Ray active tracing is
// switched on for each function and the API instead (README, "What each import costs").

import { createHash } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { IDEMPOTENCY_KEY } from '#shared/cases/intake.ts';
import {
  badRequest,
  forbidden,
  HttpError,
  payloadTooLarge,
  toProblem,
  unsupportedMediaType,
} from '#shared/core/errors.ts';
import { keys } from '#shared/core/keys.ts';
import { type Principal, principalFromClaims } from '#shared/core/principal.ts';
import { AlreadyApplied, type RequestIdempotency, withRequestContext } from '#shared/core/request-context.ts';
import { type Route, routeById } from '#shared/core/routes.ts';
import { type Clock, systemClock } from '#shared/core/time.ts';
import { parseOrThrow } from '#shared/core/validation.ts';
import { centreStore, docClient, runtimeConfig } from './deps.ts';
import { logger, metrics } from './observability.ts';

export interface HttpRequest<B> {
  caller: Principal;
  body: B;
  query: Record<string, string>;
  params: Record<string, string>;
  header(name: string): string | undefined;
  now: Date;
  requestId: string;
}

export interface HttpResponse {
  statusCode?: number;
  body: unknown;
  headers?: Record<string, string>;
}

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/** Read at cold start from the environment alone, so even a route without a table can refuse a big body. */
const MAX_BODY_BYTES = Number(process.env.MAX_BODY_BYTES ?? 64 * 1024);

let clock: Clock = systemClock;
/** Tests and the local runtime's schedules set the clock; Lambda keeps the system clock. */
export function setClock(c: Clock): void {
  clock = c;
}

function problem(err: HttpError): APIGatewayProxyResult {
  return {
    statusCode: err.statusCode,
    headers: { ...JSON_HEADERS, 'content-type': 'application/problem+json', ...err.headers },
    body: JSON.stringify(toProblem(err)),
  };
}

function parseBody(event: APIGatewayProxyEvent, header: (n: string) => string | undefined): unknown {
  const raw = event.body ?? '';
  if (raw === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  const limit = MAX_BODY_BYTES;
  if (Buffer.byteLength(text) > limit) throw payloadTooLarge(limit);
  const type = header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]*\+)?json\b/i.test(type)) throw unsupportedMediaType();
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('The body is not valid JSON', [
      { path: '(body)', code: 'malformed_json', message: 'Is not valid JSON' },
    ]);
  }
}

export interface HttpHandlerOptions<B extends z.ZodMiniType | undefined, Q extends z.ZodMiniType | undefined> {
  /** The route's id in shared/routes.ts: its roles and status come from there. */
  route: string;
  /** The body schema the route table names (passed in, so a bundle carries only the schemas it uses). */
  body?: B;
  query?: Q;
}

type Infer<S> = S extends z.ZodMiniType ? z.infer<S> : undefined;

export function httpHandler<
  B extends z.ZodMiniType | undefined = undefined,
  Q extends z.ZodMiniType | undefined = undefined,
>(
  options: HttpHandlerOptions<B, Q>,
  impl: (
    req: HttpRequest<Infer<B>> & { query: Q extends z.ZodMiniType ? z.infer<Q> : Record<string, string> },
  ) => Promise<HttpResponse>,
) {
  const route = routeById(options.route);
  const bodySchema = options.body as z.ZodMiniType | undefined;
  const querySchema = options.query as z.ZodMiniType | undefined;
  // A route table that names a schema the handler does not pass (or the reverse) fails at cold start.
  if (Boolean(route.body) !== Boolean(bodySchema) || Boolean(route.query) !== Boolean(querySchema)) {
    throw new Error(`Handler ${route.id} does not pass the schemas its route names`);
  }

  const core = async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
    const started = performance.now();
    const lower: Record<string, string> = {};
    for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) lower[k.toLowerCase()] = v;
    const header = (n: string) => lower[n.toLowerCase()];
    let status = 500;
    try {
      const caller = route.roles.length
        ? principalFromClaims(event.requestContext?.authorizer?.claims ?? undefined)
        : (undefined as unknown as Principal);
      if (route.roles.length && !(route.roles as readonly string[]).includes(caller.role)) throw forbidden();
      // A staff member who has left loses access at once, whatever token she still holds.
      if (caller?.staffId && caller.centreId) {
        const staff = await centreStore().staffMember(caller.centreId, caller.staffId);
        if (!staff?.active) throw forbidden('Your account is no longer active');
      }
      const rawBody = parseBody(event, header);
      let body: unknown;
      if (bodySchema) body = parseOrThrow(bodySchema, rawBody ?? {}, 'body');
      else if (rawBody !== undefined && route.method !== 'GET')
        throw badRequest('This route takes no body', [
          { path: '(body)', code: 'unknown_field', message: 'No body expected' },
        ]);
      const rawQuery = Object.fromEntries(
        Object.entries(event.queryStringParameters ?? {}).filter(([, v]) => v !== undefined),
      ) as Record<string, string>;
      if (!querySchema && Object.keys(rawQuery).length) {
        throw badRequest(
          'This route takes no query parameters',
          Object.keys(rawQuery).map((k) => ({ path: `query.${k}`, code: 'unknown_field', message: 'Unknown field' })),
        );
      }
      const query = querySchema ? (parseOrThrow(querySchema, rawQuery, 'query') as Record<string, string>) : rawQuery;
      const params = (event.pathParameters ?? {}) as Record<string, string>;
      const now = clock.now();
      const run = () =>
        impl({
          caller,
          body: body as never,
          query: query as never,
          params,
          header,
          now,
          requestId: context.awsRequestId,
        });
      const idem = changeKey(route, caller, params, body, header('idempotency-key'), now);
      if (!idem) {
        const res = await run();
        status = res.statusCode ?? route.status;
        return { statusCode: status, headers: { ...JSON_HEADERS, ...res.headers }, body: JSON.stringify(res.body) };
      }
      // A change with an Idempotency-Key: a key already spent answers as the first attempt did.
      const earlier = await spentKey(idem);
      if (earlier) {
        status = earlier.statusCode;
        return earlier;
      }
      try {
        const res = await withRequestContext({ idempotency: idem }, run);
        status = res.statusCode ?? route.status;
        const headers = { ...JSON_HEADERS, ...res.headers };
        if (idem.used) await rememberResponse(idem, status, headers, res.body);
        return { statusCode: status, headers, body: JSON.stringify(res.body) };
      } catch (err) {
        if (!(err instanceof AlreadyApplied)) throw err;
        const first = (await spentKey(idem))!;
        status = first.statusCode;
        return first;
      }
    } catch (err) {
      if (err instanceof HttpError) {
        status = err.statusCode;
        return problem(err);
      }
      // Unknown failures: log the error's name and stack (never the request), answer a bare 500.
      logger.error('Unhandled error', { route: route.id, error: err as Error });
      metrics.addMetric('UnhandledError', MetricUnit.Count, 1);
      return problem(
        new HttpError(
          500,
          'Internal error',
          'Something went wrong on our side; nothing was saved unless you were told so. Please retry.',
        ),
      );
    } finally {
      logger.info('request', { route: route.id, status, ms: Math.round(performance.now() - started) });
      metrics.addMetric(status >= 500 ? 'Http5xx' : status >= 400 ? 'Http4xx' : 'Http2xx', MetricUnit.Count, 1);
    }
  };

  const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .handler(core);
  // For the test that checks each handler passes the very schemas its route names.
  return Object.assign(handler, { route, bodySchema, querySchema });
}

/**
 * The Idempotency-Key of a request that changes a case (every POST/PATCH but registration, which keeps its
 * own key with the case): scoped to the caller, the route and its path, and bound to the body.
 */
function changeKey(
  route: Route,
  caller: Principal,
  params: Record<string, string>,
  body: unknown,
  key: string | undefined,
  now: Date,
): RequestIdempotency | undefined {
  if (
    key === undefined ||
    route.method === 'GET' ||
    route.id === 'create-case' ||
    route.id === 'create-referral' ||
    !caller
  )
    return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw badRequest('Idempotency-Key must be 8–128 letters, digits, - or _', [
      { path: 'header.Idempotency-Key', code: 'invalid_format', message: 'Has the wrong format' },
    ]);
  }
  return {
    key: keys.idempotency(caller.userId, `${route.id}:${Object.values(params).join(':')}:${key}`),
    requestHash: createHash('sha256')
      .update(JSON.stringify(body ?? null))
      .digest('base64url'),
    expiresAt: Math.floor(now.getTime() / 1000) + runtimeConfig().idempotencyTtlSeconds,
    used: false,
  };
}

/** The first attempt's answer for a spent key; a different body under the same key is refused. */
async function spentKey(idem: RequestIdempotency): Promise<APIGatewayProxyResult | undefined> {
  const { Item } = await docClient().send(
    new GetCommand({ TableName: runtimeConfig().tableName, Key: idem.key, ConsistentRead: true }),
  );
  if (!Item || (Item.expiresAt as number) < Date.now() / 1000) return undefined;
  if (Item.requestHash !== idem.requestHash) {
    throw new HttpError(
      422,
      'Idempotency key reused',
      'This Idempotency-Key was already used with a different request body',
    );
  }
  const headers = {
    ...JSON_HEADERS,
    ...(Item.headers as Record<string, string> | undefined),
    'idempotent-replayed': 'true',
  };
  // The change was made; if the first attempt died before its answer was kept, say so plainly.
  const body = Item.response ?? { applied: true, caseId: Item.caseId, version: Item.version };
  return { statusCode: (Item.statusCode as number | undefined) ?? 200, headers, body: JSON.stringify(body) };
}

/**
 * Keeps the answer beside the spent key (best effort: the change itself is already safe). An answer that
 * carries the survivor's details is kept as its ids only: no second copy of her data, even for two days.
 */
async function rememberResponse(
  idem: RequestIdempotency,
  statusCode: number,
  headers: Record<string, string>,
  answer: unknown,
): Promise<void> {
  const body =
    answer && typeof answer === 'object' && 'survivor' in answer
      ? Object.fromEntries(
          Object.entries(answer).filter(([k]) => ['caseId', 'caseNumber', 'status', 'version', 'centreId'].includes(k)),
        )
      : answer;
  await docClient()
    .send(
      new UpdateCommand({
        TableName: runtimeConfig().tableName,
        Key: idem.key,
        UpdateExpression: 'SET statusCode = :s, headers = :h, #r = :b',
        ExpressionAttributeNames: { '#r': 'response' },
        ExpressionAttributeValues: { ':s': statusCode, ':h': headers, ':b': body },
      }),
    )
    .catch((err: Error) => logger.warn('response not kept for the idempotency key', { error: err.name }));
}

/** Parses `If-Match: 3` / `"3"` / `W/"3"`; undefined when absent. */
export function ifMatchVersion(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '' || value.trim() === '*') return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(value.trim());
  if (!m)
    throw badRequest('If-Match must be the case version', [
      { path: 'header.If-Match', code: 'invalid', message: 'Must be the case version number' },
    ]);
  return Number(m[1]);
}

// The one factory for every HTTP handler. The order is always the same: logger, metrics, then our http
// middleware (errors → problem+json, body parsing, caller and role, validation, the change's guards), then
// the use case. Powertools Tracer is deliberately absent: it adds 125 KB (36%) to every bundle; X-Ray active
// tracing is switched on for each function and the API instead (README, "What each import costs").
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { config } from '#shared/core/config.ts';
import {
  badRequest,
  forbidden,
  HttpError,
  notFound,
  payloadTooLarge,
  preconditionRequired,
  toProblem,
  unsupportedMediaType,
} from '#shared/core/errors.ts';
import { AlreadyApplied, changeClaim, idempotencyKeyOf, type StoredAnswer } from '#shared/core/idempotency.ts';
import { type Principal, principalFromClaims } from '#shared/core/principal.ts';
import type { ROUTES, Route, RouteId } from '#shared/core/routes.ts';
import { type Clock, systemClock } from '#shared/core/time.ts';
import type { ChangeOptions } from '#shared/core/transactions.ts';
import { parseOrThrow } from '#shared/core/validation.ts';
import { centreStore, idempotencyStore, revokedUsers } from './deps.ts';
import { logger, MetricUnit, metrics, observed } from './observability.ts';

export interface HttpRequest<B> {
  caller: Principal;
  body: B;
  query: Record<string, string>;
  params: Record<string, string>;
  header(name: string): string | undefined;
  now: Date;
  requestId: string;
  /** The guards of the change this request makes (If-Match, and the claimed Idempotency-Key): pass to the store. */
  change: ChangeOptions;
  /** A registration route's Idempotency-Key, checked (registration binds it to the new case itself). */
  idempotencyKey?: string;
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

/** Path ids are short slugs and UUIDs: anything longer, or with control characters, names nothing. */
const PATH_PARAM = /^[^\s\p{Cc}]{1,128}$/u;

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

/** A declared media type, with any charset parameter being UTF-8 (the only encoding the files come in). */
function isMediaType(header: string, type: string): boolean {
  const [essence, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (essence !== type) return false;
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

/**
 * The body as the route declares it: JSON (parsed) by default, or the text of the route's own media type (a
 * CSV file: UTF-8, a byte-order mark dropped) with the route's own size limit. 413 over the limit, 415 for
 * another type, 400 for text that is not UTF-8 (a spreadsheet saved as "CSV" in the computer's code page).
 */
function parseBody(route: Route, event: APIGatewayProxyEvent, header: (n: string) => string | undefined): unknown {
  const raw = event.body ?? '';
  if (raw === '') return undefined;
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  const limit = route.media?.maxBytes ?? config().maxBodyBytes;
  if (bytes.length > limit) throw payloadTooLarge(limit);
  const type = header('content-type') ?? '';
  if (route.media) {
    if (!isMediaType(type, route.media.type)) throw unsupportedMediaType(`${route.media.type}; charset=utf-8`);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = '\uFFFD';
    }
    // API Gateway and the local server hand over text: bytes that were not UTF-8 arrive as U+FFFD.
    if (text.includes('\uFFFD')) {
      throw badRequest('The file is not UTF-8 text: save it as "CSV UTF-8"', [
        { path: '(body)', code: 'not_utf8', message: 'Save the file as CSV UTF-8' },
      ]);
    }
    return text;
  }
  const text = bytes.toString('utf8');
  if (!/^application\/(?:[\w.+-]*\+)?json\b/i.test(type)) throw unsupportedMediaType();
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('The body is not valid JSON', [
      { path: '(body)', code: 'malformed_json', message: 'Is not valid JSON' },
    ]);
  }
}

/** Parses `If-Match: 3` / `"3"` / `W/"3"`; undefined when absent. */
export function ifMatchVersion(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '' || value.trim() === '*') return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(value.trim());
  if (!m) {
    throw badRequest('If-Match must be the case version', [
      { path: 'header.If-Match', code: 'invalid', message: 'Must be the case version number' },
    ]);
  }
  return Number(m[1]);
}

export interface HttpHandlerOptions<
  T extends readonly Route[],
  R extends RouteId & T[number]['id'],
  B extends z.ZodMiniType | undefined,
  Q extends z.ZodMiniType | undefined,
> {
  /** The route's id in shared/core/routes.ts: its roles, status, idempotency and body type come from there. */
  route: R;
  /**
   * The feature's route table that holds it (shared/<feature>/routes.ts), passed in like the schemas: a bundle
   * then carries one feature's routes, not the whole API's (which is what importing shared/core/routes.ts did).
   */
  routes: T;
  /** The body schema the route table names (passed in, so a bundle carries only the schemas it uses). */
  body?: B;
  query?: Q;
  /**
   * Makes a replayed answer (a retry with a spent Idempotency-Key) fit to send again: what the first
   * answer carried that is never kept beside a key (a presigned URL) is made afresh here.
   */
  replayed?: (earlier: StoredAnswer, req: HttpRequest<unknown>) => Promise<StoredAnswer>;
}

type Infer<S> = S extends z.ZodMiniType ? z.infer<S> : undefined;
/** A route that declares a media type (a CSV file) hands its handler the text; a JSON route its parsed body. */
type BodyOf<R extends RouteId, B> =
  Extract<(typeof ROUTES)[number], { id: R }> extends { media: object } ? string : Infer<B>;

export function httpHandler<
  T extends readonly Route[],
  R extends RouteId & T[number]['id'],
  B extends z.ZodMiniType | undefined = undefined,
  Q extends z.ZodMiniType | undefined = undefined,
>(
  options: HttpHandlerOptions<T, R, B, Q>,
  impl: (
    req: HttpRequest<BodyOf<R, B>> & { query: Q extends z.ZodMiniType ? z.infer<Q> : Record<string, string> },
  ) => Promise<HttpResponse>,
) {
  const found = (options.routes as readonly Route[]).find((r) => r.id === options.route);
  if (!found) throw new Error(`Route ${options.route} is not in the table the handler passes`);
  const route: Route = found;
  const bodySchema = options.body as z.ZodMiniType | undefined;
  const querySchema = options.query as z.ZodMiniType | undefined;
  // A route table that names a schema the handler does not pass (or the reverse) fails at cold start.
  if (Boolean(route.body) !== Boolean(bodySchema) || Boolean(route.query) !== Boolean(querySchema)) {
    throw new Error(`Handler ${route.id} does not pass the schemas its route names`);
  }

  /** Who calls, what she asks, checked: every 4xx is thrown from here before the use case writes anything. */
  async function readRequest(event: APIGatewayProxyEvent, context: Context, header: (n: string) => string | undefined) {
    const caller = route.roles.length
      ? principalFromClaims(event.requestContext?.authorizer?.claims ?? undefined, config().intakeClients)
      : (undefined as unknown as Principal);
    if (route.roles.length && !(route.roles as readonly string[]).includes(caller.role)) throw forbidden();
    // A staff member who has left loses access at once, whatever token she still holds; so does anyone whose
    // sign-in the state has disabled (district and state users have no roster entry to check).
    const [staff, revoked] = await Promise.all([
      caller?.staffId && caller.centreId ? centreStore().staffMember(caller.centreId, caller.staffId) : undefined,
      caller && caller.role !== 'helpline' ? revokedUsers().isRevoked(caller.username) : false,
    ]);
    if (revoked || (caller?.staffId && !staff?.active)) throw forbidden('Your account is no longer active');
    const params = (event.pathParameters ?? {}) as Record<string, string>;
    if (Object.values(params).some((v) => !PATH_PARAM.test(v))) throw notFound();
    const rawBody = parseBody(route, event, header);
    let body: unknown;
    // A file route gets the file's text (an empty body is an empty file, which its use case refuses).
    if (route.media) body = rawBody ?? '';
    // An absent body is an empty object (routes whose fields are all optional); `null` is not an object.
    else if (bodySchema) body = parseOrThrow(bodySchema, rawBody === undefined ? {} : rawBody, 'body');
    else if (rawBody !== undefined && route.method !== 'GET') {
      throw badRequest('This route takes no body', [
        { path: '(body)', code: 'unknown_field', message: 'No body expected' },
      ]);
    }
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
    const now = clock.now();
    const key = route.idempotency ? idempotencyKeyOf(header('idempotency-key')) : undefined;
    const change: ChangeOptions = { ifMatch: ifMatchVersion(header('if-match')) };
    if (route.ifMatch === 'required' && change.ifMatch === undefined) throw preconditionRequired();
    if (key && route.idempotency === 'change') {
      change.idempotency = changeClaim(route.id, caller.userId, params, body, key, now, config().idempotencyTtlSeconds);
    }
    return {
      caller,
      body,
      query,
      params,
      header,
      now,
      requestId: context.awsRequestId,
      change,
      ...(route.idempotency === 'registration' && key ? { idempotencyKey: key } : {}),
    };
  }

  const core = async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
    const started = performance.now();
    const lower: Record<string, string> = {};
    for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) lower[k.toLowerCase()] = v;
    const header = (n: string) => lower[n.toLowerCase()];
    let status = 500;
    const answer = (statusCode: number, headers: Record<string, string>, body: unknown): APIGatewayProxyResult => {
      status = statusCode;
      return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
    };
    try {
      const req = await readRequest(event, context, header);
      const claim = req.change.idempotency;
      // A change whose key is already spent answers as the first attempt did, and changes nothing.
      const replay = async (stored: StoredAnswer) => {
        const a = options.replayed ? await options.replayed(stored, req as HttpRequest<unknown>) : stored;
        return answer(a.statusCode, a.headers, a.body);
      };
      // A key spent by an earlier attempt answers as that attempt did (waiting briefly for its answer).
      const earlier = claim ? await idempotencyStore().answerOf(claim, req.now) : undefined;
      if (earlier) return replay(earlier);
      let res: HttpResponse;
      try {
        res = await impl(req as never);
      } catch (err) {
        if (!(err instanceof AlreadyApplied) || !claim) throw err;
        // Spent by a concurrent attempt of the same request between our look and our write.
        const first = await idempotencyStore().answerOf(claim, req.now);
        if (!first) throw err;
        return replay(first);
      }
      const statusCode = res.statusCode ?? route.status;
      const headers = { ...res.headers };
      if (claim?.spent) {
        await idempotencyStore()
          .remember(claim, statusCode, headers, res.body)
          .catch((err: Error) => logger.warn('answer not kept for the idempotency key', { error: err.name }));
      }
      return answer(statusCode, headers, res.body);
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

  const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>().use(observed()).handler(core);
  // For the test that checks each handler passes the very schemas its route names.
  return Object.assign(handler, { route, bodySchema, querySchema });
}

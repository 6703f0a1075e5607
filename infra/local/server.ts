// The local HTTP server: what API Gateway and CloudFront do in AWS. API paths become API Gateway-shaped
// events (with Cognito-shaped claims from locally signed tokens) for the very Lambda handlers; /_local/*
// goes to the local-only routes; anything else is the staff form from web/dist, compressed and with the
// headers CloudFront adds (static-files.ts). Never deployed.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { Route } from '#shared/core/routes.ts';
import { lambdaContext } from './lambda-context.ts';
import { sendApiResult, serveStatic } from './static-files.ts';

export type LambdaHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** A local-only route: `/_local/...`, plain JSON in and out. */
export type LocalRouteHandler = (req: {
  method: string;
  path: string;
  body: unknown;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
}) => Promise<{ status: number; body: unknown; headers?: Record<string, string> }>;

export interface ServerOptions {
  routes: readonly Route[];
  handlerOf: (routeId: string) => Promise<LambdaHandler>;
  /** The claims of a valid bearer token, or undefined (401). */
  verify: (token: string) => Promise<Record<string, unknown> | undefined>;
  /** `METHOD /path` → handler; a key ending in `/*` matches any path below it. */
  localRoutes: Map<string, LocalRouteHandler>;
  webDir: string;
  /** Origins the form may also connect to (the S3 stand-in), added to its CSP's connect-src. */
  connectSources?: string[];
}

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

/** API Gateway's own limit on a request body. */
const MAX_BODY = 10 * 1024 * 1024;

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

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

export const problemBody = (status: number, title: string, detail: string, errors?: unknown[]) => ({
  type: 'about:blank',
  title,
  status,
  detail,
  ...(errors ? { errors } : {}),
});

const problem = (res: ServerResponse, status: number, title: string, detail: string) =>
  send(res, status, problemBody(status, title, detail), { 'content-type': 'application/problem+json' });

export function createLocalServer(opts: ServerOptions): Server {
  const compiled = opts.routes.map(compile);
  const apiPrefixes = new Set(['_local', ...compiled.map((c) => c.route.path.split('/')[1])]);

  const localRoute = (method: string, path: string) => {
    const exact = opts.localRoutes.get(`${method} ${path}`);
    if (exact) return exact;
    for (const [key, handler] of opts.localRoutes) {
      const [m, p] = key.split(' ');
      if (m === method && p.endsWith('/*') && path.startsWith(p.slice(0, -1))) return handler;
    }
    return undefined;
  };

  async function api(req: IncomingMessage, res: ServerResponse, c: CompiledRoute, m: RegExpExecArray, path: string) {
    const raw = await readBody(req);
    if (raw === 'too-large') return problem(res, 413, 'Payload too large', 'Body too large');
    let claims: Record<string, unknown> | undefined;
    if (c.route.roles.length) {
      const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      claims = token ? await opts.verify(token) : undefined;
      if (!claims) return problem(res, 401, 'Unauthorized', 'A valid bearer token is required');
      // A route authorized by OAuth scopes: the token must carry one of them. A valid token without it is a
      // caller who may not do this (the contract's 403), not one who is unknown (401). In AWS the REST API's
      // Cognito authorizer answers 401 here itself: on a scoped method it takes only access tokens that carry
      // the scope, and says no more (a 403 there would need a Lambda authorizer).
      const scopes = String(claims.scope ?? '').split(' ');
      if (c.route.scopes && !c.route.scopes.some((s) => scopes.includes(s))) {
        return problem(res, 403, 'Forbidden', 'Your role may not do this');
      }
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    const url = new URL(req.url ?? '/', 'http://local');
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    let pathParameters: Record<string, string>;
    try {
      pathParameters = Object.fromEntries(c.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
    } catch {
      return problem(res, 400, 'Invalid input', 'The path is not valid');
    }
    const method = c.route.method;
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
    const handler = await opts.handlerOf(c.route.id);
    const result = await handler(event, lambdaContext(c.route.id));
    sendApiResult(req, res, result);
  }

  async function local(
    req: IncomingMessage,
    res: ServerResponse,
    handler: LocalRouteHandler,
    method: string,
    path: string,
  ) {
    const raw = await readBody(req);
    if (raw === 'too-large') return problem(res, 413, 'Payload too large', 'Body too large');
    let body: unknown;
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      return problem(res, 400, 'Invalid input', 'The body is not valid JSON');
    }
    const url = new URL(req.url ?? '/', 'http://local');
    const out = await handler({ method, path, body, query: url.searchParams, headers: req.headers });
    const type: Record<string, string> = out.status >= 400 ? { 'content-type': 'application/problem+json' } : {};
    return send(res, out.status, out.body, { ...type, ...out.headers });
  }

  return createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://local');
      const method = (req.method ?? 'GET').toUpperCase();
      const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
      const handler = localRoute(method, path);
      if (handler) return await local(req, res, handler, method, path);
      for (const c of compiled) {
        if (c.route.method !== method) continue;
        const m = c.pattern.exec(path);
        if (m) return await api(req, res, c, m, path);
      }
      if (method === 'GET' && !apiPrefixes.has(path.split('/')[1] ?? '')) {
        return serveStatic(opts.webDir, path, req, res, opts.connectSources ?? []);
      }
      return problem(res, 404, 'Not found', 'No such route');
    } catch (err) {
      console.error('[local] request failed:', (err as Error).stack ?? err);
      if (!res.headersSent) problem(res, 500, 'Internal error', 'The local runtime failed to handle the request');
    }
  });
}

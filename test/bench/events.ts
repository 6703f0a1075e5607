// API Gateway-shaped events and Lambda contexts, built the way infra/local/runtime.ts builds them, so a
// handler can be invoked in-process with no HTTP server in between.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { lambdaContext as localLambdaContext } from '../../infra/local/lambda-context.ts';

export type LambdaHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export function lambdaContext(name: string): Context {
  return localLambdaContext(name, 'bench');
}

export interface EventInput {
  method: string;
  /** The route's path template, e.g. `/cases/{caseId}`. */
  resource: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  claims?: Record<string, unknown>;
}

export function apiEvent(input: EventInput): APIGatewayProxyEvent {
  const path = input.resource.replace(/\{(\w+)\}/g, (_m, n: string) =>
    encodeURIComponent(input.pathParameters?.[n] ?? ''),
  );
  const headers: Record<string, string> = { ...input.headers };
  if (input.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
    headers['content-type'] = 'application/json';
  return {
    resource: input.resource,
    path,
    httpMethod: input.method,
    headers,
    multiValueHeaders: {},
    queryStringParameters: input.query && Object.keys(input.query).length ? input.query : null,
    multiValueQueryStringParameters: null,
    pathParameters: input.pathParameters ?? null,
    stageVariables: null,
    body: input.body === undefined ? null : typeof input.body === 'string' ? input.body : JSON.stringify(input.body),
    isBase64Encoded: false,
    requestContext: {
      resourcePath: input.resource,
      httpMethod: input.method,
      requestId: randomUUID(),
      stage: 'bench',
      authorizer: input.claims ? { claims: input.claims } : null,
    },
  } as unknown as APIGatewayProxyEvent;
}

/** The claims the Cognito authorizer (or a local token) gives a seeded local user. */
export function claimsOf(user: {
  username: string;
  role: string;
  centreId?: string;
  district?: string;
  staffId?: string;
}): Record<string, string> {
  const claims: Record<string, string> = {
    sub: `local-${user.username}`,
    'cognito:username': user.username,
    'cognito:groups': user.role,
  };
  if (user.centreId) claims['custom:centreId'] = user.centreId;
  if (user.district) claims['custom:district'] = user.district;
  if (user.staffId) claims['custom:staffId'] = user.staffId;
  return claims;
}

/** The payload of a JWT, unverified (only to read back the claims of a token the local runtime issued). */
export function jwtClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

let n = 0;
/** A valid POST /cases body (the same shape the integration tests send). */
export function caseBody(): Record<string, unknown> {
  n++;
  return {
    survivor: {
      name: `Bench Survivor ${n}`,
      age: 29,
      phone: '+919812345678',
      safeToContact: false,
      district: 'Patna',
      address: `House ${n}, Bench Lane`,
    },
    incident: {
      categories: ['DOMESTIC_VIOLENCE'],
      date: '2026-11-20',
      perpetratorRelationship: 'HUSBAND',
      description: `Incident ${n}`,
    },
    referral: { source: 'SELF' },
    servicesNeeded: ['SHELTER', 'COUNSELLING'],
    consent: { services: true, shareWithPolice: false, contactByPhone: false },
    riskLevel: 'LOW',
  };
}

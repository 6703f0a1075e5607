// The OpenAPI document, generated from the route table and the zod schemas: never written by hand.
import * as z from 'zod/mini';
import { querySchemas, requestSchemas } from '../schemas.ts';
import { ROUTE_SUMMARIES } from './route-docs.ts';
import { ROUTES, type Route, type RouteId } from './routes.ts';

/** A request schema as JSON Schema (draft 2020-12 for OpenAPI, or draft-04 for API Gateway models). */
export function jsonSchemaOf(
  name: keyof typeof requestSchemas,
  target: 'draft-2020-12' | 'draft-4' = 'draft-2020-12',
): Record<string, unknown> {
  const schema = z.toJSONSchema(requestSchemas[name], { target, io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete schema.$schema;
  return schema;
}

const problem = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' } },
      },
    },
  },
};

export function openApiDocument(serverUrl = '/'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES as readonly Route[]) {
    const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (route.ifMatch === 'required') {
      params.push({
        name: 'If-Match',
        in: 'header',
        required: true,
        schema: { type: 'string' },
        description: 'The version of the case the change was made on (its ETag); 428 without it',
      } as never);
    }
    if (route.query) {
      const qs = z.toJSONSchema(querySchemas[route.query], { io: 'input' }) as { properties?: Record<string, unknown> };
      for (const [name, schema] of Object.entries(qs.properties ?? {}))
        params.push({ name, in: 'query', required: false, schema } as never);
    }
    const errorResponses = Object.fromEntries(
      ['400', '401', '403', '404', '409', '412', '413', '415', ...(route.ifMatch ? ['428'] : []), '429'].map((s) => [
        s,
        {
          description: 'Problem',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      ]),
    );
    paths[route.path] ??= {};
    paths[route.path][route.method.toLowerCase()] = {
      operationId: route.id,
      summary: ROUTE_SUMMARIES[route.id as RouteId],
      ...(route.roles.length ? { security: [{ cognito: [] }], 'x-roles': route.roles } : { security: [] }),
      ...(params.length ? { parameters: params } : {}),
      ...(route.media
        ? {
            requestBody: {
              required: true,
              description: `A UTF-8 file of at most ${route.media.maxBytes} bytes, with a header row`,
              content: { [route.media.type]: { schema: { type: 'string' } } },
            },
          }
        : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: { $ref: `#/components/schemas/${route.body}` } } },
            },
          }
        : {}),
      responses: {
        [String(route.status)]: { description: 'Success', content: { 'application/json': {} } },
        ...errorResponses,
      },
    };
  }
  const schemas: Record<string, unknown> = { Problem: problem };
  for (const name of Object.keys(requestSchemas) as Array<keyof typeof requestSchemas>)
    schemas[name] = jsonSchemaOf(name);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Sakhi One-Stop Centre case API',
      version: '1.0.0',
      description: 'Cases, follow-ups, escalations and statistics of One-Stop Centres.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas,
      securitySchemes: { cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}

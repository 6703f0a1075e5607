// GET /openapi.json: the API's OpenAPI document, built once per process from the route table and schemas.
// Public and table-free, so it skips the HTTP factory (whose role checks read the staff roster) and carries
// no DynamoDB client: just the invocation's log context, and the document.

import middy from '@middy/core';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { openApiDocument } from '#shared/core/openapi.ts';
import { observed } from '../lib/observability.ts';

let body: string | undefined;

export const handler = middy<unknown, APIGatewayProxyResult>()
  .use(observed())
  .handler(async () => {
    body ??= JSON.stringify(openApiDocument());
    return {
      statusCode: 200,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'public, max-age=300',
        'x-content-type-options': 'nosniff',
      },
      body,
    };
  });

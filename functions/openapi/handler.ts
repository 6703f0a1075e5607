// GET /openapi.json: the API's OpenAPI document, built once per process from the route table and schemas.
import { httpHandler } from '../lib/http.ts';
import { openApiDocument } from '#shared/openapi.ts';

let doc: Record<string, unknown> | undefined;

export const handler = httpHandler({ route: 'openapi' }, async () => {
  doc ??= openApiDocument();
  return { body: doc, headers: { 'cache-control': 'public, max-age=300' } };
});

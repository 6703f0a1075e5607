// The route table is the one list of the API: every route has its handler, and each handler validates with
// exactly the schemas its route names (the ones API Gateway models and the OpenAPI document are built from).

import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROUTE_SUMMARIES } from '#shared/core/route-docs.ts';
import { ROUTES, type Route } from '#shared/core/routes.ts';
import { querySchemas, requestSchemas } from '#shared/schemas.ts';

describe('the route table', () => {
  it('has a handler for every route, a summary, and unique ids and method+path pairs', () => {
    const routes = ROUTES as readonly Route[];
    expect(new Set(routes.map((r) => r.id)).size).toBe(routes.length);
    expect(new Set(routes.map((r) => `${r.method} ${r.path}`)).size).toBe(routes.length);
    for (const r of routes) {
      expect(existsSync(`functions/${r.id}/handler.ts`), r.id).toBe(true);
      expect(ROUTE_SUMMARIES[r.id as keyof typeof ROUTE_SUMMARIES], r.id).toBeTruthy();
    }
  });

  it('every handler passes the body and query schemas its route names', async () => {
    for (const r of ROUTES as readonly Route[]) {
      if (r.id === 'openapi') continue; // public and table-free: no factory
      const mod = (await import(`../../functions/${r.id}/handler.ts`)) as {
        handler: { route: Route; bodySchema?: unknown; querySchema?: unknown };
      };
      expect(mod.handler.route.id, r.id).toBe(r.id);
      expect(mod.handler.bodySchema, r.id).toBe(r.body ? requestSchemas[r.body] : undefined);
      expect(mod.handler.querySchema, r.id).toBe(r.query ? querySchemas[r.query] : undefined);
    }
  });

  it('every route but the OpenAPI document needs a token', () => {
    const open = (ROUTES as readonly Route[]).filter((r) => r.roles.length === 0).map((r) => r.id);
    expect(open).toEqual(['openapi']);
  });
});

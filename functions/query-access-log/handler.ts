// GET /access-log?actor=&from=&to=: what one user read between two IST days (the state only), newest first,
// a page at a time: the cases with their numbers, and the lists, figures, reports and downloads. The first
// step in scoping a suspected breach (README, "A suspected data breach"). The query is itself recorded.

import { PRIVACY_ROUTES } from '#shared/privacy/routes.ts';
import { accessLogQuerySchema } from '#shared/privacy/schemas.ts';
import { accessLog, readAudit } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'query-access-log', routes: PRIVACY_ROUTES, query: accessLogQuerySchema },
  async ({ caller, query, now }) => {
    const page = await accessLog().byActor(query);
    const { actor, from, to } = query;
    await readAudit().listRead(caller, { actor, from, to }, page.items.length, now, 'ACCESS_LOG_QUERY');
    return { body: page };
  },
);

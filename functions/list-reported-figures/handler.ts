// GET /reported-figures?fy=&district=&centreId=: figures of earlier years as the state reported them, in the
// caller's scope (the state's own figures are published: everyone reads them). Counts only, no personal data.
import { areaOrNotFound } from '#shared/core/scope.ts';
import { OVERSIGHT_ROUTES } from '#shared/oversight/routes.ts';
import { reportedFiguresQuerySchema } from '#shared/oversight/schemas.ts';
import { centreStore, readAudit, reportedReads } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'list-reported-figures', routes: OVERSIGHT_ROUTES, query: reportedFiguresQuerySchema },
  async ({ caller, query, now }) => {
    const area = await areaOrNotFound(caller, query, (id) => centreStore().get(id));
    const items = (await reportedReads().list(area, query.fy)).sort(
      (a, b) =>
        a.fy.localeCompare(b.fy) ||
        (a.district ?? '').localeCompare(b.district ?? '') ||
        (a.centreId ?? '').localeCompare(b.centreId ?? '') ||
        (a.month ?? '').localeCompare(b.month ?? ''),
    );
    await readAudit().listRead(caller, { reportedFigures: query.fy ?? 'all', ...query }, items.length, now);
    return { body: { reportedFigures: true, items } };
  },
);

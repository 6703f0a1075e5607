// GET /reports/{kind}: weekly state reviews (state only), monthly district reports (a district officer sees
// her district's, the state all of them, optionally ?district=).

import { forbidden, notFound } from '#shared/core/errors.ts';
import type { ReportKind } from '#shared/oversight/report-store.ts';
import { OVERSIGHT_ROUTES } from '#shared/oversight/routes.ts';
import { reportsQuerySchema } from '#shared/oversight/schemas.ts';
import { reportStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'list-reports', routes: OVERSIGHT_ROUTES, query: reportsQuerySchema },
  async ({ caller, params, query }) => {
    const kind = params.kind as ReportKind;
    if (kind !== 'weekly' && kind !== 'monthly') throw notFound();
    if (kind === 'weekly' && caller.role !== 'state-admin')
      throw forbidden("The weekly review is the state corporation's");
    const district = caller.role === 'district-officer' ? caller.district : query.district;
    return { body: await reportStore().list(kind, kind === 'monthly' ? district : undefined) };
  },
);

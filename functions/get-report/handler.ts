// GET /reports/{kind}/{reportId}: one report, within the caller's scope (404 outside it).

import { forbidden, notFound } from '#shared/core/errors.ts';
import type { ReportKind } from '#shared/oversight/report-store.ts';
import { reportStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler({ route: 'get-report' }, async ({ caller, params }) => {
  const kind = params.kind as ReportKind;
  if (kind !== 'weekly' && kind !== 'monthly') throw notFound();
  if (kind === 'weekly' && caller.role !== 'state-admin')
    throw forbidden("The weekly review is the state corporation's");
  const report = await reportStore().get(kind, params.reportId);
  if (!report || (caller.role === 'district-officer' && report.district !== caller.district)) throw notFound();
  return { body: report };
});

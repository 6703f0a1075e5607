// GET /reports/{kind}/{reportId}: one report, within the caller's scope (404 outside it). Audited as a read
// (figures only, but every report read is in the access log, as every download is).

import { forbidden, notFound } from '#shared/core/errors.ts';
import type { ReportKind } from '#shared/oversight/report-store.ts';
import { OVERSIGHT_ROUTES } from '#shared/oversight/routes.ts';
import { readAudit, reportStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'get-report', routes: OVERSIGHT_ROUTES },
  async ({ caller, params, now }) => {
    const kind = params.kind as ReportKind;
    if (kind !== 'weekly' && kind !== 'monthly') throw notFound();
    if (kind === 'weekly' && caller.role !== 'state-admin')
      throw forbidden("The weekly review is the state corporation's");
    const report = await reportStore().get(kind, params.reportId);
    if (!report || (caller.role === 'district-officer' && report.district !== caller.district)) throw notFound();
    await readAudit().listRead(caller, { kind, reportId: params.reportId }, 1, now, 'REPORT_READ');
    return { body: report };
  },
);

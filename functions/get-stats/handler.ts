// GET /stats?fy=&district=&centreId=: the oversight figures. District officers see their district, centre
// roles their centre, the state everything. Read from counters: O(centres), never O(cases).

import { notFound } from '#shared/core/errors.ts';
import { isCentreRole, ownCentre } from '#shared/core/principal.ts';
import { financialYear, istDate } from '#shared/core/time.ts';
import type { StatsQuery } from '#shared/oversight/schemas.ts';
import { statsQuerySchema } from '#shared/oversight/schemas.ts';
import { readStats, type StatsScope } from '#shared/oversight/stats.ts';
import { centreStore, docClient, readAudit, runtimeConfig } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

const SMALL_CELL = Number(process.env.STATS_SMALL_CELL ?? 5);

export const handler = httpHandler({ route: 'get-stats', query: statsQuerySchema }, async ({ caller, query, now }) => {
  const q = query as StatsQuery;
  const doc = docClient();
  const config = runtimeConfig();
  const centres = centreStore();
  const scope: StatsScope = {};
  if (q.centreId) {
    const centre = await centres.get(q.centreId);
    if (!centre) throw notFound();
    scope.centreId = centre.centreId;
    scope.district = centre.district;
  } else if (q.district) {
    scope.district = q.district;
  }
  // Narrow to the caller's own scope; asking for another is "not found", as for cases.
  if (isCentreRole(caller)) {
    if (scope.centreId && scope.centreId !== caller.centreId) throw notFound();
    const own = await centres.get(ownCentre(caller));
    scope.centreId = caller.centreId;
    scope.district = own?.district;
  } else if (caller.role === 'district-officer') {
    if (scope.district && scope.district !== caller.district) throw notFound();
    scope.district = caller.district;
  }
  const fy = q.fy ?? financialYear(now);
  const stats = await readStats(doc, config.tableName, fy, scope, istDate(now), SMALL_CELL);
  await readAudit().listRead(caller, { stats: fy, ...scope }, 1, now);
  return { body: stats };
});

// GET /stats?fy=&district=&centreId=: the oversight figures. District officers see their district, centre
// roles their centre, the state everything. Read from counters: O(centres), never O(cases). Beside them, in a
// `reported` block of their own, the figures the state reported for earlier years (never added to the live ones).

import { config } from '#shared/core/config.ts';
import { areaOrNotFound } from '#shared/core/scope.ts';
import { financialYear, istDate } from '#shared/core/time.ts';
import { reportedBlock } from '#shared/oversight/beside.ts';
import { OVERSIGHT_ROUTES } from '#shared/oversight/routes.ts';
import type { StatsQuery } from '#shared/oversight/schemas.ts';
import { statsQuerySchema } from '#shared/oversight/schemas.ts';
import { readStats, type StatsScope } from '#shared/oversight/stats.ts';
import { centreStore, docClient, readAudit, reportedReads, tableName } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'get-stats', routes: OVERSIGHT_ROUTES, query: statsQuerySchema },
  async ({ caller, query, now }) => {
    const q = query as StatsQuery;
    // The caller's own scope, narrowed by the query; asking for another is "not found", as for cases.
    const area = await areaOrNotFound(caller, q, (id) => centreStore().get(id));
    const scope: StatsScope =
      area.kind === 'centre'
        ? { centreId: area.centreId, ...(area.district ? { district: area.district } : {}) }
        : area.kind === 'district'
          ? { district: area.district }
          : {};
    const fy = q.fy ?? financialYear(now);
    // The state's figures below the state are protected; a district's or a centre's own people see theirs exact.
    const exact = caller.role === 'state-admin' ? 'state' : 'own';
    const [stats, reported] = await Promise.all([
      readStats(docClient(), tableName(), fy, scope, istDate(now), config().smallCellThreshold, exact),
      // Earlier years as the state reported them: beside the live figures, never in them.
      reportedBlock(docClient(), tableName(), reportedReads(), area, fy),
    ]);
    // Each year's live total of a district or centre, for the state, is the protected figure that year's own
    // page shows, never the exact count (which would give a small or withheld figure away).
    if (exact === 'state' && area.kind !== 'state') {
      for (const year of reported.years) {
        const theirs =
          year.fy === fy
            ? stats
            : await readStats(
                docClient(),
                tableName(),
                year.fy,
                scope,
                istDate(now),
                config().smallCellThreshold,
                exact,
              );
        year.live = { registered: theirs.registered, resolved: theirs.resolved };
      }
    }
    await readAudit().listRead(caller, { stats: fy, ...scope }, 1, now);
    return { body: { ...stats, reported } };
  },
);

// POST /reported-figures (state): figures of earlier years typed in as the state reported them. Stored apart
// from the live counters; a figure for the same place and period is replaced (a correction).

import { OVERSIGHT_ROUTES } from '#shared/oversight/routes.ts';
import { recordReportedFiguresSchema } from '#shared/oversight/schemas.ts';
import { reportedFigures } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'record-reported-figures', routes: OVERSIGHT_ROUTES, body: recordReportedFiguresSchema },
  async ({ caller, body, now, change }) => {
    const figures = await reportedFigures().record(body.figures, caller, now, change);
    return { body: { figures, reportedFigures: true } };
  },
);

// POST /exports { what, name, rows }: the form made a download itself (a CSV of the figures on screen) and
// records it before saving the file, so every download is in the access log like every read.

import { PRIVACY_ROUTES } from '#shared/privacy/routes.ts';
import { recordExportSchema } from '#shared/privacy/schemas.ts';
import { readAudit } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'record-export', routes: PRIVACY_ROUTES, body: recordExportSchema },
  async ({ caller, body, now, change }) => {
    const { at } = await readAudit().listRead(
      caller,
      { what: body.what, name: body.name },
      body.rows,
      now,
      'EXPORT',
      change.idempotency,
    );
    return { body: { recorded: true, at, what: body.what, name: body.name } };
  },
);

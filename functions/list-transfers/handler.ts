// GET /transfers?direction=incoming|outgoing: the transfers into or out of the administrator's centre, by
// case number, categories and risk, never who she is. Audited as a list read.

import { TRANSFER_ROUTES } from '#shared/transfers/routes.ts';
import { listTransfersQuerySchema } from '#shared/transfers/schemas.ts';
import { readAudit, transferStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'list-transfers', routes: TRANSFER_ROUTES, query: listTransfersQuerySchema },
  async ({ caller, query, now }) => {
    const list = await transferStore().list(caller, query);
    await readAudit().listRead(
      caller,
      { transfers: query.direction ?? 'incoming', status: query.status },
      list.length,
      now,
    );
    return { body: list };
  },
);

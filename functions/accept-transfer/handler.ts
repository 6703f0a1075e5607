// POST /transfers/{transferId}/accept: the receiving centre's administrator takes the case over, in one
// transaction with everything that moves with it (see shared/transfers/accept.ts).
import { acceptTransfer } from '#shared/transfers/accept.ts';
import { TRANSFER_ROUTES } from '#shared/transfers/routes.ts';
import { acceptTransferSchema } from '#shared/transfers/schemas.ts';
import { transferStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'accept-transfer', routes: TRANSFER_ROUTES, body: acceptTransferSchema },
  async ({ caller, params, body, now, change }) => ({
    body: await acceptTransfer(transferStore(), params.transferId, caller, body, now, change),
  }),
);

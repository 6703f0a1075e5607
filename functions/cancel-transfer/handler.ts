// POST /transfers/{transferId}/cancel: the sending centre's administrator withdraws a transfer still waiting.

import { TRANSFER_ROUTES } from '#shared/transfers/routes.ts';
import { cancelTransferSchema } from '#shared/transfers/schemas.ts';
import { answerOf } from '#shared/transfers/store.ts';
import { transferStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'cancel-transfer', routes: TRANSFER_ROUTES, body: cancelTransferSchema },
  async ({ caller, params, body, now, change }) => ({
    body: answerOf(
      await transferStore().close(params.transferId, caller, { kind: 'CANCELLED', input: body }, now, change),
    ),
  }),
);

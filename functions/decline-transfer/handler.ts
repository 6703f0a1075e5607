// POST /transfers/{transferId}/decline: the receiving centre's administrator declines; the case stays.

import { TRANSFER_ROUTES } from '#shared/transfers/routes.ts';
import { declineTransferSchema } from '#shared/transfers/schemas.ts';
import { answerOf } from '#shared/transfers/store.ts';
import { transferStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'decline-transfer', routes: TRANSFER_ROUTES, body: declineTransferSchema },
  async ({ caller, params, body, now, change }) => ({
    body: answerOf(
      await transferStore().close(params.transferId, caller, { kind: 'DECLINED', input: body }, now, change),
    ),
  }),
);

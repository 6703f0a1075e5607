// POST /cases/{caseId}/transfers: the case's centre administrator asks another centre to take the case over;
// 202, as the receiving centre answers later. One waiting transfer per case (409 for a second).

import { TRANSFER_ROUTES } from '#shared/transfers/routes.ts';
import { requestTransferSchema } from '#shared/transfers/schemas.ts';
import { transferStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'request-transfer', routes: TRANSFER_ROUTES, body: requestTransferSchema },
  async ({ caller, params, body, now, change }) => {
    const t = await transferStore().request(params.caseId, caller, body, now, change);
    return {
      body: {
        transferId: t.transferId,
        status: t.status,
        caseId: t.caseId,
        caseNumber: t.caseNumber,
        fromCentreId: t.fromCentreId,
        toCentreId: t.toCentreId,
      },
    };
  },
);

// POST /cases/{caseId}/legal-hold { hold, reason }: place or lift a legal hold (centre administrator of the
// case's centre, the state). A held case is never anonymised; the reason is in history. 409 when the hold is
// already as asked, or the case was anonymised.
import { viewOf } from '#shared/cases/views.ts';
import { setLegalHold } from '#shared/privacy/legal-hold.ts';
import { PRIVACY_ROUTES } from '#shared/privacy/routes.ts';
import { legalHoldSchema } from '#shared/privacy/schemas.ts';
import { caseChanges } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'set-legal-hold', routes: PRIVACY_ROUTES, body: legalHoldSchema },
  async ({ caller, params, body, now, change }) => {
    const c = await setLegalHold(caseChanges(), params.caseId, caller, body, now, change);
    return { body: viewOf(c, caller), headers: { etag: `"${c.version}"` } };
  },
);

// POST /cases/{caseId}/consent: change her consent (services, sharing with the police, phone calls); each
// change is dated in the history. 400 when no flag given differs from what the case has.
import { changeConsent } from '#shared/cases/consent.ts';
import { CASE_ROUTES } from '#shared/cases/routes.ts';
import { changeConsentSchema } from '#shared/cases/schemas.ts';
import { viewOf } from '#shared/cases/views.ts';
import { caseChanges } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'change-consent', routes: CASE_ROUTES, body: changeConsentSchema },
  async ({ caller, params, body, now, change }) => {
    const updated = await changeConsent(caseChanges(), params.caseId, caller, body, now, change);
    return { body: viewOf(updated, caller), headers: { etag: `"${updated.version}"` } };
  },
);

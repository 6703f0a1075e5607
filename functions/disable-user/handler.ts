// POST /users/{username}/disable (state): disable a sign-in, in practice a district officer's or a state
// user's (centre staff are deactivated on their roster). Her tokens are refused within seconds on every
// warm Lambda, and the account-sync consumer disables her Cognito user and ends her sessions.
import { notFound } from '#shared/core/errors.ts';
import { NETWORK_ROUTES } from '#shared/network/routes.ts';
import { changeUserAccessSchema, USERNAME } from '#shared/network/schemas.ts';
import { userAccess } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'disable-user', routes: NETWORK_ROUTES, body: changeUserAccessSchema },
  async ({ caller, params, body, now, change }) => {
    if (!USERNAME.test(params.username)) throw notFound();
    return { body: await userAccess().disable(params.username, body, caller, now, change) };
  },
);

// POST /users/{username}/enable (state): enable a disabled sign-in again (the account-sync consumer enables
// the Cognito user; she signs in anew).
import { notFound } from '#shared/core/errors.ts';
import { NETWORK_ROUTES } from '#shared/network/routes.ts';
import { changeUserAccessSchema, USERNAME } from '#shared/network/schemas.ts';
import { userAccess } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'enable-user', routes: NETWORK_ROUTES, body: changeUserAccessSchema },
  async ({ caller, params, body, now, change }) => {
    if (!USERNAME.test(params.username)) throw notFound();
    return { body: await userAccess().enable(params.username, body, caller, now, change) };
  },
);

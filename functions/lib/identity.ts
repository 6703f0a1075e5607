// The identity port for the staff handlers: Cognito in Lambda; the local runtime sets its own.
import { CognitoIdentity } from '#shared/aws/cognito-identity.ts';
import type { IdentityPort } from '#shared/network/identity.ts';

let identity: IdentityPort | undefined;

export function identityPort(): IdentityPort {
  if (!identity) {
    const pool = process.env.USER_POOL_ID;
    if (!pool) throw new Error('Missing environment variable USER_POOL_ID');
    identity = new CognitoIdentity(pool);
  }
  return identity;
}

export function setIdentity(i: IdentityPort): void {
  identity = i;
}

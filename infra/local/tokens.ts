// Locally signed tokens with the same claims the Cognito authorizer passes to the handlers in AWS. Like
// Cognito's, each names its issuer and audience and expires: a token without an expiry, or one minted for
// another audience or by another issuer (even with the same secret), is refused.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jwtVerify, SignJWT } from 'jose';
import { PRIVATE_FILE_MODE, privateDir } from './private-files.ts';
import type { LocalUser } from './seed.ts';

export const LOCAL_TOKEN_ISSUER = 'sakhi-osc-local';
export const LOCAL_TOKEN_AUDIENCE = 'sakhi-osc-local-api';

export class LocalTokens {
  private constructor(private readonly secret: Uint8Array) {}

  /** A secret kept in the data folder, so tokens survive a restart; in memory when there is no folder. */
  static open(dataDir?: string): LocalTokens {
    if (!dataDir) return new LocalTokens(randomBytes(32));
    privateDir(dataDir);
    const file = join(dataDir, 'token-secret');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: PRIVATE_FILE_MODE });
    return new LocalTokens(Buffer.from(readFileSync(file, 'utf8'), 'base64'));
  }

  async sign(user: LocalUser): Promise<string> {
    const claims: Record<string, string> = { 'cognito:username': user.username, 'cognito:groups': user.role };
    if (user.centreId) claims['custom:centreId'] = user.centreId;
    if (user.district) claims['custom:district'] = user.district;
    if (user.staffId) claims['custom:staffId'] = user.staffId;
    // A control room's machine client: in AWS a client-credentials access token with the intake scope.
    if (user.role === 'helpline') {
      claims.scope = 'sakhi/referrals.write';
      claims.client_id = user.username;
    }
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(`local-${user.username}`)
      .setIssuedAt()
      .setIssuer(LOCAL_TOKEN_ISSUER)
      .setAudience(LOCAL_TOKEN_AUDIENCE)
      .setExpirationTime('12h')
      .sign(this.secret);
  }

  /** The claims of a valid token, or undefined (the server then answers 401 as API Gateway would). */
  async verify(token: string): Promise<Record<string, unknown> | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        algorithms: ['HS256'],
        issuer: LOCAL_TOKEN_ISSUER,
        audience: LOCAL_TOKEN_AUDIENCE,
        requiredClaims: ['exp', 'sub'],
      });
      return payload as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
}

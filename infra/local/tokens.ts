// Locally signed tokens with the same claims the Cognito authorizer passes to the handlers in AWS.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jwtVerify, SignJWT } from 'jose';
import type { LocalUser } from './seed.ts';

export class LocalTokens {
  private constructor(private readonly secret: Uint8Array) {}

  /** A secret kept in the data folder, so tokens survive a restart; in memory when there is no folder. */
  static open(dataDir?: string): LocalTokens {
    if (!dataDir) return new LocalTokens(randomBytes(32));
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'token-secret');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
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
      .setIssuer('sakhi-osc-local')
      .setExpirationTime('12h')
      .sign(this.secret);
  }

  /** The claims of a valid token, or undefined (the server then answers 401 as API Gateway would). */
  async verify(token: string): Promise<Record<string, unknown> | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.secret, { issuer: 'sakhi-osc-local' });
      return payload as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
}

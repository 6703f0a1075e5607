// Who may sign in: the staff of the centres, district officers, the state, and the helpline integrations.
// Accounts are created by administrators only (no self sign-up); each user sits in one group named after its
// role (shared/schemas.ts ROLES, the names the handlers read from `cognito:groups`), and carries its centre,
// district and staff id as custom attributes that only administrators can change.
import { Duration, Lazy, type RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES, type Role } from '#shared/schemas.ts';

export interface AuthProps {
  removalPolicy: RemovalPolicy;
  deletionProtection: boolean;
  /** Where the staff form lives: the sign-in redirects go back there (more with `addRedirectUrl`). */
  redirectUrls: string[];
  /**
   * The hosted sign-in's domain prefix (https://<prefix>.auth.<region>.amazoncognito.com). Unique per region
   * across AWS, so derive it from the stage and the account rather than fixing it.
   */
  domainPrefix: string;
}

/** Until the form has an address, sign-in redirects only to a form served on this machine. */
export const LOCAL_REDIRECT_URL = 'http://localhost:3000/';

/** Lower wins when a user is in two groups; mirrors the handlers' "most privileged group decides". */
const PRECEDENCE: Record<Role, number> = {
  'state-admin': 0,
  'district-officer': 10,
  'centre-admin': 20,
  'centre-staff': 30,
  helpline: 40,
};

export const CUSTOM_ATTRIBUTES = ['centreId', 'district', 'staffId'] as const;

export class Auth extends Construct {
  readonly userPool: cognito.UserPool;
  /** The staff form: a public client (no secret) using the authorization code grant with PKCE. */
  readonly webClient: cognito.UserPoolClient;
  readonly groups: Record<Role, cognito.UserPoolGroup>;
  /** The hosted sign-in (authorize, token and logout endpoints) the staff form redirects to. */
  readonly domain: cognito.UserPoolDomain;
  private readonly redirectUrls: string[];

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    this.redirectUrls = [...props.redirectUrls];

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: Object.fromEntries(
        CUSTOM_ATTRIBUTES.map((name) => [name, new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true })]),
      ),
      // Staff accounts open survivors' records: a second factor is not optional. TOTP (an authenticator
      // app) rather than SMS, which costs per message and needs its own DLT template.
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Plus: compromised-credential checks and adaptive authentication (blocks risky sign-ins) for a few
      // hundred staff; the cost is small against what a stolen account would expose.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removalPolicy,
    });

    this.groups = Object.fromEntries(
      ROLES.map((role) => [
        role,
        new cognito.UserPoolGroup(this, `Group-${role}`, {
          userPool: this.userPool,
          groupName: role,
          precedence: PRECEDENCE[role],
          description: `Sakhi OSC role ${role}`,
        }),
      ]),
    ) as Record<Role, cognito.UserPoolGroup>;

    // Users read their own profile but may never move themselves to another centre or district: the
    // custom attributes are readable, not writable, by the client.
    const standard = { email: true, fullname: true, locale: true, phoneNumber: true };
    // Read at synthesis, so a construct added later (the web distribution) can still register its URL.
    const redirects = Lazy.list({ produce: () => (this.redirectUrls.length ? this.redirectUrls : [LOCAL_REDIRECT_URL]) });
    this.webClient = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: redirects,
        logoutUrls: redirects,
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // A working day at a centre; then sign in again.
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes(standard)
        .withCustomAttributes(...CUSTOM_ATTRIBUTES),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true, locale: true }),
    });

    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });
  }

  /** Lets the staff form at this URL (e.g. `https://<cloudfront domain>/`) receive sign-in redirects. */
  addRedirectUrl(url: string): void {
    this.redirectUrls.push(url);
  }
}

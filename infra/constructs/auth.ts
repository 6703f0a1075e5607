// Who may sign in: the staff of the centres, district officers, the state, and the helpline integrations.
// Accounts are created by administrators only (no self sign-up); each user sits in one group named after its
// role (shared/schemas.ts ROLES, the names the handlers read from `cognito:groups`), and carries its centre,
// district and staff id as custom attributes that only administrators can change.

import { Duration, Lazy, type RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ENV } from '#shared/core/config.ts';
import type { IntakeClients } from '#shared/core/principal.ts';
import { INTAKE_RESOURCE_SERVER, REFERRALS_WRITE_SCOPE } from '#shared/core/routes.ts';
import { type IntakeSource, ROLES, type Role } from '#shared/core/vocabulary.ts';

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

/** `intakeSource`: the control room (HELPLINE_181 / ERSS_112) of a desk operator in the helpline group. */
export const CUSTOM_ATTRIBUTES = ['centreId', 'district', 'staffId', 'intakeSource'] as const;

/**
 * The control rooms that refer women by machine, one app client each (client-credentials grant, its own
 * secret, the referrals.write scope only). To rotate a secret: add a second entry for that control room,
 * deploy, hand it over, remove the old one, deploy (see the README runbook). `source` is the one referral
 * source the client may use: the intake handlers learn it from the client id (INTAKE_CLIENTS).
 */
export const MACHINE_CLIENTS = [
  { id: 'Helpline181', description: '181 Women Helpline control room', source: 'HELPLINE_181' },
  { id: 'Erss112', description: '112 Emergency Response Support System control room', source: 'ERSS_112' },
] as const satisfies ReadonlyArray<{ id: string; description: string; source: IntakeSource }>;
export type MachineClientId = (typeof MACHINE_CLIENTS)[number]['id'];

/** What is done to staff sign-ins (create, place in a group, disable, enable, sign out, update attributes). */
export const STAFF_ACCOUNT_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminUserGlobalSignOut',
  'cognito-idp:AdminUpdateUserAttributes',
] as const;

export class Auth extends Construct {
  readonly userPool: cognito.UserPool;
  /** The staff form: a public client (no secret) using the authorization code grant with PKCE. */
  readonly webClient: cognito.UserPoolClient;
  readonly groups: Record<Role, cognito.UserPoolGroup>;
  /** The hosted sign-in (authorize, token and logout endpoints) the staff form redirects to. */
  readonly domain: cognito.UserPoolDomain;
  /** The API as an OAuth resource server (`sakhi`), with the scope the machine clients get. */
  readonly resourceServer: cognito.UserPoolResourceServer;
  readonly referralsWriteScope: cognito.OAuthScope;
  /** One confidential client per control room, by MACHINE_CLIENTS id. */
  readonly machineClients: Record<MachineClientId, cognito.UserPoolClient>;
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
    const redirects = Lazy.list({
      produce: () => (this.redirectUrls.length ? this.redirectUrls : [LOCAL_REDIRECT_URL]),
    });
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

    // Machine-to-machine intake: the control rooms get access tokens for the `sakhi/referrals.write` scope
    // at the domain's /oauth2/token with their id and secret; the API accepts only that scope on the
    // routes that name it (shared/routes.ts `scopes`).
    const referralsWrite = new cognito.ResourceServerScope({
      scopeName: REFERRALS_WRITE_SCOPE,
      scopeDescription: 'Refer a woman to a One-Stop Centre (181 / 112 control rooms)',
    });
    this.resourceServer = this.userPool.addResourceServer('ResourceServer', {
      identifier: INTAKE_RESOURCE_SERVER,
      userPoolResourceServerName: 'Sakhi OSC API',
      scopes: [referralsWrite],
    });
    this.referralsWriteScope = cognito.OAuthScope.resourceServer(this.resourceServer, referralsWrite);
    this.machineClients = Object.fromEntries(
      MACHINE_CLIENTS.map(({ id: clientId, description }) => {
        const client = this.userPool.addClient(`${clientId}Client`, {
          userPoolClientName: description,
          generateSecret: true,
          oAuth: { flows: { clientCredentials: true }, scopes: [this.referralsWriteScope] },
          supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
          enableTokenRevocation: true,
          preventUserExistenceErrors: true,
          accessTokenValidity: Duration.hours(1),
        });
        // No user sign-in through a machine client: without this, Cognito would allow SRP and custom auth.
        (client.node.defaultChild as cognito.CfnUserPoolClient).explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];
        return [clientId, client];
      }),
    ) as Record<MachineClientId, cognito.UserPoolClient>;
  }

  /**
   * What the handler that manages staff sign-ins (account-sync) needs: USER_POOL_ID and exactly the admin
   * actions on staff accounts, on this user pool only.
   */
  staffAdministration(): { environment: Record<string, string>; policyStatements: iam.PolicyStatement[] } {
    return {
      environment: { [ENV.userPoolId]: this.userPool.userPoolId },
      policyStatements: [
        new iam.PolicyStatement({ actions: [...STAFF_ACCOUNT_ACTIONS], resources: [this.userPool.userPoolArn] }),
      ],
    };
  }

  /** Which machine client is which control room: the intake handlers' INTAKE_CLIENTS (client ids are tokens). */
  intakeClients(): IntakeClients {
    const clients: Partial<Record<IntakeSource, string[]>> = {};
    for (const c of MACHINE_CLIENTS) {
      clients[c.source] = [...(clients[c.source] ?? []), this.machineClients[c.id].userPoolClientId];
    }
    return clients;
  }

  /** Lets the staff form at this URL (e.g. `https://<cloudfront domain>/`) receive sign-in redirects. */
  addRedirectUrl(url: string): void {
    this.redirectUrls.push(url);
  }
}

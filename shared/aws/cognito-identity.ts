// The Cognito adapter of the identity port.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { IdentityPort, NewAccount } from '../network/identity.ts';

export class CognitoIdentity implements IdentityPort {
  constructor(
    private readonly userPoolId: string,
    private readonly cognito = new CognitoIdentityProviderClient({}),
  ) {}

  async createAccount(a: NewAccount): Promise<void> {
    try {
      await this.cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: a.username,
          // The invitation with the temporary password goes by e-mail (the roster requires one for a sign-in).
          DesiredDeliveryMediums: ['EMAIL'],
          UserAttributes: [
            { Name: 'phone_number', Value: a.phone },
            ...(a.email
              ? [
                  { Name: 'email', Value: a.email },
                  { Name: 'email_verified', Value: 'true' },
                ]
              : []),
            { Name: 'custom:centreId', Value: a.centreId },
            { Name: 'custom:district', Value: a.district },
            { Name: 'custom:staffId', Value: a.staffId },
          ],
        }),
      );
    } catch (err) {
      if ((err as { name?: string }).name !== 'UsernameExistsException') throw err;
    }
    await this.cognito.send(
      new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: a.username, GroupName: a.role }),
    );
  }

  async setEnabled(username: string, enabled: boolean): Promise<void> {
    if (enabled) {
      await this.cognito.send(new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: username }));
      return;
    }
    await this.cognito.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: username }));
    await this.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: username }));
  }
}

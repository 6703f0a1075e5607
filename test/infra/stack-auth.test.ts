// Each stage's sign-in as synthesized: the user pool (no self sign-up, MFA, password policy, custom
// attributes), one group per role, the staff form's PKCE client, the control rooms' client-credentials clients
// and the hosted sign-in domain.
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { CUSTOM_ATTRIBUTES, MACHINE_CLIENTS } from '../../infra/constructs/auth.ts';
import { STAGES } from '../../infra/stage-config.ts';
import { INTAKE_RESOURCE_SERVER, REFERRALS_WRITE_SCOPE } from '../../shared/core/routes.ts';
import { ROLES } from '../../shared/core/vocabulary.ts';
import { joinedText, logicalIdOf, resourcesOf, synthStage, WITHOUT_CFN_VALIDATION } from './synth.ts';

describe.each(STAGES)('stage %s', (stage) => {
  const s = () => synthStage(stage, WITHOUT_CFN_VALIDATION);

  describe('sign-in', () => {
    it('admits no self sign-up, requires MFA and a strong password, on the Plus plan', () => {
      s().template.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        MfaConfiguration: 'ON',
        UserPoolTier: 'PLUS',
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
        Schema: Match.arrayWith(
          CUSTOM_ATTRIBUTES.map((name) => Match.objectLike({ Name: name, Mutable: true, AttributeDataType: 'String' })),
        ),
      });
    });

    it('has one group per role', () => {
      const groups = Object.values(resourcesOf(s().template, 'AWS::Cognito::UserPoolGroup')).map(
        (g) => g.Properties?.GroupName,
      );
      expect(groups.sort()).toEqual([...ROLES].sort());
    });

    it('gives the staff form a public code+PKCE client that cannot change its own centre or district', () => {
      s().template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        GenerateSecret: false,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthFlowsUserPoolClient: true,
        ReadAttributes: Match.arrayWith(CUSTOM_ATTRIBUTES.map((a) => `custom:${a}`)),
      });
      const client = s().template.toJSON().Resources[logicalIdOf(s().stack.auth.webClient)];
      expect(((client.Properties?.WriteAttributes ?? []) as string[]).filter((a) => a.startsWith('custom:'))).toEqual(
        [],
      );
      // Sign-in redirects only to the form on this stage's CloudFront distribution.
      const form = [
        {
          'Fn::Join': [
            '',
            ['https://', { 'Fn::GetAtt': [logicalIdOf(s().stack.web.distribution), 'DomainName'] }, '/'],
          ],
        },
      ];
      expect(client.Properties?.CallbackURLs).toEqual(form);
      expect(client.Properties?.LogoutURLs).toEqual(form);
    });

    it('gives each control room (181, 112) a client-credentials client with a secret and the referrals.write scope only', () => {
      const servers = Object.values(resourcesOf(s().template, 'AWS::Cognito::UserPoolResourceServer'));
      expect(servers.map((r) => r.Properties)).toEqual([
        expect.objectContaining({
          Identifier: INTAKE_RESOURCE_SERVER,
          Scopes: [expect.objectContaining({ ScopeName: REFERRALS_WRITE_SCOPE })],
        }),
      ]);
      expect(Object.keys(s().stack.auth.machineClients).sort()).toEqual(MACHINE_CLIENTS.map((c) => c.id).sort());
      // The scope names the resource server by reference (its id is its identifier, `sakhi`).
      const scope = `<Ref:${Object.keys(resourcesOf(s().template, 'AWS::Cognito::UserPoolResourceServer'))[0]}>/${REFERRALS_WRITE_SCOPE}`;
      for (const client of Object.values(s().stack.auth.machineClients)) {
        const props = s().template.toJSON().Resources[logicalIdOf(client)].Properties;
        expect(props).toMatchObject({
          GenerateSecret: true,
          AllowedOAuthFlows: ['client_credentials'],
          AllowedOAuthFlowsUserPoolClient: true,
          ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
        });
        expect(props.AllowedOAuthScopes.map(joinedText)).toEqual([scope]);
      }
      for (const { id } of MACHINE_CLIENTS) s().template.hasOutput(`${id}ClientId`, {});
    });

    it('has a hosted sign-in domain unique to the stage and the account', () => {
      s().template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
        Domain: { 'Fn::Join': ['', [`sakhi-osc-${stage}-`, { Ref: 'AWS::AccountId' }]] },
      });
      s().template.hasOutput('SignInUrl', {});
    });
  });
});

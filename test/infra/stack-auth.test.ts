// Each stage's sign-in as synthesized: the user pool (no self sign-up, MFA, password policy, custom
// attributes), one group per role, the staff form's PKCE client, the control rooms' client-credentials clients
// and the hosted sign-in domain.
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { STAGES } from '../../infra/stage-config.ts';
import { joinedText, logicalIdOf, resourcesOf, synthStage, WITHOUT_CFN_VALIDATION } from './synth.ts';

/**
 * The attributes the API scopes every request by (custom:centreId, ...; a control-room desk operator's
 * custom:intakeSource): set by admins only.
 */
const CUSTOM_ATTRIBUTES = ['centreId', 'district', 'staffId', 'intakeSource'];
/** The roles of shared/core/vocabulary.ts, as the group names an ID token carries (cognito:groups). */
const ROLES = ['centre-admin', 'centre-staff', 'district-officer', 'helpline', 'state-admin'];
/** The control rooms that refer by machine: the stack output of each client id, and its name. */
const MACHINE_CLIENTS = {
  Helpline181ClientId: '181 Women Helpline control room',
  Erss112ClientId: '112 Emergency Response Support System control room',
};

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
      expect(groups.sort()).toEqual(ROLES);
    });

    it('gives the staff form a public code+PKCE client that cannot change its own centre or district', () => {
      s().template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        GenerateSecret: false,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthFlowsUserPoolClient: true,
      });
      const client = s().template.toJSON().Resources[logicalIdOf(s().stack.auth.webClient)];
      expect(client.Properties?.ReadAttributes).toEqual(
        expect.arrayContaining(CUSTOM_ATTRIBUTES.map((a) => `custom:${a}`)),
      );
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

    it('gives each control room (181, 112) a client-credentials client, with a secret, for referrals.write', () => {
      const servers = resourcesOf(s().template, 'AWS::Cognito::UserPoolResourceServer');
      expect(Object.values(servers).map((r) => r.Properties)).toEqual([
        expect.objectContaining({
          Identifier: 'sakhi',
          Scopes: [expect.objectContaining({ ScopeName: 'referrals.write' })],
        }),
      ]);
      // The scope names the resource server by reference (its id is its identifier, `sakhi`).
      const scope = `<Ref:${Object.keys(servers)[0]}>/referrals.write`;
      // Every client-credentials client of the pool, as the template has them: one per control room.
      const resources = s().template.toJSON().Resources;
      const machine = Object.entries(resourcesOf(s().template, 'AWS::Cognito::UserPoolClient')).filter(([, c]) =>
        ((c.Properties?.AllowedOAuthFlows ?? []) as string[]).includes('client_credentials'),
      );
      expect(machine.map(([, c]) => c.Properties?.ClientName).sort()).toEqual(Object.values(MACHINE_CLIENTS).sort());
      for (const [id, client] of machine) {
        expect(client.Properties, id).toMatchObject({
          GenerateSecret: true,
          AllowedOAuthFlows: ['client_credentials'],
          AllowedOAuthFlowsUserPoolClient: true,
          ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
        });
        expect(((client.Properties?.AllowedOAuthScopes ?? []) as unknown[]).map(joinedText), id).toEqual([scope]);
      }
      // Each control room's client id is an output, for handing over.
      for (const [output, name] of Object.entries(MACHINE_CLIENTS)) {
        const ref = (s().template.toJSON().Outputs[output]?.Value as { Ref?: string } | undefined)?.Ref;
        expect(resources[ref ?? '']?.Properties?.ClientName, output).toBe(name);
      }
    });

    it('tells the two intake handlers, and no other, which machine client is which control room', () => {
      const clients = Object.entries(resourcesOf(s().template, 'AWS::Cognito::UserPoolClient'));
      const clientRef = (name: string) => `<Ref:${clients.find(([, c]) => c.Properties?.ClientName === name)?.[0]}>`;
      const settingOf = (f: { Properties?: Record<string, unknown> }) =>
        (f.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables?.INTAKE_CLIENTS;
      const withSetting = Object.values(resourcesOf(s().template, 'AWS::Lambda::Function')).filter(settingOf);
      expect(withSetting.map((f) => f.Properties?.Description).sort()).toEqual(['POST /cases', 'POST /referrals']);
      for (const f of withSetting) {
        expect(JSON.parse(joinedText(settingOf(f)))).toEqual({
          HELPLINE_181: [clientRef(MACHINE_CLIENTS.Helpline181ClientId)],
          ERSS_112: [clientRef(MACHINE_CLIENTS.Erss112ClientId)],
        });
      }
    });

    it('has a hosted sign-in domain unique to the stage and the account', () => {
      s().template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
        Domain: { 'Fn::Join': ['', [`sakhi-osc-${stage}-`, { Ref: 'AWS::AccountId' }]] },
      });
      s().template.hasOutput('SignInUrl', {});
    });
  });
});

// Each stage's REST API as synthesized: one method per route of shared/routes.ts (so a new route is covered
// without editing here), the authorizer and scopes, request models and validation, throttling, access logs,
// the gateway's own error answers and the WAF.
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { isPublic, isScoped } from '../../infra/constructs/api.ts';
import { loadStageConfig, STAGES } from '../../infra/stage-config.ts';
import { jsonSchemaOf } from '../../shared/core/openapi.ts';
import { INTAKE_RESOURCE_SERVER, REFERRALS_WRITE_SCOPE, ROUTES, type Route } from '../../shared/core/routes.ts';
import { logicalIdOf, resourcesOf, type Synthesized, synthStage, WITHOUT_CFN_VALIDATION } from './synth.ts';

const routes = ROUTES as readonly Route[];

/** "METHOD /path" → the method's template properties; the path is rebuilt from the template's resources. */
function methodsByRoute(s: Synthesized): Map<string, Record<string, unknown>> {
  const resources = resourcesOf(s.template, 'AWS::ApiGateway::Resource');
  const pathOf = (ref: unknown): string => {
    const id = (ref as { Ref?: string }).Ref;
    if (!id) return ''; // { Fn::GetAtt: [RestApi, RootResourceId] }
    const r = resources[id].Properties as { PathPart: string; ParentId: unknown };
    return `${pathOf(r.ParentId)}/${r.PathPart}`;
  };
  const found = new Map<string, Record<string, unknown>>();
  for (const m of Object.values(resourcesOf(s.template, 'AWS::ApiGateway::Method'))) {
    const props = m.Properties as Record<string, unknown>;
    found.set(`${props.HttpMethod} ${pathOf(props.ResourceId) || '/'}`, props);
  }
  return found;
}

describe.each(STAGES)('stage %s', (stage) => {
  const config = loadStageConfig(stage);
  const s = () => synthStage(stage, WITHOUT_CFN_VALIDATION);

  describe('API', () => {
    it('has exactly one method per route of shared/routes.ts', () => {
      const methods = methodsByRoute(s());
      expect([...methods.keys()].sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    });

    it('puts the Cognito authorizer on every route except the public ones (GET /openapi.json)', () => {
      const methods = methodsByRoute(s());
      const authorizers = resourcesOf(s().template, 'AWS::ApiGateway::Authorizer');
      const [authorizerId] = Object.keys(authorizers);
      expect(authorizers[authorizerId].Properties).toMatchObject({
        Type: 'COGNITO_USER_POOLS',
        ProviderARNs: [{ 'Fn::GetAtt': [logicalIdOf(s().stack.userPool), 'Arn'] }],
      });
      expect(routes.filter(isPublic).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /openapi.json']);
      for (const route of routes) {
        const m = methods.get(`${route.method} ${route.path}`)!;
        if (isPublic(route)) expect(m.AuthorizationType, route.id).toBe('NONE');
        else
          expect(m, route.id).toMatchObject({
            AuthorizationType: 'COGNITO_USER_POOLS',
            AuthorizerId: { Ref: authorizerId },
          });
      }
    });

    it('accepts only access tokens with sakhi/referrals.write on POST /referrals, and asks no scope anywhere else', () => {
      const methods = methodsByRoute(s());
      expect(routes.filter(isScoped).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /referrals']);
      expect(methods.get('POST /referrals')!.AuthorizationScopes).toEqual([
        `${INTAKE_RESOURCE_SERVER}/${REFERRALS_WRITE_SCOPE}`,
      ]);
      for (const route of routes.filter((r) => !isScoped(r)))
        expect(methods.get(`${route.method} ${route.path}`)!.AuthorizationScopes, route.id).toBeUndefined();
    });

    it(`throttles the machine intake route below the stage (${config.machineIntakeThrottle.rateLimit}/s, burst ${config.machineIntakeThrottle.burstLimit})`, () => {
      const stageProps = Object.values(resourcesOf(s().template, 'AWS::ApiGateway::Stage'))[0].Properties as {
        MethodSettings: Array<Record<string, unknown>>;
      };
      expect(stageProps.MethodSettings).toContainEqual(
        expect.objectContaining({
          HttpMethod: 'POST',
          ResourcePath: '/~1referrals',
          ThrottlingRateLimit: config.machineIntakeThrottle.rateLimit,
          ThrottlingBurstLimit: config.machineIntakeThrottle.burstLimit,
        }),
      );
      expect(config.machineIntakeThrottle.rateLimit).toBeLessThan(config.apiThrottle.rateLimit);
    });

    it('has a request model generated from the zod schema for every route with a body', () => {
      const methods = methodsByRoute(s());
      const models = resourcesOf(s().template, 'AWS::ApiGateway::Model');
      for (const route of routes.filter((r) => r.body)) {
        const m = methods.get(`${route.method} ${route.path}`)!;
        const ref = (m.RequestModels as Record<string, { Ref: string }>)['application/json'].Ref;
        const schema = models[ref].Properties?.Schema as Record<string, unknown>;
        const expected = jsonSchemaOf(route.body!, 'draft-4');
        expect(schema, route.id).toMatchObject({
          $schema: 'http://json-schema.org/draft-04/schema#',
          type: 'object',
          additionalProperties: false,
        });
        expect(Object.keys(schema.properties as object).sort(), route.id).toEqual(
          Object.keys(expected.properties as object).sort(),
        );
        expect(schema.required, route.id).toEqual(expected.required);
      }
    });

    it('validates path parameters with a request validator on every method', () => {
      const validators = resourcesOf(s().template, 'AWS::ApiGateway::RequestValidator');
      const [validatorId] = Object.keys(validators);
      expect(validators[validatorId].Properties).toMatchObject({ ValidateRequestParameters: true });
      for (const [key, m] of methodsByRoute(s())) {
        expect(m.RequestValidatorId, key).toEqual({ Ref: validatorId });
        for (const p of key.matchAll(/\{(\w+)\}/g))
          expect((m.RequestParameters as Record<string, boolean>)[`method.request.path.${p[1]}`], key).toBe(true);
      }
    });

    it('throttles, traces and access-logs the stage, without logging bodies', () => {
      s().template.hasResourceProperties('AWS::ApiGateway::Stage', {
        StageName: stage,
        TracingEnabled: true,
        AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
        MethodSettings: Match.arrayWith([
          Match.objectLike({
            HttpMethod: '*',
            ResourcePath: '/*',
            LoggingLevel: 'ERROR',
            DataTraceEnabled: false,
            ThrottlingRateLimit: config.apiThrottle.rateLimit,
            ThrottlingBurstLimit: config.apiThrottle.burstLimit,
          }),
        ]),
      });
    });

    it('answers its own errors as application/problem+json', () => {
      for (const type of [
        'UNAUTHORIZED',
        'ACCESS_DENIED',
        'THROTTLED',
        'MISSING_AUTHENTICATION_TOKEN',
        'DEFAULT_4XX',
        'DEFAULT_5XX',
      ]) {
        s().template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
          ResponseType: type,
          ResponseParameters: Match.objectLike({ 'gatewayresponse.header.Content-Type': "'application/problem+json'" }),
          ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"status":') },
        });
      }
    });

    it('sits behind a WAF web ACL with the managed rule groups and a per-IP rate limit', () => {
      const acl = Object.values(resourcesOf(s().template, 'AWS::WAFv2::WebACL'))[0].Properties as {
        Scope: string;
        Rules: Array<Record<string, any>>;
      };
      expect(acl.Scope).toBe('REGIONAL');
      const managed = acl.Rules.map((r) => r.Statement.ManagedRuleGroupStatement?.Name).filter(Boolean);
      expect(managed.sort()).toEqual([
        'AWSManagedRulesAmazonIpReputationList',
        'AWSManagedRulesCommonRuleSet',
        'AWSManagedRulesKnownBadInputsRuleSet',
      ]);
      const rate = acl.Rules.filter((r) => r.Statement.RateBasedStatement).map((r) => r.Statement.RateBasedStatement);
      // Viewers behind CloudFront by the address it forwards, direct callers by theirs, every source as a backstop.
      expect(rate).toEqual([
        expect.objectContaining({
          AggregateKeyType: 'FORWARDED_IP',
          ForwardedIPConfig: { HeaderName: 'X-Forwarded-For', FallbackBehavior: 'NO_MATCH' },
          Limit: config.wafRateLimitPer5Minutes,
        }),
        expect.objectContaining({
          AggregateKeyType: 'IP',
          Limit: config.wafRateLimitPer5Minutes,
          ScopeDownStatement: { NotStatement: expect.anything() },
        }),
        expect.objectContaining({ AggregateKeyType: 'IP', Limit: config.wafRateLimitPer5Minutes * 10 }),
      ]);
      const stageId = Object.keys(s().template.findResources('AWS::ApiGateway::Stage'))[0];
      expect(
        JSON.stringify(
          Object.values(s().template.findResources('AWS::WAFv2::WebACLAssociation'))[0].Properties.ResourceArn,
        ),
      ).toContain(stageId);
    });

    it('outputs the API URL, the form URL, the user pool and its clients', () => {
      for (const name of ['ApiUrl', 'FormUrl', 'UserPoolId', 'WebClientId', 'SignInUrl'])
        s().template.hasOutput(name, {});
    });
  });
});

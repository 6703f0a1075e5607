// Each stage's REST API as synthesized: one method per route of shared/routes.ts (so a new route is covered
// without editing here), the authorizer and scopes, request models and validation, throttling, access logs,
// the gateway's own error answers and the WAF.
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { STAGES } from '../../infra/stage-config.ts';
import { ROUTES, type Route } from '../../shared/core/routes.ts';
import { requestSchemas } from '../../shared/schemas.ts';
import {
  logicalIdOf,
  methodsByRoute,
  PUBLIC_ROUTES,
  resourcesOf,
  SCOPED_ROUTES,
  synthStage,
  WITHOUT_CFN_VALIDATION,
} from './synth.ts';

const routes = ROUTES as readonly Route[];
/** The stage config's API throttling (requests/s, burst), written out. */
const API_THROTTLE = { dev: [20, 40], staging: [50, 100], prod: [100, 200] };
/** The machine intake route's own limit (requests/s, burst): the same on every stage. */
const INTAKE_THROTTLE = [5, 10];
/** Requests per 5 minutes from one address before WAF blocks it (the stage config's default). */
const WAF_LIMIT = 2000;

/**
 * A request schema's top-level fields and which of them are required, read from the zod object itself (not
 * through jsonSchemaOf, the function the models are generated with).
 */
function fieldsOf(name: keyof typeof requestSchemas): { properties: string[]; required: string[] } {
  type Field = { _zod: { optin?: string } };
  const shape = (requestSchemas[name] as unknown as { _zod: { def: { shape: Record<string, Field> } } })._zod.def.shape;
  const keys = Object.keys(shape).sort();
  return { properties: keys, required: keys.filter((k) => shape[k]._zod.optin !== 'optional') };
}

describe.each(STAGES)('stage %s', (stage) => {
  const s = () => synthStage(stage, WITHOUT_CFN_VALIDATION);

  describe('API', () => {
    it('has exactly one method per route of shared/routes.ts', () => {
      const methods = methodsByRoute(s().template);
      expect([...methods.keys()].sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    });

    it('puts the Cognito authorizer on every route except the public ones (GET /openapi.json)', () => {
      const methods = methodsByRoute(s().template);
      const authorizers = resourcesOf(s().template, 'AWS::ApiGateway::Authorizer');
      const [authorizerId] = Object.keys(authorizers);
      expect(authorizers[authorizerId].Properties).toMatchObject({
        Type: 'COGNITO_USER_POOLS',
        ProviderARNs: [{ 'Fn::GetAtt': [logicalIdOf(s().stack.userPool), 'Arn'] }],
      });
      const open = [...methods].filter(([, m]) => m.AuthorizationType === 'NONE').map(([key]) => key);
      expect(open).toEqual(PUBLIC_ROUTES);
      for (const [key, m] of methods) {
        if (PUBLIC_ROUTES.includes(key)) continue;
        expect(m, key).toMatchObject({ AuthorizationType: 'COGNITO_USER_POOLS', AuthorizerId: { Ref: authorizerId } });
      }
    });

    it('accepts only tokens with sakhi/referrals.write on POST /referrals; no other route asks a scope', () => {
      const methods = methodsByRoute(s().template);
      const scoped = [...methods].filter(([, m]) => m.AuthorizationScopes !== undefined).map(([key]) => key);
      expect(scoped).toEqual(SCOPED_ROUTES);
      expect(methods.get('POST /referrals')!.AuthorizationScopes).toEqual(['sakhi/referrals.write']);
    });

    it(`throttles POST /referrals below the stage (${INTAKE_THROTTLE[0]}/s, burst ${INTAKE_THROTTLE[1]})`, () => {
      const stageProps = Object.values(resourcesOf(s().template, 'AWS::ApiGateway::Stage'))[0].Properties as {
        MethodSettings: Array<Record<string, any>>;
      };
      const setting = (method: string, path: string) =>
        stageProps.MethodSettings.find((m) => m.HttpMethod === method && m.ResourcePath === path);
      expect(setting('POST', '/~1referrals')).toMatchObject({
        ThrottlingRateLimit: INTAKE_THROTTLE[0],
        ThrottlingBurstLimit: INTAKE_THROTTLE[1],
      });
      // Below the stage-wide limits the template sets for every other method.
      const all = setting('*', '/*');
      expect(setting('POST', '/~1referrals')!.ThrottlingRateLimit).toBeLessThan(all!.ThrottlingRateLimit);
      expect(setting('POST', '/~1referrals')!.ThrottlingBurstLimit).toBeLessThan(all!.ThrottlingBurstLimit);
    });

    it('has a request model generated from the zod schema for every route with a body', () => {
      const methods = methodsByRoute(s().template);
      const models = resourcesOf(s().template, 'AWS::ApiGateway::Model');
      for (const route of routes.filter((r) => r.body)) {
        const m = methods.get(`${route.method} ${route.path}`)!;
        const ref = (m.RequestModels as Record<string, { Ref: string }>)['application/json'].Ref;
        const schema = models[ref].Properties?.Schema as Record<string, unknown>;
        const expected = fieldsOf(route.body!);
        expect(schema, route.id).toMatchObject({
          $schema: 'http://json-schema.org/draft-04/schema#',
          type: 'object',
          additionalProperties: false,
        });
        expect(Object.keys(schema.properties as object).sort(), route.id).toEqual(expected.properties);
        expect([...((schema.required ?? []) as string[])].sort(), route.id).toEqual(expected.required);
      }
    });

    it('validates path parameters with a request validator on every method', () => {
      const validators = resourcesOf(s().template, 'AWS::ApiGateway::RequestValidator');
      const [validatorId] = Object.keys(validators);
      expect(validators[validatorId].Properties).toMatchObject({ ValidateRequestParameters: true });
      for (const [key, m] of methodsByRoute(s().template)) {
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
            ThrottlingRateLimit: API_THROTTLE[stage][0],
            ThrottlingBurstLimit: API_THROTTLE[stage][1],
          }),
        ]),
      });
    });

    it('gzips answers of 1 KB or more for clients that accept it (CloudFront does not compress the API)', () => {
      s().template.hasResourceProperties('AWS::ApiGateway::RestApi', { MinimumCompressionSize: 1024 });
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

    it('sits behind a WAF web ACL: only through CloudFront, the managed rule groups, a per-viewer rate limit', () => {
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
      const first = [...acl.Rules].sort((a, b) => a.Priority - b.Priority)[0];
      expect(first).toMatchObject({ Name: 'OnlyThroughCloudFront', Action: { Block: {} } });
      const rate = acl.Rules.filter((r) => r.Statement.RateBasedStatement).map((r) => [
        r.Action,
        r.Statement.RateBasedStatement,
      ]);
      // The viewer by the address CloudFront saw (blocked); a busy edge, which carries many centres, only counted.
      expect(rate).toEqual([
        [
          { Block: {} },
          expect.objectContaining({
            AggregateKeyType: 'CUSTOM_KEYS',
            CustomKeys: [{ Header: { Name: 'x-viewer-ip', TextTransformations: [{ Priority: 0, Type: 'NONE' }] } }],
            Limit: WAF_LIMIT,
          }),
        ],
        [{ Count: {} }, expect.objectContaining({ AggregateKeyType: 'IP', Limit: 10 * WAF_LIMIT })],
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

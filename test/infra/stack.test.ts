// What each stage's template must hold, derived from the same sources the stack is built from (the route
// table, the table definition, the stage config), so a new route or index is covered without editing here.
// Each stage is synthesized once (cdk-nag runs in that synth) and shared by every test of the stage.

import type { CfnElement } from 'aws-cdk-lib';
import { Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { isPublic, isScoped, tableAccessFor } from '../../infra/constructs/api.ts';
import { CUSTOM_ATTRIBUTES, MACHINE_CLIENTS, STAFF_ACCOUNT_ACTIONS } from '../../infra/constructs/auth.ts';
import { HandlerFunction } from '../../infra/constructs/handler-function.ts';
import { loadStageConfig, STAGES } from '../../infra/stage-config.ts';
import { jsonSchemaOf } from '../../shared/core/openapi.ts';
import { INTAKE_RESOURCE_SERVER, REFERRALS_WRITE_SCOPE, ROUTES, type Route } from '../../shared/core/routes.ts';
import { INDEXES, projectionOf, TABLE_KEYS, TTL_ATTRIBUTE } from '../../shared/core/table.ts';
import { ROLES } from '../../shared/core/vocabulary.ts';
import {
  joinedJson,
  joinedText,
  resourcesOf,
  type Synthesized,
  statementsOfRole,
  synthStage,
  TEST_CONTEXT,
  validationReport,
  WITHOUT_CFN_VALIDATION,
} from './synth.ts';

const routes = ROUTES as readonly Route[];
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
/** Properties that would fix a physical name and stop two stages sharing an account. */
const PHYSICAL_NAMES = [
  'TableName',
  'FunctionName',
  'RoleName',
  'UserPoolName',
  'LogGroupName',
  'QueueName',
  'TopicName',
  'BucketName',
  'StateMachineName',
  'AliasName',
  'ManagedPolicyName',
  'ScheduleGroupName',
];

const logicalId = (_s: Synthesized, c: { node: { defaultChild?: unknown } } | CfnElement): string => {
  const el = ('logicalId' in c ? c : c.node.defaultChild) as CfnElement;
  return Stack.of(el).getLogicalId(el);
};

/** Every action the role of a handler may take, from all the policies attached to it. */
function actionsOfRole(s: Synthesized, roleId: string): string[] {
  const policies = Object.values(resourcesOf(s.template, 'AWS::IAM::Policy')).filter((p) =>
    ((p.Properties?.Roles ?? []) as Array<{ Ref: string }>).some((r) => r.Ref === roleId),
  );
  type Doc = { Statement: Array<{ Action: string | string[] }> };
  return policies.flatMap((p) =>
    ((p.Properties?.PolicyDocument as Doc | undefined)?.Statement ?? []).flatMap((st) => [st.Action].flat()),
  );
}

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
  const s = () => synthStage(stage);
  const prod = stage === 'prod';

  it('is the stack SakhiOsc-<stage> in the configured region', () => {
    expect(s().stack.stackName).toBe(`SakhiOsc-${stage}`);
    expect(s().stack.region).toBe(config.region);
    expect(s().stack.terminationProtection).toBe(prod);
  });

  describe('data', () => {
    it('encrypts the table with a rotating customer-managed key', () => {
      const keyId = logicalId(s(), s().stack.key);
      s().template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
      s().template.hasResourceProperties('AWS::DynamoDB::Table', {
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
      });
    });

    it('has point-in-time recovery, on-demand billing, TTL and the stream', () => {
      s().template.hasResourceProperties('AWS::DynamoDB::Table', {
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
        StreamSpecification: { StreamViewType: Match.anyValue() },
      });
    });

    it('has the keys and indexes of shared/table.ts', () => {
      s().template.hasResourceProperties('AWS::DynamoDB::Table', {
        KeySchema: [
          { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: Object.values(INDEXES).map((ix) => ({
          IndexName: ix.name,
          KeySchema: [
            { AttributeName: ix.partitionKey, KeyType: 'HASH' },
            { AttributeName: ix.sortKey, KeyType: 'RANGE' },
          ],
          Projection: projectionOf(ix),
        })),
      });
    });

    it(
      prod
        ? 'retains the table, key and user pool, with deletion protection'
        : 'lets the table, key and user pool be destroyed',
      () => {
        const policy = prod ? 'Retain' : 'Delete';
        s().template.hasResource('AWS::DynamoDB::Table', {
          DeletionPolicy: policy,
          UpdateReplacePolicy: policy,
          Properties: Match.objectLike({ DeletionProtectionEnabled: prod }),
        });
        s().template.hasResource('AWS::KMS::Key', { DeletionPolicy: policy });
        s().template.hasResource('AWS::Cognito::UserPool', {
          DeletionPolicy: policy,
          Properties: Match.objectLike({ DeletionProtection: prod ? 'ACTIVE' : 'INACTIVE' }),
        });
      },
    );
  });

  describe('functions', () => {
    it('runs every handler on nodejs24.x and arm64 with X-Ray; the only other Lambdas are CDK deploy-time providers', () => {
      const all = resourcesOf(s().template, 'AWS::Lambda::Function');
      const handlers = s()
        .stack.node.findAll()
        .filter((c): c is HandlerFunction => c instanceof HandlerFunction);
      expect(handlers.length).toBeGreaterThan(routes.length);
      const handlerIds = new Set(handlers.map((h) => logicalId(s(), h.fn)));
      for (const id of handlerIds) {
        expect(all[id].Properties).toMatchObject({
          Runtime: lambda.Runtime.NODEJS_24_X.name,
          Architectures: ['arm64'],
          TracingConfig: { Mode: 'Active' },
        });
      }
      // The rest run only during deploys, made by CDK: the trigger, AwsCustomResource, BucketDeployment and
      // bucket auto-delete (dev, staging) providers.
      const others = Object.entries(all).filter(([id]) => !handlerIds.has(id));
      for (const [id, fn] of others) {
        expect(id).toMatch(
          /^(AWSCDKTriggerCustomResourceProvider|AWS679f53fac002430cb0da5b7982bd2287|CustomCDKBucketDeployment|CustomS3AutoDeleteObjectsCustomResourceProvider)/,
        );
        if (String(fn.Properties?.Runtime).startsWith('nodejs'))
          expect(fn.Properties?.Runtime, id).toBe(lambda.Runtime.NODEJS_24_X.name);
      }
    });

    it('gives each route its own handler from functions/<id> with the stage environment', () => {
      for (const route of routes) {
        const handler = s().stack.api.handlers.get(route.id);
        expect(handler, route.id).toBeDefined();
        const props = s().template.toJSON().Resources[logicalId(s(), handler!.fn)].Properties;
        expect(props).toMatchObject({ MemorySize: 512, Timeout: 10, Handler: 'index.handler' });
        expect(props.Environment.Variables).toMatchObject({
          STAGE: stage,
          NODE_OPTIONS: '--enable-source-maps',
          POWERTOOLS_SERVICE_NAME: 'sakhi-osc',
          POWERTOOLS_METRICS_NAMESPACE: 'SakhiOsc',
          FOLLOW_UP_OFFSETS_DAYS: config.followUpOffsetsDays.join(','),
          FOLLOW_UP_MISSED_AFTER_DAYS: String(config.followUpMissedAfterDays),
          FOLLOW_UP_RETRY_DAYS: String(config.followUpRetryDays),
        });
        if (tableAccessFor(route) === 'none') expect(props.Environment.Variables.TABLE_NAME).toBeUndefined();
        else expect(props.Environment.Variables.TABLE_NAME).toEqual({ Ref: logicalId(s(), s().stack.table) });
      }
    });

    it(`keeps every log group for ${config.logRetentionDays} days, and each handler logs to its own`, () => {
      const groups = resourcesOf(s().template, 'AWS::Logs::LogGroup');
      for (const g of Object.values(groups)) expect(g.Properties?.RetentionInDays).toBe(config.logRetentionDays);
      const ours = s()
        .stack.node.findAll()
        .filter((c): c is lambda.CfnFunction => c instanceof lambda.CfnFunction);
      for (const fn of ours) {
        const logGroup = s().template.toJSON().Resources[logicalId(s(), fn)].Properties.LoggingConfig.LogGroup;
        expect(Object.keys(groups)).toContain(logGroup.Ref);
      }
    });

    it('gives the public OpenAPI route no table access at all', () => {
      for (const route of routes.filter(isPublic)) {
        const actions = actionsOfRole(s(), logicalId(s(), s().stack.api.handlers.get(route.id)!.role));
        expect(
          actions.filter((a) => a.startsWith('dynamodb:') || a.startsWith('kms:')),
          route.id,
        ).toEqual([]);
      }
    });

    it('lets GET routes read but never write', () => {
      for (const route of routes.filter((r) => r.method === 'GET' && !isPublic(r))) {
        const actions = actionsOfRole(s(), logicalId(s(), s().stack.api.handlers.get(route.id)!.role));
        expect(actions, route.id).toContain('dynamodb:Query');
        expect(
          actions.filter((a) => WRITE_ACTIONS.includes(a)),
          route.id,
        ).toEqual([]);
        expect(
          actions.filter((a) => a.startsWith('kms:Encrypt') || a.startsWith('kms:GenerateDataKey')),
          route.id,
        ).toEqual([]);
      }
    });

    it('lets write routes write', () => {
      for (const route of routes.filter((r) => r.method !== 'GET')) {
        const actions = actionsOfRole(s(), logicalId(s(), s().stack.api.handlers.get(route.id)!.role));
        expect(actions, route.id).toContain('dynamodb:PutItem');
      }
    });

    it('lets a handler write only to its own log group (no AWS managed policy)', () => {
      for (const route of routes) {
        const roleId = logicalId(s(), s().stack.api.handlers.get(route.id)!.role);
        expect(s().template.toJSON().Resources[roleId].Properties.ManagedPolicyArns, route.id).toBeUndefined();
      }
    });

    it('lets only account-sync manage sign-in accounts: exactly the admin actions, on this user pool, with USER_POOL_ID', () => {
      const poolArn = { 'Fn::GetAtt': [logicalId(s(), s().stack.userPool), 'Arn'] };
      const handlers = s()
        .stack.node.findAll()
        .filter((c): c is HandlerFunction => c instanceof HandlerFunction);
      for (const h of handlers) {
        const statements = statementsOfRole(s().template, logicalId(s(), h.role));
        const cognito = statements.filter((st) => [st.Action].flat().some((a) => a.startsWith('cognito-idp:')));
        const env = s().template.toJSON().Resources[logicalId(s(), h.fn)].Properties.Environment.Variables;
        if (h.handlerId === 'account-sync') {
          expect(cognito, h.handlerId).toEqual([expect.objectContaining({ Effect: 'Allow', Resource: poolArn })]);
          expect([cognito[0].Action].flat().sort(), h.handlerId).toEqual([...STAFF_ACCOUNT_ACTIONS].sort());
          expect(env.USER_POOL_ID, h.handlerId).toEqual({ Ref: logicalId(s(), s().stack.userPool) });
        } else {
          expect(cognito, h.handlerId).toEqual([]);
          expect(env.USER_POOL_ID, h.handlerId).toBeUndefined();
        }
      }
    });

    it('seeds the centres with a trigger that runs after the data is created', () => {
      const tableId = logicalId(s(), s().stack.table);
      const triggers = Object.values(s().template.findResources('Custom::Trigger'));
      expect(triggers).toHaveLength(1);
      expect(triggers[0].DependsOn).toContain(tableId);
      expect(JSON.stringify(triggers[0].Properties.HandlerArn)).toContain('seedcentres');
    });
  });

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
        ProviderARNs: [{ 'Fn::GetAtt': [logicalId(s(), s().stack.userPool), 'Arn'] }],
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
      const client = s().template.toJSON().Resources[logicalId(s(), s().stack.auth.webClient)];
      expect(((client.Properties?.WriteAttributes ?? []) as string[]).filter((a) => a.startsWith('custom:'))).toEqual(
        [],
      );
      // Sign-in redirects only to the form on this stage's CloudFront distribution.
      const form = [
        {
          'Fn::Join': [
            '',
            ['https://', { 'Fn::GetAtt': [logicalId(s(), s().stack.web.distribution), 'DomainName'] }, '/'],
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
        const props = s().template.toJSON().Resources[logicalId(s(), client)].Properties;
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

    it('tells the intake handlers which machine client is which control room (INTAKE_CLIENTS), and no other', () => {
      const expected: Record<string, string[]> = {};
      for (const c of MACHINE_CLIENTS) {
        expected[c.source] = [
          ...(expected[c.source] ?? []),
          `<Ref:${logicalId(s(), s().stack.auth.machineClients[c.id])}>`,
        ];
      }
      for (const route of routes) {
        const handler = s().stack.api.handlers.get(route.id)!;
        const env = s().template.toJSON().Resources[logicalId(s(), handler.fn)].Properties.Environment.Variables;
        if ((route.roles as readonly string[]).includes('helpline')) {
          expect(joinedJson(env.INTAKE_CLIENTS), route.id).toEqual(expected);
        } else expect(env.INTAKE_CLIENTS, route.id).toBeUndefined();
      }
    });

    it('has a hosted sign-in domain unique to the stage and the account', () => {
      s().template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
        Domain: { 'Fn::Join': ['', [`sakhi-osc-${stage}-`, { Ref: 'AWS::AccountId' }]] },
      });
      s().template.hasOutput('SignInUrl', {});
    });
  });

  describe('SMS settings', () => {
    it(`sets the account's SMS settings from the stage config (limit USD ${config.sms.monthlySpendLimitUsd}, Transactional, ${config.sms.senderId}, delivery logs)`, () => {
      const resources = Object.values(resourcesOf(s().template, 'Custom::SnsSmsAttributes'));
      expect(resources).toHaveLength(config.sms.manageAccountSettings ? 1 : 0);
      const create = joinedJson(resources[0].Properties?.Create);
      expect(create).toMatchObject({
        service: 'SNS',
        action: 'setSMSAttributes',
        parameters: {
          attributes: {
            MonthlySpendLimit: String(config.sms.monthlySpendLimitUsd),
            DefaultSMSType: 'Transactional',
            DefaultSenderID: config.sms.senderId,
            DeliveryStatusIAMRole: `<GetAtt:${logicalId(s(), s().stack.smsSettings!.deliveryStatusRole)}.Arn>`,
            DeliveryStatusSuccessSamplingRate: String(config.sms.deliveryStatusSuccessSamplingPercent),
          },
        },
      });
      // A changed setting is applied on the next deploy.
      expect(joinedJson(resources[0].Properties?.Update)).toEqual(create);
    });

    it(`alarms when the month's SMS spend reaches ${config.sms.spendAlarmPercent}% of the stage limit`, () => {
      s().template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SNS',
        MetricName: 'SMSMonthToDateSpentUSD',
        Threshold: (config.sms.monthlySpendLimitUsd * config.sms.spendAlarmPercent) / 100,
        AlarmActions: [{ Ref: logicalId(s(), s().stack.opsTopic.topic) }],
      });
    });
  });

  it('fixes no physical names, so stages can share an account', () => {
    for (const [id, r] of Object.entries(
      s().template.toJSON().Resources as Record<string, { Properties?: Record<string, unknown> }>,
    )) {
      // A literal string is a fixed name; a reference (a Version's FunctionName: { Ref }) is not.
      const named = Object.entries(r.Properties ?? {})
        .filter(([k, v]) => PHYSICAL_NAMES.includes(k) && typeof v === 'string')
        .map(([k]) => k);
      expect(named, id).toEqual([]);
    }
  });

  describe('cdk-nag (AwsSolutions)', () => {
    it('synthesizes with no unacknowledged error or warning', () => {
      // synthStage would already have thrown with the report; the written report must be clean too.
      const report = validationReport(s().assembly);
      const nag = report.pluginReports.filter((r) => r.pluginName.includes('AwsSolutions'));
      expect(nag.flatMap((r) => r.violations.map((v) => `${v.severity} ${v.ruleName}`))).toEqual([]);
    });

    it('acknowledges findings only on the resources concerned, each with a reason', () => {
      const acks = s()
        .app.node.findAll()
        .flatMap((c) =>
          c.node.metadata
            .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
            .flatMap((m) =>
              Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
                path: c.node.path,
                id,
                reason,
              })),
            ),
        );
      expect(acks.length).toBeGreaterThan(0);
      for (const a of acks) {
        expect(a.path, a.id).toContain('/'); // never the app or the whole stack
        expect(a.reason.length, `${a.path} ${a.id}`).toBeGreaterThanOrEqual(40);
      }
    });

    it('acknowledges nothing that is not actually found (no stale suppressions)', () => {
      // Prepare: the same rules with every acknowledgement ignored.
      const raw = new AwsSolutionsChecks();
      (raw as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
      const found = new Set(
        raw
          .validateScope(s().app)
          .violations.flatMap((v) => v.violatingResources.map((r) => `${r.constructPath} ${v.ruleName}`)),
      );
      const acknowledged = s()
        .app.node.findAll()
        .flatMap((c) =>
          c.node.metadata
            .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
            .flatMap((m) =>
              Object.keys(m.data as Record<string, string>).map((id) => ({
                path: c.node.path,
                id: id.replace(/^annotation::/i, ''),
              })),
            ),
        )
        .filter((a) => a.id.startsWith('AwsSolutions-')); // CDK acknowledges some of its own CloudFormation-Validate findings
      // Assess: each acknowledgement covers at least one finding on its construct or below.
      for (const a of acknowledged) {
        const covers = [...found].some(
          (f) => f.endsWith(` ${a.id}`) && (f.startsWith(`${a.path}/`) || f.startsWith(`${a.path} `)),
        );
        expect(covers, `${a.path} ${a.id}`).toBe(true);
      }
    });
  });
});

describe('growth', () => {
  it('gives a construct built with newHandler the stage settings and the grant it asks for', () => {
    // Prepare
    const { app, stack } = buildApp('dev', TEST_CONTEXT, WITHOUT_CFN_VALIDATION);
    // Act
    const sweep = stack.newHandler('followup-reminders', {
      tableAccess: 'read',
      description: 'a construct added later',
    });
    app.synth();
    // Assess
    const template = Template.fromStack(stack);
    const props =
      template.toJSON().Resources[Stack.of(stack).getLogicalId(sweep.fn.node.defaultChild as CfnElement)].Properties;
    expect(props.Environment.Variables).toMatchObject({
      STAGE: 'dev',
      TABLE_NAME: { Ref: Stack.of(stack).getLogicalId(stack.table.node.defaultChild as CfnElement) },
    });
    expect(props).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'] });
  });
});

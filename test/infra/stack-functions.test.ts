// Each stage's Lambda functions as synthesized: runtime and architecture, the stage environment, log groups,
// and what each role may do with the table and the user pool, derived from the route table so a new route is
// covered without editing here.
import type { CfnElement } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { HandlerFunction } from '../../infra/constructs/handler-function.ts';
import { STAGES } from '../../infra/stage-config.ts';
import { ROUTES, type Route } from '../../shared/core/routes.ts';
import {
  actionsOfRole,
  logicalIdOf,
  methodsByRoute,
  PUBLIC_ROUTES,
  resourcesOf,
  STAFF_ACCOUNT_ACTIONS,
  statementsOfRole,
  synthStage,
  TEST_CONTEXT,
  WITHOUT_CFN_VALIDATION,
} from './synth.ts';

const routes = ROUTES as readonly Route[];
const isPublic = (r: Route) => PUBLIC_ROUTES.includes(`${r.method} ${r.path}`);
/** The logical ids of CDK's own deploy-time providers: trigger, AwsCustomResource, BucketDeployment, auto-delete. */
const CDK_PROVIDERS = new RegExp(
  `^(${[
    'AWSCDKTriggerCustomResourceProvider',
    'AWS679f53fac002430cb0da5b7982bd2287',
    'CustomCDKBucketDeployment',
    'CustomS3AutoDeleteObjectsCustomResourceProvider',
  ].join('|')})`,
);
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
/** The stage config's retention, in days, written out (prod keeps a year, as its validation demands). */
const LOG_RETENTION_DAYS = { dev: 30, staging: 90, prod: 365 };

describe.each(STAGES)('stage %s', (stage) => {
  const s = () => synthStage(stage, WITHOUT_CFN_VALIDATION);

  describe('functions', () => {
    it('runs every handler on nodejs24.x, arm64, with X-Ray; the other Lambdas are CDK deploy-time providers', () => {
      const all = resourcesOf(s().template, 'AWS::Lambda::Function');
      const handlers = s()
        .stack.node.findAll()
        .filter((c): c is HandlerFunction => c instanceof HandlerFunction);
      expect(handlers.length).toBeGreaterThan(routes.length);
      const handlerIds = new Set(handlers.map((h) => logicalIdOf(h.fn)));
      for (const id of handlerIds) {
        expect(all[id].Properties).toMatchObject({
          Runtime: 'nodejs24.x',
          Architectures: ['arm64'],
          TracingConfig: { Mode: 'Active' },
        });
      }
      // The rest run only during deploys, made by CDK: the trigger, AwsCustomResource, BucketDeployment and
      // bucket auto-delete (dev, staging) providers.
      const others = Object.entries(all).filter(([id]) => !handlerIds.has(id));
      for (const [id, fn] of others) {
        expect(id).toMatch(CDK_PROVIDERS);
        if (String(fn.Properties?.Runtime).startsWith('nodejs')) expect(fn.Properties?.Runtime, id).toBe('nodejs24.x');
      }
    });

    it('gives each route its own handler from functions/<id> with the stage environment', () => {
      const resources = s().template.toJSON().Resources;
      const methods = methodsByRoute(s().template);
      const functionIds = new Set<string>();
      for (const route of routes) {
        // Prepare: the function the route's method integrates with, as the template says.
        const uri = JSON.stringify(
          (methods.get(`${route.method} ${route.path}`)?.Integration as { Uri?: unknown })?.Uri,
        );
        const fnId = /"Fn::GetAtt":\["(\w+)","Arn"\]/.exec(uri)?.[1];
        expect(fnId, route.id).toBeDefined();
        functionIds.add(fnId!);
        const props = resources[fnId!].Properties;
        // Assess: built from functions/<route id> (its role says which), with the stage's settings.
        expect(resources[props.Role['Fn::GetAtt'][0]].Properties.Description, route.id).toBe(
          `Sakhi OSC ${route.id} handler`,
        );
        // A file import writes a case per transaction: two minutes and more memory (CPU); the rest 10 s.
        expect(props).toMatchObject(
          route.media
            ? { MemorySize: 1024, Timeout: 120, Handler: 'index.handler' }
            : { MemorySize: 512, Timeout: 10, Handler: 'index.handler' },
        );
        expect(props.Environment.Variables).toMatchObject({
          STAGE: stage,
          NODE_OPTIONS: '--enable-source-maps',
          SERVICE_NAME: 'sakhi-osc',
          METRICS_NAMESPACE: 'SakhiOsc',
          // The follow-up plan every stage keeps: six months of monitoring after resolution.
          FOLLOW_UP_OFFSETS_DAYS: '7,30,60,90,120,150,180',
          FOLLOW_UP_MISSED_AFTER_DAYS: '3',
          FOLLOW_UP_RETRY_DAYS: '3',
        });
        if (isPublic(route)) expect(props.Environment.Variables.TABLE_NAME).toBeUndefined();
        else expect(props.Environment.Variables.TABLE_NAME).toEqual({ Ref: logicalIdOf(s().stack.table) });
      }
      expect(functionIds.size).toBe(routes.length);
    });

    it('gives the lookup key secret, by deploy-time reference, only to the routes that register or correct', () => {
      // Prepare: the lookup key secret, kept as the table is (prod retains, dev and staging delete).
      const secrets = Object.entries(resourcesOf(s().template, 'AWS::SecretsManager::Secret')).filter(([id]) =>
        id.startsWith('LookupSecret'),
      );
      expect(secrets).toHaveLength(1);
      expect(secrets[0][1].Properties?.GenerateSecretString).toMatchObject({ PasswordLength: 64 });
      const [secretId, secret] = secrets[0] as [string, { DeletionPolicy?: string }];
      expect(secret.DeletionPolicy).toBe(stage === 'prod' ? 'Retain' : 'Delete');
      const resources = s().template.toJSON().Resources;
      const methods = methodsByRoute(s().template);
      for (const route of routes) {
        const uri = JSON.stringify(
          (methods.get(`${route.method} ${route.path}`)?.Integration as { Uri?: unknown })?.Uri,
        );
        const fnId = /"Fn::GetAtt":\["(\w+)","Arn"\]/.exec(uri)?.[1] as string;
        const value = resources[fnId].Properties.Environment.Variables.LOOKUP_KEY_SECRET;
        // Assess: CloudFormation resolves the secret at deploy time; no value in the template.
        if (['create-case', 'create-referral', 'correct-case', 'import-cases'].includes(route.id)) {
          expect(JSON.stringify(value), route.id).toContain('{{resolve:secretsmanager:');
          expect(JSON.stringify(value), route.id).toContain(secretId);
        } else expect(value, route.id).toBeUndefined();
      }
    });

    it(`keeps every log group ${LOG_RETENTION_DAYS[stage]} days, and each handler logs to its own`, () => {
      const groups = resourcesOf(s().template, 'AWS::Logs::LogGroup');
      for (const g of Object.values(groups)) expect(g.Properties?.RetentionInDays).toBe(LOG_RETENTION_DAYS[stage]);
      const ours = s()
        .stack.node.findAll()
        .filter((c): c is lambda.CfnFunction => c instanceof lambda.CfnFunction);
      for (const fn of ours) {
        const logGroup = s().template.toJSON().Resources[logicalIdOf(fn)].Properties.LoggingConfig.LogGroup;
        expect(Object.keys(groups)).toContain(logGroup.Ref);
      }
    });

    it('gives the public OpenAPI route no table access at all', () => {
      expect(routes.filter(isPublic).length).toBe(PUBLIC_ROUTES.length);
      for (const route of routes.filter(isPublic)) {
        const actions = actionsOfRole(s().template, logicalIdOf(s().stack.api.handlers.get(route.id)!.role));
        expect(
          actions.filter((a) => a.startsWith('dynamodb:') || a.startsWith('kms:')),
          route.id,
        ).toEqual([]);
      }
    });

    it('lets GET routes read, and write nothing but the record of the read', () => {
      for (const route of routes.filter((r) => r.method === 'GET' && !isPublic(r))) {
        const statements = statementsOfRole(s().template, logicalIdOf(s().stack.api.handlers.get(route.id)!.role));
        const actions = statements.flatMap((st) => [st.Action].flat());
        expect(actions, route.id).toContain('dynamodb:Query');
        expect(
          actions.filter((a) => WRITE_ACTIONS.includes(a) && a !== 'dynamodb:PutItem'),
          route.id,
        ).toEqual([]);
        // At most one PutItem, held to the read-record partitions (test/infra/hardening.test.ts names them).
        const puts = statements.filter((st) => [st.Action].flat().includes('dynamodb:PutItem'));
        expect(puts.length, route.id).toBeLessThanOrEqual(1);
        for (const put of puts) expect(JSON.stringify(put.Condition), route.id).toContain('dynamodb:LeadingKeys');
      }
    });

    it('lets write routes write', () => {
      for (const route of routes.filter((r) => r.method !== 'GET')) {
        const actions = actionsOfRole(s().template, logicalIdOf(s().stack.api.handlers.get(route.id)!.role));
        expect(actions, route.id).toContain('dynamodb:PutItem');
      }
    });

    it('lets a handler write only to its own log group (no AWS managed policy)', () => {
      for (const route of routes) {
        const roleId = logicalIdOf(s().stack.api.handlers.get(route.id)!.role);
        expect(s().template.toJSON().Resources[roleId].Properties.ManagedPolicyArns, route.id).toBeUndefined();
      }
    });

    it('lets only account-sync manage sign-ins: just the admin actions, on this user pool, with USER_POOL_ID', () => {
      const poolArn = { 'Fn::GetAtt': [logicalIdOf(s().stack.userPool), 'Arn'] };
      const handlers = s()
        .stack.node.findAll()
        .filter((c): c is HandlerFunction => c instanceof HandlerFunction);
      for (const h of handlers) {
        const statements = statementsOfRole(s().template, logicalIdOf(h.role));
        const cognito = statements.filter((st) => [st.Action].flat().some((a) => a.startsWith('cognito-idp:')));
        const env = s().template.toJSON().Resources[logicalIdOf(h.fn)].Properties.Environment.Variables;
        if (h.handlerId === 'account-sync') {
          expect(cognito, h.handlerId).toEqual([expect.objectContaining({ Effect: 'Allow', Resource: poolArn })]);
          expect([cognito[0].Action].flat().sort(), h.handlerId).toEqual(STAFF_ACCOUNT_ACTIONS);
          expect(env.USER_POOL_ID, h.handlerId).toEqual({ Ref: logicalIdOf(s().stack.userPool) });
        } else {
          expect(cognito, h.handlerId).toEqual([]);
          expect(env.USER_POOL_ID, h.handlerId).toBeUndefined();
        }
      }
    });

    it('seeds the centres with a trigger that runs after the data is created', () => {
      const tableId = logicalIdOf(s().stack.table);
      const triggers = Object.values(s().template.findResources('Custom::Trigger'));
      expect(triggers).toHaveLength(1);
      expect(triggers[0].DependsOn).toContain(tableId);
      expect(JSON.stringify(triggers[0].Properties.HandlerArn)).toContain('seedcentres');
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

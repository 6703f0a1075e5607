// What the security review of issue 10 asked of the infrastructure, as deployed in prod: a case written in
// Hindi passes the firewall, the API answers only through CloudFront, the rate limit keys on the address
// CloudFront saw, and each role may do only what it needs (SMS to phone numbers only, no Scan, the data key
// named role by role, SNS delivery logs with the stage's retention).
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { tableAccessFor, UNAUDITED_READS } from '../../infra/constructs/api.ts';
import { KEY_ADMIN_ACTIONS } from '../../infra/constructs/data.ts';
import {
  COUNTED_COMMON_RULES,
  Firewall,
  ORIGIN_SECRET_HEADER,
  VIEWER_IP_HEADER,
} from '../../infra/constructs/firewall.ts';
import { HandlerFunction } from '../../infra/constructs/handler-function.ts';
import { OriginSecret } from '../../infra/constructs/origin-secret.ts';
import { VIEWER_IP_FUNCTION } from '../../infra/constructs/web.ts';
import { loadStageConfig } from '../../infra/stage-config.ts';
import { readConfig } from '../../shared/core/config.ts';
import { ROUTES, type Route } from '../../shared/core/routes.ts';
import { requestSchemas } from '../../shared/schemas.ts';
import { maximalBody } from './maximal-body.ts';
import {
  actionsOfRole,
  joinedText,
  logicalIdOf,
  resourcesOf,
  statementsOfRole,
  synthStage,
  WITHOUT_CFN_VALIDATION,
} from './synth.ts';

const stage = 'prod';
const config = loadStageConfig(stage);
const s = () => synthStage(stage, WITHOUT_CFN_VALIDATION);
const resources = () => s().template.toJSON().Resources as Record<string, any>;
type Rule = Record<string, any>;
const rules = (): Rule[] => (Object.values(resourcesOf(s().template, 'AWS::WAFv2::WebACL'))[0].Properties as any).Rules;
const rule = (name: string) => rules().find((r) => r.Name === name);
const handlers = () =>
  s()
    .stack.node.findAll()
    .filter((c): c is HandlerFunction => c instanceof HandlerFunction);
/** API Gateway's own limit on a request body. */
const API_GATEWAY_MAX_BODY = 10 * 1024 * 1024;

describe('a case written in Hindi passes the firewall', () => {
  it("counts, never blocks, the Common rule set's SizeRestrictions_BODY and NoUserAgent_HEADER", () => {
    const common = rules().find((r) => r.Statement.ManagedRuleGroupStatement?.Name === 'AWSManagedRulesCommonRuleSet');
    expect(common?.Statement.ManagedRuleGroupStatement.RuleActionOverrides).toEqual(
      COUNTED_COMMON_RULES.map((name) => ({ Name: name, ActionToUse: { Count: {} } })),
    );
    expect(COUNTED_COMMON_RULES).toEqual(['SizeRestrictions_BODY', 'NoUserAgent_HEADER']);
  });

  it.each(['CreateCase', 'ReferralCase'] as const)(
    'holds a maximal valid %s body in Devanagari under every limit: the API, API Gateway and the firewall',
    (schema) => {
      // Prepare: every text field at its schema maximum, in Devanagari (three bytes a character).
      const body = maximalBody(schema);
      expect(requestSchemas[schema].safeParse(body).success).toBe(true);
      expect(body.incident.description).toHaveLength(4000);
      const bytes = Buffer.byteLength(JSON.stringify(body));
      // Act: the limit the create handler applies, from its environment as deployed.
      const route = (ROUTES as readonly Route[]).find((r) => r.body === schema)!;
      const env = resources()[logicalIdOf(s().stack.api.handlers.get(route.id)!.fn)].Properties.Environment.Variables;
      const strings = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string')) as Record<
        string,
        string
      >;
      const apiLimit = readConfig(strings).maxBodyBytes;
      // Assess
      expect(bytes).toBeGreaterThan(8 * 1024); // what SizeRestrictions_BODY would have blocked
      expect(bytes).toBeLessThan(apiLimit);
      expect(apiLimit).toBeLessThan(API_GATEWAY_MAX_BODY);
      // No rule left that could block a body of this size: no managed size rule enforced, no own size rule.
      for (const r of rules()) {
        const group = r.Statement.ManagedRuleGroupStatement;
        if (group?.Name === 'AWSManagedRulesCommonRuleSet') {
          const counted = (group.RuleActionOverrides ?? []).map((o: Rule) => o.ActionToUse.Count && o.Name);
          expect(counted).toContain('SizeRestrictions_BODY');
        }
        expect(JSON.stringify(r.Statement), r.Name).not.toMatch(/SizeConstraintStatement.*"Body"/);
      }
    },
  );

  it('blocks requests without a User-Agent by its label, except on the routes the 181/112 systems call', () => {
    const r = rule('NoUserAgentOutsideMachineRoutes') as Rule;
    expect(r.Action).toEqual({ Block: {} });
    const [label, notMachine] = r.Statement.AndStatement.Statements;
    expect(label.LabelMatchStatement).toEqual({
      Scope: 'LABEL',
      Key: 'awswaf:managed:aws:core-rule-set:NoUserAgent_Header',
    });
    const machinePaths = (ROUTES as readonly Route[]).filter((x) => x.scopes?.length).map((x) => x.path);
    expect(machinePaths).toContain('/referrals');
    expect(JSON.stringify(notMachine.NotStatement)).toContain('"SearchString":"/referrals"');
    const common = rules().find((x) => x.Statement.ManagedRuleGroupStatement?.Name === 'AWSManagedRulesCommonRuleSet');
    expect(r.Priority).toBeGreaterThan(common?.Priority);
  });
});

describe('no way around CloudFront, and a rate limit that cannot be dodged', () => {
  const secretRefs = () => [s().stack.originSecret.current, s().stack.originSecret.previous].map((x) => logicalIdOf(x));

  it('refuses first every request without the origin secret of this or the previous generation', () => {
    const first = [...rules()].sort((a, b) => a.Priority - b.Priority)[0];
    expect(first).toMatchObject({ Name: 'OnlyThroughCloudFront', Action: { Block: {} } });
    const accepted = first.Statement.NotStatement.Statement.OrStatement.Statements.map(
      (x: Rule) => x.ByteMatchStatement,
    );
    expect(accepted).toHaveLength(2);
    accepted.forEach((m: Rule, i: number) => {
      expect(m).toMatchObject({
        FieldToMatch: { SingleHeader: { Name: ORIGIN_SECRET_HEADER } },
        PositionalConstraint: 'EXACTLY',
      });
      // A dynamic reference resolved at deploy time: the value is never in the template.
      expect(joinedText(m.SearchString)).toBe(`{{resolve:secretsmanager:<Ref:${secretRefs()[i]}>:SecretString:::}}`);
    });
  });

  it('has CloudFront add the current origin secret and the viewer address function to every API behaviour', () => {
    const dist = Object.values(resourcesOf(s().template, 'AWS::CloudFront::Distribution'))[0].Properties as any;
    const apiOrigins = dist.DistributionConfig.Origins.filter((o: Rule) => o.CustomOriginConfig);
    expect(apiOrigins).toHaveLength(1);
    expect(apiOrigins[0].OriginCustomHeaders.map((h: Rule) => [h.HeaderName, joinedText(h.HeaderValue)])).toEqual([
      [ORIGIN_SECRET_HEADER, `{{resolve:secretsmanager:<Ref:${secretRefs()[0]}>:SecretString:::}}`],
    ]);
    const fnId = logicalIdOf(s().stack.web.viewerIp);
    const apiBehaviours = dist.DistributionConfig.CacheBehaviors.filter(
      (b: Rule) => b.TargetOriginId === apiOrigins[0].Id,
    );
    expect(apiBehaviours.length).toBe(s().stack.web.apiPaths.length);
    for (const b of apiBehaviours) {
      expect(b.FunctionAssociations, b.PathPattern).toEqual([
        { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fnId, 'FunctionARN'] } },
      ]);
    }
    // The origin secrets (this generation and the previous): the stack's other secret keys the lookup keys.
    const secrets = Object.entries(resourcesOf(s().template, 'AWS::SecretsManager::Secret'))
      .filter(([id]) => !id.startsWith('LookupSecret'))
      .map(([, x]) => x);
    expect(secrets).toHaveLength(2);
    for (const x of secrets) expect(x.Properties?.GenerateSecretString).toMatchObject({ PasswordLength: 48 });
    expect(config.originSecretGeneration).toBeGreaterThanOrEqual(1);
  });

  it('writes the address CloudFront saw into x-viewer-ip, over whatever the caller sent', () => {
    // Prepare: a caller that forges the header, as it could forge X-Forwarded-For.
    const event = {
      viewer: { ip: '203.0.113.7' },
      request: {
        headers: {
          [VIEWER_IP_HEADER]: { value: '198.51.100.1' },
          'x-forwarded-for': { value: '198.51.100.1' },
        },
      },
    };
    // Act: the function's own code, as CloudFront runs it.
    const out = runInNewContext(`${VIEWER_IP_FUNCTION}; handler(event)`, { event }) as typeof event.request;
    // Assess
    expect(out.headers[VIEWER_IP_HEADER]).toEqual({ value: '203.0.113.7' });
    const dist = Object.values(resourcesOf(s().template, 'AWS::CloudFront::Function'));
    expect(dist.map((f) => f.Properties?.FunctionCode)).toContain(VIEWER_IP_FUNCTION);
  });

  it('rate-limits each viewer by that header, never by X-Forwarded-For, and never blocks a whole edge', () => {
    expect(rule('RatePerViewerIp')).toMatchObject({
      Action: { Block: {} },
      Statement: {
        RateBasedStatement: {
          AggregateKeyType: 'CUSTOM_KEYS',
          CustomKeys: [{ Header: { Name: VIEWER_IP_HEADER, TextTransformations: [{ Priority: 0, Type: 'NONE' }] } }],
          Limit: config.wafRateLimitPer5Minutes,
        },
      },
    });
    expect(JSON.stringify(rules()).toLowerCase()).not.toContain('x-forwarded-for');
    for (const r of rules().filter((x) => x.Statement.RateBasedStatement?.AggregateKeyType === 'IP'))
      expect(r.Action, r.Name).toEqual({ Count: {} });
  });

  it('rotates with the stage: generation N+1 is sent, N and N+1 are accepted', () => {
    // Prepare
    const stack = new Stack(new App({ builtinCloudFormationValidation: false } as never), 'Rotation');
    // Act
    const secret = new OriginSecret(stack, 'OriginSecret', { generation: 2 });
    // Assess
    const template = Template.fromStack(stack).toJSON();
    expect(
      Object.keys(template.Resources)
        .filter((id) => id.includes('Generation'))
        .sort(),
    ).toEqual([expect.stringContaining('Generation1'), expect.stringContaining('Generation2')]);
    expect(joinedText(stack.resolve(secret.headerValue))).toContain(logicalIdOf(secret.current));
    expect(secret.current.node.id).toBe('Generation2');
    expect(secret.acceptedValues.map((v) => joinedText(stack.resolve(v)))).toEqual(
      [secret.current, secret.previous].map(
        (x) => `{{resolve:secretsmanager:<Ref:${logicalIdOf(x)}>:SecretString:::}}`,
      ),
    );
  });

  it('only counts requests without the secret while a running stage first rolls the check out (originCheck)', () => {
    // Prepare
    const stack = new Stack(new App({ builtinCloudFormationValidation: false } as never), 'Rollout');
    const base = { resourceArn: 'arn:aws:apigateway:ap-south-1::/restapis/x/stages/prod', rateLimitPer5Minutes: 100 };
    // Act
    const counting = new Firewall(stack, 'Counting', {
      ...base,
      originSecrets: ['a', 'b'],
      machinePaths: [],
      originCheck: 'count',
    });
    const blocking = new Firewall(stack, 'Blocking', { ...base, originSecrets: ['a', 'b'], machinePaths: [] });
    // Assess
    const first = (f: Firewall) =>
      (stack.resolve(f.webAcl.rules) as Rule[]).find((r) => r.name === 'OnlyThroughCloudFront');
    expect(first(counting)?.action).toEqual({ count: {} });
    expect(first(blocking)?.action).toEqual({ block: {} });
    expect(config.originCheck).toBe('block');
  });

  it('outputs the CloudFront URL as the API URL (the execute-api URL answers nothing)', () => {
    const out = s().template.toJSON().Outputs.ApiUrl.Value;
    expect(joinedText(out)).toContain(`<GetAtt:${logicalIdOf(s().stack.web.distribution)}.DomainName>`);
  });
});

describe('least privilege', () => {
  it('lets the SMS senders publish on "*" only with an explicit Deny on every topic ARN', () => {
    const senders = handlers().filter((h) =>
      statementsOfRole(s().template, logicalIdOf(h.role)).some(
        (st) => st.Effect === 'Allow' && [st.Action].flat().includes('sns:Publish') && st.Resource === '*',
      ),
    );
    expect(senders.map((h) => h.handlerId).sort()).toEqual([
      'escalation-workflow',
      'followup-reminders',
      'stream-dispatcher',
    ]);
    for (const h of senders) {
      const deny = statementsOfRole(s().template, logicalIdOf(h.role)).filter((st) => st.Effect === 'Deny');
      expect(
        deny.map((st) => [st.Action, joinedText(st.Resource)]),
        h.handlerId,
      ).toEqual([['sns:Publish', 'arn:<Ref:AWS::Partition>:sns:*:*:*']]);
    }
  });

  it('gives no handler dynamodb:Scan; read routes only read, and put only the record of their read', () => {
    for (const h of handlers()) {
      const actions = actionsOfRole(s().template, logicalIdOf(h.role));
      expect(actions, h.handlerId).not.toContain('dynamodb:Scan');
      expect(
        actions.filter((a) => a.endsWith('*') && a.startsWith('dynamodb:')),
        h.handlerId,
      ).toEqual([]);
    }
    const reads = (ROUTES as readonly Route[]).filter((r) => r.method === 'GET' && r.roles.length > 0);
    expect(reads.length).toBeGreaterThan(20);
    // A read route that records its read may put that record; one that records nothing may put nothing.
    for (const route of reads) {
      const audits = readFileSync(`functions/${route.id}/handler.ts`, 'utf8').includes('readAudit()');
      expect(UNAUDITED_READS.has(route.id), route.id).toBe(!audits);
    }
    for (const route of reads.filter((r) => UNAUDITED_READS.has(r.id))) {
      const actions = actionsOfRole(s().template, logicalIdOf(s().stack.api.handlers.get(route.id)!.role));
      expect(actions, route.id).not.toContain('dynamodb:PutItem');
    }
    for (const route of reads.filter((r) => !UNAUDITED_READS.has(r.id))) {
      expect(tableAccessFor(route), route.id).toBe('readAudited');
      const statements = statementsOfRole(s().template, logicalIdOf(s().stack.api.handlers.get(route.id)!.role));
      const table = statements.filter((st) => [st.Action].flat().some((a) => String(a).startsWith('dynamodb:')));
      const unconditioned = table.filter((st) => !st.Condition).flatMap((st) => [st.Action].flat());
      expect(unconditioned.sort(), route.id).toEqual([
        'dynamodb:BatchGetItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:DescribeTable',
        'dynamodb:GetItem',
        'dynamodb:Query',
      ]);
      // Every read is audited: a PutItem, only into the read-record partitions.
      const puts = table.filter((st) => st.Condition);
      expect(
        puts.map((st) => ({ action: st.Action, condition: st.Condition })),
        route.id,
      ).toEqual([
        {
          action: 'dynamodb:PutItem',
          condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['READS#*', 'AUDIT#*'] } },
        },
      ]);
    }
  });

  it("names in the data key's policy exactly the roles that use the table; the account only administers it", () => {
    const key = resources()[logicalIdOf(s().stack.key)].Properties.KeyPolicy.Statement as Rule[];
    const dataActions = /^kms:(\*|Decrypt|Encrypt|ReEncrypt|GenerateDataKey|CreateGrant)/;
    const named = new Set<string>();
    for (const st of key) {
      const actions = [st.Action].flat() as string[];
      const arns = st.Condition?.ArnEquals?.['aws:PrincipalArn'];
      if (!arns) {
        // Unconditional: administration only, never data.
        expect(st.Sid).toBe('Administration');
        expect(actions.sort()).toEqual([...KEY_ADMIN_ACTIONS].sort());
        continue;
      }
      expect(
        actions.some((a) => dataActions.test(a)),
        st.Sid,
      ).toBe(true);
      for (const arn of arns) named.add(JSON.stringify(arn));
    }
    expect(key.flatMap((st) => [st.Action].flat())).not.toContain('kms:*');
    const users = handlers().filter((h) => h.tableAccess !== 'none');
    expect(users.length).toBeGreaterThan(20);
    // By name (a reference would tie the key to roles in the nested stacks that depend on it): each name is
    // the one its role was created with.
    for (const h of users) {
      const role = resources()[logicalIdOf(h.role)] as Rule;
      expect(role.Properties.RoleName).toBe(h.roleName);
    }
    const roles = users.map((h) =>
      JSON.stringify({
        'Fn::Join': [
          '',
          ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, `:role/${h.roleName}`],
        ],
      }),
    );
    const deployer = [...named].filter((n) => n.includes('cfn-exec-role'));
    expect(deployer).toHaveLength(1);
    expect([...named].filter((n) => !n.includes('cfn-exec-role')).sort()).toEqual([...new Set(roles)].sort());
  });

  it(`creates the SNS SMS delivery-status log groups, kept ${config.logRetentionDays} days (the stage's)`, () => {
    const groups = Object.entries(resourcesOf(s().template, 'AWS::Logs::LogGroup'))
      .map(([id, r]) => ({ id, r: r as Rule, name: joinedText(r.Properties?.LogGroupName ?? '') }))
      .filter((g) => g.name.startsWith('sns/'));
    expect(groups.map((g) => g.name).sort()).toEqual([
      'sns/ap-south-1/<Ref:AWS::AccountId>/DirectPublishToPhoneNumber',
      'sns/ap-south-1/<Ref:AWS::AccountId>/DirectPublishToPhoneNumber/Failure',
    ]);
    for (const g of groups) {
      expect(g.r.Properties.RetentionInDays).toBe(config.logRetentionDays);
      expect(g.r.DeletionPolicy).toBe('Retain');
    }
    // They exist before SNS is told to log there.
    const settings = Object.values(s().template.findResources('Custom::SnsSmsAttributes'))[0] as Rule;
    for (const g of groups) expect(settings.DependsOn).toContain(g.id);
  });

  it(`caps escalation SMS per centre and day at ${config.sms.escalationDailyCapPerCentre}, alarmed past it`, () => {
    const fn = resources()[logicalIdOf(s().stack.escalation.workflowFunction.fn)].Properties;
    expect(fn.Environment.Variables.ESCALATION_SMS_DAILY_CAP).toBe(String(config.sms.escalationDailyCapPerCentre));
    const alarms = s().stack.escalation.alarms.map((a) => resources()[logicalIdOf(a)].Properties);
    expect(alarms.find((a) => a.MetricName === 'EscalationSmsCapped')).toMatchObject({
      Namespace: 'SakhiOsc',
      Threshold: 1,
      AlarmActions: [{ Ref: logicalIdOf(s().stack.opsTopic.topic) }],
    });
  });
});

// What state IT is woken by and looks at: the ops topic, an alarm on everything the issue lists (each sent to
// that topic), the dashboard with the handlers' own metrics, and the account's SMS settings. The per-stage
// parts (spend limit, SMS settings of each stage) are checked for every stage in stack.test.ts.
import { describe, expect, it } from 'vitest';
import { HandlerFunction } from '../../infra/constructs/handler-function.ts';
import { APP_METRICS } from '../../infra/constructs/metrics.ts';
import { SMS_DIRECT_PUBLISH } from '../../infra/constructs/operations.ts';
import { loadStageConfig } from '../../infra/stage-config.ts';
import { joinedJson, logicalIdOf, resourcesOf, synthStage, WITHOUT_CFN_VALIDATION } from './synth.ts';

const stage = 'dev';
const config = loadStageConfig(stage);
const s = () => synthStage(stage, WITHOUT_CFN_VALIDATION);
type Alarm = Record<string, any>;
const alarms = () =>
  Object.values(resourcesOf(s().template, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties as Alarm);
const opsTopic = () => ({ Ref: logicalIdOf(s().stack.opsTopic.topic) });
const dims = (a: Alarm) =>
  Object.fromEntries(((a.Dimensions ?? []) as Array<{ Name: string; Value: unknown }>).map((d) => [d.Name, d.Value]));

describe('operations', () => {
  it('has a KMS-encrypted, TLS-only ops topic that e-mails the stage alarm address and that CloudWatch may use', () => {
    const topicId = logicalIdOf(s().stack.opsTopic.topic);
    const keyId = logicalIdOf(s().stack.opsTopic.key);
    expect(s().template.toJSON().Resources[topicId].Properties.KmsMasterKeyId).toEqual({
      'Fn::GetAtt': [keyId, 'Arn'],
    });
    s().template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: config.alarmEmail,
      TopicArn: { Ref: topicId },
    });
    const policy = Object.values(resourcesOf(s().template, 'AWS::SNS::TopicPolicy')).find(
      (p) => JSON.stringify(p.Properties?.Topics) === JSON.stringify([{ Ref: topicId }]),
    );
    expect(JSON.stringify(policy)).toContain('aws:SecureTransport');
    const keyPolicy = JSON.stringify(s().template.toJSON().Resources[keyId].Properties.KeyPolicy);
    expect(keyPolicy).toContain('cloudwatch.amazonaws.com');
    expect(s().template.toJSON().Resources[keyId].Properties.EnableKeyRotation).toBe(true);
  });

  it('sends every alarm of the stack to the ops topic', () => {
    expect(alarms().length).toBeGreaterThan(0);
    for (const a of alarms()) expect(a.AlarmActions, a.AlarmDescription).toEqual([opsTopic()]);
  });

  it("alarms on the API stage's 5xx and its p95 and p99 latency", () => {
    const stageId = logicalIdOf(s().stack.api.restApi.deploymentStage);
    const api = alarms().filter((a) => a.Namespace === 'AWS/ApiGateway');
    for (const a of api) expect(dims(a).Stage).toEqual({ Ref: stageId });
    expect(api.map((a) => `${a.MetricName} ${a.ExtendedStatistic ?? a.Statistic}`).sort()).toEqual([
      '5XXError Sum',
      'Latency p95',
      'Latency p99',
    ]);
  });

  it('alarms on the errors and the throttles of every handler, one alarm each', () => {
    const handlers = s()
      .stack.node.findAll()
      .filter((c): c is HandlerFunction => c instanceof HandlerFunction);
    const lambdaAlarms = alarms().filter((a) => a.Namespace === 'AWS/Lambda');
    for (const h of handlers) {
      const mine = lambdaAlarms.filter(
        (a) => JSON.stringify(dims(a).FunctionName) === JSON.stringify({ Ref: logicalIdOf(h.fn) }),
      );
      expect(mine.map((a) => a.MetricName).sort(), h.handlerId).toEqual(['Errors', 'Throttles']);
    }
    expect(lambdaAlarms).toHaveLength(handlers.length * 2);
  });

  it('alarms when a dead-letter queue is not empty: reminders, deadlines, dispatch, account sync, both reports', () => {
    const queues = [
      s().stack.reminders.dlq,
      s().stack.deadlines.dlq,
      s().stack.escalation.dispatchDlq,
      s().stack.accountSync.dlq,
      s().stack.reports.weekly.dlq,
      s().stack.reports.monthly.dlq,
    ];
    expect(Object.keys(resourcesOf(s().template, 'AWS::SQS::Queue'))).toHaveLength(queues.length);
    for (const q of queues) {
      const a = alarms().filter(
        (x) =>
          x.MetricName === 'ApproximateNumberOfMessagesVisible' &&
          JSON.stringify(dims(x).QueueName).includes(logicalIdOf(q)),
      );
      expect(a, q.node.path).toHaveLength(1);
      expect(a[0]).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    }
  });

  it('alarms on escalations failed or unacknowledged', () => {
    const names = alarms().map((a) => `${a.Namespace}/${a.MetricName}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'SakhiOsc/EscalationUnacknowledged',
        'SakhiOsc/EscalationFailed',
        'AWS/States/ExecutionsFailed',
      ]),
    );
  });

  it('alarms on SMS that SNS could not deliver and on the month-to-date SMS spend', () => {
    const failed = alarms().find((a) => a.MetricName === 'NumberOfNotificationsFailed');
    expect(failed).toMatchObject({ Namespace: 'AWS/SNS', Threshold: 1 });
    expect(dims(failed!)).toEqual(SMS_DIRECT_PUBLISH);
    const spend = alarms().find((a) => a.MetricName === 'SMSMonthToDateSpentUSD');
    expect(spend).toMatchObject({
      Namespace: 'AWS/SNS',
      Threshold: (config.sms.monthlySpendLimitUsd * config.sms.spendAlarmPercent) / 100,
    });
  });

  it("has a dashboard with the API, every handler, the DLQs, SMS and each of the handlers' own metrics", () => {
    const dashboards = Object.values(resourcesOf(s().template, 'AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    const body = joinedJson(dashboards[0].Properties?.DashboardBody) as {
      widgets: Array<{ type: string; properties: Record<string, any> }>;
    };
    const metrics = body.widgets.flatMap((w) => (w.properties.metrics ?? []) as unknown[][]);
    const named = (ns: string, name: string) => metrics.some((m) => m[0] === ns && m[1] === name);
    for (const name of Object.values(APP_METRICS).flat()) expect(named('SakhiOsc', name), name).toBe(true);
    expect(named('AWS/ApiGateway', 'Latency')).toBe(true);
    expect(named('AWS/SQS', 'ApproximateNumberOfMessagesVisible')).toBe(true);
    expect(named('AWS/SNS', 'SMSMonthToDateSpentUSD')).toBe(true);
    const handlers = s()
      .stack.node.findAll()
      .filter((c): c is HandlerFunction => c instanceof HandlerFunction);
    const errorLines = metrics.filter((m) => m[0] === 'AWS/Lambda' && m[1] === 'Errors');
    expect(errorLines).toHaveLength(handlers.length);
    expect(body.widgets.some((w) => w.type === 'alarm')).toBe(true);
  });

  it('lets SNS write SMS delivery logs only to its own delivery log groups', () => {
    const roleId = logicalIdOf(s().stack.smsSettings!.deliveryStatusRole);
    const role = s().template.toJSON().Resources[roleId].Properties;
    expect(JSON.stringify(role.AssumeRolePolicyDocument)).toContain('sns.amazonaws.com');
    expect(JSON.stringify(role.AssumeRolePolicyDocument)).toContain('aws:SourceAccount');
    const policy = Object.values(resourcesOf(s().template, 'AWS::IAM::Policy')).find(
      (p) => JSON.stringify(p.Properties?.Roles) === JSON.stringify([{ Ref: roleId }]),
    );
    const resources = JSON.stringify(
      (policy!.Properties!.PolicyDocument as { Statement: Array<{ Resource: unknown }> }).Statement.map(
        (st) => st.Resource,
      ),
    );
    expect(resources).toContain('DirectPublishToPhoneNumber*');
    expect(resources).not.toContain('"*"');
  });
});

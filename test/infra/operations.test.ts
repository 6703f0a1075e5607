// What state IT is woken by and looks at: the ops topic, an alarm on everything the issue lists (each sent to
// that topic), the dashboard with the handlers' own metrics (dev), and, for every stage, the account's SMS
// settings and the alarm on the month's SMS spend.
import type { NestedStack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { describe, expect, it } from 'vitest';
import { HandlerFunction } from '../../infra/constructs/handler-function.ts';
import { STAGES } from '../../infra/stage-config.ts';
import { emittedMetrics, joinedJson, logicalIdOf, resourcesOf, synthStage, WITHOUT_CFN_VALIDATION } from './synth.ts';

const stage = 'dev';
const s = () => synthStage(stage, WITHOUT_CFN_VALIDATION);
type Alarm = Record<string, any>;
/** Every alarm: the Monitoring nested stack's, and those the features raise themselves (queues, escalations). */
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
      Endpoint: 'osc-alarms-dev@example.org',
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

  it('keeps the alarms and the dashboard in a nested stack of their own', () => {
    const monitoring = s().stack.node.findChild('Monitoring') as NestedStack;
    const alarmsThere = monitoring.node.findAll().filter((c) => c instanceof cloudwatch.Alarm);
    expect(alarmsThere.length).toBeGreaterThan(10);
    expect(monitoring.node.findAll().some((c) => c instanceof cloudwatch.Dashboard)).toBe(true);
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

  it('alarms on the errors and the throttles of every handler, in groups of at most ten it names', () => {
    const handlers = s()
      .stack.node.findAll()
      .filter((c): c is HandlerFunction => c instanceof HandlerFunction);
    const ref = (h: HandlerFunction) => JSON.stringify([{ Name: 'FunctionName', Value: { Ref: logicalIdOf(h.fn) } }]);
    for (const metric of ['Errors', 'Throttles']) {
      // Metric math over at most ten functions an alarm; every handler's metric in exactly one of them.
      const groups = alarms().filter((a) => a.Metrics?.some((m: any) => m.MetricStat?.Metric?.MetricName === metric));
      expect(groups, metric).toHaveLength(Math.ceil(handlers.length / 10));
      const stats = (a: Alarm) => a.Metrics.filter((m: any) => m.MetricStat);
      const watched = groups.flatMap((a) => stats(a).map((m: any) => JSON.stringify(m.MetricStat.Metric.Dimensions)));
      expect(watched.sort(), metric).toEqual(handlers.map(ref).sort());
      for (const a of groups) {
        expect(stats(a).length).toBeLessThanOrEqual(10);
        expect(a.Metrics.find((m: any) => m.Expression).Expression).toMatch(/^SUM\(\[FILL\(m0, 0\)/);
        // The description names the handlers it watches, so the person woken knows where to look.
        const named = handlers.filter((h) =>
          stats(a).some((m: any) => JSON.stringify(m.MetricStat.Metric.Dimensions) === ref(h)),
        );
        for (const h of named) expect(a.AlarmDescription).toContain(h.handlerId);
      }
    }
    // No alarm on a single function's metric is left.
    expect(alarms().filter((a) => a.Namespace === 'AWS/Lambda')).toEqual([]);
  });

  it('alarms when a dead-letter queue is not empty: every job, queue and stream consumer', () => {
    const queues = [
      s().stack.reminders.dlq,
      s().stack.escalation.dispatchDlq,
      s().stack.accountSync.dlq,
      s().stack.reports.weekly.dlq,
      s().stack.reports.monthly.dlq,
      s().stack.documents.checkerDlq,
      s().stack.documents.sweep.dlq,
      s().stack.retention.job.dlq,
    ];
    // Besides the dead-letter queues, one work queue: account-sync's requests (its DLQ is in the list).
    expect(Object.keys(resourcesOf(s().template, 'AWS::SQS::Queue'))).toHaveLength(queues.length + 1);
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
    // SMS sent straight to a phone number: SNS's own dimension for them.
    expect(dims(failed!)).toEqual({ PhoneNumber: 'PhoneNumber_DirectPublish' });
    const spend = alarms().find((a) => a.MetricName === 'SMSMonthToDateSpentUSD');
    // 80% of dev's USD 5 a month.
    expect(spend).toMatchObject({ Namespace: 'AWS/SNS', Threshold: 4 });
  });

  it("has a dashboard with the API, every handler, the DLQs, SMS and each of the handlers' own metrics", () => {
    const dashboards = Object.values(resourcesOf(s().template, 'AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    const body = joinedJson(dashboards[0].Properties?.DashboardBody) as {
      widgets: Array<{ type: string; properties: Record<string, any> }>;
    };
    const metrics = body.widgets.flatMap((w) => (w.properties.metrics ?? []) as unknown[][]);
    const named = (ns: string, name: string) => metrics.some((m) => m[0] === ns && m[1] === name);
    for (const name of [
      ...['Http4xx', 'Http5xx', 'UnhandledError'],
      ...['RemindersSent', 'RemindersFailed', 'FollowUpsMissed'],
      ...['EscalationLevelNotified', 'EscalationUnacknowledged', 'EscalationFailed', 'NotificationUndeliverable'],
    ])
      expect(named('SakhiOsc', name), name).toBe(true);
    // Each line of the namespace is a metric the handlers' code emits: none watches a name nothing writes.
    const ours = metrics.filter((m) => m[0] === 'SakhiOsc').map((m) => String(m[1]));
    for (const name of ours) expect(emittedMetrics(), name).toContain(name);
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

/** Each stage's SMS spend limit (USD) and the alarm at 80% of it, written out from the stage config. */
const SMS_SPEND = { dev: [5, 4], staging: [20, 16], prod: [200, 160] };

describe.each(STAGES)('stage %s', (name) => {
  const [limit, alarmAt] = SMS_SPEND[name];
  const synth = () => synthStage(name, WITHOUT_CFN_VALIDATION);

  describe('SMS settings', () => {
    it(`sets the account's SMS settings (limit USD ${limit}, Transactional, sender SAKHIO, delivery logs)`, () => {
      const resources = Object.values(resourcesOf(synth().template, 'Custom::SnsSmsAttributes'));
      // Every stage sets its account's SMS settings (manageAccountSettings is on by default).
      expect(resources).toHaveLength(1);
      const create = joinedJson(resources[0].Properties?.Create);
      expect(create).toMatchObject({
        service: 'SNS',
        action: 'setSMSAttributes',
        parameters: {
          attributes: {
            MonthlySpendLimit: String(limit),
            DefaultSMSType: 'Transactional',
            DefaultSenderID: 'SAKHIO',
            DeliveryStatusIAMRole: `<GetAtt:${logicalIdOf(synth().stack.smsSettings!.deliveryStatusRole)}.Arn>`,
            DeliveryStatusSuccessSamplingRate: '100',
          },
        },
      });
      // A changed setting is applied on the next deploy.
      expect(joinedJson(resources[0].Properties?.Update)).toEqual(create);
    });

    it("alarms when the month's SMS spend reaches 80% of the stage limit", () => {
      synth().template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SNS',
        MetricName: 'SMSMonthToDateSpentUSD',
        Threshold: alarmAt,
        AlarmActions: [{ Ref: logicalIdOf(synth().stack.opsTopic.topic) }],
      });
    });
  });
});

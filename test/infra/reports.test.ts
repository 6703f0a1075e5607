// The weekly state review and the monthly district reports as deployed: their schedules in Indian time, the
// settings and grants of their functions, and the encrypted e-mail topic they announce on.
import { describe, expect, it } from 'vitest';
import {
  actionsOfRole,
  logicalIdOf,
  resourcesOf,
  statementsOfRole,
  synthStage,
  WITHOUT_CFN_VALIDATION,
} from './synth.ts';

const stage = 'staging';
const s = () => synthStage(stage, WITHOUT_CFN_VALIDATION);
const props = (id: string) => s().template.toJSON().Resources[id].Properties;

describe('reports', () => {
  const reports = () => s().stack.reports;
  const topicId = () => logicalIdOf(reports().topic);

  it.each([
    ['weekly', 'weekly-review', 'cron(0 10 ? * MON *)'],
    ['monthly', 'monthly-district-report', 'cron(0 10 1 * ? *)'],
  ] as const)(
    'runs the %s report (%s) at %s Asia/Kolkata with its scheduled time, retries and a DLQ',
    (kind, handlerId, cron) => {
      const job = reports()[kind];
      const schedule = props(logicalIdOf(job.schedule));
      expect(schedule).toMatchObject({
        ScheduleExpression: cron,
        ScheduleExpressionTimezone: 'Asia/Kolkata',
        Target: {
          Arn: { 'Fn::GetAtt': [logicalIdOf(job.handler.fn), 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalIdOf(job.dlq), 'Arn'] } },
        },
      });
      // EventBridge Scheduler's placeholder for the time the run was due (the handlers report on that week).
      expect(JSON.parse(schedule.Target.Input)).toEqual({ scheduledTime: '<aws.scheduler.scheduled-time>' });
      expect(schedule.Target.RetryPolicy.MaximumRetryAttempts).toBeGreaterThanOrEqual(3);
      expect(props(logicalIdOf(job.dlqAlarm)).AlarmActions).toEqual([{ Ref: logicalIdOf(s().stack.opsTopic.topic) }]);
      // The target is built from functions/<handlerId>, as its role says.
      const fn = props(schedule.Target.Arn['Fn::GetAtt'][0]);
      expect(props(fn.Role['Fn::GetAtt'][0]).Description).toBe(`Sakhi OSC ${handlerId} handler`);
    },
  );

  it('tells both functions the topic, the form address and the small-cell threshold', () => {
    for (const job of [reports().weekly, reports().monthly]) {
      const env = props(logicalIdOf(job.handler.fn)).Environment.Variables;
      expect(env).toMatchObject({
        REPORTS_TOPIC_ARN: { Ref: topicId() },
        // Figures below 5 are shown as "<5" below the state level.
        STATS_SMALL_CELL: '5',
        TABLE_NAME: { Ref: logicalIdOf(s().stack.table) },
        // The staff form on this stage's distribution: the link the e-mail carries.
        WEB_URL: {
          'Fn::Join': [
            '',
            ['https://', { 'Fn::GetAtt': [logicalIdOf(s().stack.web.distribution), 'DomainName'] }, '/'],
          ],
        },
      });
    }
  });

  it('lets them read and write the table and publish to that topic only', () => {
    for (const job of [reports().weekly, reports().monthly]) {
      const roleId = logicalIdOf(job.handler.role);
      const actions = actionsOfRole(s().template, roleId);
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:PutItem', 'sns:Publish']));
      expect([...new Set(actions.map((a) => a.split(':')[0]))].sort()).toEqual([
        'dynamodb',
        'kms',
        'logs',
        'sns',
        'sqs', // a failed run to its dead-letter queue
        'xray',
      ]);
      const publish = statementsOfRole(s().template, roleId).filter((st) => [st.Action].flat().includes('sns:Publish'));
      expect(publish.map((st) => st.Resource)).toEqual([{ Ref: topicId() }]);
    }
  });

  it('announces on a KMS-encrypted, TLS-only topic with an e-mail subscription per configured address', () => {
    const topic = props(topicId());
    expect(topic.KmsMasterKeyId['Fn::GetAtt'][1]).toBe('Arn');
    expect(s().template.toJSON().Resources[topic.KmsMasterKeyId['Fn::GetAtt'][0]].Type).toBe('AWS::KMS::Key');
    const policies = Object.values(resourcesOf(s().template, 'AWS::SNS::TopicPolicy')).filter(
      (p) => JSON.stringify(p.Properties?.Topics) === JSON.stringify([{ Ref: topicId() }]),
    );
    expect(JSON.stringify(policies)).toMatch(
      /"Effect":"Deny".*aws:SecureTransport|aws:SecureTransport.*"Effect":"Deny"/,
    );
    const emails = Object.values(resourcesOf(s().template, 'AWS::SNS::Subscription'))
      .map((sub) => sub.Properties as { TopicArn: unknown; Protocol: string; Endpoint: string })
      .filter((sub) => JSON.stringify(sub.TopicArn) === JSON.stringify({ Ref: topicId() }));
    expect(emails.map((e) => [e.Protocol, e.Endpoint])).toEqual([['email', 'osc-reports-staging@example.org']]);
  });

  it('lets the report routes read stored reports with no topic and no publish right', () => {
    for (const id of ['list-reports', 'get-report']) {
      const handler = s().stack.api.handlers.get(id)!;
      expect(props(logicalIdOf(handler.fn)).Environment.Variables.REPORTS_TOPIC_ARN).toBeUndefined();
      expect(actionsOfRole(s().template, logicalIdOf(handler.role)).filter((a) => a.startsWith('sns:'))).toEqual([]);
    }
  });
});

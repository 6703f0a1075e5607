// The daily retention job as deployed (prod): its schedule in Indian time with the scheduled time as input,
// retries, a dead-letter queue and an alarm to the operators; the stage's retention period in its
// environment; the table and nothing else besides its logs and tracing.
import { describe, expect, it } from 'vitest';
import { SCHEDULED_TIME_INPUT, ScheduledJob } from '../../infra/constructs/scheduled-job.ts';
import { loadStageConfig } from '../../infra/stage-config.ts';
import { actionsOfRole, logicalIdOf, synthStage, WITHOUT_CFN_VALIDATION } from './synth.ts';

const stage = 'prod';
const s = () => synthStage(stage, WITHOUT_CFN_VALIDATION);
const props = (id: string) => s().template.toJSON().Resources[id].Properties;

describe('retention', () => {
  const job = () => s().stack.retention.job;

  it('runs daily at 02:30 Asia/Kolkata with its scheduled time, retries, a DLQ and an alarm', () => {
    // Prepare
    const schedule = props(logicalIdOf(job().schedule));
    // Assess
    expect(schedule).toMatchObject({
      ScheduleExpression: 'cron(30 2 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Kolkata',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [logicalIdOf(job().handler.fn), 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalIdOf(job().dlq), 'Arn'] } },
      },
    });
    expect(JSON.parse(schedule.Target.Input)).toEqual(SCHEDULED_TIME_INPUT);
    expect(schedule.Target.RetryPolicy.MaximumRetryAttempts).toBeGreaterThanOrEqual(3);
    const alarm = props(logicalIdOf(job().dlqAlarm));
    expect(alarm.AlarmActions).toEqual([{ Ref: logicalIdOf(s().stack.opsTopic.topic) }]);
    expect(alarm.Dimensions).toEqual([
      { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIdOf(job().dlq), 'QueueName'] } },
    ]);
    expect(job().handler.handlerId).toBe('retention');
  });

  it("carries the stage's retention period (7 years), may use the table and remove case documents only", () => {
    const env = props(logicalIdOf(job().handler.fn)).Environment.Variables;
    expect(env).toMatchObject({
      RETENTION_YEARS: String(loadStageConfig(stage).retentionYears),
      TABLE_NAME: { Ref: logicalIdOf(s().stack.table) },
    });
    expect(loadStageConfig(stage).retentionYears).toBe(7);
    expect(props(logicalIdOf(job().handler.fn)).Timeout).toBe(900);
    const actions = actionsOfRole(s().template, logicalIdOf(job().handler.role));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']));
    expect([...new Set(actions.map((a) => a.split(':')[0]))].sort()).toEqual([
      'dynamodb',
      'kms',
      'logs',
      's3',
      'sqs',
      'xray',
    ]);
    // Documents of an anonymised case: find and delete their versions; never read or write an object.
    const s3 = actions.filter((a) => a.startsWith('s3:')).sort();
    expect(
      s3.every((a) => /^s3:(ListBucketVersions|ListBucket|DeleteObject|DeleteObjectVersion)$/.test(a)),
      s3.join(),
    ).toBe(true);
    expect(s3).toContain('s3:DeleteObjectVersion');
  });
});

describe('every scheduled job', () => {
  it('sends a run that failed inside its function (after Lambda retried it) to its dead-letter queue', () => {
    // Scheduler invokes asynchronously: its own retry policy and DLQ cover only the hand-over to Lambda.
    const jobs = s()
      .stack.node.findAll()
      .filter((c): c is ScheduledJob => c instanceof ScheduledJob);
    expect(jobs.map((j) => j.handler.handlerId).sort()).toEqual(
      expect.arrayContaining(['deadline-check', 'followup-reminders', 'retention', 'weekly-review']),
    );
    const configs = Object.values(s().template.toJSON().Resources as Record<string, { Type: string; Properties: any }>)
      .filter((r) => r.Type === 'AWS::Lambda::EventInvokeConfig')
      .map((r) => r.Properties);
    for (const job of jobs) {
      const config = configs.find((c) => c.FunctionName?.Ref === logicalIdOf(job.handler.fn));
      expect(config, job.handler.handlerId).toMatchObject({
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalIdOf(job.dlq), 'Arn'] } } },
      });
      const actions = actionsOfRole(s().template, logicalIdOf(job.handler.role));
      expect(actions, job.handler.handlerId).toContain('sqs:SendMessage');
    }
  });
});

// The deadline check as deployed: an EventBridge Scheduler schedule every 15 minutes in Asia/Kolkata, with
// its scheduled time as input, a retry policy, an encrypted dead-letter queue and an alarm on it; its role
// invokes only the check; the check reads and writes the table and sends no SMS itself (the stream
// dispatcher does, from the outbox items it writes).
import { describe, expect, it } from 'vitest';
import { SCHEDULED_TIME_INPUT } from '../../infra/constructs/scheduled-job.ts';
import { actionsOfRole, logicalIdOf, statementsOfRole, synthStage, WITHOUT_CFN_VALIDATION } from './synth.ts';

const s = () => synthStage('prod', WITHOUT_CFN_VALIDATION);
const props = (id: string) => s().template.toJSON().Resources[id].Properties;
const deadlines = () => s().stack.deadlines;

describe('the deadline check schedule (prod)', () => {
  it('fires every 15 minutes in Asia/Kolkata with its scheduled time as input', () => {
    // Prepare
    const schedule = props(logicalIdOf(deadlines().schedule));
    // Assess
    expect(schedule).toMatchObject({
      ScheduleExpression: 'cron(0/15 * * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Kolkata',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: { Arn: { 'Fn::GetAtt': [logicalIdOf(deadlines().check.fn), 'Arn'] } },
    });
    expect(JSON.parse(schedule.Target.Input)).toEqual(SCHEDULED_TIME_INPUT);
  });

  it('retries, then parks the event in an encrypted dead-letter queue whose alarm goes to the operators', () => {
    const dlqId = logicalIdOf(deadlines().dlq);
    const target = props(logicalIdOf(deadlines().schedule)).Target;
    expect(target.RetryPolicy.MaximumRetryAttempts).toBeGreaterThanOrEqual(3);
    expect(target.RetryPolicy.MaximumEventAgeInSeconds).toBeLessThanOrEqual(3600);
    expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [dlqId, 'Arn'] } });
    expect(props(dlqId)).toMatchObject({ SqsManagedSseEnabled: true });
    expect(props(logicalIdOf(deadlines().dlqAlarm))).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
      AlarmActions: [{ Ref: logicalIdOf(s().stack.opsTopic.topic) }],
    });
  });

  it('runs with its own role, which may invoke only the check and write only to its dead-letter queue', () => {
    const roleId = props(logicalIdOf(deadlines().schedule)).Target.RoleArn['Fn::GetAtt'][0];
    const statements = statementsOfRole(s().template, roleId);
    expect(statements.flatMap((st) => [st.Action].flat()).sort()).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
    expect(JSON.stringify(statements)).toContain(logicalIdOf(deadlines().check.fn));
  });

  it('lets the check query the queue index and write the table, but not publish SMS', () => {
    const actions = actionsOfRole(s().template, logicalIdOf(deadlines().check.role));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:PutItem']));
    expect(actions.some((a) => a.startsWith('sns:'))).toBe(false);
    const env = props(logicalIdOf(deadlines().check.fn)).Environment.Variables;
    expect(env).toMatchObject({ TABLE_NAME: { Ref: expect.any(String) }, SHELTER_DEFAULT_DAYS: '5' });
  });
});

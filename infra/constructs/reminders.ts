// The daily follow-up reminder sweep in AWS: an EventBridge Scheduler schedule at 09:00 Asia/Kolkata that
// passes its own scheduled time to the sweep Lambda, with a retry policy and a dead-letter queue, and an
// alarm when anything lands in that queue.
import { Duration, RemovalPolicy, TimeZone } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { HandlerFunction, type HandlerDefaults } from './handler-function.ts';
import { grantSmsPublish } from './escalation.ts';

export interface RemindersProps {
  defaults: HandlerDefaults;
  smsEnvironment: Record<string, string>;
  alarmTopic?: sns.ITopic;
}

/** The schedules' input: the time the schedule fired, so a retried invocation sweeps the intended day. */
export const SCHEDULED_TIME_INPUT = { scheduledTime: '<aws.scheduler.scheduled-time>' };

export class Reminders extends Construct {
  readonly sweep: HandlerFunction;
  readonly schedule: scheduler.Schedule;
  readonly dlq: sqs.Queue;

  constructor(scope: Construct, id: string, props: RemindersProps) {
    super(scope, id);
    this.sweep = new HandlerFunction(this, 'Sweep', {
      ...props.defaults,
      handlerId: 'followup-reminders',
      tableAccess: 'readWrite',
      timeout: Duration.minutes(5),
      description: 'Daily follow-up reminders (SMS) and missed follow-ups',
      environment: props.smsEnvironment,
    });
    grantSmsPublish(this.sweep);

    this.dlq = new sqs.Queue(this, 'Dlq', {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.schedule = new scheduler.Schedule(this, 'Daily', {
      description: 'Follow-up reminders at 09:00 IST',
      schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: '9', timeZone: TimeZone.ASIA_KOLKATA }),
      target: new targets.LambdaInvoke(this.sweep.fn, {
        input: scheduler.ScheduleTargetInput.fromObject(SCHEDULED_TIME_INPUT),
        retryAttempts: 10,
        maxEventAge: Duration.hours(6),
        deadLetterQueue: this.dlq,
      }),
    });

    const alarm = new cloudwatch.Alarm(this, 'DlqAlarm', {
      metric: this.dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: 'The daily reminder sweep failed after all retries: reminders were not sent today.',
    });
    if (props.alarmTopic) alarm.addAlarmAction(new cwActions.SnsAction(props.alarmTopic));
  }
}

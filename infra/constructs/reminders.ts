// The daily follow-up reminder sweep in AWS: an EventBridge Scheduler schedule at 09:00 Asia/Kolkata that
// passes its own scheduled time to the sweep Lambda (functions/followup-reminders), with a retry policy and a
// dead-letter queue, and an alarm when anything lands in that queue. The sweep reads and writes the table
// (reminder marks, missed follow-ups) and sends SMS; nothing else.
import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { HandlerDefaults, HandlerFunction } from './handler-function.ts';
import { ScheduledJob } from './scheduled-job.ts';

export { SCHEDULED_TIME_INPUT } from './scheduled-job.ts';

export interface RemindersProps {
  defaults: HandlerDefaults;
  /** SMS_SENDER_ID, SMS_ENTITY_ID, SMS_TEMPLATE_IDS. */
  smsEnvironment: Record<string, string>;
  alarmTopic?: sns.ITopic;
}

export class Reminders extends Construct {
  readonly sweep: HandlerFunction;
  readonly schedule: scheduler.Schedule;
  readonly dlq: sqs.Queue;
  readonly dlqAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: RemindersProps) {
    super(scope, id);
    const job = new ScheduledJob(this, 'Daily', {
      defaults: props.defaults,
      handlerId: 'followup-reminders',
      tableAccess: 'readWrite',
      // Its cost follows what is due; a few hundred SMS a day fit well inside this.
      timeout: Duration.minutes(5),
      description: 'Daily follow-up reminders (SMS) and missed follow-ups',
      cron: { minute: '0', hour: '9' },
      // A sweep re-run the same day sends nothing twice (conditional marks), so retrying is always safe;
      // after six hours the morning is over and the next day's sweep picks up what is still due.
      retryAttempts: 10,
      maxEventAge: Duration.hours(6),
      alarmTopic: props.alarmTopic,
      failureMeaning: "today's follow-up reminders were not sent (tomorrow's sweep sends what is still due).",
    });
    job.handler.allowSms(props.smsEnvironment);
    this.sweep = job.handler;
    this.schedule = job.schedule;
    this.dlq = job.dlq;
    this.dlqAlarm = job.dlqAlarm;
  }
}

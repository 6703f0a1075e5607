// The deadline check in AWS: an EventBridge Scheduler schedule every 15 minutes in Asia/Kolkata that passes
// its own scheduled time to functions/deadline-check, with retries, a dead-letter queue and an alarm. The
// check reads the sparse queue index and writes the table (overdue marks, escalation requests, the outbox
// items the stream dispatcher turns into SMS): it sends no SMS itself, so it needs no SNS rights.
import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { HandlerDefaults, HandlerFunction } from './handler-function.ts';
import { ScheduledJob } from './scheduled-job.ts';

export interface DeadlinesProps {
  defaults: HandlerDefaults;
  alarmTopic?: sns.ITopic;
}

export class Deadlines extends Construct {
  readonly check: HandlerFunction;
  readonly schedule: scheduler.Schedule;
  readonly dlq: sqs.Queue;
  readonly dlqAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: DeadlinesProps) {
    super(scope, id);
    const job = new ScheduledJob(this, 'Every15Minutes', {
      defaults: props.defaults,
      handlerId: 'deadline-check',
      tableAccess: 'readWrite',
      // Its cost follows what is due in 15 minutes: a handful of items, well inside a minute.
      timeout: Duration.minutes(2),
      description: 'Legal deadlines (child pathway, MLC report), hearing reminders and overdue shelter stays',
      cron: { minute: '0/15' },
      // A run repeated for the same moment changes nothing (conditional writes), so retrying is safe; after
      // an hour four later runs have looked at the same queues, so an older event is only noise.
      retryAttempts: 5,
      maxEventAge: Duration.hours(1),
      alarmTopic: props.alarmTopic,
      failureMeaning:
        'overdue legal deadlines of children and survivors were not marked or escalated in this run (the next ' +
        'run, 15 minutes later, tries again).',
    });
    this.check = job.handler;
    this.schedule = job.schedule;
    this.dlq = job.dlq;
    this.dlqAlarm = job.dlqAlarm;
  }
}

// The daily retention job in AWS: an EventBridge Scheduler schedule at 02:30 Asia/Kolkata (the quietest hour
// of a 24-hour service) that passes its own scheduled time to functions/retention, with retries, a
// dead-letter queue and an alarm. It reads the retention queue (the sparse `queue` index) and the partitions
// of the cases that are due, and anonymises them: table read and write, nothing else. (Deleting a case's
// documents from their bucket is granted here by the documents construct when it is wired in.)
import { Duration } from 'aws-cdk-lib';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { HandlerDefaults } from './handler-function.ts';
import { ScheduledJob } from './scheduled-job.ts';

export interface RetentionProps {
  defaults: HandlerDefaults;
  alarmTopic?: sns.ITopic;
}

export class Retention extends Construct {
  readonly job: ScheduledJob;

  constructor(scope: Construct, id: string, props: RetentionProps) {
    super(scope, id);
    this.job = new ScheduledJob(this, 'Daily', {
      defaults: props.defaults,
      handlerId: 'retention',
      tableAccess: 'readWrite',
      // Its cost follows the cases due that day; the job stops a minute early and the rest wait a day.
      timeout: Duration.minutes(15),
      description: 'Daily retention: anonymises cases past the retention period (RETENTION_YEARS)',
      cron: { minute: '30', hour: '2' },
      // Every step is safe to repeat (attribute removals, a version-guarded final write), so retrying is.
      retryAttempts: 10,
      maxEventAge: Duration.hours(12),
      alarmTopic: props.alarmTopic,
      failureMeaning:
        'cases past the retention period still hold her identity and notes (the next run tries again; ' +
        'a case that keeps failing is named in the logs by id).',
    });
  }
}

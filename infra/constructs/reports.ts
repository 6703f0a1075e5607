// The oversight reports in AWS: the weekly state review (Monday 10:00 IST, functions/weekly-review) and the
// monthly district reports (the 1st, 10:00 IST, functions/monthly-district-report), each run by its own
// schedule with retries, a dead-letter queue and an alarm, and announced on an encrypted e-mail topic to the
// state officials: a subject and a link to the oversight page, never a figure or a name.

import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ENV } from '#shared/core/config.ts';
import { EncryptedTopic } from './encrypted-topic.ts';
import type { HandlerDefaults, HandlerFunction } from './handler-function.ts';
import { ScheduledJob } from './scheduled-job.ts';

export interface ReportsProps {
  defaults: HandlerDefaults;
  /** Who gets the announcements (each confirms the subscription e-mail once). */
  emails: readonly string[];
  /** The staff form's address: the announcement links to the report there. */
  webUrl: string;
  /** Figures below this are shown as "<n" below the state level. */
  smallCellThreshold: number;
  removalPolicy: RemovalPolicy;
  alarmTopic?: sns.ITopic;
}

export class Reports extends Construct {
  readonly topic: sns.Topic;
  readonly weekly: ScheduledJob;
  readonly monthly: ScheduledJob;

  constructor(scope: Construct, id: string, props: ReportsProps) {
    super(scope, id);

    this.topic = new EncryptedTopic(this, 'Announcements', {
      purpose: 'report announcements',
      emails: props.emails,
      removalPolicy: props.removalPolicy,
    }).topic;

    const common = {
      defaults: props.defaults,
      tableAccess: 'readWrite' as const,
      // Reads counters (O(centres)) and writes one item per report.
      timeout: Duration.minutes(2),
      environment: {
        [ENV.reportsTopicArn]: this.topic.topicArn,
        [ENV.webUrl]: props.webUrl,
        [ENV.statsSmallCell]: String(props.smallCellThreshold),
      },
      // A report is stored under its period's id, so a retry never makes a second one.
      retryAttempts: 10,
      maxEventAge: Duration.hours(12),
      alarmTopic: props.alarmTopic,
    };
    this.weekly = new ScheduledJob(this, 'Weekly', {
      ...common,
      handlerId: 'weekly-review',
      description: 'Weekly state review for the WCDC (Monday 10:00 IST)',
      cron: { minute: '0', hour: '10', weekDay: 'MON' },
      failureMeaning: "this week's state review was not made or not announced.",
    });
    this.monthly = new ScheduledJob(this, 'Monthly', {
      ...common,
      handlerId: 'monthly-district-report',
      description: 'Monthly report for each District Operation Committee (1st, 10:00 IST)',
      cron: { minute: '0', hour: '10', day: '1' },
      failureMeaning: "this month's district reports were not made or not announced.",
    });
    for (const job of [this.weekly, this.monthly]) this.topic.grantPublish(job.handler.fn);
  }

  get handlers(): HandlerFunction[] {
    return [this.weekly.handler, this.monthly.handler];
  }

  get dlqAlarms(): cloudwatch.Alarm[] {
    return [this.weekly.dlqAlarm, this.monthly.dlqAlarm];
  }
}

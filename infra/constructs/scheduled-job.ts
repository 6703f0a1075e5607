// A Lambda handler run by an EventBridge Scheduler schedule in Indian time, the way every scheduled job of
// the system runs: the schedule passes its own scheduled time (so a retried or late invocation works on the
// intended day), retries with a bounded event age, then parks the event in a dead-letter queue, and an alarm
// tells the operators when anything lands there.
import { type CfnElement, Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterQueue } from './dead-letter-queue.ts';
import { type HandlerDefaults, HandlerFunction, type HandlerOptions } from './handler-function.ts';

/** The schedules' input: the time the schedule fired, so a retried invocation works on the intended day. */
export const SCHEDULED_TIME_INPUT = { scheduledTime: '<aws.scheduler.scheduled-time>' };

/** The Indian time zone every schedule of the system runs in. */
export const SCHEDULE_TIME_ZONE = TimeZone.ASIA_KOLKATA;

export interface ScheduledJobProps extends HandlerOptions {
  defaults: HandlerDefaults;
  /** The folder under functions/. */
  handlerId: string;
  /** When, in Asia/Kolkata (minute, hour, day, weekDay...). */
  cron: Omit<scheduler.CronOptionsWithTimezone, 'timeZone'>;
  /** Invocation attempts after the first (Scheduler retries with backoff). */
  retryAttempts?: number;
  /** How long Scheduler keeps retrying before the event goes to the dead-letter queue. */
  maxEventAge?: Duration;
  /** Where the dead-letter alarm goes. */
  alarmTopic?: sns.ITopic;
  /** What it means for the users when the job failed after all retries (the alarm's description). */
  failureMeaning: string;
}

export class ScheduledJob extends Construct {
  readonly handler: HandlerFunction;
  readonly schedule: scheduler.Schedule;
  readonly dlq: sqs.Queue;
  readonly dlqAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id);
    const { defaults, handlerId, cron, retryAttempts, maxEventAge, alarmTopic, failureMeaning, ...options } = props;

    this.handler = new HandlerFunction(this, 'Handler', { ...defaults, ...options, handlerId });

    // Only failed schedule events (a time stamp, no personal data).
    this.dlq = deadLetterQueue(this, 'the schedule (Scheduler target DeadLetterConfig and the async failures)');
    // Scheduler invokes the function asynchronously: its retry policy and dead-letter queue cover only the
    // hand-over to Lambda. A run that fails inside the function is retried by Lambda's own async retries and
    // then lands in the same queue, so the alarm and the runbook's "invoke it again with scheduledTime" apply.
    this.handler.fn.configureAsyncInvoke({
      retryAttempts: 2,
      // The job's own limit, within Lambda's longest (6 hours).
      maxEventAge: Duration.seconds(Math.min((maxEventAge ?? Duration.hours(6)).toSeconds(), 6 * 3600)),
      onFailure: new destinations.SqsDestination(this.dlq),
    });

    // This schedule's own role (rather than the stack-wide one Scheduler targets share by default): it may
    // invoke this one function and write to this one queue.
    const role = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: `Sakhi OSC schedule of ${handlerId}`,
    });
    const fnElement = this.handler.fn.node.defaultChild as CfnElement;
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(fnElement)}.Arn>:*]`,
      reason:
        'lambda:InvokeFunction on this one function: the ":*" suffix covers its versions and aliases, ' +
        'no other function.',
    });

    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: `Sakhi OSC ${handlerId}`,
      schedule: scheduler.ScheduleExpression.cron({ ...cron, timeZone: SCHEDULE_TIME_ZONE }),
      target: new targets.LambdaInvoke(this.handler.fn, {
        input: scheduler.ScheduleTargetInput.fromObject(SCHEDULED_TIME_INPUT),
        retryAttempts: retryAttempts ?? 10,
        maxEventAge: maxEventAge ?? Duration.hours(6),
        deadLetterQueue: this.dlq,
        role,
      }),
    });

    this.dlqAlarm = new cloudwatch.Alarm(this, 'DlqAlarm', {
      metric: this.dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription:
        `${handlerId} failed after all retries: ` + `${failureMeaning} Its event waits in the dead-letter queue.`,
    });
    if (alarmTopic) this.dlqAlarm.addAlarmAction(new cwActions.SnsAction(alarmTopic));
  }
}

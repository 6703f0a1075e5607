// Staff sign-ins (Cognito) from roster changes, through a queue of their own: the stream dispatcher forwards
// each ACCOUNT item to it, and account-sync, the only code with Cognito admin rights, consumes it. That role
// has no table or stream access at all: a stream consumer's role may read every record of the stream
// (survivors' included), whatever its event filter passes, so account-sync is not one.
//
// FIFO, one message group per user (a disable never overtakes the create before it), deduplicated by the
// ACCOUNT item's key; encrypted, TLS only; a message that still fails after its retries waits in the DLQ,
// which alarms.
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '#shared/core/config.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';
import { type HandlerDefaults, HandlerFunction } from './handler-function.ts';

export interface AccountSyncProps {
  defaults: HandlerDefaults;
  /** USER_POOL_ID and the admin actions on staff accounts (Auth.staffAdministration()). */
  environment: Record<string, string>;
  policyStatements: iam.PolicyStatement[];
  alarmTopic?: sns.ITopic;
}

const TIMEOUT = Duration.seconds(30);

export class AccountSync extends Construct {
  readonly queue: sqs.Queue;
  readonly dlq: sqs.Queue;
  readonly dlqAlarm: cloudwatch.Alarm;
  readonly handler: HandlerFunction;

  constructor(scope: Construct, id: string, props: AccountSyncProps) {
    super(scope, id);
    this.dlq = deadLetterQueue(this, 'the account request queue', { fifo: true, ofQueue: true });
    this.queue = new sqs.Queue(this, 'Queue', {
      fifo: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Six times the handler's timeout, as Lambda asks of an event source queue.
      visibilityTimeout: Duration.seconds(TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.dlq, maxReceiveCount: 10 },
    });

    this.handler = new HandlerFunction(this, 'Handler', {
      ...props.defaults,
      handlerId: 'account-sync',
      tableAccess: 'none',
      timeout: TIMEOUT,
      description: 'Creates, enables and disables staff sign-ins requested by roster changes',
      environment: props.environment,
      policyStatements: props.policyStatements,
    });
    this.handler.fn.addEventSource(new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true }));

    this.dlqAlarm = new cloudwatch.Alarm(this, 'DlqAlarm', {
      metric: this.dlq.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription:
        'account-sync: an account request failed after its retries: ' +
        "a staff member's sign-in was not created, enabled or disabled (a deactivated person may still sign in).",
    });
    if (props.alarmTopic) this.dlqAlarm.addAlarmAction(new cwActions.SnsAction(props.alarmTopic));
  }

  /** Lets a handler queue account requests (only SendMessage, on this queue), with ACCOUNT_QUEUE_URL. */
  allowSend(sender: HandlerFunction): void {
    this.queue.grantSendMessages(sender.fn);
    sender.fn.addEnvironment(ENV.accountQueueUrl, this.queue.queueUrl);
  }
}

// One consumer of the table's stream (the system's transactional outbox): a handler that receives only the
// new items of its types (shared/table.ts STREAM_CONSUMERS, the same list the local stream poller reads),
// retried with bisection and per-record failure reports, and a dead-letter queue with an alarm for a record
// that still fails.
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type StreamConsumer as ConsumerId, streamFilterPattern } from '#shared/core/table.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';
import { type HandlerDefaults, HandlerFunction, type HandlerOptions } from './handler-function.ts';

export interface StreamConsumerProps extends HandlerOptions {
  defaults: HandlerDefaults;
  /** The consumer's name in STREAM_CONSUMERS, which is also its folder under functions/. */
  consumer: ConsumerId;
  /** The table with its stream enabled. */
  table: dynamodb.ITable;
  alarmTopic?: sns.ITopic;
  /** What it means when a record could not be carried out (the alarm's description). */
  failureMeaning: string;
}

export class StreamConsumer extends Construct {
  readonly handler: HandlerFunction;
  readonly dlq: sqs.Queue;
  readonly dlqAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: StreamConsumerProps) {
    super(scope, id);
    const { defaults, consumer, table, alarmTopic, failureMeaning, ...options } = props;

    // Holds only pointers to stream records (shard and sequence numbers), no item data.
    this.dlq = deadLetterQueue(this, 'a table stream event source (its on-failure destination)');

    this.handler = new HandlerFunction(this, 'Handler', {
      ...defaults,
      timeout: Duration.seconds(30),
      ...options,
      handlerId: consumer,
    });
    this.handler.fn.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        bisectBatchOnError: true,
        retryAttempts: 10,
        maxRecordAge: Duration.hours(24),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.dlq),
        // Only new items of this consumer's types reach the Lambda: the rest of the table's writes cost nothing.
        filters: [lambda.FilterCriteria.filter(streamFilterPattern(consumer))],
      }),
    );

    this.dlqAlarm = new cloudwatch.Alarm(this, 'DlqAlarm', {
      metric: this.dlq.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `${consumer}: a stream record failed after its retries: ${failureMeaning}`,
    });
    if (alarmTopic) this.dlqAlarm.addAlarmAction(new cwActions.SnsAction(alarmTopic));
  }
}

// The escalation workflow in AWS: the Standard state machine built from escalation-definition.ts, the
// Lambda that runs its tasks, the stream dispatcher that starts it from ESCALATION items (and sends
// NOTIFICATION SMS), and the alarms: an escalation nobody acknowledged, a workflow that failed, a stream
// record that could not be dispatched.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { DISPATCH_FILTER_PATTERN } from '../../shared/table.ts';
import { HandlerFunction, type HandlerDefaults } from './handler-function.ts';
import { escalationDefinition } from './escalation-definition.ts';

export interface EscalationProps {
  defaults: HandlerDefaults;
  /** The table with its stream enabled (the dispatcher consumes it). */
  table: dynamodb.ITable;
  /** Hours each level has to acknowledge. */
  windowsHours: number[];
  /** SMS settings for the handlers that send SMS. */
  smsEnvironment: Record<string, string>;
  alarmTopic?: sns.ITopic;
  metricsNamespace: string;
}

/** SNS SMS publishing: phone numbers are not ARNs, so SNS accepts only "*" as the resource. */
export function grantSmsPublish(fn: HandlerFunction): void {
  fn.role.addToPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
}

export class Escalation extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly workflowFunction: HandlerFunction;
  readonly dispatcher: HandlerFunction;
  readonly dispatchDlq: sqs.Queue;

  constructor(scope: Construct, id: string, props: EscalationProps) {
    super(scope, id);
    const { defaults } = props;

    this.workflowFunction = new HandlerFunction(this, 'WorkflowTasks', {
      ...defaults,
      handlerId: 'escalation-workflow',
      tableAccess: 'readWrite',
      timeout: Duration.seconds(30),
      description: 'Escalation workflow tasks: notify a level, check, end',
      environment: { ...props.smsEnvironment, ESCALATION_WINDOWS_HOURS: props.windowsHours.join(',') },
    });
    grantSmsPublish(this.workflowFunction);

    const logGroup = new logs.LogGroup(this, 'StateMachineLogs', {
      retention: defaults.logRetention,
      removalPolicy: defaults.removalPolicy,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(escalationDefinition(this, this.workflowFunction.fn)),
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      // Three windows of up to 72 h each, with margin; a Standard workflow may run up to a year.
      timeout: Duration.days(14),
      comment: 'Sakhi OSC escalation: centre administrator, district officer, state',
    });

    // The stream consumer: starts executions from ESCALATION items, sends NOTIFICATION SMS.
    this.dispatchDlq = new sqs.Queue(this, 'DispatchDlq', {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.dispatcher = new HandlerFunction(this, 'StreamDispatcher', {
      ...defaults,
      handlerId: 'stream-dispatcher',
      tableAccess: 'readWrite',
      timeout: Duration.seconds(30),
      description: 'Starts escalation workflows and sends notifications written in case transactions',
      environment: { ...props.smsEnvironment, ESCALATION_STATE_MACHINE_ARN: this.stateMachine.stateMachineArn },
    });
    this.stateMachine.grantStartExecution(this.dispatcher.fn);
    grantSmsPublish(this.dispatcher);
    this.dispatcher.fn.addEventSource(new DynamoEventSource(props.table, {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: 10,
      bisectBatchOnError: true,
      retryAttempts: 10,
      maxRecordAge: Duration.hours(24),
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(this.dispatchDlq),
      filters: [lambda.FilterCriteria.filter(DISPATCH_FILTER_PATTERN as never)],
    }));

    // Alarms for the engineer on call.
    const alarm = (id: string, metric: cloudwatch.IMetric, description: string) => {
      const a = new cloudwatch.Alarm(this, id, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      if (props.alarmTopic) a.addAlarmAction(new cwActions.SnsAction(props.alarmTopic));
      return a;
    };
    const custom = (name: string) =>
      new cloudwatch.Metric({ namespace: props.metricsNamespace, metricName: name, statistic: 'Sum', period: Duration.minutes(5), dimensionsMap: { service: 'sakhi-osc' } });
    alarm('UnacknowledgedAlarm', custom('EscalationUnacknowledged'), 'An escalation reached the state level and nobody acknowledged it.');
    alarm('WorkflowFailedAlarm', this.stateMachine.metricFailed({ period: Duration.minutes(5), statistic: 'Sum' }), 'An escalation workflow failed; the failure is recorded on the case.');
    alarm('DispatchDlqAlarm', this.dispatchDlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }), 'A stream record (escalation start or notification) could not be dispatched.');
  }
}

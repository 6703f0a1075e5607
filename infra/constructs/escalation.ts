// The escalation workflow in AWS: the Standard state machine built from escalation-definition.ts (the same
// definition the local runtime runs), the Lambda that runs its tasks, the stream dispatcher that starts it
// from ESCALATION items (and sends NOTIFICATION SMS), and the alarms: an escalation nobody acknowledged, a
// workflow that failed, a stream record that could not be dispatched.

import { type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { ENV } from '#shared/core/config.ts';
import { escalationDefinition } from './escalation-definition.ts';
import { type HandlerDefaults, HandlerFunction } from './handler-function.ts';
import { appMetric } from './metrics.ts';
import { StreamConsumer } from './stream-consumer.ts';

export interface EscalationProps {
  defaults: HandlerDefaults;
  /** The table with its stream enabled (the dispatcher consumes it). */
  table: dynamodb.ITable;
  /** Hours each level (centre administrator, district officer, state) has to acknowledge. */
  windowsHours: readonly number[];
  /** Escalation SMS one centre may cause per IST day (ESCALATION_SMS_DAILY_CAP); past it, an alarm. */
  smsDailyCapPerCentre: number;
  /** SMS_SENDER_ID, SMS_ENTITY_ID, SMS_TEMPLATE_IDS for the handlers that send SMS. */
  smsEnvironment: Record<string, string>;
  alarmTopic?: sns.ITopic;
}

export class Escalation extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly workflowFunction: HandlerFunction;
  readonly dispatcher: HandlerFunction;
  readonly dispatchDlq: sqs.Queue;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: EscalationProps) {
    super(scope, id);
    const { defaults } = props;

    this.workflowFunction = new HandlerFunction(this, 'WorkflowTasks', {
      ...defaults,
      handlerId: 'escalation-workflow',
      tableAccess: 'readWrite',
      timeout: Duration.seconds(30),
      description: 'Escalation workflow tasks: notify a level, check, end',
      environment: {
        [ENV.escalationWindowsHours]: props.windowsHours.join(','),
        [ENV.escalationSmsDailyCap]: String(props.smsDailyCapPerCentre),
      },
    });
    this.workflowFunction.allowSms(props.smsEnvironment);

    const logGroup = new logs.LogGroup(this, 'StateMachineLogs', {
      retention: defaults.logRetention,
      removalPolicy: defaults.removalPolicy,
    });
    const windowsTotalHours = props.windowsHours.reduce((a, b) => a + b, 0);
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(escalationDefinition(this, this.workflowFunction.fn)),
      tracingEnabled: true,
      // Execution data stays out of the logs: ids only travel through the workflow, but its errors may quote
      // a handler's message.
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      // Every window plus two days of margin for retries; an execution that still runs is stuck.
      timeout: Duration.hours(windowsTotalHours + 48),
      comment: 'Sakhi OSC escalation: centre administrator, district officer, state',
    });
    this.acknowledgeStateMachineRole();

    // The stream consumer: starts executions from ESCALATION items, sends NOTIFICATION SMS.
    const dispatch = new StreamConsumer(this, 'Dispatch', {
      defaults,
      consumer: 'stream-dispatcher',
      table: props.table,
      tableAccess: 'readWrite',
      description: 'Starts escalation workflows and sends notifications written in case transactions',
      environment: { [ENV.escalationStateMachineArn]: this.stateMachine.stateMachineArn },
      alarmTopic: props.alarmTopic,
      failureMeaning: 'an escalation was not started or a notification SMS not sent.',
    });
    this.dispatcher = dispatch.handler;
    this.dispatchDlq = dispatch.dlq;
    this.stateMachine.grantStartExecution(this.dispatcher.fn);
    this.dispatcher.allowSms(props.smsEnvironment);

    // Alarms for the engineer on call.
    const alarm = (alarmId: string, metric: cloudwatch.IMetric, description: string) => {
      const a = new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      if (props.alarmTopic) a.addAlarmAction(new cwActions.SnsAction(props.alarmTopic));
      this.alarms.push(a);
      return a;
    };
    const sum5m = { statistic: 'Sum', period: Duration.minutes(5) };
    alarm(
      'UnacknowledgedAlarm',
      appMetric(defaults, 'EscalationUnacknowledged', sum5m),
      'An escalation reached the state level and nobody acknowledged it: call the state WCDC.',
    );
    alarm(
      'TaskFailedAlarm',
      appMetric(defaults, 'EscalationFailed', sum5m),
      'An escalation step failed after its retries; the failure is recorded on the case and nobody further was told.',
    );
    alarm(
      'UndeliverableAlarm',
      appMetric(defaults, 'NotificationUndeliverable', sum5m),
      'A 181/112 referral could not be announced: its centre has no active administrator and its district no ' +
        'contact with a phone.',
    );
    alarm(
      'SmsCapAlarm',
      appMetric(defaults, 'EscalationSmsCapped', sum5m),
      `A centre reached its daily cap of ${props.smsDailyCapPerCentre} escalation SMS: its escalations go on ` +
        'without SMS until midnight IST. Look at who registers high-risk cases there (a script, a misused account?).',
    );
    alarm(
      'WorkflowFailedAlarm',
      this.stateMachine.metricFailed(sum5m),
      'An escalation workflow execution failed (see its execution history).',
    );
    alarm(
      'WorkflowTimedOutAlarm',
      this.stateMachine.metricTimedOut(sum5m),
      'An escalation workflow execution timed out.',
    );
    this.alarms.push(dispatch.dlqAlarm);
  }

  /** cdk-nag findings on the role Step Functions runs the workflow with, each with what it covers. */
  private acknowledgeStateMachineRole(): void {
    const fnElement = this.workflowFunction.fn.node.defaultChild as CfnElement;
    const fnId = Stack.of(fnElement).getLogicalId(fnElement);
    const role = this.stateMachine.role;
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${fnId}.Arn>:*]`,
      reason:
        'Invoking the workflow task Lambda: the ":*" suffix covers the versions and aliases of that one function, ' +
        'which Step Functions may invoke; no other function.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Standard state machine with logging and X-Ray: ' +
        'logs:CreateLogDelivery/Get/Update/Delete/List*/PutResourcePolicy/DescribeResourcePolicies/DescribeLogGroups ' +
        'and xray:PutTraceSegments/PutTelemetryRecords/GetSampling* support no resource-level permissions.',
    });
  }
}

// What wakes state IT, and what they look at when woken: CloudWatch alarms to the ops topic and one dashboard.
//
// Alarms: the API's 5xx and its p95 / p99 latency; the handlers' Lambda errors and throttles, one alarm of
// each per group of up to ten handlers, which its description names (CloudWatch takes ten metrics in one
// alarm; a CloudFormation stack holds at most 500 resources, and two alarms for each of some fifty handlers
// were a fifth of them; the dashboard still draws each handler's errors); SMS that SNS could not deliver,
// reminders the sweep could not send, and the month's SMS spend nearing the limit. The escalation and
// schedule constructs raise their own alarms (unacknowledged, failed, dead-letter queues not empty) to the
// same topic; they are shown here too.
import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { HandlerDefaults, HandlerFunction } from './handler-function.ts';
import { APP_METRICS, appMetric } from './metrics.ts';

export interface OperationsProps {
  topic: sns.ITopic;
  /** For the handlers' own metrics (namespace and service dimension). */
  defaults: HandlerDefaults;
  restApi: apigw.RestApi;
  /** Every Lambda handler of the stack. */
  handlers: readonly HandlerFunction[];
  /** Dead-letter queues by a name people understand (their alarms are their constructs'). */
  deadLetterQueues: Record<string, sqs.IQueue>;
  stateMachine: sfn.IStateMachine;
  sms: { monthlySpendLimitUsd: number; spendAlarmPercent: number };
  /** Alarms raised elsewhere (escalation, schedules) that belong on the dashboard. */
  otherAlarms?: readonly cloudwatch.IAlarm[];
  /** Latency thresholds (ms): well above a normal request, below API Gateway's 29 s. */
  latencyP95Ms?: number;
  latencyP99Ms?: number;
}

const FIVE_MINUTES = Duration.minutes(5);
/** Handlers per Lambda alarm: the most metrics CloudWatch takes in one alarm. */
const FUNCTION_GROUP = 10;
const SUM_5_MIN = { period: FIVE_MINUTES, statistic: 'Sum' } as const;

/** One metric of a group of handlers, added up (a handler with no data counts 0). */
function sumOf(group: readonly HandlerFunction[], label: string, metric: (h: HandlerFunction) => cloudwatch.IMetric) {
  const usingMetrics = Object.fromEntries(group.map((h, j) => [`m${j}`, metric(h)]));
  return new cloudwatch.MathExpression({
    expression: `SUM([${Object.keys(usingMetrics)
      .map((k) => `FILL(${k}, 0)`)
      .join(', ')}])`,
    usingMetrics,
    period: FIVE_MINUTES,
    label,
  });
}

/** SNS reports SMS published straight to phone numbers (not through a topic) under this dimension. */
export const SMS_DIRECT_PUBLISH = { PhoneNumber: 'PhoneNumber_DirectPublish' };

export class Operations extends Construct {
  readonly dashboard: cloudwatch.Dashboard;
  /** Alarms made here, by what they watch. */
  readonly apiAlarms: cloudwatch.Alarm[] = [];
  /** Lambda errors and throttles, one alarm of each per group of up to ten handlers. */
  readonly functionAlarms: cloudwatch.Alarm[] = [];
  readonly smsAlarms: cloudwatch.Alarm[] = [];
  private readonly action: cwActions.SnsAction;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.action = new cwActions.SnsAction(props.topic);
    const stage = props.restApi.deploymentStage;

    // --- API (per stage: the metrics carry the stage name, so stages sharing an account stay apart)
    const api5xx = stage.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' });
    const p95 = stage.metricLatency({ period: FIVE_MINUTES, statistic: 'p95' });
    const p99 = stage.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' });
    this.apiAlarms.push(
      this.alarm('Api5xx', api5xx, {
        threshold: 5,
        description: 'The API answered 5 or more server errors (5xx) within 5 minutes.',
      }),
      this.alarm('ApiLatencyP95', p95, {
        threshold: props.latencyP95Ms ?? 3000,
        evaluationPeriods: 3,
        description:
          `API p95 latency above ${props.latencyP95Ms ?? 3000} ms for 15 minutes: ` +
          'the form feels slow for most users.',
      }),
      this.alarm('ApiLatencyP99', p99, {
        threshold: props.latencyP99Ms ?? 10000,
        evaluationPeriods: 3,
        description:
          `API p99 latency above ${props.latencyP99Ms ?? 10000} ms for 15 minutes: ` +
          'some requests come close to the 29 s timeout.',
      }),
    );

    // --- Functions: errors and throttles, per group of up to ten handlers.
    for (let i = 0; i < props.handlers.length; i += FUNCTION_GROUP) {
      const group = props.handlers.slice(i, i + FUNCTION_GROUP);
      const names = group.map((h) => h.handlerId).join(', ');
      const n = i / FUNCTION_GROUP + 1;
      this.functionAlarms.push(
        this.alarm(
          `Errors-${n}`,
          sumOf(group, 'Errors', (h) => h.fn.metricErrors(SUM_5_MIN)),
          {
            threshold: 1,
            description: `A Lambda failed (an uncaught error or a timeout) in 5 minutes, one of: ${names}.`,
          },
        ),
        this.alarm(
          `Throttles-${n}`,
          sumOf(group, 'Throttles', (h) => h.fn.metricThrottles(SUM_5_MIN)),
          {
            threshold: 1,
            description: `Lambda throttled invocations (account or function concurrency exhausted), one of: ${names}.`,
          },
        ),
      );
    }

    // --- SMS
    const smsFailed = new cloudwatch.Metric({
      namespace: 'AWS/SNS',
      metricName: 'NumberOfNotificationsFailed',
      dimensionsMap: SMS_DIRECT_PUBLISH,
      statistic: 'Sum',
      period: FIVE_MINUTES,
    });
    const smsDelivered = new cloudwatch.Metric({
      namespace: 'AWS/SNS',
      metricName: 'NumberOfNotificationsDelivered',
      dimensionsMap: SMS_DIRECT_PUBLISH,
      statistic: 'Sum',
      period: FIVE_MINUTES,
    });
    const spend = new cloudwatch.Metric({
      namespace: 'AWS/SNS',
      metricName: 'SMSMonthToDateSpentUSD',
      statistic: 'Maximum',
      period: Duration.hours(1),
    });
    const spendThreshold = (props.sms.monthlySpendLimitUsd * props.sms.spendAlarmPercent) / 100;
    this.smsAlarms.push(
      this.alarm('SmsDeliveryFailures', smsFailed, {
        threshold: 1,
        description:
          'SNS could not deliver an SMS (see the DirectPublishToPhoneNumber/Failure delivery log: DLT template, ' +
          'sender id, opted out, spend limit).',
      }),
      this.alarm('SmsSpend', spend, {
        threshold: spendThreshold,
        description:
          `SMS spend this month reached ${props.sms.spendAlarmPercent}% of the USD ` +
          `${props.sms.monthlySpendLimitUsd} limit: SNS stops sending at the limit.`,
      }),
      this.alarm('RemindersFailed', appMetric(props.defaults, 'RemindersFailed', { period: FIVE_MINUTES }), {
        threshold: 1,
        description: 'The reminder sweep could not send some reminders (it retries them on its next run).',
      }),
    );

    // --- Dashboard
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(1),
      periodOverride: cloudwatch.PeriodOverride.AUTO,
    });
    const wide = 24;
    const third = 8;
    const graph = (title: string, left: cloudwatch.IMetric[], extra: Partial<cloudwatch.GraphWidgetProps> = {}) =>
      new cloudwatch.GraphWidget({ title, left, width: third, height: 6, ...extra });

    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown:
          "# Sakhi OSC\nAPI, handlers, queues, SMS and the handlers' own metrics. " +
          "Alarms go to the ops topic (the stage's alarm e-mail).",
        width: wide,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      graph('API requests', [stage.metricCount({ statistic: 'Sum' })], {
        right: [stage.metricClientError({ statistic: 'Sum' }), stage.metricServerError({ statistic: 'Sum' })],
      }),
      graph('API latency (ms)', [stage.metricLatency({ statistic: 'p50' }), p95, p99]),
      graph(
        'HTTP outcomes (handlers)',
        APP_METRICS.http.map((m) => appMetric(props.defaults, m)),
      ),
    );
    const byFunction = (metric: (h: HandlerFunction) => cloudwatch.IMetric) => props.handlers.map(metric);
    this.dashboard.addWidgets(
      graph(
        'Lambda errors',
        byFunction((h) => h.fn.metricErrors({ statistic: 'Sum', label: h.handlerId })),
        { legendPosition: cloudwatch.LegendPosition.HIDDEN },
      ),
      graph(
        'Lambda throttles',
        byFunction((h) => h.fn.metricThrottles({ statistic: 'Sum', label: h.handlerId })),
        { legendPosition: cloudwatch.LegendPosition.HIDDEN },
      ),
      graph(
        'Lambda duration p95 (ms)',
        byFunction((h) => h.fn.metricDuration({ statistic: 'p95', label: h.handlerId })),
        { legendPosition: cloudwatch.LegendPosition.HIDDEN },
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'Dead-letter queues',
        Object.entries(props.deadLetterQueues).map(([name, q]) =>
          q.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', label: name }),
        ),
      ),
      graph(
        'Reminders',
        APP_METRICS.reminders.map((m) => appMetric(props.defaults, m)),
      ),
      graph(
        'Escalations',
        APP_METRICS.escalation.map((m) => appMetric(props.defaults, m)),
        {
          right: [
            props.stateMachine.metricStarted({ statistic: 'Sum' }),
            props.stateMachine.metricFailed({ statistic: 'Sum' }),
          ],
        },
      ),
    );
    this.dashboard.addWidgets(
      graph('SMS delivered / failed', [smsDelivered, smsFailed]),
      graph('SMS spend this month (USD)', [spend], {
        leftAnnotations: [
          { value: props.sms.monthlySpendLimitUsd, label: 'limit', color: cloudwatch.Color.RED },
          { value: spendThreshold, label: 'alarm', color: cloudwatch.Color.ORANGE },
        ],
      }),
      new cloudwatch.AlarmStatusWidget({
        title: 'Alarms',
        alarms: [...this.apiAlarms, ...this.smsAlarms, ...(props.otherAlarms ?? [])],
        width: third,
        height: 6,
      }),
    );
  }

  /** Every alarm made here, flattened. */
  get alarms(): cloudwatch.Alarm[] {
    return [...this.apiAlarms, ...this.functionAlarms, ...this.smsAlarms];
  }

  private alarm(
    id: string,
    metric: cloudwatch.IMetric,
    o: { threshold: number; description: string; evaluationPeriods?: number },
  ): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold: o.threshold,
      evaluationPeriods: o.evaluationPeriods ?? 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: o.description,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}

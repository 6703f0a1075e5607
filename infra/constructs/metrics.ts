// The handlers' own metrics (embedded metric format, functions/lib/observability.ts): the namespace and the `service`
// dimension are the ones the stack gives every handler (METRICS_NAMESPACE, SERVICE_NAME),
// so alarms and the dashboard read exactly what the code writes.

import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { ENV } from '#shared/core/config.ts';
import type { HandlerDefaults } from './handler-function.ts';

/** Every metric the handlers emit, by the name in the code (functions/). */
export const APP_METRICS = {
  reminders: ['RemindersSent', 'RemindersFailed', 'FollowUpsMissed'],
  escalation: [
    'EscalationLevelNotified',
    'EscalationUnacknowledged',
    'EscalationFailed',
    'NotificationUndeliverable',
    'EscalationSmsCapped',
  ],
  http: ['UnhandledError', 'Http5xx', 'Http4xx'],
} as const;

export function appMetric(
  defaults: HandlerDefaults,
  metricName: string,
  options: cloudwatch.MetricOptions = {},
): cloudwatch.Metric {
  const env = defaults.sharedEnvironment;
  const namespace = env[ENV.metricsNamespace];
  const service = env[ENV.serviceName];
  if (!namespace || !service) throw new Error('handler defaults need METRICS_NAMESPACE and SERVICE_NAME');
  return new cloudwatch.Metric({ namespace, metricName, dimensionsMap: { service }, statistic: 'Sum', ...options });
}

// The factory for handlers that no HTTP request reaches (schedules, the workflow's tasks, the stream):
// the same logger and metrics middlewares as the HTTP factory, and errors re-thrown so the caller's retry
// policy (Scheduler, Step Functions, the stream's event source) takes over.

import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger, MetricUnit, metrics, observed } from './observability.ts';

export function backgroundHandler<E, R>(name: string, impl: (event: E, context: Context) => Promise<R>) {
  return middy<E, R>()
    .use(observed())
    .handler(async (event, context) => {
      try {
        const result = await impl(event, context);
        metrics.addMetric('BackgroundSucceeded', MetricUnit.Count, 1);
        return result;
      } catch (err) {
        logger.error(`${name} failed`, { error: err as Error });
        metrics.addMetric('BackgroundFailed', MetricUnit.Count, 1);
        throw err;
      }
    });
}

export interface ScheduleEvent {
  /** Set by the schedule's input template from <aws.scheduler.scheduled-time>. */
  scheduledTime?: string;
  /** EventBridge events carry `time`. */
  time?: string;
}

export function scheduledAt(event: ScheduleEvent | undefined, fallback = new Date()): Date {
  const raw = event?.scheduledTime ?? event?.time;
  const at = raw ? new Date(raw) : fallback;
  if (Number.isNaN(at.getTime())) throw new Error('The schedule event carries an invalid time');
  return at;
}

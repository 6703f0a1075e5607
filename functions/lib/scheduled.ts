// The factory for handlers that no HTTP request reaches (schedules, the workflow's tasks, the stream):
// the same logger and metrics middlewares as the HTTP factory, and errors re-thrown so the caller's retry
// policy (Scheduler, Step Functions, the stream's event source) takes over.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context } from 'aws-lambda';
import { logger, metrics } from './observability.ts';

export function backgroundHandler<E, R>(name: string, impl: (event: E, context: Context) => Promise<R>) {
  return middy<E, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .handler(async (event, context) => {
      try {
        return await impl(event, context);
      } catch (err) {
        logger.error(`${name} failed`, { error: err as Error });
        throw err;
      }
    });
}

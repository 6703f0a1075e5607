// Logger and metrics, created once per process. Survivor fields never reach a log line: requests and
// responses are not logged, and a replacer drops any key that could carry personal data should one be
// passed by mistake.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { config } from '#shared/core/config.ts';

const SENSITIVE = new Set([
  'survivor',
  'name',
  'phone',
  'address',
  'description',
  'incident',
  'note',
  'outcome',
  'body',
  'authorization',
  'Authorization',
  'token',
  'to',
  // A document's file name may name her; signed URLs are credentials while they live.
  'filename',
  'uploadUrl',
  'downloadUrl',
]);

export const logger = new Logger({
  serviceName: config().serviceName,
  jsonReplacerFn: (key: string, value: unknown) => (SENSITIVE.has(key) ? '[redacted]' : value),
});

export const metrics = new Metrics({
  namespace: config().metricsNamespace,
  serviceName: config().serviceName,
});

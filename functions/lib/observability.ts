// Structured logs and metrics, created once per process, without a logging library: a JSON line per log
// item (level, message, time, service, the invocation's request and trace ids) and the embedded metric
// format (EMF) for metrics, one line per invocation, which CloudWatch turns into metrics. Powertools Logger and
// Metrics did the same for some 31 KB in every bundle (bench section 2), more than the 1.3x target leaves the
// largest handlers.
//
// Survivor fields never reach a log line: requests and responses are not logged, and every log item is
// redacted before it is written, should personal data be passed by mistake. The redaction sees the whole item
// at once, so it knows where each value sits: a person's `name` (a survivor's, a staff member's, a contact's)
// is redacted, an error's `name` (its class, e.g. ConditionalCheckFailedException: what the engineer on call
// needs) is kept.
import type middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { config } from '#shared/core/config.ts';

/** Keys whose value is personal or secret wherever they appear; `survivor` goes whole (survivor.*). */
const SENSITIVE = new Set([
  'survivor',
  'phone',
  'address',
  'description',
  'incident',
  'note',
  'notes',
  'outcome',
  'body',
  'authorization',
  'token',
  'to',
  // A document's file name may name her; signed URLs are credentials while they live.
  'filename',
  'uploadUrl',
  'downloadUrl',
]);
export const REDACTED = '[redacted]';
const MAX_DEPTH = 12;

function redactError(err: Error, depth: number, seen: WeakSet<object>): Error {
  // A copy that is still an Error (written as name, message, stack, cause), with its own attributes (an SDK
  // error's $metadata, a custom error's details) redacted like any object.
  const copy = Object.create(Object.getPrototypeOf(err)) as Error;
  for (const k of ['name', 'message', 'stack'] as const)
    Object.defineProperty(copy, k, { value: err[k], enumerable: false, writable: true, configurable: true });
  if (err.cause !== undefined)
    Object.defineProperty(copy, 'cause', {
      value: redactValue(err.cause, 'cause', depth + 1, seen),
      enumerable: false,
    });
  for (const [k, v] of Object.entries(err)) {
    if (k === 'name' || k === 'message' || k === 'stack' || k === 'cause') continue;
    (copy as unknown as Record<string, unknown>)[k] = redactValue(v, k, depth + 1, seen);
  }
  return copy;
}

function redactValue(value: unknown, key: string, depth: number, seen: WeakSet<object>): unknown {
  if (SENSITIVE.has(key) || key === 'name') return REDACTED;
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  if (depth > MAX_DEPTH) return '[too deep]';
  seen.add(value);
  if (value instanceof Error) return redactError(value, depth, seen);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, '', depth + 1, seen));
  if (value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, k, depth + 1, seen)]));
}

/** A log item with personal data redacted by where it sits; an error's name, message and stack are kept. */
export function redactLogItem<T>(item: T): T {
  return redactValue(item, '', 0, new WeakSet<object>()) as T;
}

/** An Error as JSON: its name, message and stack (not enumerable, so JSON.stringify would drop them). */
function errorJson(_key: string, value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  return { ...value, name: value.name, message: value.message, stack: value.stack, cause: value.cause };
}

/** Lambda's own levels (AWS_LAMBDA_LOG_LEVEL) and ours; TRACE lets DEBUG through, FATAL only errors' peers. */
const LEVELS = { TRACE: 5, DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, FATAL: 50, SILENT: 100 } as const;
type Level = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export const threshold = (name: string | undefined): number =>
  LEVELS[(name ?? '').toUpperCase() as keyof typeof LEVELS] ?? LEVELS.INFO;

export class JsonLogger {
  private invocation: Record<string, unknown> = {};
  private coldStart = true;

  constructor(
    private readonly service: string,
    private readonly level: number,
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
  ) {}

  /** The invocation's ids on every line until the next one starts. */
  startInvocation(context: Context | undefined): void {
    const trace = /Root=([^;]+)/.exec(process.env._X_AMZN_TRACE_ID ?? '')?.[1];
    this.invocation = {
      cold_start: this.coldStart,
      ...(context?.functionName ? { function_name: context.functionName } : {}),
      ...(context?.awsRequestId ? { function_request_id: context.awsRequestId } : {}),
      ...(trace ? { xray_trace_id: trace } : {}),
    };
    this.coldStart = false;
  }

  debug = (message: string, extra?: Record<string, unknown>) => this.log('DEBUG', message, extra);
  info = (message: string, extra?: Record<string, unknown>) => this.log('INFO', message, extra);
  warn = (message: string, extra?: Record<string, unknown>) => this.log('WARN', message, extra);
  error = (message: string, extra?: Record<string, unknown>) => this.log('ERROR', message, extra);

  private log(level: Level, message: string, extra: Record<string, unknown> = {}): void {
    if (LEVELS[level] < this.level) return;
    const item = redactLogItem({ ...extra, level, message, timestamp: new Date().toISOString() });
    this.write(`${JSON.stringify({ ...item, service: this.service, ...this.invocation }, errorJson)}\n`);
  }
}

const MAX_PER_LINE = 100;

export const MetricUnit = { Count: 'Count' } as const;
type Unit = (typeof MetricUnit)[keyof typeof MetricUnit];

/** Metrics of one invocation, written as one EMF line at its end: namespace, the `service` dimension. */
export class EmfMetrics {
  private readonly stored = new Map<string, { unit: Unit; values: number[] }>();

  constructor(
    private readonly namespace: string,
    private readonly service: string,
    private readonly enabled: boolean,
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
  ) {}

  addMetric(name: string, unit: Unit, value: number): void {
    if (name === 'service' || name === '_aws') throw new Error(`"${name}" is not a metric name: the line uses it`);
    // EMF takes at most 100 metrics a line and 100 values a metric: a full line is written first.
    const held = this.stored.get(name);
    if ((!held && this.stored.size >= MAX_PER_LINE) || (held && held.values.length >= MAX_PER_LINE)) this.publish();
    const m = this.stored.get(name) ?? { unit, values: [] };
    m.values.push(value);
    this.stored.set(name, m);
  }

  /** Writes what was added since the last publish (nothing when nothing was), then forgets it. */
  publish(at = new Date()): void {
    if (this.stored.size === 0) return;
    const metrics = [...this.stored];
    this.stored.clear();
    if (!this.enabled) return;
    const line = {
      _aws: {
        Timestamp: at.getTime(),
        CloudWatchMetrics: [
          {
            Namespace: this.namespace,
            Dimensions: [['service']],
            Metrics: metrics.map(([Name, { unit }]) => ({ Name, Unit: unit })),
          },
        ],
      },
      service: this.service,
      ...Object.fromEntries(metrics.map(([name, { values }]) => [name, values.length === 1 ? values[0] : values])),
    };
    this.write(`${JSON.stringify(line)}\n`);
  }
}

const runtime = config();
export const logger = new JsonLogger(
  runtime.serviceName,
  // Ours first: the stack keeps Lambda's own filter at INFO so that metric lines pass (handler-function.ts).
  threshold(runtime.logLevel ?? process.env.AWS_LAMBDA_LOG_LEVEL),
);
export const metrics = new EmfMetrics(runtime.metricsNamespace, runtime.serviceName, runtime.metricsEnabled);

/** The middleware of every handler: the invocation's ids on its log lines, its metrics written at its end. */
export function observed<E, R>(): middy.MiddlewareObj<E, R> {
  return {
    before: (request) => logger.startInvocation(request.context),
    after: () => metrics.publish(),
    onError: () => metrics.publish(),
  };
}

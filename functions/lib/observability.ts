// Logger and metrics, created once per process. Survivor fields never reach a log line: requests and
// responses are not logged, and every log item is redacted before it is written, should personal data be
// passed by mistake.
//
// The redaction sees the whole item at once (the replacer's first call, for the root), so it knows where
// each value sits: a person's `name` (a survivor's, a staff member's, a contact's) is redacted, an error's
// `name` (its class, e.g. ConditionalCheckFailedException: what the engineer on call needs) is kept.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
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
  // A copy that is still an Error (Powertools formats it: name, location, message, stack), with its own
  // attributes (an SDK error's $metadata, a custom error's details) redacted like any object.
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

/**
 * Powertools calls the replacer for every key of the item, without its holder; the first call is the root
 * (key ""), which is redacted whole, and every later call sees the redacted copy and passes it through.
 */
export const redactingReplacer = (key: string, value: unknown): unknown => (key === '' ? redactLogItem(value) : value);

export const logger = new Logger({
  serviceName: config().serviceName,
  jsonReplacerFn: redactingReplacer,
});

export const metrics = new Metrics({
  namespace: config().metricsNamespace,
  serviceName: config().serviceName,
});

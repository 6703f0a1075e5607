// What AWS bills for one operation, worked out from what it did: DynamoDB item sizes and capacity units,
// Lambda billed duration, and the log lines the platform and API Gateway add to what a handler writes. Pure:
// the capacity section (capacity-meter.ts) feeds it what it saw; unit tests check the arithmetic.
import { randomUUID } from 'node:crypto';
import { INDEXES, type IndexDef, TABLE_KEYS } from '../../shared/core/table.ts';

/**
 * The size DynamoDB bills a value by (Developer Guide, "Item sizes and formats"): strings their UTF-8
 * bytes, numbers about one byte per two significant digits plus one, booleans and null one byte, binary its
 * bytes, lists and maps 3 bytes plus one per element plus their elements, sets their elements.
 */
export function valueSize(v: unknown): number {
  if (v === null || v === undefined || typeof v === 'boolean') return 1;
  if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
  if (typeof v === 'number' || typeof v === 'bigint') {
    const digits = String(v).replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
    return Math.min(21, Math.ceil(Math.max(1, digits.length) / 2) + 1);
  }
  if (v instanceof Uint8Array) return v.byteLength;
  if (v instanceof Set) return [...v].reduce((n: number, x) => n + valueSize(x), 0);
  if (Array.isArray(v)) return 3 + v.reduce((n: number, x) => n + 1 + valueSize(x), 0);
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return 3 + entries.reduce((n, [k, x]) => n + 1 + Buffer.byteLength(k, 'utf8') + valueSize(x), 0);
  }
  return 1;
}

/** An item's size: every attribute's name and value (undefined attributes are not stored). */
export function itemSize(item: Record<string, unknown>): number {
  let n = 0;
  for (const [k, v] of Object.entries(item)) if (v !== undefined) n += Buffer.byteLength(k, 'utf8') + valueSize(v);
  return n;
}

/** The indexes an item is in (both key attributes present), with the size of its copy there. */
export function indexCopies(
  item: Record<string, unknown>,
  indexes: readonly IndexDef[] = Object.values(INDEXES),
): Array<{ index: string; bytes: number }> {
  const out: Array<{ index: string; bytes: number }> = [];
  for (const ix of indexes) {
    if (item[ix.partitionKey] === undefined || item[ix.sortKey] === undefined) continue;
    if (ix.include === 'ALL') {
      out.push({ index: ix.name, bytes: itemSize(item) });
      continue;
    }
    const keep = new Set([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, ix.partitionKey, ix.sortKey, ...ix.include]);
    out.push({
      index: ix.name,
      bytes: itemSize(Object.fromEntries(Object.entries(item).filter(([k]) => keep.has(k)))),
    });
  }
  return out;
}

/** On-demand write request units of one write of `bytes` (1 KB each, rounded up). */
export const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
/** On-demand read request units of one read of `bytes` (4 KB each; eventually consistent costs half). */
export const readUnits = (bytes: number, consistent = false) =>
  Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);

/** One action of a TransactWriteItems, with the item as it stands after the transaction (if known). */
export interface TransactAction {
  kind: 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
  /** The item written (Put) or read back after the transaction (Update, ConditionCheck); undefined: gone. */
  after?: Record<string, unknown>;
  /** Index key attributes the action removes (an Update's REMOVE of q1pk, …): the index entry is deleted. */
  removesIndexKeys?: number;
}

/**
 * Write units of a transaction as AWS bills it: DynamoDB makes two underlying writes of every item (prepare
 * and commit), so 2 units per KB of each item; a ConditionCheck is counted the same way (conservative); an
 * item's index copies are written once each (1 unit per KB), an index entry removed costs one unit. A Delete
 * whose item is not known counts 1 KB.
 *
 * DynamoDB Local reports a two-item transaction as costing what a one-item one does, so the bench works
 * transactions out from their items instead of trusting Local's figure.
 */
export function transactionWriteUnits(actions: readonly TransactAction[]): number {
  let units = 0;
  for (const a of actions) {
    const bytes = a.after ? itemSize(a.after) : 1024;
    units += 2 * writeUnits(bytes);
    if (a.kind === 'Put' || a.kind === 'Update')
      for (const copy of a.after ? indexCopies(a.after) : []) units += writeUnits(copy.bytes);
    units += a.removesIndexKeys ?? 0;
  }
  return units;
}

/** Read units of a TransactGetItems: two underlying reads per item, 2 units per 4 KB. */
export const transactionReadUnits = (items: ReadonlyArray<Record<string, unknown> | undefined>) =>
  items.reduce((n: number, it) => n + 2 * Math.max(1, Math.ceil((it ? itemSize(it) : 0) / 4096)), 0);

/** How many index key attributes an UpdateExpression's REMOVE clause names (through ExpressionAttributeNames). */
export function removedIndexKeys(expression: string | undefined, names: Record<string, string> = {}): number {
  const remove = /\bREMOVE\s+(.+?)(?=\s+\b(?:SET|ADD|DELETE)\b|$)/is.exec(expression ?? '')?.[1];
  if (!remove) return 0;
  const indexKeys = new Set<string>(Object.values(INDEXES).map((ix) => ix.partitionKey));
  return remove
    .split(',')
    .map((p) => p.trim())
    .map((p) => names[p] ?? p)
    .filter((p) => indexKeys.has(p)).length;
}

/** Lambda bills duration per millisecond, rounded up, at least 1 ms. */
export const billedMs = (ms: number) => Math.max(1, Math.ceil(ms));

/** GB-seconds of `ms` billed milliseconds at `memoryMb`. */
export const gbSeconds = (ms: number, memoryMb: number) => (ms / 1000) * (memoryMb / 1024);

/**
 * What Lambda writes to a function's log group per invocation besides the handler's own lines, with the JSON
 * log format the stack sets (handler-function.ts): a `platform.start` and a `platform.report` event with
 * its metrics and X-Ray trace id. Built as Lambda writes them, with realistic ids, and measured.
 */
export function platformLogBytes(): number {
  const time = '2026-12-02T10:15:30.123Z';
  const requestId = randomUUID();
  const arn =
    'arn:aws:lambda:ap-south-1:123456789012:function:SakhiOsc-prod-FunctionsGetCaseFunction1A2B3C4D-AbCdEfGh1234';
  const start = { time, type: 'platform.start', record: { requestId, functionArn: arn, version: '$LATEST' } };
  const report = {
    time,
    type: 'platform.report',
    record: {
      requestId,
      metrics: { durationMs: 23.45, billedDurationMs: 24, memorySizeMB: 512, maxMemoryUsedMB: 98 },
      tracing: {
        spanId: '4f2c1d9e8b7a6c5d',
        type: 'X-Amzn-Trace-Id',
        value: 'Root=1-6744a1b2-0123456789abcdef01234567;Parent=4f2c1d9e8b7a6c5d;Sampled=1',
      },
      status: 'success',
    },
  };
  return Buffer.byteLength(`${JSON.stringify(start)}\n${JSON.stringify(report)}\n`);
}

/** One line of the API's access log, in the format infra/constructs/api.ts sets, with realistic values. */
export function accessLogBytes(): number {
  const line = {
    requestId: randomUUID(),
    traceId: 'Root=1-6744a1b2-0123456789abcdef01234567',
    time: '02/Dec/2026:10:15:30 +0000',
    ip: '103.211.12.34',
    method: 'POST',
    resource: '/cases/{caseId}/services',
    protocol: 'HTTP/1.1',
    status: '201',
    responseLength: '412',
    latency: '87',
    integrationLatency: '81',
    sub: randomUUID(),
    error: '-',
    waf: '-',
  };
  return Buffer.byteLength(`${JSON.stringify(line)}\n`);
}

/**
 * One SMS delivery-status log event, which SNS writes to CloudWatch Logs for every SMS (the stage logs 100%
 * of successes: stage-config.ts deliveryStatusSuccessSamplingPercent), with realistic fields.
 */
export function smsDeliveryLogBytes(): number {
  const event = {
    notification: { messageId: randomUUID(), timestamp: '2026-12-02 10:15:30.123' },
    delivery: {
      mnc: 10,
      numberOfMessageParts: 1,
      destination: '+919000001001',
      priceInUSD: 0.0011,
      smsType: 'Transactional',
      mcc: 404,
      providerResponse: 'Message has been accepted by phone carrier',
      dwellTimeMs: 312,
      dwellTimeMsUntilDeviceAck: 2410,
    },
    status: 'SUCCESS',
  };
  return Buffer.byteLength(`${JSON.stringify(event)}\n`);
}

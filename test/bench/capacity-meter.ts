// The meter of the capacity section: while a tally is open it adds up what the operation made AWS do. Nothing
// in functions/ or shared/ changes for it: it hooks in from the outside.
//   DynamoDB  a middleware on the process-wide document client (shared/aws/dynamo.ts, what deps.docClient
//             gives every handler) asks every command for ReturnConsumedCapacity TOTAL and adds the units up
//             (transactions are worked out from their items: capacity-units.ts says why)
//   Lambda    every handler the local runtime calls is wrapped (LocalOptions.instrument), and so is every
//             handler the bench calls itself: invocations and billed milliseconds per function
//   SMS       the notifier port is wrapped: messages and their segments (smsSegments)
//   logs      bytes the handlers write to stdout and stderr (what Lambda ships to CloudWatch Logs), and the
//             metric identities of the embedded-metric lines among them
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Notifier, SmsMessage } from '../../shared/notifications/sms.ts';
import { renderSms, smsSegments } from '../../shared/notifications/sms.ts';
import {
  billedMs,
  removedIndexKeys,
  type TransactAction,
  transactionReadUnits,
  transactionWriteUnits,
} from './capacity-units.ts';

export interface Tally {
  readUnits: number;
  writeUnits: number;
  /** DynamoDB commands by name (GetCommand, TransactWriteCommand, …). */
  commands: Record<string, number>;
  /** Per function id: invocations and billed milliseconds (each invocation rounded up on its own). */
  lambda: Record<string, { invocations: number; billedMs: number }>;
  sms: number;
  smsSegments: number;
  /** What the handlers wrote (their own log lines and embedded metrics). */
  handlerLogBytes: number;
}

export const emptyTally = (): Tally => ({
  readUnits: 0,
  writeUnits: 0,
  commands: {},
  lambda: {},
  sms: 0,
  smsSegments: 0,
  handlerLogBytes: 0,
});

type Input = Record<string, any>;
type AnyHandler = (...args: never[]) => Promise<unknown>;

/** The DocumentClient command an input belongs to, by its shape (the middleware sees inputs, not classes). */
export function commandOf(input: Input): string {
  if (Array.isArray(input.TransactItems))
    return input.TransactItems.some((t: Input) => t.Get) ? 'TransactGetCommand' : 'TransactWriteCommand';
  if (input.RequestItems) {
    const first = Object.values(input.RequestItems as Record<string, unknown>)[0];
    return Array.isArray(first) ? 'BatchWriteCommand' : 'BatchGetCommand';
  }
  if (input.KeyConditionExpression) return 'QueryCommand';
  if (input.Item) return 'PutCommand';
  if (input.UpdateExpression) return 'UpdateCommand';
  if (input.Key && (input.ConditionExpression || input.ReturnValues)) return 'DeleteCommand';
  if (input.Key) return 'GetCommand';
  return 'ScanCommand';
}

/**
 * What AWS bills a read that finds nothing at least: one read unit (half of it eventually consistent) per
 * Get or Query or Scan, where DynamoDB Local reports 0 (a sweep's query of an empty queue, say).
 */
export function minimumReadUnits(name: string, input: Input): number {
  if (name === 'BatchGetCommand') return 0;
  return input.ConsistentRead ? 1 : 0.5;
}

const WRITES = new Set(['PutCommand', 'UpdateCommand', 'DeleteCommand', 'BatchWriteCommand', 'TransactWriteCommand']);

export class Meter {
  private tally: Tally | undefined;
  /** Reads of items after a transaction (their sizes price it); awaited before a tally closes. */
  private pending: Array<Promise<void>> = [];
  /** Every metric identity (namespace, name, dimensions) seen in embedded-metric lines, over the whole run. */
  readonly metrics = new Set<string>();
  /** The last lines written outside a tally or by a failing handler, for error notes. */
  readonly tail: string[] = [];

  get active(): boolean {
    return this.tally !== undefined;
  }

  begin(): void {
    this.tally = emptyTally();
    this.pending = [];
  }

  async end(): Promise<Tally> {
    await Promise.all(this.pending);
    const t = this.tally ?? emptyTally();
    this.tally = undefined;
    return t;
  }

  /** Counts every command of `doc`; `raw` (another client on the same table) reads items back unmetered. */
  attach(doc: DynamoDBDocumentClient, raw: DynamoDBDocumentClient, table: string): void {
    doc.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as Input;
        if (!this.tally) return next(args);
        input.ReturnConsumedCapacity = 'TOTAL';
        const tally = this.tally;
        const name = commandOf(input);
        tally.commands[name] = (tally.commands[name] ?? 0) + 1;
        const result = await next(args);
        const output = result.output as Input;
        if (name === 'TransactWriteCommand') this.pending.push(this.priceTransaction(tally, input, raw, table));
        else if (name === 'TransactGetCommand')
          tally.readUnits += transactionReadUnits((output.Responses ?? []).map((r: Input) => r?.Item));
        else {
          const consumed = [output.ConsumedCapacity ?? []].flat() as Array<{ CapacityUnits?: number }>;
          const units = consumed.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
          if (WRITES.has(name)) tally.writeUnits += units;
          else tally.readUnits += Math.max(units, minimumReadUnits(name, input));
        }
        return result;
      },
      { step: 'initialize', priority: 'high', name: 'benchConsumedCapacity' },
    );
  }

  private async priceTransaction(tally: Tally, input: Input, raw: DynamoDBDocumentClient, table: string) {
    const actions: TransactAction[] = await Promise.all(
      (input.TransactItems as Input[]).map(async (t): Promise<TransactAction> => {
        const [kind, body] = Object.entries(t)[0] as [TransactAction['kind'], Input];
        if (kind === 'Put') return { kind, after: body.Item };
        if (kind === 'Delete') return { kind };
        const { Item } = await raw.send(
          new GetCommand({ TableName: body.TableName ?? table, Key: body.Key, ConsistentRead: true }),
        );
        return {
          kind,
          after: Item,
          removesIndexKeys:
            kind === 'Update' ? removedIndexKeys(body.UpdateExpression, body.ExpressionAttributeNames) : 0,
        };
      }),
    );
    tally.writeUnits += transactionWriteUnits(actions);
  }

  /** Times and counts each call of `handler` as one invocation of function `id`. */
  wrap<H extends AnyHandler>(id: string, handler: H): H {
    return (async (...args: never[]) => {
      const t0 = performance.now();
      try {
        return await handler(...args);
      } finally {
        const ms = performance.now() - t0;
        if (this.tally) {
          this.tally.lambda[id] ??= { invocations: 0, billedMs: 0 };
          const f = this.tally.lambda[id];
          f.invocations++;
          f.billedMs += billedMs(ms);
        }
      }
    }) as H;
  }

  /** The notifier port, counting each message and its segments (SNS bills each segment as a message). */
  notifier(inner: Notifier): Notifier {
    return {
      send: async (m: SmsMessage) => {
        await inner.send(m);
        if (this.tally) {
          this.tally.sms++;
          this.tally.smsSegments += smsSegments(renderSms(m.template, m.language, m.slots));
        }
      },
    };
  }

  /**
   * Takes over stdout and stderr: what is written while a tally is open is counted (Lambda ships it to
   * CloudWatch Logs) and never printed; embedded-metric lines are read for their metric identities.
   */
  captureOutput(): void {
    for (const stream of [process.stdout, process.stderr]) {
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        if (this.tally) this.tally.handlerLogBytes += Buffer.byteLength(text);
        for (const line of text.split('\n')) {
          if (line.includes('"_aws"')) this.readMetrics(line);
          else if (line.trim()) {
            this.tail.push(line.slice(0, 300));
            if (this.tail.length > 10) this.tail.shift();
          }
        }
        const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
        done?.();
        return true;
      }) as typeof stream.write;
    }
  }

  private readMetrics(line: string): void {
    try {
      const emf = JSON.parse(line) as {
        _aws?: {
          CloudWatchMetrics?: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string }> }>;
        };
        [k: string]: unknown;
      };
      for (const d of emf._aws?.CloudWatchMetrics ?? [])
        for (const m of d.Metrics)
          for (const dims of d.Dimensions.length ? d.Dimensions : [[]])
            this.metrics.add(`${d.Namespace}|${m.Name}|${dims.map((k) => `${k}=${String(emf[k])}`).join(',')}`);
    } catch {
      /* not a metric line after all */
    }
  }
}

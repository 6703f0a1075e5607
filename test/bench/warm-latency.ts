// Section 3: warm POST /cases against the floor it cannot go below, one DynamoDB transaction of the same
// items (idempotency record, case-number sequence, case, history, counters: whatever createCase writes). The
// handler is invoked in-process, so the ratio is about the handler (middy, logger/metrics, validation,
// principal, case store) and not about the local HTTP server; HTTP is reported beside it.
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { documentClient } from '../../shared/aws/dynamo.ts';
import * as keys from '../../shared/core/keys.ts';
import { financialYear } from '../../shared/core/time.ts';
import type { TransactItem } from '../../shared/core/transactions.ts';
import { apiEvent, caseBody, jwtClaims, type LambdaHandler, lambdaContext } from './events.ts';
import { median, p95, progress } from './stats.ts';

export const TARGET_WARM = 1.5;

export interface WarmResult {
  iterations: number;
  handler: { median: number; p95: number };
  raw: { median: number; p95: number };
  ratio: number;
  pass: boolean;
  /** What the handler's transaction writes (and so the raw one too). */
  transaction: string[];
  http: { iterations: number; median: number; p95: number };
}

/** The raw writes go to their own centre id: never the sequence, lists or counters of a real centre. */
const RAW_CENTRE = 'bench-raw';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

type Item = Record<string, unknown> & { pk?: string; sk?: string };
const partOf = (t: TransactItem) => {
  const [kind, body] = Object.entries(t)[0] as [string, { Key?: Item; Item?: Item }];
  return { kind, key: (body.Key ?? body.Item ?? {}) as Item };
};

/** "Put IDEMPOTENCY", "Update SEQ", "Put CASE/EVENT", …: what a transaction writes, without ids. */
export function describeTransaction(items: TransactItem[]): string[] {
  return items.map((t) => {
    const { kind, key } = partOf(t);
    const pk = String(key.pk ?? '?').split('#')[0];
    const sk = /^([A-Z]+)#/.exec(String(key.sk ?? ''))?.[1];
    return `${kind} ${pk}${sk && sk !== pk ? `/${sk}` : ''}`;
  });
}

/**
 * The raw transaction: exactly the items the handler's own transaction wrote (captured from its document
 * client during warm-up, so this follows shared/case-store.ts as it changes), with fresh ids per iteration,
 * the centre id swapped for RAW_CENTRE, and its own case-number sequence with the same condition
 * (`attribute_not_exists` for the first number, then `#last = :prev`).
 */
export function rawTransaction(template: string, table: string, fy: string, prev: number): TransactItem[] {
  const fresh = new Map<string, string>();
  const items = JSON.parse(
    template.replace(UUID, (id) => {
      const known = fresh.get(id) ?? randomUUID();
      fresh.set(id, known);
      return known;
    }),
  ) as TransactItem[];
  const seq = items.findIndex((t) => partOf(t).kind === 'Update' && String(partOf(t).key.pk).startsWith('SEQ#'));
  if (seq < 0)
    throw new Error('the handler wrote no case-number sequence update: test/bench/warm-latency.ts needs updating');
  const next = prev + 1;
  items[seq] = {
    Update: {
      TableName: table,
      Key: keys.sequence(RAW_CENTRE, fy),
      UpdateExpression: 'SET #last = :next',
      ConditionExpression: prev === 0 ? 'attribute_not_exists(#last)' : '#last = :prev',
      ExpressionAttributeNames: { '#last': 'last' },
      ExpressionAttributeValues: prev === 0 ? { ':next': next } : { ':next': next, ':prev': prev },
    },
  };
  return items;
}

export async function measureWarm(
  runtime: LocalRuntime,
  iterations: number,
  httpIterations: number,
): Promise<WarmResult> {
  // A token from the runtime, as a client would get one; its claims are what the authorizer passes on.
  const tokenRes = await fetch(`${runtime.url}/_local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'staff.patna1' }),
  });
  if (tokenRes.status !== 200) throw new Error(`POST /_local/token answered ${tokenRes.status}`);
  const { token } = (await tokenRes.json()) as { token: string };
  const t = jwtClaims(token);
  const claims = {
    sub: t.sub,
    'cognito:username': t['cognito:username'],
    'cognito:groups': 'centre-staff',
    'custom:centreId': 'osc-patna-1',
  };

  const { handler } = (await import('../../functions/create-case/handler.ts')) as unknown as { handler: LambdaHandler };
  const viaHandler = async () => {
    const res = await handler(
      apiEvent({
        method: 'POST',
        resource: '/cases',
        body: caseBody(),
        headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${randomUUID()}` },
        claims,
      }),
      lambdaContext('create-case'),
    );
    if (res.statusCode !== 201) throw new Error(`create-case answered ${res.statusCode}: ${res.body}`);
  };

  // Capture one transaction the handler sends (its document client is the process-wide one), as the
  // template of the raw transaction.
  let captured: TransactItem[] | undefined;
  const handlerDoc = documentClient();
  handlerDoc.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { TransactItems?: TransactItem[] };
      if (!captured && input.TransactItems) captured = structuredClone(input.TransactItems);
      return next(args);
    },
    { step: 'initialize', priority: 'high', name: 'benchCaptureTransaction' },
  );
  await viaHandler();
  handlerDoc.middlewareStack.remove('benchCaptureTransaction');
  if (!captured) throw new Error('create-case sent no TransactWriteCommand');
  const written = describeTransaction(captured);
  const centreId = String(partOf(captured.find((t) => partOf(t).key.sk === 'CASE')!).key.centreId ?? 'osc-patna-1');
  const template = JSON.stringify(captured).split(centreId).join(RAW_CENTRE);
  const fy = financialYear(new Date());

  const client = new DynamoDBClient({
    endpoint: runtime.dynamoEndpoint,
    region: 'ap-south-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  let last = 0;
  // Only the send is timed: building the items is the handler's job, not the floor's.
  const viaRaw = async (): Promise<number> => {
    const items = rawTransaction(template, runtime.tableName, fy, last);
    const t0 = performance.now();
    await doc.send(new TransactWriteCommand({ TransactItems: items }));
    const t = performance.now() - t0;
    last++;
    return t;
  };

  const viaHttp = async () => {
    const res = await fetch(`${runtime.url}/cases`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': `bench-${randomUUID()}`,
      },
      body: JSON.stringify(caseBody()),
    });
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error(`POST /cases over HTTP answered ${res.status}`);
  };

  const time = async (fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };

  try {
    progress('warm POST /cases: warming up');
    for (let i = 0; i < 15; i++) {
      await viaHandler();
      await viaRaw();
      await viaHttp();
    }
    const h: number[] = [];
    const r: number[] = [];
    const web: number[] = [];
    const httpEvery = Math.max(1, Math.floor(iterations / Math.max(1, httpIterations)));
    // Interleaved, alternating which goes first, so drift and GC hit both alike; the HTTP calls (for
    // information) are spread over the same stretch of time.
    for (let i = 0; i < iterations; i++) {
      if (i % 2 === 0) {
        h.push(await time(viaHandler));
        r.push(await viaRaw());
      } else {
        r.push(await viaRaw());
        h.push(await time(viaHandler));
      }
      if (i % httpEvery === 0 && web.length < httpIterations) web.push(await time(viaHttp));
    }
    progress(`warm POST /cases: ${iterations} in-process + raw pairs and ${web.length} HTTP calls done`);
    const ratio = median(h) / median(r);
    return {
      iterations,
      handler: { median: median(h), p95: p95(h) },
      raw: { median: median(r), p95: p95(r) },
      ratio,
      pass: ratio <= TARGET_WARM,
      transaction: written,
      http: { iterations: web.length, median: median(web), p95: p95(web) },
    };
  } finally {
    client.destroy();
  }
}

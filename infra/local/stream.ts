// The local stand-in for the DynamoDB stream → Lambda event sources: polls DynamoDB Local's own stream and
// hands each new item to the consumer whose filter would pass it in AWS (STREAM_CONSUMERS), calling the
// same handler with a DynamoDB stream event. A failed record is retried from there, as Lambda does.
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';

type Handler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;

export interface LocalConsumer {
  types: readonly string[];
  handler: Handler;
  context: () => Context;
}

export interface StreamPoller {
  /** Resolves once every record written so far has been dispatched (tests use it to wait). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export function startStreamPoller(
  endpoint: string,
  streamArn: string,
  consumers: LocalConsumer[],
  intervalMs = 150,
): StreamPoller {
  const consumerOf = (r: _Record) =>
    r.eventName === 'INSERT' ? consumers.find((c) => c.types.includes(r.dynamodb?.NewImage?.type?.S ?? '')) : undefined;
  const client = new DynamoDBStreamsClient({
    endpoint,
    region: 'ap-south-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const iterators = new Map<string, string | undefined>(); // shardId → iterator (undefined: closed)
  const pending = new Map<string, _Record[]>(); // shardId → records not yet dispatched
  let stopped = false;
  let busy: Promise<void> = Promise.resolve();
  // Waiters resolve after two idle passes, so a pass that began before their write cannot release them.
  let idleWaiters: Array<{ passes: number; ok: () => void }> = [];

  async function refreshShards(): Promise<void> {
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId;
      if (!shardId || iterators.has(shardId)) continue;
      const { ShardIterator } = await client.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      );
      iterators.set(shardId, ShardIterator);
    }
  }

  /** One pass over every shard; returns whether anything was read. */
  async function pass(): Promise<boolean> {
    await refreshShards();
    let readSomething = false;
    for (const [shardId, iterator] of iterators) {
      let records = pending.get(shardId) ?? [];
      if (records.length === 0 && iterator) {
        const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
        iterators.set(shardId, page.NextShardIterator);
        records = (page.Records ?? []).filter((r) => consumerOf(r));
        if ((page.Records ?? []).length) readSomething = true;
      }
      // One record per event, in stream order: a failure stops the shard there, and it is retried.
      while (records.length) {
        const record = records[0];
        const consumer = consumerOf(record);
        if (!consumer) {
          records.shift();
          continue;
        }
        const event = {
          Records: [{ ...record, eventSource: 'aws:dynamodb', eventSourceARN: streamArn }],
        } as unknown as DynamoDBStreamEvent;
        let failed = false;
        try {
          const res = await consumer.handler(event, consumer.context());
          failed = (res?.batchItemFailures?.length ?? 0) > 0;
        } catch {
          failed = true;
        }
        if (failed) break;
        records = records.slice(1);
      }
      pending.set(shardId, records);
      if (records.length) readSomething = true;
    }
    return readSomething;
  }

  const loop = async () => {
    while (!stopped) {
      let more = false;
      busy = (async () => {
        try {
          more = await pass();
        } catch (err) {
          if (!stopped) console.error('[local] stream poller:', (err as Error).message);
        }
      })();
      await busy;
      if (!more) {
        for (const w of idleWaiters) w.passes--;
        for (const w of idleWaiters.filter((x) => x.passes <= 0)) w.ok();
        idleWaiters = idleWaiters.filter((x) => x.passes > 0);
      }
      await new Promise((r) => setTimeout(r, more ? 0 : intervalMs));
    }
  };
  void loop();

  return {
    drain: () => new Promise<void>((ok) => idleWaiters.push({ passes: 2, ok })),
    stop: async () => {
      stopped = true;
      await busy;
      for (const w of idleWaiters) w.ok();
      client.destroy();
    },
  };
}

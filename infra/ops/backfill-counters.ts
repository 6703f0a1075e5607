// `npm run backfill -- --table <name> [--region ap-south-1] [--endpoint URL] [--check]`: rebuilds the
// statistics counters from the cases (after counters were lost, or when a new figure is added). With
// --check it only compares and prints the differences. Idempotent; run it when nothing else is writing.
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backfillCounters, checkCounters } from '#shared/oversight/recount.ts';

const { values } = parseArgs({
  options: {
    table: { type: 'string' },
    region: { type: 'string', default: process.env.AWS_REGION ?? 'ap-south-1' },
    endpoint: { type: 'string' },
    check: { type: 'boolean', default: false },
  },
});
if (!values.table) {
  console.error('Usage: npm run backfill -- --table <table name> [--region ap-south-1] [--endpoint URL] [--check]');
  process.exit(2);
}
const doc = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: values.region, ...(values.endpoint ? { endpoint: values.endpoint } : {}) }),
  {
    marshallOptions: { removeUndefinedValues: true },
  },
);
if (values.check) {
  const result = await checkCounters(doc, values.table);
  console.log(result.equal ? 'Counters equal a full recount.' : `${result.differences.length} counter items differ:`);
  for (const d of result.differences)
    console.log(`  ${d.item}: live ${JSON.stringify(d.live)} recount ${JSON.stringify(d.recount)}`);
  process.exit(result.equal ? 0 : 1);
}
const result = await backfillCounters(doc, values.table);
console.log(
  `Counters rebuilt: ${result.written} written, ${result.removed} removed ` +
    `(they ${result.wasEqual ? 'already matched' : 'differed'}).`,
);

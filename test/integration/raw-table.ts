// The local table as it is stored, for tests that must see what no API answer shows (what retention left in
// a partition, a claim written by a run that crashed): the same DynamoDB Local the runtime uses.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';

let client: DynamoDBDocumentClient | undefined;

/** A document client on the runtime's DynamoDB Local (its local credentials). */
export function rawDoc(): DynamoDBDocumentClient {
  client ??= DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: inject('dynamoEndpoint'),
      region: 'ap-south-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  return client;
}

/** Every raw item of a case's partition, as stored. */
export async function casePartition(caseId: string): Promise<Array<Record<string, unknown>>> {
  const res = await rawDoc().send(
    new QueryCommand({
      TableName: inject('tableName'),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `CASE#${caseId}` },
      ConsistentRead: true,
    }),
  );
  return res.Items ?? [];
}

// The baseline of the bundle-size and cold-init benchmark: a Lambda handler that does nothing but create the
// DynamoDB document client every real handler needs. Each handler is measured as a ratio against this.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (_event: unknown) => ({ statusCode: 200, body: '{}' });

// The local identity port: staff accounts created through the API are kept in the table and can sign in
// at /_local/token like the seeded users; a disabled account cannot.
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { IdentityPort, NewAccount } from '#shared/network/identity.ts';
import type { LocalUser } from './seed.ts';

const PK = 'LOCAL#USERS';

export class LocalIdentity implements IdentityPort {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async createAccount(a: NewAccount): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            pk: PK,
            sk: a.username,
            username: a.username,
            role: a.role,
            centreId: a.centreId,
            district: a.district,
            staffId: a.staffId,
            phone: a.phone,
            enabled: true,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
    }
  }

  /** A sign-in of any role (local only: the tests and a demo add district and state users this way). */
  async createUser(u: LocalUser): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: PK, sk: u.username, ...u, enabled: true },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
      return false;
    }
  }

  async setEnabled(username: string, enabled: boolean): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: PK, sk: username },
        UpdateExpression: 'SET enabled = :e',
        ExpressionAttributeValues: { ':e': enabled },
      }),
    );
  }

  async list(): Promise<LocalUser[]> {
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': PK },
      }),
    );
    return (Items ?? [])
      .filter((i) => i.enabled !== false && i.role)
      .map((i) => ({
        username: i.username,
        role: i.role,
        centreId: i.centreId,
        district: i.district,
        staffId: i.staffId,
        phone: i.phone,
      }));
  }

  async find(username: string): Promise<(LocalUser & { enabled: boolean }) | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: PK, sk: username } }));
    return Item
      ? {
          username: Item.username,
          role: Item.role,
          centreId: Item.centreId,
          district: Item.district,
          staffId: Item.staffId,
          phone: Item.phone,
          enabled: Item.enabled !== false,
        }
      : undefined;
  }
}

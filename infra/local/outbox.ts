// The local adapter of the notifier port: instead of SNS, every SMS lands in an outbox in the table, with the
// exact text and attributes SNS would have been given. `GET /_local/sms` reads it.
import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from '../../shared/core/query.ts';
import { istTimestamp } from '../../shared/core/time.ts';
import {
  type Notifier,
  renderSms,
  type SmsMessage,
  type SmsSettings,
  smsAttributes,
} from '../../shared/notifications/sms.ts';

const OUTBOX_PK = 'OUTBOX#SMS';

export interface OutboxEntry {
  to: string;
  message: string;
  attributes: Record<string, string>;
  at: string;
  template: string;
  language: string;
}

export class OutboxNotifier implements Notifier {
  /** Set by tests to make the next sends fail, as SNS throttling would. */
  failNext = 0;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly settings: SmsSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(m: SmsMessage): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    }
    const at = istTimestamp(this.now());
    const entry: OutboxEntry = {
      to: m.to,
      message: renderSms(m.template, m.language, m.slots),
      attributes: smsAttributes(this.settings, m.template, m.language),
      at,
      template: m.template,
      language: m.language,
    };
    await this.doc.send(
      new PutCommand({ TableName: this.table, Item: { pk: OUTBOX_PK, sk: `${at}#${randomUUID()}`, ...entry } }),
    );
  }

  async list(): Promise<OutboxEntry[]> {
    const items = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': OUTBOX_PK },
    });
    return items.map(
      (i) =>
        ({
          to: i.to,
          message: i.message,
          attributes: i.attributes,
          at: i.at,
          template: i.template,
          language: i.language,
        }) as OutboxEntry,
    );
  }
}

const EMAIL_PK = 'OUTBOX#EMAIL';

/** The local stand-in for the reports e-mail topic: announcements land in the outbox (`GET /_local/email`). */
export class EmailOutbox {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async announce(subject: string, message: string): Promise<void> {
    const at = istTimestamp(new Date());
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: { pk: EMAIL_PK, sk: `${at}#${randomUUID()}`, subject, message, at },
      }),
    );
  }

  async list(): Promise<Array<{ subject: string; message: string; at: string }>> {
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': EMAIL_PK },
      }),
    );
    return (Items ?? []).map((i) => ({ subject: i.subject, message: i.message, at: i.at }));
  }
}

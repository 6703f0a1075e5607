// Stored reports: written once by the schedules, read by the report routes. Kept apart from the builders so
// the read routes carry neither the statistics code nor the e-mail client.
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as keys from '../core/keys.ts';
import { queryAll } from '../core/query.ts';

export type ReportKind = 'weekly' | 'monthly';

export interface Report {
  reportId: string;
  kind: ReportKind;
  title: string;
  period: { from: string; to: string };
  fy: string;
  generatedAt: string;
  district?: string;
  figures: Record<string, unknown>;
}

export class ReportStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Stores a report once: a re-run of the same schedule (a retry) finds it and announces nothing. */
  async put(r: Report): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.report(r.kind, r.reportId), type: 'REPORT', ...r },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  async list(
    kind: ReportKind,
    district?: string,
  ): Promise<Array<Pick<Report, 'reportId' | 'title' | 'period' | 'district' | 'generatedAt'>>> {
    const items = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.report(kind, '').pk },
      ProjectionExpression: 'reportId, title, period, district, generatedAt',
      ScanIndexForward: false,
    });
    return (items as Array<Pick<Report, 'reportId' | 'title' | 'period' | 'district' | 'generatedAt'>>)
      .filter((r) => !district || r.district === district)
      .sort((a, b) => b.period.from.localeCompare(a.period.from) || (a.district ?? '').localeCompare(b.district ?? ''));
  }

  async get(kind: ReportKind, reportId: string): Promise<Report | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.report(kind, reportId) }));
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, type: _t, ...report } = Item;
    return report as Report;
  }
}

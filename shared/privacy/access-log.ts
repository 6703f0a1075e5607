// Reading the read audit back: who read one case (for the centre's administrator and the state), and what one
// user read in a period (for the state, scoping a suspected breach). Both are queries on keys, newest first,
// a page at a time; neither answer carries anything but ids, case numbers, roles, actions and times.
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { CaseChanges } from '../cases/store.ts';
import { decodeCursor, encodeCursor } from '../core/cursor.ts';
import { badRequest } from '../core/errors.ts';
import * as keys from '../core/keys.ts';
import type { Principal } from '../core/principal.ts';
import { INDEXES } from '../core/table.ts';
import { addDays } from '../core/time.ts';
import type { AccessLogQuery, CaseAccessLogQuery } from './schemas.ts';

/** One read of a case, as the case's access log lists it. */
export interface CaseAccess {
  at: string;
  /** The reader's user name. */
  actor: string;
  /** Her user id (the key of the per-user query). */
  actorId: string;
  role: string;
  action: string;
}

/** One read by one user: a case (with its number), or a list, figures, report or download (with its filters). */
export interface UserAccess {
  at: string;
  action: string;
  actor: string;
  actorId: string;
  role: string;
  caseId?: string;
  caseNumber?: string;
  centreId?: string;
  /** A list's filters, a report's id, a download's file name (never personal data). */
  query?: Record<string, unknown>;
  count?: number;
}

interface Page<T> {
  items: T[];
  nextCursor?: string;
}

type Actor = { userId: string; username: string; role: string };

export class AccessLog {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly cases: CaseChanges,
  ) {}

  /** Every read of a case, newest first. 404 outside the caller's scope (the case store decides). */
  async forCase(caseId: string, caller: Principal, q: CaseAccessLogQuery): Promise<Page<CaseAccess>> {
    await this.cases.getCaseItem(caseId, caller);
    const pk = keys.read(caseId, '', '').pk;
    const page = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: false,
        Limit: q.limit ? Number(q.limit) : 50,
        ExclusiveStartKey: decodeCursor(q.cursor, { name: 'pk', value: pk }, ['pk', 'sk']),
      }),
    );
    return {
      items: (page.Items ?? []).map((i) => {
        const a = i.actor as Actor;
        return { at: i.at as string, actor: a.username, actorId: a.userId, role: a.role, action: i.action as string };
      }),
      ...(page.LastEvaluatedKey ? { nextCursor: encodeCursor(page.LastEvaluatedKey) } : {}),
    };
  }

  /** What one user read between two IST days (both included), newest first, with the cases' numbers. */
  async byActor(q: AccessLogQuery): Promise<Page<UserAccess>> {
    if (q.from && q.to && q.to < q.from) {
      throw badRequest('The period ends before it starts', [
        { path: 'query.to', code: 'invalid', message: 'Must not be before from' },
      ]);
    }
    const pk = keys.actorReads(q.actor);
    const index = INDEXES.queue;
    // Times are IST ISO strings: a day's reads sort between "<day>" and "<next day>".
    const from = q.from ?? '0000-00-00';
    const until = q.to ? addDays(q.to, 1) : '9999-99-99';
    const page = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :until',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
        ExpressionAttributeValues: { ':pk': pk, ':from': from, ':until': until },
        ScanIndexForward: false,
        Limit: q.limit ? Number(q.limit) : 50,
        ExclusiveStartKey: decodeCursor(q.cursor, { name: index.partitionKey, value: pk }, [
          'pk',
          'sk',
          index.partitionKey,
          index.sortKey,
        ]),
      }),
    );
    const rows = page.Items ?? [];
    const numbers = await this.caseNumbers(rows.map((r) => r.caseId as string | undefined));
    return {
      items: rows.map((i) => {
        const a = i.actor as Actor;
        const caseId = i.caseId as string | undefined;
        return {
          at: i.at as string,
          action: i.action as string,
          actor: a.username,
          actorId: a.userId,
          role: a.role,
          ...(caseId ? { caseId, ...numbers.get(caseId) } : {}),
          ...(i.query ? { query: i.query as Record<string, unknown>, count: i.count as number } : {}),
        };
      }),
      ...(page.LastEvaluatedKey ? { nextCursor: encodeCursor(page.LastEvaluatedKey) } : {}),
    };
  }

  /** The number and centre of each case read (one batch read of the case items, those two attributes only). */
  private async caseNumbers(ids: Array<string | undefined>) {
    const unique = [...new Set(ids.filter((x): x is string => !!x))];
    const out = new Map<string, { caseNumber: string; centreId: string }>();
    for (let i = 0; i < unique.length; i += 100) {
      type Request = Record<string, { Keys: Array<Record<string, unknown>>; ProjectionExpression: string }>;
      let request: Request | undefined = {
        [this.table]: {
          Keys: unique.slice(i, i + 100).map((id) => keys.case(id)),
          ProjectionExpression: 'caseId, caseNumber, centreId',
        },
      };
      // A batch may come back in part under load: ask again for what is left.
      for (let attempt = 0; request && attempt < 5; attempt++) {
        const res: BatchGetCommandOutput = await this.doc.send(new BatchGetCommand({ RequestItems: request }));
        for (const c of res.Responses?.[this.table] ?? [])
          out.set(c.caseId as string, { caseNumber: c.caseNumber as string, centreId: c.centreId as string });
        const left = res.UnprocessedKeys?.[this.table];
        request = left?.Keys?.length ? ({ [this.table]: left } as Request) : undefined;
      }
    }
    return out;
  }
}

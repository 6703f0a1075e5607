// Her earlier visits: finding the cases at her centre that may be hers, and linking two cases of one woman.
// Centre roles only (the route table): district and state never learn that two cases are one woman's.
import { BatchGetCommand, type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseRecord } from '../cases/model.ts';
import { actorOf, historyPut } from '../cases/model.ts';
import type { CaseChanges } from '../cases/store.ts';
import { badRequest, conflict, notFound } from '../core/errors.ts';
import * as keys from '../core/keys.ts';
import { inScope, type Principal } from '../core/principal.ts';
import { istTimestamp } from '../core/time.ts';
import { type ChangeOptions, ConditionFailed, named } from '../core/transactions.ts';
import type { LookupKind } from './lookup.ts';

export interface SimilarCase {
  caseId: string;
  caseNumber: string;
  registeredAt: string;
  matchedOn: Array<'phone' | 'name_age'>;
}

export interface CaseLink {
  caseId: string;
  linkedCaseId: string;
  linkedCaseNumber: string;
  linkedAt: string;
}

/** Ages differ by at most this much, once the years between the two visits are allowed for (contract: ± 2). */
export const AGE_TOLERANCE = 2;
/** Earlier cases read per key: the newest of them (a woman rarely has more; staff see the rest by link). */
const PER_KEY = 25;
const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/** Her age then, carried forward to the time of this case: 27 two years ago matches 29 today. */
export function agesMatch(age: number, at: string, earlierAge: number, earlierAt: string): boolean {
  const years = (Date.parse(at) - Date.parse(earlierAt)) / YEAR_MS;
  return Math.abs(age - (earlierAge + years)) <= AGE_TOLERANCE;
}

export class SimilarCases {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly cases: CaseChanges,
  ) {}

  /**
   * Earlier cases at the case's centre with her phone, or her normalised name and an age within ± 2.
   * 1. The case, in the caller's scope (404 outside). 2. One query per lookup key of the case, for items
   * registered before it, newest first. 3. Each match read back (a batch get), so a case that has left the
   * caller's scope since is never named.
   */
  async find(caseId: string, caller: Principal): Promise<SimilarCase[]> {
    const c = await this.cases.getCaseItem(caseId, caller);
    const h = c.lookupHashes ?? {};
    const lookups: Array<[LookupKind, string | undefined]> = [
      ['PHONE', h.phone],
      ['NAME', h.name],
    ];
    const found = new Map<string, SimilarCase>();
    for (const [kind, hash] of lookups) {
      if (!hash) continue;
      const own = keys.similar(c.centreId, kind, hash, c.registeredAt, c.caseId);
      const { Items = [] } = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND sk < :own',
          ExpressionAttributeValues: { ':pk': own.pk, ':own': own.sk },
          ScanIndexForward: false,
          Limit: PER_KEY,
        }),
      );
      for (const i of Items) {
        if (i.caseId === c.caseId) continue;
        if (kind === 'NAME' && !agesMatch(c.survivor.age, c.registeredAt, i.age as number, i.registeredAt as string))
          continue;
        const entry = found.get(i.caseId as string) ?? {
          caseId: i.caseId as string,
          caseNumber: i.caseNumber as string,
          registeredAt: i.registeredAt as string,
          matchedOn: [],
        };
        entry.matchedOn.push(kind === 'PHONE' ? 'phone' : 'name_age');
        found.set(entry.caseId, entry);
      }
    }
    if (!found.size) return [];
    const { Responses } = await this.doc.send(
      new BatchGetCommand({
        RequestItems: {
          [this.table]: {
            Keys: [...found.keys()].map((id) => keys.case(id)),
            ProjectionExpression: '#i, #c, #d',
            ExpressionAttributeNames: { '#i': 'caseId', '#c': 'centreId', '#d': 'district' },
          },
        },
      }),
    );
    const visible = new Set(
      (Responses?.[this.table] ?? [])
        .filter((x) => inScope(caller, x as CaseRecord) && x.centreId === c.centreId)
        .map((x) => x.caseId as string),
    );
    return [...found.values()]
      .filter((s) => visible.has(s.caseId))
      .sort((a, b) => b.registeredAt.localeCompare(a.registeredAt));
  }

  /**
   * Links two cases of one centre, both ways, with history on both. Linking again changes nothing and
   * answers the link as it is.
   * 1. The other case, in the caller's scope (404 outside); then this one (404 outside); itself → 400.
   * 2. The change on this case (version guard, Idempotency-Key): a link item in each partition, guarded so
   *    a concurrent link writes once, and a check that the other case is still at this centre.
   */
  async link(caseId: string, otherId: string, caller: Principal, now: Date, opts: ChangeOptions): Promise<CaseLink> {
    const other = await this.cases.getCaseItem(otherId, caller);
    const at = istTimestamp(now);
    const actor = actorOf(caller);
    let link: CaseLink | undefined;
    try {
      await this.cases.change(caseId, caller, opts, async (c) => {
        if (otherId === caseId) {
          throw badRequest('A case cannot be linked to itself', [
            { path: 'caseId', code: 'invalid', message: 'Must be another case' },
          ]);
        }
        if (other.centreId !== c.centreId) throw notFound();
        // Retention cut that record loose from her: a link would tie her named case back to it.
        if (other.anonymisedAt || other.retentionStartedAt) {
          throw conflict('That case was anonymised under the retention period: it cannot be linked');
        }
        const existing = await this.existing(caseId, otherId);
        if (existing) {
          link = existing;
          return undefined;
        }
        link = { caseId, linkedCaseId: otherId, linkedCaseNumber: other.caseNumber, linkedAt: at };
        const item = (from: CaseRecord, to: CaseRecord) => ({
          Put: {
            TableName: this.table,
            Item: {
              ...keys.link(from.caseId, to.caseId),
              type: 'LINK',
              caseId: from.caseId,
              linkedCaseId: to.caseId,
              linkedCaseNumber: to.caseNumber,
              linkedAt: at,
              linkedBy: actor,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
        return {
          set: { updatedAt: at },
          items: [
            named('link', item(c, other)),
            named('back', item(other, c)),
            named('other', {
              ConditionCheck: {
                TableName: this.table,
                Key: keys.case(otherId),
                ConditionExpression: 'centreId = :c',
                ExpressionAttributeValues: { ':c': c.centreId },
              },
            }),
            historyPut(this.table, caseId, actor, 'CASE_LINKED', at, {
              details: { linkedCaseId: otherId, linkedCaseNumber: other.caseNumber },
            }),
            historyPut(this.table, otherId, actor, 'CASE_LINKED', at, {
              details: { linkedCaseId: caseId, linkedCaseNumber: c.caseNumber },
            }),
          ],
        };
      });
    } catch (err) {
      if (!(err instanceof ConditionFailed)) throw err;
      // The other case left this centre meanwhile: as if it were never there.
      if (err.item === 'other') throw notFound();
      // Linked by someone else a moment ago: the link is there, as asked.
      const existing = await this.existing(caseId, otherId);
      if (!existing) throw err;
      link = existing;
    }
    if (!link) throw new Error('A link was made without its record');
    return link;
  }

  private async existing(caseId: string, otherId: string): Promise<CaseLink | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.link(caseId, otherId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return {
      caseId,
      linkedCaseId: otherId,
      linkedCaseNumber: Item.linkedCaseNumber as string,
      linkedAt: Item.linkedAt as string,
    };
  }
}

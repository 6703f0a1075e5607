// What else anonymising a case removes besides the case partition's own text: each feature that keeps a
// lookup which could find her again (the similar-case keys of earlier visits, a control room's reference)
// or data elsewhere (documents) adds one contributor to RETENTION_PARTS. The job (retention-run.ts) deletes
// each part's keys first, then runs each part's `erase` (side effects outside the table, e.g. S3 objects),
// and finally writes each part's `items` in the case's own anonymisation transaction. Every part must be
// idempotent: a job that stopped half-way runs again the next day.
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseRecord } from '../cases/model.ts';
import * as keys from '../core/keys.ts';
import type { TransactItem } from '../core/transactions.ts';
import { milestoneReferences } from '../milestones/retention-part.ts';
import { lookupDeletes } from '../similar/lookup.ts';
import { freeTextPaths, removeExpression } from './retention.ts';

export interface RetentionContext {
  doc: DynamoDBDocumentClient;
  table: string;
  /** The case as stored, before anonymisation. */
  record: CaseRecord;
  /** Every item of the case's partition (services, follow-ups, history, the feature's own items...). */
  items: Array<Record<string, unknown>>;
  /** The anonymisation time, IST ISO. */
  at: string;
}

export interface RetentionPart {
  /** Items to delete (lookups keyed by a hash of her phone or name...), before the case is anonymised. */
  deletes?: Array<{ pk: string; sk: string }>;
  /** Work outside the table (deleting the case's documents from storage); must be safe to repeat. */
  erase?: () => Promise<void>;
  /** Items for the anonymisation transaction (keep it small: DynamoDB allows 100 items in all). */
  items?: TransactItem[];
}

export type RetentionContributor = (ctx: RetentionContext) => RetentionPart | undefined;

/**
 * A control room's referral is remembered by its reference for good (the same referral never makes a second
 * case); that record ties the helpline's own file on her to this case, so it goes.
 */
const controlRoomReference: RetentionContributor = ({ record }) => {
  const { source, reference } = record.referral;
  if (!reference || (source !== 'HELPLINE_181' && source !== 'ERSS_112')) return undefined;
  return { deletes: [keys.idempotency(`REFERRAL#${source}`, reference)] };
};

/**
 * Removes the free text of one item outside the case partition (every FREE_TEXT_ATTRIBUTES path, and `extra`
 * top-level attributes that are free text under a name that is a code elsewhere). An item that is not there
 * is left alone; an item already scrubbed is not written again.
 */
export async function scrubItem(
  doc: DynamoDBDocumentClient,
  table: string,
  key: { pk: string; sk: string },
  extra: string[] = [],
): Promise<Record<string, unknown> | undefined> {
  const { Item } = await doc.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
  if (!Item) return undefined;
  const paths = [...freeTextPaths(Item), ...extra.filter((k) => k in Item).map((k) => [k])];
  if (!paths.length) return Item;
  const { expression, names } = removeExpression(paths);
  await doc
    .send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: expression,
        ExpressionAttributeNames: names,
        ConditionExpression: 'attribute_exists(pk)',
      }),
    )
    .catch((err: Error) => {
      if (err.name !== 'ConditionalCheckFailedException') throw err;
    });
  return Item;
}

/**
 * Transfers between centres are kept outside the case partition (TRANSFER#<id>, and a log entry in each
 * centre's partition once answered), with the reasons staff gave: those words go; who, when and where stay.
 */
const transfers: RetentionContributor = ({ doc, table, items }) => {
  const ids = [
    ...new Set(
      items
        .map((i) => (i.details as { transferId?: unknown } | undefined)?.transferId)
        .filter((x): x is string => typeof x === 'string'),
    ),
  ];
  if (!ids.length) return undefined;
  return {
    erase: async () => {
      for (const id of ids) {
        const t = await scrubItem(doc, table, keys.transfer(id), ['reason']);
        if (!t?.decidedAt) continue;
        const at = t.decidedAt as string;
        await scrubItem(doc, table, keys.transferLog(t.fromCentreId as string, 'OUT', at, id), ['reason']);
        await scrubItem(doc, table, keys.transferLog(t.toCentreId as string, 'IN', at, id), ['reason']);
      }
    },
  };
};

/**
 * The keys of her earlier visits (a keyed hash of her phone and of her name, shared/similar): they would find
 * her again by her details, so they go; the case keeps no hashes afterwards.
 */
const similarKeys: RetentionContributor = ({ table, record }) => {
  const deletes = lookupDeletes(table, record, record.lookupHashes).map(
    (d) => d.Delete?.Key as { pk: string; sk: string },
  );
  return deletes.length ? { deletes } : undefined;
};

/**
 * The contributors. Case documents join from the composition root (functions/lib/deps.ts), which holds the
 * storage client: their `erase` deletes every version of the case's objects.
 */
export const RETENTION_PARTS: RetentionContributor[] = [
  controlRoomReference,
  transfers,
  similarKeys,
  milestoneReferences,
];

/** Adds a contributor that needs something only the composition root has (a storage client). */
export function addRetentionPart(part: RetentionContributor): void {
  if (!RETENTION_PARTS.includes(part)) RETENTION_PARTS.push(part);
}

export function retentionParts(ctx: RetentionContext): Required<Omit<RetentionPart, 'erase'>> & {
  erase: Array<() => Promise<void>>;
} {
  const out = {
    deletes: [] as Array<{ pk: string; sk: string }>,
    items: [] as TransactItem[],
    erase: [] as Array<() => Promise<void>>,
  };
  for (const part of RETENTION_PARTS) {
    const p = part(ctx);
    if (!p) continue;
    out.deletes.push(...(p.deletes ?? []));
    out.items.push(...(p.items ?? []));
    if (p.erase) out.erase.push(p.erase);
  }
  return out;
}

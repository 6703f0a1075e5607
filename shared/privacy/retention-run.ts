// The daily retention job (functions/retention): anonymises every case whose retention period has passed.
// In: the schedule's time and the period in years. Out: how many cases were due, anonymised, skipped, failed.
// 1. Query the retention queue (sparse `queue` index, DUE#RETENTION) for cases that ended on or before today
//    less the period: its cost follows what is due, never what is stored.
// 2. For each: read the whole partition and decide again (rules.ts); a stale marker (a case reopened or held
//    since) is removed, a case not yet due is left.
// 3. Remove the free text of every other item of the partition (views.ts FREE_TEXT_ATTRIBUTES), delete the
//    lookups the retention parts name, run their erasers (documents).
// 4. One transaction under the case's version: the case item anonymised (identity, story, reference,
//    resolution's words, notes), a CASE_ANONYMISED history event by the system, the marker deleted.
// Every step is safe to repeat: a run that stopped half-way is finished by the next; a second run finds nothing.
import { DeleteCommand, type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type CaseRecord, historyPut, SYSTEM, SYSTEM_ACTOR } from '../cases/model.ts';
import type { CaseChanges } from '../cases/store.ts';
import { HttpError } from '../core/errors.ts';
import * as keys from '../core/keys.ts';
import { queryAll } from '../core/query.ts';
import { INDEXES } from '../core/table.ts';
import { istDate, istTimestamp } from '../core/time.ts';
import { anonymisedCaseSet, freeTextPaths, removeExpression } from './retention.ts';
import { retentionParts } from './retention-parts.ts';
import { awaitsRetention, endedOn, isDueForAnonymisation, retentionCutoff } from './rules.ts';

/** The job reads and changes cases of every centre: as the state would, recorded in history as the system. */

export interface RetentionResult {
  today: string;
  cutoff: string;
  due: number;
  anonymised: number;
  skipped: number;
  failed: number;
  /** True when the run stopped before its deadline with cases left (the next run goes on). */
  unfinished: boolean;
}

export interface RetentionDeps {
  doc: DynamoDBDocumentClient;
  table: string;
  cases: CaseChanges;
  years: number;
  onError?: (caseId: string, err: unknown) => void;
}

export async function runRetention(d: RetentionDeps, now: Date, deadline = Number.POSITIVE_INFINITY) {
  const today = istDate(now);
  const cutoff = retentionCutoff(today, d.years);
  const result: RetentionResult = { today, cutoff, due: 0, anonymised: 0, skipped: 0, failed: 0, unfinished: false };
  const q = INDEXES.queue;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await d.doc.send(
      new QueryCommand({
        TableName: d.table,
        IndexName: q.name,
        KeyConditionExpression: '#pk = :pk AND #sk <= :upto',
        ExpressionAttributeNames: { '#pk': q.partitionKey, '#sk': q.sortKey },
        // `~` sorts after every character of a case id: every case that ended on the cutoff day is in.
        ExpressionAttributeValues: { ':pk': keys.retentionQueue(), ':upto': `${cutoff}#~` },
        ExclusiveStartKey: start,
      }),
    );
    start = page.LastEvaluatedKey;
    for (const marker of page.Items ?? []) {
      if (Date.now() > deadline) {
        result.unfinished = true;
        return result;
      }
      result.due++;
      try {
        const done = await anonymiseCase(d, marker.caseId as string, now, today);
        if (done) result.anonymised++;
        else result.skipped++;
      } catch (err) {
        result.failed++;
        d.onError?.(marker.caseId as string, err);
      }
    }
  } while (start);
  return result;
}

/** Anonymises one case if it is due today; true when it did. */
export async function anonymiseCase(d: RetentionDeps, caseId: string, now: Date, today: string): Promise<boolean> {
  const at = istTimestamp(now);
  // Claim it under its version before anything is read for removal: from here on people's changes and a
  // legal hold are refused (409), and a hold placed a moment ago makes the claim fail, with nothing removed.
  let due = false;
  let found = true;
  try {
    await d.cases.change(caseId, SYSTEM, {}, (c) => {
      due = isDueForAnonymisation(c, today, d.years);
      if (!due && !awaitsRetention(c)) found = false;
      return due ? { set: { retentionStartedAt: at }, items: [] } : undefined;
    });
  } catch (err) {
    if (!(err instanceof HttpError && err.statusCode === 404)) throw err;
    found = false;
  }
  if (!due) {
    // Reopened or held since the marker was written (or gone): the marker no longer belongs in the queue.
    if (!found) await deleteMarker(d, caseId);
    return false;
  }
  // What the partition holds now that nothing more can be added to it.
  const items = await queryAll(d.doc, {
    TableName: d.table,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.casePartition(caseId) },
    ConsistentRead: true,
  });
  const record = items.find((i) => i.sk === 'CASE') as CaseRecord | undefined;
  if (!record) return false;
  // 3. Free text of every other item, attribute by attribute (never a whole-item overwrite).
  let scrubbed = 0;
  for (const item of items) {
    if (item.sk === 'CASE' || item.sk === 'RETENTION') continue;
    const paths = freeTextPaths(item);
    if (!paths.length) continue;
    const { expression, names } = removeExpression(paths);
    await d.doc.send(
      new UpdateCommand({
        TableName: d.table,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: expression,
        ExpressionAttributeNames: names,
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
    scrubbed++;
  }
  const parts = retentionParts({ doc: d.doc, table: d.table, record, items, at });
  for (const key of parts.deletes) await d.doc.send(new DeleteCommand({ TableName: d.table, Key: key }));
  for (const erase of parts.erase) await erase();
  // 4. The case itself, last, under its version: the marker goes with it (CaseStore.change's bookkeeping).
  let changed = false;
  await d.cases.change(caseId, SYSTEM, {}, (c) => {
    // Held or reopened a moment ago: leave it (the notes already removed stay removed).
    if (!isDueForAnonymisation(c, today, d.years)) return undefined;
    changed = true;
    return {
      set: anonymisedCaseSet(c, at),
      // The keyed hashes of her phone and name: their lookup items are deleted (retention-parts.ts), and a
      // hash left on the case could still be matched against a phone number by anyone holding the secret.
      remove: ['lookupHashes'],
      items: [
        historyPut(d.table, caseId, SYSTEM_ACTOR, 'CASE_ANONYMISED', at, {
          details: { endedOn: endedOn(c), retentionYears: d.years, itemsScrubbed: scrubbed },
        }),
        ...parts.items,
      ],
    };
  });
  return changed;
}

async function deleteMarker(d: RetentionDeps, caseId: string): Promise<void> {
  await d.doc.send(new DeleteCommand({ TableName: d.table, Key: keys.retentionMarker(caseId) }));
}

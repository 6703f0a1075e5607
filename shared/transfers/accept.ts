// Accepting a transfer: the case moves to the receiving centre in ONE transaction, so there is no moment in
// which both centres, or neither, can read it, and the figures never count it twice or lose it.
//   the case        its centre, district and list-index keys; its number, history and parts stay with it
//   its records     what is tied to a centre moves with it (move-parts.ts): follow-ups still to do go to the
//                   worker the receiving administrator names; open escalations follow
//   counters        open-cases moves; transferred out at the old centre, transferred in at the new one
//   the transfer    leaves both queues; each centre logs it
// A centre's figures count what it handled: flows before the move stay where they were counted, later ones
// count at the new centre (the recount replays the history the same way).
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { isTerminal, OPEN_STATUSES } from '../cases/lifecycle.ts';
import { actorOf, type CaseRecord, caseIndexKeys, historyPut } from '../cases/model.ts';
import { badRequest, conflict } from '../core/errors.ts';
import * as keys from '../core/keys.ts';
import type { Principal } from '../core/principal.ts';
import { istTimestamp } from '../core/time.ts';
import { type ChangeOptions, MAX_TRANSACTION_ITEMS, type NamedItem, type TransactItem } from '../core/transactions.ts';
import { counterItems, field, openCaseItem } from '../oversight/counters.ts';
import { MOVE_PARTS } from './move-parts.ts';
import type { AcceptTransferInput } from './schemas.ts';
import { actingOnTransfer, type Transfer, type TransferStore } from './store.ts';

const workerProblem = (message: string) =>
  badRequest(message, [{ path: 'followUpWorkerId', code: 'invalid', message }]);

export interface AcceptResult {
  transferId: string;
  status: 'ACCEPTED';
  caseId: string;
  caseNumber: string;
  centreId: string;
  followUpsReassigned: number;
  escalationsMoved: number;
}

/**
 * Accepts a transfer for the receiving centre.
 * 1. The transfer must be waiting at the caller's centre (404 otherwise; 409 once answered), her centre
 *    operating, and the worker she names active staff of her centre with a phone (400 at followUpWorkerId).
 * 2. The case must still carry this transfer and not have ended meanwhile (409: decline it instead).
 * 3. One transaction under the case's version: the case and its list keys, each move part's records, the
 *    history event, the counters at both centres, the transfer's answer, and the request's Idempotency-Key.
 */
export async function acceptTransfer(
  store: TransferStore,
  transferId: string,
  caller: Principal,
  input: AcceptTransferInput,
  now: Date,
  opts: ChangeOptions = {},
): Promise<AcceptResult> {
  const { doc, table, centres } = store;
  const t = await store.forCentre(transferId, caller, 'to');
  const to = await centres.get(t.toCentreId, true);
  if (to?.status !== 'OPERATIONAL') throw conflict('Your centre does not take cases now');
  const worker = input.followUpWorkerId
    ? await centres.staffMember(t.toCentreId, input.followUpWorkerId, true)
    : undefined;
  if (input.followUpWorkerId && (!worker?.active || !worker.phone)) {
    throw workerProblem('The follow-up worker must be active staff of your centre with a phone');
  }
  const at = istTimestamp(now);
  const actor = actorOf(caller);
  let moved = { followUps: 0, escalations: 0 };
  const answered: Transfer = {
    ...t,
    status: 'ACCEPTED',
    decidedAt: at,
    decidedBy: actor,
    ...(worker ? { followUpWorkerId: worker.staffId } : {}),
  };
  const updated = await store.onCase(t, actingOnTransfer(caller), opts, async (c) => {
    if (isTerminal(c.status)) {
      throw conflict(`The case is ${c.status} at the sending centre: decline the transfer`);
    }
    const from = { centreId: c.centreId, district: c.district };
    const here = { centreId: to.centreId, district: to.district };
    const ctx = { table, from, to: here, worker };
    const items: Array<TransactItem | NamedItem> = [...store.closingItems(t, answered)];
    const counts: Record<string, number> = {};
    for (const part of MOVE_PARTS) {
      const records = await caseParts(doc, table, c.caseId, part.prefixes);
      const moved = part.move(ctx, records);
      items.push(...moved.items);
      counts[part.name] = moved.moved;
    }
    items.push(
      historyPut(table, c.caseId, actor, 'CASE_TRANSFERRED', at, {
        details: {
          transferId,
          fromCentreId: from.centreId,
          fromDistrict: from.district,
          toCentreId: here.centreId,
          toDistrict: here.district,
          ...(worker ? { followUpWorkerId: worker.staffId } : {}),
          moved: counts,
        },
      }),
      ...counterItems(table, now, from, { [field.transfer('out')]: 1 }),
      ...counterItems(table, now, here, { [field.transfer('in')]: 1 }),
    );
    if (OPEN_STATUSES.has(c.status)) {
      items.push(openCaseItem(table, { ...c, ...from }, -1), openCaseItem(table, { ...c, ...here }, 1));
    }
    // The case item and the idempotency key join these in the case's transaction.
    if (items.length + 2 > MAX_TRANSACTION_ITEMS) {
      throw conflict('This case has too many open follow-ups and escalations to move in one step');
    }
    moved = { followUps: counts.followUps ?? 0, escalations: counts.escalations ?? 0 };
    const next = { ...c, ...here };
    return {
      set: {
        ...here,
        ...caseIndexKeys(next),
        updatedAt: at,
        transferredFrom: [...(c.transferredFrom ?? []), from.centreId],
        ...(c.resolution && worker ? { resolution: { ...c.resolution, followUpWorkerId: worker.staffId } } : {}),
      } as Partial<CaseRecord>,
      remove: ['pendingTransfer'],
      items,
    };
  });
  return {
    transferId,
    status: 'ACCEPTED',
    caseId: updated.caseId,
    caseNumber: updated.caseNumber,
    centreId: updated.centreId,
    followUpsReassigned: moved.followUps,
    escalationsMoved: moved.escalations,
  };
}

/** The records of a case under some sort key prefixes (its partition, read consistently). */
async function caseParts(
  doc: TransferStore['doc'],
  table: string,
  caseId: string,
  prefixes: string[],
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const prefix of prefixes) {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
          ExpressionAttributeValues: { ':pk': keys.casePartition(caseId), ':p': prefix },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      out.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }
  return out;
}

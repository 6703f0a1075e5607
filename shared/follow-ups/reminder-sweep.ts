// The daily reminder sweep (09:00 IST). Its cost follows what is due, never what is stored: it queries the
// sparse due-follow-ups index up to today and touches nothing else.
//
// Exactly once a day per follow-up: before sending, a conditional write claims today's reminder
// (remindedOn = today); a re-run or retried sweep finds it claimed and skips it. A failed publish releases
// the claim, so the next run sends it instead of losing it. A crash between claim and send leaves it claimed
// for today only: tomorrow's run chases it again (an overdue follow-up is reminded every day until recorded).
// Overdue beyond the limit: marked MISSED once (a conditional write) and escalated once, in one transaction.
// Her consent is read as it is now, one read of the case per reminder sent: when she has not agreed to phone
// calls, the worker is told to meet her in person and not to phone (template followUpVisit).
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { historyPut, SYSTEM, SYSTEM_ACTOR } from '../cases/model.ts';
import type { CaseChanges } from '../cases/store.ts';
import * as keys from '../core/keys.ts';
import { queryAll } from '../core/query.ts';
import { INDEXES } from '../core/table.ts';
import { addDays, daysBetween, istDate, istTimestamp } from '../core/time.ts';
import { ConditionFailed, named } from '../core/transactions.ts';
import { escalationRequest } from '../escalations/store.ts';
import type { CentreStore, Staff } from '../network/centre-store.ts';
import { indianDate, type Notifier } from '../notifications/sms.ts';
import { counterItems, field } from '../oversight/counters.ts';
import type { FollowUp } from './store.ts';

export interface SweepResult {
  today: string;
  due: number;
  sent: number;
  alreadySent: number;
  failed: number;
  missed: number;
  escalated: number;
}

export interface SweepDeps {
  doc: DynamoDBDocumentClient;
  table: string;
  cases: CaseChanges;
  centres: CentreStore;
  notifier: Notifier;
  missedAfterDays: number;
  /** Called once per failed item with its ids only (never personal data), for logs and metrics. */
  onError?: (what: string, ids: { caseId: string; followUpId: string }, err: unknown) => void;
}

/** The system acts with state-wide scope. */

const CONCURRENCY = 8;

type DueItem = Pick<
  FollowUp,
  'caseId' | 'caseNumber' | 'centreId' | 'followUpId' | 'dueDate' | 'workerId' | 'status' | 'remindedOn'
> & { dueSk: string };

export async function sweepReminders(d: SweepDeps, at: Date): Promise<SweepResult> {
  const today = istDate(at);
  const result: SweepResult = { today, due: 0, sent: 0, alreadySent: 0, failed: 0, missed: 0, escalated: 0 };
  const due = await queryDue(d, today);
  result.due = due.length;
  const staffCache = new Map<string, Promise<Staff[]>>();
  const rosterOf = (centreId: string) => {
    const p = staffCache.get(centreId) ?? d.centres.staff(centreId);
    staffCache.set(centreId, p);
    return p;
  };

  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      const item = due[next++];
      try {
        const overdue = daysBetween(item.dueDate, today);
        if (overdue > d.missedAfterDays) {
          const escalated = await markMissed(d, item, at);
          result.missed++;
          if (escalated) result.escalated++;
        } else if (item.remindedOn === today) {
          result.alreadySent++;
        } else {
          const outcome = await remind(d, item, today, overdue > 0, rosterOf);
          if (outcome === 'sent') result.sent++;
          else if (outcome === 'claimed-elsewhere') result.alreadySent++;
          else result.failed++;
        }
      } catch (err) {
        result.failed++;
        d.onError?.('follow-up', { caseId: item.caseId, followUpId: item.followUpId }, err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, due.length) }, worker));
  return result;
}

async function queryDue(d: SweepDeps, today: string): Promise<DueItem[]> {
  const items = await queryAll(d.doc, {
    TableName: d.table,
    IndexName: INDEXES.dueFollowUps.name,
    KeyConditionExpression: 'duePk = :pk AND dueSk < :tomorrow',
    ExpressionAttributeValues: { ':pk': keys.due(), ':tomorrow': addDays(today, 1) },
  });
  return items as DueItem[];
}

async function remind(
  d: SweepDeps,
  item: DueItem,
  today: string,
  overdue: boolean,
  rosterOf: (centreId: string) => Promise<Staff[]>,
): Promise<'sent' | 'claimed-elsewhere' | 'failed'> {
  // 1. Claim today's reminder; a second sweep (or a retry of this one) loses here and sends nothing.
  try {
    await d.doc.send(
      new UpdateCommand({
        TableName: d.table,
        Key: keys.followUp(item.caseId, item.followUpId),
        UpdateExpression: 'SET remindedOn = :today',
        ConditionExpression:
          '#s = :pending AND dueSk = :dueSk AND (attribute_not_exists(remindedOn) OR remindedOn <> :today)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':today': today, ':pending': 'PENDING', ':dueSk': item.dueSk },
      }),
    );
  } catch (err) {
    if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return 'claimed-elsewhere';
    throw err;
  }
  // 2. Send to the worker; if she has left, to the centre's administrators so the follow-up is not dropped.
  try {
    const roster = await rosterOf(item.centreId);
    const assigned = roster.find((s) => s.staffId === item.workerId && s.active && s.phone);
    const recipients = assigned
      ? [assigned]
      : roster.filter((s) => s.active && s.role === 'CENTRE_ADMINISTRATOR' && s.phone);
    if (recipients.length === 0) throw new Error('No one at the centre can receive this reminder');
    const phoneAllowed = await mayPhone(d, item.caseId);
    for (const r of recipients) {
      await d.notifier.send({
        to: r.phone,
        language: r.language,
        template: !phoneAllowed ? 'followUpVisit' : overdue ? 'followUpOverdue' : 'followUpDue',
        slots: [item.caseNumber, indianDate(item.dueDate)],
      });
    }
    return 'sent';
  } catch (err) {
    // 3. Release the claim so the next run tries again.
    await d.doc
      .send(
        new UpdateCommand({
          TableName: d.table,
          Key: keys.followUp(item.caseId, item.followUpId),
          UpdateExpression: 'REMOVE remindedOn',
          ConditionExpression: 'remindedOn = :today',
          ExpressionAttributeValues: { ':today': today },
        }),
      )
      .catch(() => undefined);
    d.onError?.('reminder', { caseId: item.caseId, followUpId: item.followUpId }, err);
    return 'failed';
  }
}

/**
 * Whether the worker may phone her, as the case has it now: she agreed to calls (consent.contactByPhone) and
 * her number is safe to call (survivor.safeToContact: false once the phone is in the abuser's hands). A case
 * that does not say so counts as no.
 */
async function mayPhone(d: SweepDeps, caseId: string): Promise<boolean> {
  const { Item } = await d.doc.send(
    new GetCommand({
      TableName: d.table,
      Key: keys.case(caseId),
      ProjectionExpression: '#c, #s.#safe',
      ExpressionAttributeNames: { '#c': 'consent', '#s': 'survivor', '#safe': 'safeToContact' },
      ConsistentRead: true,
    }),
  );
  const consent = Item?.consent as { contactByPhone?: boolean } | undefined;
  const survivor = Item?.survivor as { safeToContact?: boolean } | undefined;
  return consent?.contactByPhone === true && survivor?.safeToContact === true;
}

/**
 * Marks a follow-up MISSED and requests an escalation (unless one for a missed follow-up is already open on
 * the case), in the case's own transaction. Returns whether an escalation was requested.
 */
async function markMissed(d: SweepDeps, item: DueItem, at: Date): Promise<boolean> {
  const stamp = istTimestamp(at);
  let escalated = false;
  await d.cases
    .change(item.caseId, SYSTEM, {}, (c) => {
      escalated = false;
      const request = escalationRequest(d.table, c, 'FOLLOW_UP_MISSED', SYSTEM_ACTOR, stamp, {
        followUpId: item.followUpId,
      });
      escalated = request !== undefined;
      return {
        set: { updatedAt: stamp, ...(request?.set ?? {}) },
        items: [
          named('followUp', {
            Update: {
              TableName: d.table,
              Key: keys.followUp(item.caseId, item.followUpId),
              UpdateExpression: 'SET #s = :missed, missedOn = :today REMOVE duePk, dueSk',
              // Only a follow-up still pending at the same due date: a second sweep finds nothing to mark.
              ConditionExpression: '#s = :pending AND dueSk = :dueSk',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: {
                ':missed': 'MISSED',
                ':pending': 'PENDING',
                ':dueSk': item.dueSk,
                ':today': istDate(at),
              },
            },
          }),
          historyPut(d.table, item.caseId, SYSTEM_ACTOR, 'FOLLOW_UP_MISSED', stamp, {
            details: { followUpId: item.followUpId, dueDate: item.dueDate },
          }),
          ...counterItems(d.table, at, c, { [field.followUp('MISSED')]: 1, ...request?.counts }),
          ...(request?.items ?? []),
        ],
      };
    })
    .catch((err) => {
      // The follow-up was recorded or marked by someone else meanwhile: nothing to do.
      if (err instanceof ConditionFailed && err.item === 'followUp') {
        escalated = false;
        return;
      }
      throw err;
    });
  return escalated;
}

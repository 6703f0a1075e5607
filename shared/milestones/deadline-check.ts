// The deadline check (every 15 minutes, Asia/Kolkata). Its cost follows what is due, never what is stored:
// it queries three queues of the sparse `queue` index up to the moment it runs for, and touches nothing else.
//   DUE#MILESTONE  a DUE milestone past its time becomes OVERDUE (it moves to the OVERDUE queue), starts
//                  one DEADLINE_MISSED escalation (one open per case and reason, the existing ladder) and
//                  asks the stream dispatcher to SMS the centre administrators (case number and type only),
//                  all in the case's own transaction;
//   DUE#REMINDER   a hearing's day-before reminder goes out once (the outbox item and leaving the queue are
//                  one transaction);
//   DUE#SHELTER    a stay past its due-out date is marked overdue once.
// Every write is conditional on the item still being queued as it was read: a second run for the same
// moment, or a retried one, finds nothing left to do.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mayEscalate } from '../cases/lifecycle.ts';
import { historyPut, SYSTEM, SYSTEM_ACTOR } from '../cases/model.ts';
import type { CaseChanges } from '../cases/store.ts';
import * as keys from '../core/keys.ts';
import { queryAll } from '../core/query.ts';
import { INDEXES } from '../core/table.ts';
import { istDate, istTimestamp } from '../core/time.ts';
import { ConditionFailed, named, retryingRaces, Transaction } from '../core/transactions.ts';
import { escalationRequest } from '../escalations/store.ts';
import { indianDate } from '../notifications/sms.ts';
import { counterItems } from '../oversight/counters.ts';
import type { ShelterStay, ShelterStore } from '../shelter/store.ts';
import { MILESTONE_FIELDS, type MilestoneRecord, milestoneNotification, overdueQueue, typeWords } from './model.ts';
import { deadlineDecision } from './rules.ts';

export interface DeadlineDeps {
  doc: DynamoDBDocumentClient;
  table: string;
  cases: CaseChanges;
  shelter: ShelterStore;
  /** Called once per failed item with its ids only (never personal data), for logs and metrics. */
  onError?: (what: string, ids: Record<string, string>, err: unknown) => void;
}

export interface DeadlineResult {
  at: string;
  due: number;
  overdue: number;
  escalated: number;
  reminders: number;
  staysOverdue: number;
  failed: number;
}

/** The system acts with state-wide scope. */
const CONCURRENCY = 4;

type Queued<T> = T & { q1sk: string };

async function queued<T>(d: DeadlineDeps, pk: string, before: string): Promise<Array<Queued<T>>> {
  const items = await queryAll(d.doc, {
    TableName: d.table,
    IndexName: INDEXES.queue.name,
    KeyConditionExpression: 'q1pk = :pk AND q1sk < :before',
    ExpressionAttributeValues: { ':pk': pk, ':before': before },
  });
  return items as unknown as Array<Queued<T>>;
}

async function each<T>(list: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < list.length) await work(list[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, list.length) }, worker));
}

export async function runDeadlineCheck(d: DeadlineDeps, at: Date): Promise<DeadlineResult> {
  const stamp = istTimestamp(at);
  const result: DeadlineResult = {
    at: stamp,
    due: 0,
    overdue: 0,
    escalated: 0,
    reminders: 0,
    staysOverdue: 0,
    failed: 0,
  };
  const [milestones, reminders, stays] = await Promise.all([
    queued<MilestoneRecord>(d, keys.dueMilestones(), stamp),
    queued<MilestoneRecord>(d, keys.dueReminders(), stamp),
    // Overdue once the IST date is past the due-out date: due-out dates before today.
    queued<ShelterStay>(d, keys.dueStays(), istDate(at)),
  ]);
  result.due = milestones.length;
  const guarded = (what: string, ids: Record<string, string>, work: () => Promise<void>) =>
    work().catch((err) => {
      result.failed++;
      d.onError?.(what, ids, err);
    });
  await each(milestones, (m) =>
    guarded('milestone', { caseId: m.caseId, milestoneId: m.milestoneId }, async () => {
      const outcome = await markOverdue(d, m, at);
      if (outcome.marked) result.overdue++;
      if (outcome.escalated) result.escalated++;
    }),
  );
  await each(reminders, (m) =>
    guarded('reminder', { caseId: m.caseId, milestoneId: m.milestoneId }, async () => {
      if (await remind(d, m, at)) result.reminders++;
    }),
  );
  await each(stays, (s) =>
    guarded('stay', { caseId: s.caseId, stayId: s.stayId }, async () => {
      if (await d.shelter.markOverdue(s, at)) result.staysOverdue++;
    }),
  );
  return result;
}

/**
 * One DUE milestone past its time: OVERDUE, its history and count, one DEADLINE_MISSED escalation (unless one
 * is open on the case, or the case has ended) and the administrators' SMS, in the case's own transaction.
 */
async function markOverdue(
  d: DeadlineDeps,
  m: Queued<MilestoneRecord>,
  at: Date,
): Promise<{ marked: boolean; escalated: boolean }> {
  const stamp = istTimestamp(at);
  const outcome = { marked: false, escalated: false };
  if (deadlineDecision(m, stamp) !== 'OVERDUE') return outcome;
  await d.cases
    .change(m.caseId, SYSTEM, {}, (c) => {
      // Done or cancelled since the queue was read: nothing to do.
      if (c.openMilestones?.[m.milestoneType] !== m.milestoneId) return undefined;
      const request = mayEscalate(c.status)
        ? escalationRequest(d.table, c, 'DEADLINE_MISSED', SYSTEM_ACTOR, stamp, { milestoneId: m.milestoneId })
        : undefined;
      outcome.escalated = request !== undefined;
      outcome.marked = true;
      const words = typeWords(m.milestoneType);
      return {
        set: { updatedAt: stamp, ...(request?.set ?? {}) },
        items: [
          named('milestone', {
            Update: {
              TableName: d.table,
              Key: keys.milestone(m.caseId, m.milestoneId),
              UpdateExpression: 'SET #s = :overdue, overdueAt = :at, q1pk = :pk, q1sk = :nsk',
              // Only a milestone still DUE at the same place in the queue: a second run finds nothing.
              ConditionExpression: '#s = :due AND q1sk = :sk',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: {
                ':overdue': 'OVERDUE',
                ':due': 'DUE',
                ':at': stamp,
                ':sk': m.q1sk,
                ...prefixed(overdueQueue(c, m.milestoneId, m.dueAt as string)),
              },
            },
          }),
          historyPut(d.table, m.caseId, SYSTEM_ACTOR, 'MILESTONE_OVERDUE', stamp, {
            details: { milestoneId: m.milestoneId, type: m.milestoneType, dueAt: m.dueAt },
          }),
          ...counterItems(d.table, at, c, { [MILESTONE_FIELDS.overdue(m.milestoneType)]: 1, ...request?.counts }),
          ...(request?.items ?? []),
          milestoneNotification(d.table, c, stamp, {
            template: 'deadlineMissed',
            milestoneId: m.milestoneId,
            slots: { en: [c.caseNumber, words.en], hi: [c.caseNumber, words.hi] },
          }),
        ],
      };
    })
    .catch((err) => {
      if (err instanceof ConditionFailed && err.item === 'milestone') {
        outcome.marked = false;
        outcome.escalated = false;
        return;
      }
      throw err;
    });
  return outcome;
}

const prefixed = (q: { q1pk: string; q1sk: string }) => ({ ':pk': q.q1pk, ':nsk': q.q1sk });

/** A hearing's day-before reminder: the outbox item, and the milestone leaving the reminder queue, at once. */
async function remind(d: DeadlineDeps, m: Queued<MilestoneRecord>, at: Date): Promise<boolean> {
  const stamp = istTimestamp(at);
  const date = indianDate((m.doneAt as string).slice(0, 10));
  const tx = new Transaction().add(
    named('reminder', {
      Update: {
        TableName: d.table,
        Key: keys.milestone(m.caseId, m.milestoneId),
        UpdateExpression: 'SET remindedAt = :at REMOVE q1pk, q1sk',
        ConditionExpression: 'q1sk = :sk',
        ExpressionAttributeValues: { ':at': stamp, ':sk': m.q1sk },
      },
    }),
    milestoneNotification(d.table, m, stamp, {
      template: 'courtHearing',
      milestoneId: m.milestoneId,
      slots: { en: [m.caseNumber, date], hi: [m.caseNumber, date] },
    }),
  );
  return retryingRaces(async () => {
    try {
      await tx.send(d.doc);
      return true;
    } catch (err) {
      if (tx.failed(err, 'reminder')) return false;
      throw err;
    }
  });
}

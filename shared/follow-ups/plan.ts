// A monitoring plan as stored: the follow-up items, the index keys that put each in its queue (pending ones
// in the reminder sweep's due index, overdue-at-import ones in their centre's decision queue), and the
// update that cancels an open one when the plan ends early.
import type { CaseRecord } from '../cases/model.ts';
import * as keys from '../core/keys.ts';
import { addDays } from '../core/time.ts';
import type { TransactItem } from '../core/transactions.ts';
import { type FollowUpStatus, importedFollowUpStatus } from './rules.ts';

export interface FollowUp {
  followUpId: string;
  caseId: string;
  caseNumber: string;
  centreId: string;
  district: string;
  dueDate: string;
  plannedDate: string;
  workerId: string;
  status: FollowUpStatus;
  attempts: number;
  outcome?: string;
  note?: string;
  recordedAt?: string;
  recordedBy?: { userId: string; username: string; role: string };
  remindedOn?: string;
}

/** The IST due dates of a plan: one per offset (days after resolution). */
export function planDates(resolvedOn: string, offsetsDays: number[]): string[] {
  return [...offsetsDays].sort((a, b) => a - b).map((d) => addDays(resolvedOn, d));
}

/** Index keys that make a follow-up visible to the reminder sweep; present only while it is pending. */
export const dueKeys = (f: Pick<FollowUp, 'dueDate' | 'caseId' | 'followUpId'>) => ({
  duePk: keys.due(),
  dueSk: keys.dueSort(f.dueDate, f.caseId, f.followUpId),
});

/** Queue keys of a follow-up waiting for staff to decide (overdue at import); present only while it waits. */
export const decisionKeys = (f: Pick<FollowUp, 'centreId' | 'dueDate' | 'caseId' | 'followUpId'>) => ({
  q1pk: keys.decisionQueue(f.centreId),
  q1sk: keys.dueSort(f.dueDate, f.caseId, f.followUpId),
});

/**
 * The follow-ups of one round of monitoring, from the resolution date. With `importDay` (a case imported
 * from a register), the ones already past due are a decision for staff instead of pending.
 */
export function followUpPlan(
  c: Pick<CaseRecord, 'caseId' | 'caseNumber' | 'centreId' | 'district'>,
  p: { round: number; resolvedOn: string; offsetsDays: number[]; workerId: string; importDay?: string },
): FollowUp[] {
  return planDates(p.resolvedOn, p.offsetsDays).map((dueDate, i) => ({
    followUpId: `${p.round}-${String(i + 1).padStart(2, '0')}`,
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    centreId: c.centreId,
    district: c.district,
    dueDate,
    plannedDate: dueDate,
    workerId: p.workerId,
    status: p.importDay ? importedFollowUpStatus(dueDate, p.importDay) : 'PENDING',
    attempts: 0,
  }));
}

/** The put of a new follow-up, in the queue its status belongs to. */
export function followUpPut(table: string, f: FollowUp): TransactItem {
  const queue = f.status === 'PENDING' ? dueKeys(f) : f.status === 'OVERDUE_AT_IMPORT' ? decisionKeys(f) : {};
  return {
    Put: {
      TableName: table,
      Item: { ...keys.followUp(f.caseId, f.followUpId), type: 'FOLLOWUP', ...f, ...queue },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Cancels an open follow-up (the plan ended early), out of every queue, if it is still as it was read. */
export function cancelFollowUp(table: string, caseId: string, f: Pick<FollowUp, 'followUpId' | 'status'>) {
  return {
    Update: {
      TableName: table,
      Key: keys.followUp(caseId, f.followUpId),
      UpdateExpression: 'SET #s = :cancelled REMOVE duePk, dueSk, q1pk, q1sk',
      ConditionExpression: '#s = :was',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':cancelled': 'CANCELLED', ':was': f.status },
    },
  } satisfies TransactItem;
}

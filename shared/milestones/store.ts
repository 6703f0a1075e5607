// Legal and protection milestones of a case: recording one (which completes the DUE or OVERDUE one of its
// type, and may make others due by the rules table), listing them, and the overdue list of a district or of
// the state. Every change is the case's own transaction (CaseStore.change): the milestone items, their
// history, the counters and the request's Idempotency-Key together.
import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { actorOf, type CaseRecord, historyPut } from '../cases/model.ts';
import type { CaseChanges } from '../cases/store.ts';
import { milestoneView } from '../cases/views.ts';
import { badRequest, notFound } from '../core/errors.ts';
import * as keys from '../core/keys.ts';
import type { Principal } from '../core/principal.ts';
import { queryAll } from '../core/query.ts';
import { areaFor } from '../core/scope.ts';
import { INDEXES } from '../core/table.ts';
import { istTimestamp } from '../core/time.ts';
import { type ChangeOptions, named, type TransactItem } from '../core/transactions.ts';
import type { MilestoneType } from '../core/vocabulary.ts';
import type { CentreStore } from '../network/centre-store.ts';
import { counterItems } from '../oversight/counters.ts';
import {
  dueMilestoneItems,
  MILESTONE_FIELDS,
  type MilestoneRecord,
  milestoneState,
  type StoredMilestoneStatus,
} from './model.ts';
import { consequences, MAY_BE_FUTURE, timeliness } from './rules.ts';
import type { OverdueMilestonesQuery, RecordMilestoneInput } from './schemas.ts';

/** A recorded time may run this far ahead of the server's clock (a phone's clock a little fast). */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface OverdueRow {
  caseNumber: string;
  centreId: string;
  district: string;
  type: MilestoneType;
  dueAt: string;
}

const ORDER: Record<StoredMilestoneStatus, number> = { OVERDUE: 0, DUE: 1, DONE: 2, CANCELLED: 3 };

export class MilestoneStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly cases: CaseChanges,
    private readonly centres: CentreStore,
  ) {}

  private async get(caseId: string, milestoneId: string): Promise<MilestoneRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.milestone(caseId, milestoneId), ConsistentRead: true }),
    );
    return Item as MilestoneRecord | undefined;
  }

  /**
   * Records a milestone.
   * In: the type, when (default now; only a hearing may lie ahead), its reference, partner and note.
   * 1. The case is read (404 outside scope); a DUE or OVERDUE milestone of the type is completed, in time or
   *    late; otherwise a new DONE one is written.
   * 2. The rules table says what this makes due (an MLC examination: the report in 7 days) or what it
   *    reminds of (a hearing: the day before); those items join the same transaction.
   * 3. History and counters (done, and in time or late) in the same transaction.
   */
  async record(caseId: string, caller: Principal, input: RecordMilestoneInput, now: Date, opts: ChangeOptions = {}) {
    const stamp = istTimestamp(now);
    const at = input.at ? istTimestamp(new Date(input.at)) : stamp;
    if (!MAY_BE_FUTURE.has(input.type) && Date.parse(at) > now.getTime() + CLOCK_SKEW_MS) {
      throw badRequest('A milestone is recorded once it has happened', [
        { path: 'at', code: 'invalid', message: 'Cannot be in the future' },
      ]);
    }
    const actor = actorOf(caller);
    let answer: Record<string, unknown> = {};
    await this.cases.change(caseId, caller, opts, async (c) => {
      const openId = c.openMilestones?.[input.type];
      const open = openId ? await this.get(caseId, openId) : undefined;
      const milestoneId = open?.milestoneId ?? randomUUID();
      const done = open?.dueAt ? timeliness({ status: open.status, dueAt: open.dueAt }, at) : undefined;
      const next = consequences(
        input.type,
        at,
        stamp,
        milestoneState({ ...c, openMilestones: without(c, input.type) }),
      );
      const reminder = next.reminders[0];
      const fields: Partial<MilestoneRecord> = {
        status: 'DONE',
        doneAt: at,
        recordedAt: stamp,
        recordedBy: actor,
        ...(done ? { timeliness: done } : {}),
        ...(input.reference ? { reference: input.reference } : {}),
        ...(input.partnerId ? { partnerId: input.partnerId } : {}),
        ...(input.note ? { note: input.note } : {}),
        ...(reminder
          ? {
              remindAt: reminder.remindAt,
              q1pk: keys.dueReminders(),
              q1sk: keys.dueReminderSort(reminder.remindAt, caseId, milestoneId),
            }
          : {}),
      };
      const items: TransactItem[] = [];
      const completes = open && (open.status === 'DUE' || open.status === 'OVERDUE');
      items.push(
        completes
          ? completeItem(this.table, open, fields)
          : newDoneItem(this.table, c, input.type, milestoneId, fields),
      );
      const due = dueMilestoneItems(
        this.table,
        { ...c, openMilestones: without(c, input.type) },
        next.due,
        actor,
        stamp,
      );
      items.push(
        ...due.items,
        historyPut(this.table, caseId, actor, 'MILESTONE_RECORDED', stamp, {
          details: {
            milestoneId,
            type: input.type,
            at,
            completed: Boolean(completes),
            ...(done ? { timeliness: done } : {}),
          },
        }),
        ...counterItems(this.table, now, c, {
          [MILESTONE_FIELDS.done(input.type)]: 1,
          ...(done === 'ON_TIME' ? { [MILESTONE_FIELDS.onTime(input.type)]: 1 } : {}),
          ...(done === 'LATE' ? { [MILESTONE_FIELDS.late(input.type)]: 1 } : {}),
        }),
      );
      const doneTypes = new Set([...(c.doneMilestones ?? []), input.type]);
      answer = {
        milestoneId,
        type: input.type,
        status: 'DONE',
        doneAt: at,
        ...(open?.dueAt ? { dueAt: open.dueAt, timeliness: done } : {}),
        ...(input.reference ? { reference: input.reference } : {}),
        ...(reminder ? { remindAt: reminder.remindAt } : {}),
        madeDue: due.made.map((m) => ({ milestoneId: m.milestoneId, type: m.type, dueAt: m.dueAt })),
      };
      return {
        set: { updatedAt: stamp, openMilestones: due.openMilestones, doneMilestones: [...doneTypes] },
        items: completes ? [named('milestone', items[0]), ...items.slice(1)] : items,
      };
    });
    return answer;
  }

  /** The milestones of a case, overdue and due first (by due time), then done; audited by the handler. */
  async list(caseId: string, caller: Principal): Promise<Array<Record<string, unknown>>> {
    await this.cases.getCaseItem(caseId, caller);
    const items = (await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :m)',
      ExpressionAttributeValues: { ':pk': keys.casePartition(caseId), ':m': 'MILESTONE#' },
      ConsistentRead: true,
    })) as unknown as MilestoneRecord[];
    return items
      .filter((m) => m.status !== 'CANCELLED')
      .sort(
        (a, b) =>
          ORDER[a.status] - ORDER[b.status] || String(a.dueAt ?? a.doneAt).localeCompare(String(b.dueAt ?? b.doneAt)),
      )
      .map((m) => milestoneView(m as unknown as Record<string, unknown>, caller));
  }

  /**
   * Overdue milestones in the caller's area (a district officer: her district; the state: all, or the
   * district asked for), from the OVERDUE queue: case number, centre, district, type and due time only.
   */
  async overdue(caller: Principal, q: OverdueMilestonesQuery): Promise<OverdueRow[]> {
    const area = await areaFor(caller, q, (id) => this.centres.get(id));
    if (!area || area.kind === 'centre') throw notFound();
    const district = area.kind === 'district' ? area.district : undefined;
    const items = await queryAll(this.doc, {
      TableName: this.table,
      IndexName: INDEXES.queue.name,
      KeyConditionExpression: district ? 'q1pk = :pk AND begins_with(q1sk, :d)' : 'q1pk = :pk',
      ExpressionAttributeValues: {
        ':pk': keys.overdueMilestones(),
        ...(district ? { ':d': `${district}#` } : {}),
      },
    });
    return (items as unknown as MilestoneRecord[])
      .map((m) => ({
        caseNumber: m.caseNumber,
        centreId: m.centreId,
        district: m.district,
        type: m.milestoneType,
        dueAt: m.dueAt as string,
      }))
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  }
}

const without = (c: CaseRecord, type: MilestoneType) => {
  const { [type]: _gone, ...rest } = c.openMilestones ?? {};
  return rest;
};

/**
 * Completes the DUE or OVERDUE milestone: it leaves its queue (for the reminder queue, when the fields put it
 * there); a status changed meanwhile fails it.
 */
function completeItem(table: string, open: MilestoneRecord, fields: Partial<MilestoneRecord>): TransactItem {
  const names: Record<string, string> = { '#s': 'status' };
  const values: Record<string, unknown> = { ':was': open.status };
  const sets = Object.entries(fields).map(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:f${i}`] = v;
    return `#f${i} = :f${i}`;
  });
  return {
    Update: {
      TableName: table,
      Key: keys.milestone(open.caseId, open.milestoneId),
      UpdateExpression: `SET ${sets.join(', ')}${fields.q1pk ? '' : ' REMOVE q1pk, q1sk'}`,
      ConditionExpression: '#s = :was',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

function newDoneItem(
  table: string,
  c: CaseRecord,
  type: MilestoneType,
  milestoneId: string,
  fields: Partial<MilestoneRecord>,
): TransactItem {
  const record = {
    milestoneId,
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    centreId: c.centreId,
    district: c.district,
    milestoneType: type,
    ...fields,
  };
  return {
    Put: {
      TableName: table,
      Item: { ...keys.milestone(c.caseId, milestoneId), type: 'MILESTONE', ...record },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

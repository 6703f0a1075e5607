// Six months of monitoring after resolution: the plan, and the outcomes workers record.
import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { findMove } from '../cases/lifecycle.ts';
import { actorOf, type CaseRecord, historyPut } from '../cases/model.ts';
import type { CaseChanges } from '../cases/store.ts';
import { clean } from '../cases/views.ts';
import { badRequest, conflict, notFound } from '../core/errors.ts';
import * as keys from '../core/keys.ts';
import type { Principal } from '../core/principal.ts';
import { addDays, istDate, istTimestamp } from '../core/time.ts';
import type { ChangeOptions, TransactItem } from '../core/transactions.ts';
import type { CentreStore } from '../network/centre-store.ts';
import { counterItems, field, openCaseItem } from '../oversight/counters.ts';
import { cancelFollowUp, dueKeys, type FollowUp, followUpPlan, followUpPut } from './plan.ts';
import { isOpenFollowUp, maySettle } from './rules.ts';
import type { RecordFollowUpInput, ResolveCaseInput, SettleFollowUpInput } from './schemas.ts';

export type { FollowUp } from './plan.ts';
export { dueKeys, planDates } from './plan.ts';

export class FollowUpStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly cases: CaseChanges,
    private readonly centres: CentreStore,
    private readonly offsetsDays: number[],
    private readonly retryDays: number,
  ) {}

  async list(caseId: string): Promise<FollowUp[]> {
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :f)',
        ExpressionAttributeValues: { ':pk': keys.casePartition(caseId), ':f': 'FOLLOWUP#' },
        ConsistentRead: true,
      }),
    );
    return (Items ?? []).map((i) => clean(i) as unknown as FollowUp);
  }

  async get(caseId: string, followUpId: string): Promise<FollowUp | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.followUp(caseId, followUpId), ConsistentRead: true }),
    );
    return Item ? (Item as FollowUp) : undefined;
  }

  /**
   * Resolves a case and makes its monitoring plan, in one transaction.
   * 1. The lifecycle must allow RESOLVED by resolution (from IN_PROGRESS or REOPENED).
   * 2. The follow-up worker must be active staff of the case's centre with a phone.
   * 3. Pending follow-ups of an earlier plan are cancelled; a new plan of at least six months is written.
   * 4. The first resolution counts as resolved in the statistics, in the month it happened.
   */
  async resolve(caseId: string, caller: Principal, input: ResolveCaseInput, now: Date, opts: ChangeOptions = {}) {
    const at = istTimestamp(now);
    const today = istDate(now);
    const actor = actorOf(caller);
    let plan: FollowUp[] = [];
    const updated = await this.cases.change(caseId, caller, opts, async (c) => {
      const move = findMove(c.status, 'RESOLVED');
      if (move?.via !== 'resolve') throw conflict(`A ${c.status} case cannot be resolved`);
      const worker = await this.centres.staffMember(c.centreId, input.followUpWorkerId);
      if (!worker?.active || !worker.phone) {
        throw badRequest('The follow-up worker must be active staff of this centre with a phone', [
          { path: 'followUpWorkerId', code: 'invalid', message: 'Not active staff of this centre with a phone' },
        ]);
      }
      const round = (c.followUpRounds ?? 0) + 1;
      const earlier = (await this.list(caseId)).filter((f) => isOpenFollowUp(f.status));
      plan = followUpPlan(c, { round, resolvedOn: today, offsetsDays: this.offsetsDays, workerId: worker.staffId });
      const items: TransactItem[] = [
        ...earlier.map((f) => cancelFollowUp(this.table, caseId, f)),
        ...plan.map((f) => followUpPut(this.table, f)),
        historyPut(this.table, caseId, actor, 'CASE_RESOLVED', at, {
          from: c.status,
          to: 'RESOLVED',
          details: {
            firstResolution: !c.resolvedAt,
            followUpWorkerId: worker.staffId,
            followUps: plan.length,
            lastDueDate: plan[plan.length - 1].dueDate,
            ...(earlier.length ? { cancelledFollowUps: earlier.length } : {}),
          },
        }),
        ...counterItems(this.table, now, c, c.resolvedAt ? { reresolved: 1 } : { resolved: 1 }),
        openCaseItem(this.table, c, -1),
      ];
      return {
        set: {
          status: 'RESOLVED',
          updatedAt: at,
          resolvedAt: c.resolvedAt ?? at,
          lastResolvedAt: at,
          resolution: {
            outcome: input.outcome,
            followUpWorkerId: worker.staffId,
            ...(input.note ? { note: input.note } : {}),
          },
          followUpRounds: round,
        },
        items,
      };
    });
    return { case: updated, followUps: plan };
  }

  /**
   * Records a follow-up outcome.
   * SAFE: done; the case moves to MONITORING. AT_RISK: done; the case is reopened, the rest of the plan kept.
   * UNREACHABLE: tried again in a few days (stays pending). When nothing is left pending or missed and the
   * case is being monitored, the case closes.
   */
  async record(
    caseId: string,
    followUpId: string,
    caller: Principal,
    input: RecordFollowUpInput,
    now: Date,
    opts: ChangeOptions = {},
  ) {
    const at = istTimestamp(now);
    const today = istDate(now);
    const actor = actorOf(caller);
    let result: FollowUp | undefined;
    const updated = await this.cases.change(caseId, caller, opts, async (c) => {
      const all = await this.list(caseId);
      const f = all.find((x) => x.followUpId === followUpId);
      if (!f) throw notFound('No such follow-up');
      if (!isOpenFollowUp(f.status)) throw conflict(`This follow-up is already ${f.status}`);
      const items: TransactItem[] = [];
      const counts: Record<string, number> = { [field.followUp(input.outcome)]: 1 };
      let status = c.status;
      const moveTo = (to: CaseRecord['status']) => {
        const m = findMove(status, to);
        if (m && m.via === 'follow-up') status = to;
      };
      const guard = { ConditionExpression: '#s = :was', ExpressionAttributeNames: { '#s': 'status' } };
      if (input.outcome === 'UNREACHABLE') {
        const next = {
          ...f,
          dueDate: addDays(today, this.retryDays),
          status: 'PENDING' as const,
          attempts: f.attempts + 1,
        };
        result = { ...next, outcome: 'UNREACHABLE', note: input.note, recordedAt: at, recordedBy: actor };
        items.push({
          Update: {
            TableName: this.table,
            Key: keys.followUp(caseId, followUpId),
            UpdateExpression: [
              'SET #s = :pending, dueDate = :due, attempts = :attempts, outcome = :o, recordedAt = :at,',
              `recordedBy = :by, duePk = :dpk, dueSk = :dsk${input.note ? ', note = :n' : ''}`,
              'REMOVE remindedOn, q1pk, q1sk',
            ].join(' '),
            ...guard,
            ExpressionAttributeValues: {
              ':was': f.status,
              ':pending': 'PENDING',
              ':due': next.dueDate,
              ':attempts': next.attempts,
              ':o': 'UNREACHABLE',
              ':at': at,
              ':by': actor,
              ':dpk': dueKeys(next).duePk,
              ':dsk': dueKeys(next).dueSk,
              ...(input.note ? { ':n': input.note } : {}),
            },
          },
        });
        moveTo('MONITORING');
      } else {
        result = { ...f, status: 'DONE', outcome: input.outcome, note: input.note, recordedAt: at, recordedBy: actor };
        items.push({
          Update: {
            TableName: this.table,
            Key: keys.followUp(caseId, followUpId),
            UpdateExpression: [
              `SET #s = :done, outcome = :o, recordedAt = :at, recordedBy = :by${input.note ? ', note = :n' : ''}`,
              'REMOVE duePk, dueSk, q1pk, q1sk',
            ].join(' '),
            ...guard,
            ExpressionAttributeValues: {
              ':was': f.status,
              ':done': 'DONE',
              ':o': input.outcome,
              ':at': at,
              ':by': actor,
              ...(input.note ? { ':n': input.note } : {}),
            },
          },
        });
        if (input.outcome === 'AT_RISK') {
          moveTo('REOPENED');
          if (status === 'REOPENED' && c.status !== 'REOPENED') counts.reopened = 1;
        } else {
          moveTo('MONITORING');
          const open = all.filter((x) => x.followUpId !== followUpId && isOpenFollowUp(x.status));
          if (open.length === 0) {
            moveTo('CLOSED');
            if (status === 'CLOSED' && c.status !== 'CLOSED') counts.closed = 1;
          }
        }
      }
      items.push(
        historyPut(this.table, caseId, actor, 'FOLLOW_UP_RECORDED', at, {
          ...(status !== c.status ? { from: c.status, to: status } : {}),
          details: { followUpId, outcome: input.outcome, ...(input.note ? { note: input.note } : {}) },
        }),
      );
      items.push(...counterItems(this.table, now, c, counts));
      if (status === 'REOPENED' && c.status !== 'REOPENED') items.push(openCaseItem(this.table, c, 1));
      return { set: { status, updatedAt: at, ...(status === 'CLOSED' ? { closedAt: at } : {}) }, items };
    });
    if (!result) throw new Error(`Follow-up ${followUpId} was recorded without its item`);
    return { case: updated, followUp: result };
  }

  /**
   * Settles a follow-up that was already past due when its case was imported: staff decided it needs no
   * outcome (it was done on paper, or the time for it has passed). Nothing is counted as an outcome. When
   * nothing else is left to do and the case is being monitored, the case closes, as after the last outcome.
   */
  async settle(
    caseId: string,
    followUpId: string,
    caller: Principal,
    input: SettleFollowUpInput,
    now: Date,
    opts: ChangeOptions = {},
  ) {
    const at = istTimestamp(now);
    const actor = actorOf(caller);
    let result: FollowUp | undefined;
    const updated = await this.cases.change(caseId, caller, opts, async (c) => {
      const all = await this.list(caseId);
      const f = all.find((x) => x.followUpId === followUpId);
      if (!f) throw notFound('No such follow-up');
      if (!maySettle(f.status)) throw conflict(`A ${f.status} follow-up cannot be settled`);
      const open = all.filter((x) => x.followUpId !== followUpId && isOpenFollowUp(x.status));
      const closes = open.length === 0 && findMove(c.status, 'CLOSED')?.via === 'follow-up';
      const status = closes ? 'CLOSED' : c.status;
      result = { ...f, status: 'SETTLED', note: input.note, recordedAt: at, recordedBy: actor };
      return {
        set: { status, updatedAt: at, ...(closes ? { closedAt: at } : {}) },
        items: [
          {
            Update: {
              TableName: this.table,
              Key: keys.followUp(caseId, followUpId),
              UpdateExpression: [
                `SET #s = :settled, recordedAt = :at, recordedBy = :by${input.note ? ', note = :n' : ''}`,
                'REMOVE q1pk, q1sk',
              ].join(' '),
              ConditionExpression: '#s = :was',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: {
                ':settled': 'SETTLED',
                ':was': f.status,
                ':at': at,
                ':by': actor,
                ...(input.note ? { ':n': input.note } : {}),
              },
            },
          },
          historyPut(this.table, caseId, actor, 'FOLLOW_UP_SETTLED', at, {
            ...(closes ? { from: c.status, to: 'CLOSED' } : {}),
            details: { followUpId, dueDate: f.dueDate, ...(input.note ? { note: input.note } : {}) },
          }),
          ...(closes ? counterItems(this.table, now, c, { closed: 1 }) : []),
        ],
      };
    });
    if (!result) throw new Error(`Follow-up ${followUpId} was settled without its item`);
    return { case: updated, followUp: result };
  }
}

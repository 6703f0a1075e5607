// What else moves when a case moves to another centre: each kind of record in the case's partition that is
// tied to a centre (its worker, its centre and district fields, a queue keyed by centre...) adds one
// contributor to MOVE_PARTS, like registration-parts.ts does for registration. A contributor names the sort
// key prefixes it reads, and returns the items that move its records, in the accept's one transaction; it may
// refuse the move (throw an HttpError) when its records cannot follow the case as they are.
import { badRequest } from '../core/errors.ts';
import * as keys from '../core/keys.ts';
import type { TransactItem } from '../core/transactions.ts';
import { isOpenFollowUp } from '../follow-ups/rules.ts';
import { milestonesMove, shelterStayMove } from '../milestones/move-parts.ts';
import type { Staff } from '../network/centre-store.ts';
import type { CounterScope } from '../oversight/counters.ts';
import { similarOnMove } from '../similar/lookup.ts';

export interface MoveContext {
  table: string;
  /** Where the case was and where it goes (centre and district). */
  from: CounterScope;
  to: CounterScope;
  /** The receiving centre's worker named for her follow-ups, when one was named. */
  worker?: Staff;
}

export interface MovePart {
  items: TransactItem[];
  /** How many records moved, under the contributor's name (history and the answer say it). */
  moved: number;
}

export interface MoveContributor {
  name: string;
  /** Sort key prefixes of the case partition this contributor reads (`FOLLOWUP#`). */
  prefixes: string[];
  move: (ctx: MoveContext, records: Record<string, unknown>[]) => MovePart;
}

/** An update of one record's centre fields, only while it is as it was read (its status). */
function relocate(
  ctx: MoveContext,
  r: Record<string, unknown>,
  extra: { set?: string; values?: Record<string, unknown> } = {},
): TransactItem {
  return {
    Update: {
      TableName: ctx.table,
      Key: { pk: r.pk as string, sk: r.sk as string },
      UpdateExpression: `SET centreId = :c, #d = :d${extra.set ? `, ${extra.set}` : ''}`,
      ConditionExpression: '#s = :was',
      ExpressionAttributeNames: { '#s': 'status', '#d': 'district' },
      ExpressionAttributeValues: { ':c': ctx.to.centreId, ':d': ctx.to.district, ':was': r.status, ...extra.values },
    },
  };
}

/**
 * Her follow-ups still to do (pending, missed, or past due at an import and waiting for a decision: see
 * follow-ups/rules.ts) go to the worker the receiving administrator names (required if there are any); one
 * waiting for a decision moves to the receiving centre's decision queue.
 */
const followUps: MoveContributor = {
  name: 'followUps',
  prefixes: ['FOLLOWUP#'],
  move: (ctx, records) => {
    const open = records.filter((f) => isOpenFollowUp(String(f.status)));
    if (open.length && !ctx.worker) {
      const message = `The case has ${open.length} follow-ups still to do: name who takes them`;
      throw badRequest(message, [{ path: 'followUpWorkerId', code: 'required', message }]);
    }
    const values = { ':w': ctx.worker?.staffId };
    const deciding = {
      set: 'workerId = :w, q1pk = :q',
      values: { ...values, ':q': keys.decisionQueue(ctx.to.centreId) },
    };
    return {
      items: open.map((f) =>
        relocate(ctx, f, f.status === 'OVERDUE_AT_IMPORT' ? deciding : { set: 'workerId = :w', values }),
      ),
      moved: open.length,
    };
  },
};

/** Open escalations follow the case: their next level notifies the new centre's and district's people. */
const escalations: MoveContributor = {
  name: 'escalations',
  prefixes: ['ESCALATION#'],
  move: (ctx, records) => {
    const open = records.filter((e) => e.status === 'OPEN');
    return { items: open.map((e) => relocate(ctx, e)), moved: open.length };
  },
};

/** The contributors, in order (legal milestones and shelter stays: shared/milestones/move-parts.ts). */
export const MOVE_PARTS: MoveContributor[] = [followUps, escalations, milestonesMove, shelterStayMove, similarOnMove];

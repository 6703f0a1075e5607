// What moves with a case transferred to another centre (transfers/move-parts.ts): its legal milestones still
// open (DUE or OVERDUE: the new centre's administrator gets the deadline SMS, and an overdue one is listed
// under the new district) or with a hearing reminder still to send; and an open shelter stay (she moves with
// her case: the old centre's occupancy loses her and her children, the new one's gains them).
import * as keys from '../core/keys.ts';
import type { TransactItem } from '../core/transactions.ts';
import { occupancyItem } from '../oversight/counters.ts';
import type { MoveContext, MoveContributor } from '../transfers/move-parts.ts';

/** A record's centre fields (and, for a queue keyed by district, its sort key), while its status holds. */
function relocate(ctx: MoveContext, r: Record<string, unknown>, q1sk?: string): TransactItem {
  return {
    Update: {
      TableName: ctx.table,
      Key: { pk: r.pk as string, sk: r.sk as string },
      UpdateExpression: `SET centreId = :c, #d = :d${q1sk ? ', q1sk = :q' : ''}`,
      ConditionExpression: '#s = :was',
      ExpressionAttributeNames: { '#s': 'status', '#d': 'district' },
      ExpressionAttributeValues: {
        ':c': ctx.to.centreId,
        ':d': ctx.to.district,
        ':was': r.status,
        ...(q1sk ? { ':q': q1sk } : {}),
      },
    },
  };
}

export const milestonesMove: MoveContributor = {
  name: 'milestones',
  prefixes: ['MILESTONE#'],
  move: (ctx, records) => {
    const moving = records.filter((m) => m.status === 'DUE' || m.status === 'OVERDUE' || m.q1pk !== undefined);
    const items = moving.map((m) =>
      m.status === 'OVERDUE'
        ? relocate(
            ctx,
            m,
            keys.overdueMilestoneSort(ctx.to.district, String(m.dueAt), String(m.caseId), String(m.milestoneId)),
          )
        : relocate(ctx, m),
    );
    return { items, moved: moving.length };
  },
};

export const shelterStayMove: MoveContributor = {
  name: 'shelterStays',
  prefixes: ['STAY#'],
  move: (ctx, records) => {
    const open = records.filter((s) => s.status === 'OPEN');
    const items = open.flatMap((s) => {
      const children = (s.children as unknown[] | undefined)?.length ?? 0;
      const overdue = s.overdue ? 1 : 0;
      return [
        relocate(ctx, s),
        occupancyItem(ctx.table, ctx.from, { inShelter: -1, children: -children, overdue: -overdue }),
        occupancyItem(ctx.table, ctx.to, { inShelter: 1, children, overdue }),
      ];
    });
    return { items, moved: open.length };
  },
};

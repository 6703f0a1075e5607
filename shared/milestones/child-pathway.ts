// The child pathway: a case whose survivor is under 18 has POLICE_INFORMED and CWC_PRODUCTION due 24 hours
// after the moment that became known (the rules table). Two ways in: registration (a contributor to the
// registration's own transaction) and a correction of her age (PATCH /cases/{id}, a correction part). A
// child's age corrected to 18 or more stops it: the duties still open were entered by mistake and are
// cancelled (they leave the deadline queue; counted figures stay as they were).
import type { Actor, CaseRecord } from '../cases/model.ts';
import { historyPut } from '../cases/model.ts';
import type { RegistrationContributor } from '../cases/registration-parts.ts';
import * as keys from '../core/keys.ts';
import type { TransactItem } from '../core/transactions.ts';
import type { MilestoneType } from '../core/vocabulary.ts';
import { childPathwayStart } from './model.ts';
import { CHILD_DUTIES, childPathwayChange, isChild } from './rules.ts';

/**
 * Registration: a girl under 18 starts the pathway at the moment she is registered. A case imported from a
 * centre's register at go-live does not: 24-hour duties counted from a registration months ago would be
 * overdue (and escalate, and SMS) at once, while they were dealt with on paper at the time.
 */
export const childPathwayAtRegistration: RegistrationContributor = (ctx) =>
  !ctx.imported && isChild(ctx.input.survivor.age)
    ? childPathwayStart(ctx.table, ctx.record, ctx.actor, ctx.at, 'REGISTRATION')
    : undefined;

export interface CorrectionPart {
  items: TransactItem[];
  counts: Record<string, number>;
  set: Partial<CaseRecord>;
}

/**
 * A correction of her age: the pathway starts (she is a child after all) or stops (she is not), in the
 * correction's own transaction. Undefined when the age change means nothing for the pathway.
 */
export function childPathwayOnCorrection(
  table: string,
  before: CaseRecord,
  afterAge: number | undefined,
  actor: Actor,
  at: string,
): CorrectionPart | undefined {
  const change = childPathwayChange(before.survivor?.age, afterAge);
  if (change === 'START') return childPathwayStart(table, before, actor, at, 'CORRECTION');
  if (change !== 'STOP') return undefined;
  const open = { ...before.openMilestones };
  const items: TransactItem[] = [];
  const cancelled: MilestoneType[] = [];
  for (const type of CHILD_DUTIES) {
    const milestoneId = open[type];
    if (!milestoneId) continue;
    delete open[type];
    cancelled.push(type);
    items.push({
      Update: {
        TableName: table,
        Key: keys.milestone(before.caseId, milestoneId),
        UpdateExpression: 'SET #s = :cancelled, cancelledAt = :at REMOVE q1pk, q1sk',
        ConditionExpression: '#s IN (:due, :overdue)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':cancelled': 'CANCELLED', ':at': at, ':due': 'DUE', ':overdue': 'OVERDUE' },
      },
    });
  }
  items.push(historyPut(table, before.caseId, actor, 'CHILD_PATHWAY_STOPPED', at, { details: { cancelled } }));
  return { items, counts: {}, set: { openMilestones: open, childPathway: null } };
}

/**
 * The same, shaped as a correction contributor (the correction's context: the case before and after, who and
 * when): plug it into CORRECTION_PARTS (cases/correction-parts.ts) where the case correction is built.
 */
export function childPathwayCorrectionPart(ctx: {
  table: string;
  before: CaseRecord;
  after: Pick<CaseRecord, 'survivor'>;
  actor: Actor;
  at: string;
}): CorrectionPart | undefined {
  return childPathwayOnCorrection(ctx.table, ctx.before, ctx.after.survivor?.age, ctx.actor, ctx.at);
}

// What a legal milestone is, as stored, and the transaction items that change one. Each milestone is an item
// in its case's partition (MILESTONE#<id>). A DUE one sits in the sparse queue index under DUE#MILESTONE
// (ordered by its due time) for the deadline check; once OVERDUE it moves to OVERDUE#MILESTONE (ordered by
// district, then due time) for the oversight list; done, it leaves every queue. A hearing with a reminder to
// send sits under DUE#REMINDER until the reminder is out. The case item keeps the open milestone per type
// (`openMilestones`), so two DUE milestones of one type never exist, guarded by the case's version.
import { randomUUID } from 'node:crypto';
import { type Actor, type CaseRecord, historyPut } from '../cases/model.ts';
import * as keys from '../core/keys.ts';
import type { TransactItem } from '../core/transactions.ts';
import type { MilestoneType } from '../core/vocabulary.ts';
import { SLOT_WORDS } from '../notifications/sms.ts';
import { type Consequences, consequences, type MilestoneState, type RuleTrigger } from './rules.ts';

export type StoredMilestoneStatus = 'DUE' | 'DONE' | 'OVERDUE' | 'CANCELLED';

export interface MilestoneRecord {
  milestoneId: string;
  caseId: string;
  caseNumber: string;
  centreId: string;
  district: string;
  milestoneType: MilestoneType;
  status: StoredMilestoneStatus;
  /** The rule that made it due (rules.ts), for a DUE / OVERDUE one. */
  rule?: string;
  dueAt?: string;
  overdueAt?: string;
  /** When it happened (a hearing: when it will). */
  doneAt?: string;
  recordedAt?: string;
  recordedBy?: Actor;
  timeliness?: 'ON_TIME' | 'LATE';
  reference?: { number?: string; policeStation?: string; court?: string };
  partnerId?: string;
  note?: string;
  remindAt?: string;
  remindedAt?: string;
  q1pk?: string;
  q1sk?: string;
}

type CaseScope = Pick<CaseRecord, 'caseId' | 'caseNumber' | 'centreId' | 'district'>;

/** What the rules need to know of a case's milestones. */
export function milestoneState(c: Pick<CaseRecord, 'openMilestones' | 'doneMilestones'>): MilestoneState {
  return {
    open: new Set(Object.keys(c.openMilestones ?? {}) as MilestoneType[]),
    done: new Set(c.doneMilestones ?? []),
  };
}

/** The queue keys of a DUE milestone. */
export const dueQueue = (c: CaseScope, milestoneId: string, dueAt: string) => ({
  q1pk: keys.dueMilestones(),
  q1sk: keys.dueMilestoneSort(dueAt, c.caseId, milestoneId),
});

/** The queue keys of an OVERDUE milestone (the oversight list). */
export const overdueQueue = (c: Pick<CaseScope, 'caseId' | 'district'>, milestoneId: string, dueAt: string) => ({
  q1pk: keys.overdueMilestones(),
  q1sk: keys.overdueMilestoneSort(c.district, dueAt, c.caseId, milestoneId),
});

export interface DueItems {
  items: TransactItem[];
  /** The case's open milestones with the new ones. */
  openMilestones: Partial<Record<MilestoneType, string>>;
  made: Array<{ milestoneId: string; type: MilestoneType; dueAt: string }>;
}

/** Puts the DUE milestones an event made, each with its history, for the caller's transaction. */
export function dueMilestoneItems(
  table: string,
  c: CaseScope & Pick<CaseRecord, 'openMilestones'>,
  due: Consequences['due'],
  actor: Actor,
  at: string,
): DueItems {
  const out: DueItems = { items: [], openMilestones: { ...c.openMilestones }, made: [] };
  for (const d of due) {
    const milestoneId = randomUUID();
    const record: MilestoneRecord = {
      milestoneId,
      caseId: c.caseId,
      caseNumber: c.caseNumber,
      centreId: c.centreId,
      district: c.district,
      milestoneType: d.type,
      status: 'DUE',
      rule: d.rule,
      dueAt: d.dueAt,
      ...dueQueue(c, milestoneId, d.dueAt),
    };
    out.items.push(
      {
        Put: {
          TableName: table,
          Item: { ...keys.milestone(c.caseId, milestoneId), type: 'MILESTONE', ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      historyPut(table, c.caseId, actor, 'MILESTONE_DUE', at, {
        details: { milestoneId, type: d.type, dueAt: d.dueAt, rule: d.rule },
      }),
    );
    out.openMilestones[d.type] = milestoneId;
    out.made.push({ milestoneId, type: d.type, dueAt: d.dueAt });
  }
  return out;
}

export interface PathwayStart {
  items: TransactItem[];
  counts: Record<string, number>;
  set: Partial<CaseRecord>;
}

/**
 * The child pathway starts (registered under 18, or her age corrected to under 18): POLICE_INFORMED and
 * CWC_PRODUCTION fall due 24 hours after that moment (the rules table), counted as a children's case.
 */
export function childPathwayStart(
  table: string,
  c: CaseRecord,
  actor: Actor,
  at: string,
  trigger: 'REGISTRATION' | 'CORRECTION',
): PathwayStart {
  const due = dueMilestoneItems(table, c, consequences('CHILD', at, at, milestoneState(c)).due, actor, at);
  return {
    items: [
      ...due.items,
      historyPut(table, c.caseId, actor, 'CHILD_PATHWAY_STARTED', at, {
        details: { trigger, milestones: due.made.map((m) => m.type) },
      }),
    ],
    counts: { [MILESTONE_FIELDS.children]: 1 },
    set: { openMilestones: due.openMilestones, childPathway: { startedAt: at, trigger } },
  };
}

/** Counter field names of milestones and children's cases (written here and in the deadline check). */
export const MILESTONE_FIELDS = {
  children: 'children',
  done: (t: MilestoneType) => `ms_done_${t}`,
  onTime: (t: MilestoneType) => `ms_ontime_${t}`,
  late: (t: MilestoneType) => `ms_late_${t}`,
  overdue: (t: MilestoneType) => `ms_overdue_${t}`,
};

/** The outbox item that makes the stream dispatcher SMS the centre's administrators (case number, type). */
export function milestoneNotification(
  table: string,
  c: CaseScope,
  at: string,
  what: { template: 'deadlineMissed' | 'courtHearing'; milestoneId: string; slots: { en: string[]; hi: string[] } },
): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: {
        ...keys.notification(c.caseId, at, `${what.template}#${what.milestoneId}`),
        type: 'NOTIFICATION',
        caseId: c.caseId,
        centreId: c.centreId,
        district: c.district,
        audience: 'centre-admins',
        template: what.template,
        slots: what.slots,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** The words of a milestone type in an SMS slot, per language (fixed words, never free text). */
export const typeWords = (t: MilestoneType) => ({ en: SLOT_WORDS.en[t], hi: SLOT_WORDS.hi[t] });

export type { RuleTrigger };

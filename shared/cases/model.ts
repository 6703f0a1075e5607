// What a case is, as stored: the case item, who acted, its history events, and the index keys that list it
// for its centre, its district and the state.
import { randomUUID } from 'node:crypto';
import * as keys from '../core/keys.ts';
import type { Principal } from '../core/principal.ts';
import type { TransactItem } from '../core/transactions.ts';
import type { CaseStatus, MilestoneType, RiskLevel } from '../core/vocabulary.ts';
import type { CreateCaseInput } from './schemas.ts';

export interface Actor {
  userId: string;
  username: string;
  role: string;
}

export interface CaseRecord {
  caseId: string;
  caseNumber: string;
  centreId: string;
  district: string;
  status: CaseStatus;
  version: number;
  riskLevel: RiskLevel;
  fy: string;
  registeredAt: string;
  registeredBy: Actor;
  updatedAt: string;
  survivor: CreateCaseInput['survivor'];
  incident: CreateCaseInput['incident'];
  referral: CreateCaseInput['referral'];
  servicesNeeded: CreateCaseInput['servicesNeeded'];
  consent: CreateCaseInput['consent'];
  resolvedAt?: string;
  lastResolvedAt?: string;
  closedAt?: string;
  resolution?: { outcome: string; note?: string; followUpWorkerId: string };
  followUpRounds?: number;
  /** When the case last became CLOSED, WITHDRAWN or REFERRED (IST); the retention period runs from here. */
  endedAt?: string;
  /** A court case is pending (or another reason to keep it): the retention job leaves the case alone. */
  legalHold?: LegalHold;
  /** When the retention job removed her identity, story and notes; the case is kept for the figures. */
  anonymisedAt?: string;
  /** The retention job has begun removing her details (it finishes, or the next run does): too late to hold. */
  retentionStartedAt?: string;
  /** The privacy notice: given at registration (language, by whom), or still to be given at first contact. */
  notice?: NoticeRecord;
  /** Escalations: a per-case sequence, and the open escalation per reason (one at a time). */
  escalationSeq?: number;
  openEscalations?: Partial<Record<string, string>>;
  /** Legal milestones: the DUE or OVERDUE one per type (one at a time), and the types done at least once. */
  openMilestones?: Partial<Record<MilestoneType, string>>;
  doneMilestones?: MilestoneType[];
  /** Set while she is a child (under 18): when and how the child pathway started. */
  childPathway?: { startedAt: string; trigger: 'REGISTRATION' | 'CORRECTION' } | null;
  /** The open shelter stay (one at a time); null once discharged. */
  openStayId?: string | null;
  /** When each consent was last changed after registration (IST ISO); absent: as given at registration. */
  consentChangedAt?: Partial<Record<ConsentFlag, string>>;
  /** Keyed hashes of her phone and normalised name: the similar-case lookup items (shared/similar). */
  lookupHashes?: { phone?: string; name?: string };
  /** Her home district as the statistics counted it at registration (a slug, `other` or `unknown`). */
  homeDistrict?: string;
  /** A case brought in from the centre's register at go-live: its old register number, and when and by whom. */
  registerNumber?: string;
  imported?: { at: string; by: Actor };
  /** A transfer to another centre waiting for its answer: at most one at a time (guarded by the version). */
  pendingTransfer?: { transferId: string; toCentreId: string; requestedAt: string };
  /** The centres the case has moved through, oldest first (ids only). */
  transferredFrom?: string[];
}

export type ConsentFlag = keyof CreateCaseInput['consent'];
/** The details of the survivor a correction may change. */
export type SurvivorField = keyof CreateCaseInput['survivor'];
export interface LegalHold {
  held: boolean;
  /** When it was last placed or lifted, and by whom. */
  at: string;
  by: Actor;
  /** Why (free text: the centre's team only; removed by anonymisation like every note). */
  note?: string;
}

export interface NoticeRecord {
  status: 'GIVEN' | 'AT_FIRST_CONTACT';
  /** The language she was told in (GIVEN only). */
  language?: string;
  /** What the processing rests on: her consent, or for a girl under 18 the child's interest under law. */
  basis: 'CONSENT' | 'CHILD_INTEREST_IN_LAW';
  /** Which text of the notice (shared/privacy/wording.ts NOTICE_VERSION). */
  version: string;
  at: string;
  by: Actor;
}

export interface HistoryEvent {
  eventId: string;
  caseId: string;
  at: string;
  actor: Actor;
  action: string;
  from?: string;
  to?: string;
  details?: Record<string, unknown>;
}

export const actorOf = (p: Principal): Actor => ({ userId: p.userId, username: p.username, role: p.role });

/** The actor recorded when the system itself acts (schedules, workflows). */
export const SYSTEM_ACTOR: Actor = { userId: 'system', username: 'system', role: 'system' };

/** The system as the caller of a store (state-wide scope): the schedules, the document checker, retention. */
export const SYSTEM: Principal = { userId: SYSTEM_ACTOR.userId, username: SYSTEM_ACTOR.username, role: 'state-admin' };

export const isSystem = (p: Principal) => p.userId === SYSTEM_ACTOR.userId;

/** One history item for a change, to be written in the same transaction as the change. */
export function historyPut(
  table: string,
  caseId: string,
  actor: Actor,
  action: string,
  at: string,
  extra: Partial<HistoryEvent> = {},
): TransactItem {
  const eventId = randomUUID();
  return {
    Put: {
      TableName: table,
      Item: { ...keys.event(caseId, at, eventId), type: 'EVENT', eventId, caseId, at, actor, action, ...extra },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** The index keys that list a case for its centre, its district and the state, newest first. */
export function caseIndexKeys(c: Pick<CaseRecord, 'centreId' | 'district' | 'registeredAt' | 'caseId'>) {
  const sort = `${c.registeredAt}#${c.caseId}`;
  return {
    gsi1pk: keys.byCentre(c.centreId),
    gsi1sk: sort,
    gsi2pk: keys.byDistrict(c.district),
    gsi2sk: sort,
    gsi3pk: keys.byState('CASE'),
    gsi3sk: sort,
  };
}

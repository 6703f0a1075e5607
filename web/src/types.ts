// The shapes the API answers with (CONTRACT.md), as far as the form reads them.

import type { CaseSummary } from '../../shared/cases/views.ts';
import type { CreateCaseInput, EscalationReason, ServiceType } from '../../shared/schemas.ts';

export type { CaseSummary };

export interface Actor {
  userId?: string;
  username?: string;
  role?: string;
}

export interface ServiceRecord {
  serviceId: string;
  /** The service given (the stored item's `type` names the item kind, so the API answers `serviceType`). */
  serviceType?: ServiceType;
  type?: ServiceType;
  note?: string;
  at: string;
  recordedBy?: Actor;
}

export interface FollowUp {
  followUpId: string;
  dueDate: string;
  status: 'PENDING' | 'DONE' | 'MISSED' | 'CANCELLED' | 'OVERDUE_AT_IMPORT' | 'SETTLED' | string;
  workerId?: string;
  outcome?: string;
}

export interface Escalation {
  escalationId: string;
  level: number;
  status: 'OPEN' | 'ACKNOWLEDGED' | 'UNACKNOWLEDGED' | 'FAILED' | string;
  reason: EscalationReason | string;
  requestedAt?: string;
  acknowledgedBy?: Actor;
}

/** Oversight roles get the case without survivor, story and consent (need-to-know). */
export interface CaseView extends CaseSummary {
  survivor?: CreateCaseInput['survivor'];
  incident?: Partial<CreateCaseInput['incident']>;
  referral?: Partial<CreateCaseInput['referral']>;
  servicesNeeded?: ServiceType[];
  consent?: CreateCaseInput['consent'];
  /** When each consent last changed after registration (centre roles only). */
  consentChangedAt?: Partial<Record<keyof CreateCaseInput['consent'], string>>;
  /** Her other cases at this centre, linked by staff (centre roles only). */
  linkedCases?: LinkedCase[];
  resolution?: { outcome: string; note?: string; followUpWorkerId: string };
  services?: ServiceRecord[];
  followUps?: FollowUp[];
  escalations?: Escalation[];
  legalHold?: { held: boolean; at: string; note?: string };
  notice?: { status: string; basis: string; language?: string; at: string };
  anonymisedAt?: string;
  /** A case brought in from the centre's register at go-live. */
  registerNumber?: string;
  imported?: { at: string; by?: Actor };
  /** A transfer to another centre waiting for its answer. */
  pendingTransfer?: { transferId: string; toCentreId: string; requestedAt: string };
}

export interface LinkedCase {
  caseId: string;
  caseNumber: string;
  linkedAt?: string;
}

/** GET /cases/{caseId}/similar: an earlier case at the centre that may be hers. */
export interface SimilarCase {
  caseId: string;
  caseNumber: string;
  registeredAt: string;
  matchedOn: Array<'phone' | 'name_age'>;
}

/** One read of a case (GET /cases/{caseId}/access-log). */
export interface CaseAccess {
  at: string;
  actor: string;
  actorId: string;
  role: string;
  action: string;
}

/** One read by one user (GET /access-log). */
export interface UserAccess extends CaseAccess {
  caseId?: string;
  caseNumber?: string;
  centreId?: string;
  query?: Record<string, unknown>;
  count?: number;
}

export interface HistoryEvent {
  eventId: string;
  at: string;
  actor?: Actor;
  action: string;
  from?: string;
  to?: string;
  details?: Record<string, unknown>;
}

export interface StaffMember {
  staffId: string;
  name: string;
  role: string;
  phone?: string;
  language?: string;
  active?: boolean;
}

export interface Centre {
  centreId: string;
  name: string;
  district: string;
  subdivision?: string;
  status?: 'PLANNED' | 'OPERATIONAL' | 'CLOSED' | string;
}

/** POST /centres/{centreId}/staff answers the staff member, with her sign-in name when she was given one. */
export interface CreatedStaff extends StaffMember {
  username?: string;
}

/** A referral partner of a district's directory (GET /partners). */
export interface Partner {
  partnerId: string;
  name: string;
  kind: string;
  subtype?: string;
  district: string;
  phone?: string;
  address?: string;
  active?: boolean;
}

/** An onward referral (GET /cases/{caseId}/partner-referrals); oversight roles get kind, basis and status. */
export interface PartnerReferral {
  referralId: string;
  partnerId?: string;
  partnerName?: string;
  partnerKind: string;
  partnerDistrict?: string;
  basis: string;
  status: string;
  purpose?: string;
  note?: string;
  sentAt: string;
  sentBy?: Actor;
  updatedAt?: string;
}

/** A transfer between centres as an inbox lists it (GET /transfers): no identity. */
export interface TransferRow {
  transferId: string;
  caseId: string;
  caseNumber: string;
  fromCentreId: string;
  toCentreId: string;
  status: string;
  reason: string;
  riskLevel?: string;
  categories?: string[];
  requestedAt: string;
  decidedAt?: string;
  declineReason?: string;
}

export type { Report } from '../../shared/oversight/reports.ts';
/** The figures of GET /stats and the reports: types only (erased from the bundle), from the API's own code. */
export type { Cell, StatsResult } from '../../shared/oversight/stats.ts';
export type ReportSummary = Pick<
  import('../../shared/oversight/reports.ts').Report,
  'reportId' | 'title' | 'period' | 'district' | 'generatedAt'
>;

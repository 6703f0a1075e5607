// The words of the domain: categories, referral sources, services, statuses, roles. Plain constants, no
// validator, so any module can import them at no cost; schemas.ts builds the zod schemas from them.
export const CATEGORIES = [
  'PHYSICAL_VIOLENCE',
  'SEXUAL_ASSAULT',
  'RAPE',
  'DOMESTIC_VIOLENCE',
  'DOWRY',
  'SEXUAL_HARASSMENT',
  'TRAFFICKING',
  'ACID_ATTACK',
  'HONOUR_CRIME',
  'WITCH_HUNTING',
  'CHILD_MARRIAGE',
  'CYBER_CRIME',
  'PSYCHOLOGICAL_ABUSE',
  'ECONOMIC_ABUSE',
  'OTHER',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Each Indian category mapped to one of the six GBVIMS core types (for exchange with GBV partners). */
export const GBVIMS_TYPE: Record<Category, string> = {
  PHYSICAL_VIOLENCE: 'PHYSICAL_ASSAULT',
  SEXUAL_ASSAULT: 'SEXUAL_ASSAULT',
  RAPE: 'RAPE',
  DOMESTIC_VIOLENCE: 'PHYSICAL_ASSAULT',
  DOWRY: 'DENIAL_OF_RESOURCES',
  SEXUAL_HARASSMENT: 'SEXUAL_ASSAULT',
  TRAFFICKING: 'SEXUAL_ASSAULT',
  ACID_ATTACK: 'PHYSICAL_ASSAULT',
  HONOUR_CRIME: 'PHYSICAL_ASSAULT',
  WITCH_HUNTING: 'PHYSICAL_ASSAULT',
  CHILD_MARRIAGE: 'FORCED_MARRIAGE',
  CYBER_CRIME: 'PSYCHOLOGICAL_ABUSE',
  PSYCHOLOGICAL_ABUSE: 'PSYCHOLOGICAL_ABUSE',
  ECONOMIC_ABUSE: 'DENIAL_OF_RESOURCES',
  OTHER: 'PSYCHOLOGICAL_ABUSE',
};

export const REFERRAL_SOURCES = [
  'SELF',
  'FAMILY_FRIEND',
  'HELPLINE_181',
  'ERSS_112',
  'POLICE',
  'HOSPITAL',
  'PROTECTION_OFFICER',
  'NGO',
  'COURT_DLSA',
  'OTHER',
] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

/** The control rooms that refer by machine (the `helpline` role): each may refer only as itself. */
export const INTAKE_SOURCES = ['HELPLINE_181', 'ERSS_112'] as const satisfies readonly ReferralSource[];
export type IntakeSource = (typeof INTAKE_SOURCES)[number];

export const SERVICES = [
  'SHELTER',
  'MEDICAL',
  'POLICE',
  'LEGAL_AID',
  'COUNSELLING',
  'FOOD_CLOTHING',
  'VIDEO_CONFERENCING',
  'SKILL_DEVELOPMENT',
] as const;
export type ServiceType = (typeof SERVICES)[number];

export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RELATIONSHIPS = [
  'HUSBAND',
  'FORMER_HUSBAND',
  'PARTNER',
  'IN_LAW',
  'PARENT',
  'SIBLING',
  'OTHER_RELATIVE',
  'ACQUAINTANCE',
  'EMPLOYER',
  'STRANGER',
  'UNKNOWN',
  'OTHER',
] as const;

export const CASE_STATUSES = [
  'REGISTERED',
  'IN_PROGRESS',
  'RESOLVED',
  'MONITORING',
  'REOPENED',
  'REFERRED',
  'WITHDRAWN',
  'CLOSED',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const ROLES = ['centre-staff', 'centre-admin', 'district-officer', 'state-admin', 'helpline'] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES = [
  'CENTRE_ADMINISTRATOR',
  'CASE_WORKER',
  'PARALEGAL',
  'PARAMEDIC',
  'COUNSELLOR',
  'OFFICE_ASSISTANT',
  'MULTIPURPOSE',
  'SECURITY',
] as const;
export const LANGUAGES = ['hi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const FOLLOW_UP_OUTCOMES = ['SAFE', 'AT_RISK', 'UNREACHABLE'] as const;
export const ESCALATION_REASONS = ['COUNSELLING_INSUFFICIENT', 'HIGH_RISK', 'FOLLOW_UP_MISSED', 'OTHER'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

export const CENTRE_STATUSES = ['PLANNED', 'OPERATIONAL', 'CLOSED'] as const;

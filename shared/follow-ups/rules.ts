// What a follow-up's status means, in one place: which are still to be done, which take an outcome, which a
// decision. Pure words and rules, so the staff form offers exactly what the API allows.

export const FOLLOW_UP_STATUSES = [
  'PENDING',
  'DONE',
  'MISSED',
  'CANCELLED',
  /** Past due when its case was imported at go-live: a decision for staff, never reminded or escalated. */
  'OVERDUE_AT_IMPORT',
  /** Such a follow-up that staff settled (done on paper, or no longer needed) instead of recording it. */
  'SETTLED',
] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/**
 * Still to be done: an outcome may be recorded, it keeps the case from closing, it is cancelled when the plan
 * ends early (referred, withdrawn, resolved again) and it moves with its worker when she leaves.
 */
export const OPEN_FOLLOW_UP_STATUSES: ReadonlySet<string> = new Set(['PENDING', 'MISSED', 'OVERDUE_AT_IMPORT']);
export const isOpenFollowUp = (status: string | undefined) => OPEN_FOLLOW_UP_STATUSES.has(status ?? '');

/** Only a follow-up overdue at import can be settled without an outcome: the others are the centre's own work. */
export const maySettle = (status: string | undefined) => status === 'OVERDUE_AT_IMPORT';

/**
 * The status an imported case's follow-up starts with: one whose date had passed before the import is a
 * decision for staff (a woman resolved months ago must not set off a flood of reminders); today's and later
 * ones are pending, reminded as any other.
 */
export const importedFollowUpStatus = (dueDate: string, importDay: string): 'PENDING' | 'OVERDUE_AT_IMPORT' =>
  dueDate < importDay ? 'OVERDUE_AT_IMPORT' : 'PENDING';

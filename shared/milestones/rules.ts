// The legal deadlines of a case, as data: which event makes which milestone due, and when. The API, the
// deadline check and the form all read this one table; a state whose law or practice differs changes the
// table, not the code. Pure functions over it (no I/O): the form imports this module too.
import { istTimestamp } from '../core/time.ts';
import type { MilestoneStatus, MilestoneType } from '../core/vocabulary.ts';

/** What starts a rule: the case becoming a child's case, or a milestone of a type being recorded. */
export type RuleTrigger = 'CHILD' | MilestoneType;

export type RuleEffect =
  /** A milestone falls due this many hours after the event; missed, it is OVERDUE and escalated. */
  | { due: MilestoneType; afterHours: number }
  /** A reminder SMS to the centre administrator on the IST day(s) before the event's time; never escalated. */
  | { remind: 'centre-admins'; daysBefore: number; atIst: string };

export interface DeadlineRule {
  id: string;
  on: RuleTrigger;
  makes: RuleEffect;
  /** Only for an event whose time is still ahead when it is recorded (a hearing date). */
  onlyFuture?: boolean;
  /** Not when a milestone of the due type is already done on the case (the duty is fulfilled). */
  unlessDone?: boolean;
  /** Where the rule comes from, for the people who keep this table. */
  source: string;
}

/** A survivor below this age is a child: child-protection law applies (POCSO, JJ Act). */
export const CHILD_AGE_LIMIT = 18;

export const DEADLINE_RULES: readonly DeadlineRule[] = [
  {
    id: 'child-police',
    on: 'CHILD',
    makes: { due: 'POLICE_INFORMED', afterHours: 24 },
    unlessDone: true,
    source: 'POCSO Act s.19: a sexual offence against a child is reported to the police or SJPU',
  },
  {
    id: 'child-cwc',
    on: 'CHILD',
    makes: { due: 'CWC_PRODUCTION', afterHours: 24 },
    unlessDone: true,
    source: 'JJ Act 2015 s.31: a child in need of care and protection is produced before the CWC within 24 hours',
  },
  {
    id: 'mlc-report',
    on: 'MLC_EXAMINATION',
    makes: { due: 'MLC_REPORT', afterHours: 7 * 24 },
    source: 'BNSS s.184: the medical report reaches the investigating officer within 7 days',
  },
  {
    id: 'court-hearing-reminder',
    on: 'COURT_HEARING',
    makes: { remind: 'centre-admins', daysBefore: 1, atIst: '09:00' },
    onlyFuture: true,
    source: 'Practice: the centre prepares her for a hearing the day before',
  },
];

export const isChild = (age: number | undefined): boolean => age !== undefined && age < CHILD_AGE_LIMIT;

/**
 * What a change of her recorded age means for the child pathway: START when she becomes a child (registered
 * under 18, or corrected from an adult age), STOP when a child's age is corrected to 18 or more (the duties
 * were entered by mistake), nothing otherwise.
 */
export function childPathwayChange(
  before: number | undefined,
  after: number | undefined,
): 'START' | 'STOP' | undefined {
  if (!isChild(before) && isChild(after)) return 'START';
  if (isChild(before) && after !== undefined && !isChild(after)) return 'STOP';
  return undefined;
}

/** The milestone types the child pathway makes due (what STOP cancels). */
export const CHILD_DUTIES: readonly MilestoneType[] = DEADLINE_RULES.flatMap((r) =>
  r.on === 'CHILD' && 'due' in r.makes ? [r.makes.due] : [],
);

/** What the case already has, as the rules need it. */
export interface MilestoneState {
  /** Types with a DUE or OVERDUE milestone. */
  open: ReadonlySet<MilestoneType>;
  /** Types done at least once. */
  done: ReadonlySet<MilestoneType>;
}

export interface Consequences {
  due: Array<{ type: MilestoneType; dueAt: string; rule: string }>;
  reminders: Array<{ remindAt: string; rule: string }>;
}

const plusHours = (at: string, hours: number) => istTimestamp(new Date(Date.parse(at) + hours * 3_600_000));

/** The IST time `days` calendar days before `at`'s IST date, at `hhmm` IST. */
function istDayBefore(at: string, days: number, hhmm: string): string {
  const date = istTimestamp(new Date(at)).slice(0, 10);
  const d = new Date(`${date}T${hhmm}:00+05:30`);
  return istTimestamp(new Date(d.getTime() - days * 86_400_000));
}

/**
 * What an event makes due, from the table. `at` is the event's time (registration, correction, or the
 * milestone's own time); `now` is when it is recorded. A type already DUE or OVERDUE is never made due twice.
 */
export function consequences(
  on: RuleTrigger,
  at: string,
  now: string,
  state: MilestoneState,
  rules: readonly DeadlineRule[] = DEADLINE_RULES,
): Consequences {
  const out: Consequences = { due: [], reminders: [] };
  const made = new Set<MilestoneType>();
  for (const rule of rules) {
    if (rule.on !== on) continue;
    if (rule.onlyFuture && Date.parse(at) <= Date.parse(now)) continue;
    const effect = rule.makes;
    if ('due' in effect) {
      if (state.open.has(effect.due) || made.has(effect.due)) continue;
      if (rule.unlessDone && state.done.has(effect.due)) continue;
      made.add(effect.due);
      out.due.push({ type: effect.due, dueAt: plusHours(at, effect.afterHours), rule: rule.id });
    } else {
      out.reminders.push({ remindAt: istDayBefore(at, effect.daysBefore, effect.atIst), rule: rule.id });
    }
  }
  return out;
}

/** The deadline check's decision for one milestone at time `at`: OVERDUE exactly once, when DUE and past. */
export function deadlineDecision(
  m: { status: MilestoneStatus | 'CANCELLED'; dueAt?: string },
  at: string,
): 'OVERDUE' | undefined {
  return m.status === 'DUE' && m.dueAt !== undefined && Date.parse(m.dueAt) < Date.parse(at) ? 'OVERDUE' : undefined;
}

/**
 * A due milestone recorded: in time, or late (for the figures: CWC production within 24 hours or late). One
 * the deadline check already marked OVERDUE is late whatever time is given for it.
 */
export function timeliness(
  m: { status: MilestoneStatus | 'CANCELLED'; dueAt: string },
  doneAt: string,
): 'ON_TIME' | 'LATE' {
  return m.status !== 'OVERDUE' && Date.parse(doneAt) <= Date.parse(m.dueAt) ? 'ON_TIME' : 'LATE';
}

/** Milliseconds left until `dueAt` (negative once past): the form's "time left". */
export const timeLeftMs = (dueAt: string, now: Date): number => Date.parse(dueAt) - now.getTime();

/** Types whose time may lie ahead when recorded (a hearing date); every other milestone has happened. */
export const MAY_BE_FUTURE: ReadonlySet<MilestoneType> = new Set(
  DEADLINE_RULES.filter((r) => r.onlyFuture && r.on !== 'CHILD').map((r) => r.on as MilestoneType),
);

/** The parts of a milestone's reference (FIR number and police station, MLC number, court...). */
export type ReferencePart = 'number' | 'policeStation' | 'court';

export interface ReferenceRule {
  /** Parts a milestone of this type must carry. */
  required: readonly ReferencePart[];
  /** Parts it may carry (the required ones included). */
  allowed: readonly ReferencePart[];
  /** The shape of its number, and how to say it. */
  number?: { pattern: RegExp; says: string };
}

/** Registers, orders and court files are numbered: letters, digits and / . _ - (no names). */
const REGISTER_NUMBER = { pattern: /^[A-Za-z0-9][A-Za-z0-9/._-]{0,39}$/, says: 'Letters, digits and / . _ - only' };

/** What each type's reference holds, as data like the deadlines (the form and the API check the same). */
export const REFERENCE_RULES: Record<MilestoneType, ReferenceRule> = {
  POLICE_INFORMED: { required: [], allowed: ['policeStation', 'number'], number: REGISTER_NUMBER },
  // An FIR is numbered per police station and year: "123/2026".
  FIR_REGISTERED: {
    required: ['number', 'policeStation'],
    allowed: ['number', 'policeStation'],
    number: { pattern: /^\d{1,6}\/\d{4}$/, says: 'The FIR number and year, e.g. 123/2026' },
  },
  MLC_EXAMINATION: { required: [], allowed: ['number'], number: REGISTER_NUMBER },
  MLC_REPORT: { required: ['number'], allowed: ['number'], number: REGISTER_NUMBER },
  DIR_FILED: { required: [], allowed: ['number'], number: REGISTER_NUMBER },
  STATEMENT_BY_VC: { required: [], allowed: ['court', 'number'], number: REGISTER_NUMBER },
  CWC_PRODUCTION: { required: [], allowed: ['number'], number: REGISTER_NUMBER },
  COURT_HEARING: { required: [], allowed: ['court', 'number'], number: REGISTER_NUMBER },
};

export interface ReferenceProblem {
  path: ['reference', ReferencePart];
  message: string;
}

/** The problems of a reference for a milestone type (empty when it is right). */
export function referenceProblems(
  type: MilestoneType,
  reference: Partial<Record<ReferencePart, string>> | undefined,
): ReferenceProblem[] {
  const rule = REFERENCE_RULES[type];
  const out: ReferenceProblem[] = [];
  for (const part of rule.required) {
    if (!reference?.[part]) out.push({ path: ['reference', part], message: 'This field is required' });
  }
  for (const [part, value] of Object.entries(reference ?? {}) as Array<[ReferencePart, string | undefined]>) {
    if (value === undefined) continue;
    if (!rule.allowed.includes(part)) out.push({ path: ['reference', part], message: `Not used for ${type}` });
    else if (part === 'number' && rule.number && !rule.number.pattern.test(value))
      out.push({ path: ['reference', part], message: rule.number.says });
  }
  return out;
}

// The traffic model: how often each measured operation happens, per case and per month, for Bihar now and
// at all-India scale. The deployments come from /work/shared/DOMAIN.md; every count below is an assumption
// stated where it is made. Change a count here and rerun `BENCH_SECTIONS=6,7,9 npm run bench`.

export interface Deployment {
  name: string;
  centres: number;
  /** Districts with a District Operation Committee (one district officer's sign-in each). */
  districts: number;
  casesPerYear: number;
  /** Sign-ins per centre: of 13 staff (DOMAIN.md), the 3 guards and 3 cooks need no access to cases. */
  usersPerCentre: number;
  /** State staff with a sign-in (WCDC's weekly review). */
  stateUsers: number;
}

export const DEPLOYMENTS = {
  // The Bihar: 65 centres (DOMAIN.md: 39 operate, 26 more come at sub-divisional headquarters), about
  // 9,000 cases a year (FY 2024-25: 8,888 registered), 38 districts. The cases are today's: the new centres
  // bring women nearer a centre, and whatever more cases they bring is what the 10× and 100× rows price.
  biharNow: {
    name: 'Bihar (65 centres)',
    centres: 65,
    districts: 38,
    casesPerYear: 9_000,
    usersPerCentre: 7,
    stateUsers: 10,
  },
  // The issue: all of India, ~800 centres, ~10× Bihar's cases. Assumption: ~780 districts (India's count),
  // 10 users per state for 36 states and union territories.
  india: { name: 'All India', centres: 800, districts: 780, casesPerYear: 90_000, usersPerCentre: 7, stateUsers: 360 },
} as const satisfies Record<string, Deployment>;

/** Share of registered cases Bihar resolves: FY 2024-25, 7,185 resolved of 8,888 registered (DOMAIN.md). */
export const RESOLVED_SHARE = 7_185 / 8_888;
/** Follow-ups per resolved case: the stage's default offsets, 7, 30, 60, 90, 120, 150 and 180 days. */
export const FOLLOW_UPS_PER_RESOLVED = 7;
/** Assumption: one follow-up in five finds her unreachable and is tried again three days later. */
export const FOLLOW_UP_RETRY_SHARE = 0.2;
const followUps = RESOLVED_SHARE * FOLLOW_UPS_PER_RESOLVED * (1 + FOLLOW_UP_RETRY_SHARE);

// Legal and protection milestones (shared/milestones/rules.ts). No share is published for OSC cases: each of
// these is an assumption, to be replaced by the state's own figures once cases are recorded.
/** Assumption: one case in ten is a girl under 18; the child pathway makes two milestones due within 24 hours
 * (police or SJPU informed, production before the CWC), which staff then record. */
export const CHILD_SHARE = 0.1;
/** Assumption: 15% of cases (rape, sexual assault) have a medico-legal examination; its report is due 7 days
 * after, and both are recorded. */
export const MLC_SHARE = 0.15;
/** Assumption: an FIR is registered in three cases in ten. */
export const FIR_SHARE = 0.3;
/** Assumption: a case with an FIR has two court hearings recorded ahead while the centre follows it. */
export const HEARINGS_PER_FIR = 2;
/** Assumption: one due milestone in five is recorded after its deadline, so the check marks it overdue. */
export const LATE_SHARE = 0.2;
/** Assumption: one woman in ten stays in the centre's temporary shelter. */
export const SHELTER_SHARE = 0.1;
const dueMilestones = 2 * CHILD_SHARE + MLC_SHARE;
const hearings = FIR_SHARE * HEARINGS_PER_FIR;

/** How often each operation happens over one case's life (operation names as in capacity-ops.ts). */
export const PER_CASE: Record<string, { count: number; why: string }> = {
  register: { count: 1, why: 'every case is registered once' },
  list: { count: 10, why: 'assumption: the case list is opened before about every second action on the case' },
  get: { count: 15, why: 'assumption: the case is opened for each action on it and at reviews' },
  service: { count: 3, why: 'assumption: counselling, legal aid, medical help: three services on average' },
  status: { count: 1.5, why: 'to IN_PROGRESS, and for some cases REFERRED or WITHDRAWN' },
  correction: { count: 0.3, why: 'assumption: one case in three has her details corrected once' },
  consent: { count: 0.3, why: 'assumption: one case in three has a consent changed' },
  resolve: { count: RESOLVED_SHARE, why: "Bihar's resolved share (FY 2024-25)" },
  'follow-up outcome': {
    count: followUps,
    why: 'seven follow-ups per resolved case over six months, one in five tried again',
  },
  'reminder sweep': { count: followUps, why: 'a reminder SMS for each follow-up (and each try) that falls due' },
  'partner referral': { count: 0.5, why: 'assumption: one onward referral for every second case' },
  transfer: { count: 0.02, why: 'assumption: one case in fifty moves to another centre' },
  milestone: {
    count: 2 * CHILD_SHARE + 2 * MLC_SHARE + FIR_SHARE + hearings,
    why: "a child's two duties, an MLC examination and its report, an FIR, its hearings (shares above)",
  },
  'deadline check': {
    count: dueMilestones * LATE_SHARE,
    why:
      'due milestones (two per child, an MLC report) recorded late, each escalated and acknowledged at level 1 ' +
      "(an upper bound: a child's two missed duties share one escalation)",
  },
  'deadline check, hearing reminder': { count: hearings, why: 'the day-before SMS of each hearing recorded ahead' },
  'shelter admission': { count: SHELTER_SHARE, why: "one woman in ten stays in the centre's shelter" },
  'escalation, acknowledged at level 1': { count: 0.08, why: 'assumption: 8% of cases escalated, acknowledged' },
  'escalation, unacknowledged (3 levels)': { count: 0.01, why: 'assumption: 1% reach the state unacknowledged' },
  'document upload': { count: 1, why: 'assumption: one document (FIR copy, medical report) per case' },
  'access log': { count: 0.05, why: 'assumption: one case in twenty has its access log read' },
  retention: {
    count: 1,
    why: 'every case ends (closed, withdrawn, referred) and is anonymised once, years later: as many a month as come',
  },
};

/** Working days in a month and working hours in a day (staff activity: the day shift does most casework). */
export const WORKING_DAYS = 22;
export const WORKING_HOURS = 10;

/** What officials do each month, whatever the number of cases (operation → count a month). */
export function officialUse(d: Deployment): Record<string, number> {
  return {
    // Assumption: each district officer looks at the figures once a working day, state staff three times.
    stats: (d.districts + 3 * d.stateUsers) * WORKING_DAYS,
    // Assumption: each district officer opens her district's case list once a working day.
    list: d.districts * WORKING_DAYS,
  };
}

/** Assumption: each staff member opens the form twice a working day; each deploy makes every browser fetch
 * the form's code again (two deploys a month). */
export const SESSIONS_PER_USER_DAY = 2;
export const DEPLOYS_PER_MONTH = 2;

export const usersOf = (d: Deployment) => d.centres * d.usersPerCentre + d.districts + d.stateUsers;

/** Cases registered in a month. */
export const casesPerMonth = (d: Deployment) => d.casesPerYear / 12;

/** How many times each operation happens in a month: per-case counts × cases, plus officials' use. */
export function monthlyCounts(d: Deployment, caseScale = 1): Record<string, number> {
  const cases = casesPerMonth(d) * caseScale;
  const out: Record<string, number> = {};
  for (const [op, { count }] of Object.entries(PER_CASE)) out[op] = count * cases;
  return out;
}

// What the counters count, as flows: a centre's (or an area's) registrations, resolutions, categories,
// referral sources... of a period, added up from counter items; and the age buckets of open cases.
import { CATEGORIES, REFERRAL_SOURCES, RISK_LEVELS, SERVICES } from '../core/vocabulary.ts';
import { homeDistrictLabel } from './home-district.ts';

export interface Flow {
  registered: number;
  resolved: number;
  reresolved: number;
  referred: number;
  withdrawn: number;
  reopened: number;
  closed: number;
  transferredIn: number;
  transferredOut: number;
  categories: Record<string, number>;
  referralSources: Record<string, number>;
  risk: Record<string, number>;
  services: Record<string, number>;
  followUps: { SAFE: number; AT_RISK: number; UNREACHABLE: number; MISSED: number };
  escalations: {
    opened: number;
    ACKNOWLEDGED: number;
    UNACKNOWLEDGED: number;
    FAILED: number;
    byReason: Record<string, number>;
  };
  /** Onward referrals by status, then partner kind (SENT counts every referral made). */
  partnerReferrals: Record<string, Record<string, number>>;
  /** Registrations by her home district (district name, OTHER or NOT_GIVEN): home-district.ts. */
  homeDistricts: Record<string, number>;
}

export const zeroFlow = (): Flow => ({
  registered: 0,
  resolved: 0,
  reresolved: 0,
  referred: 0,
  withdrawn: 0,
  reopened: 0,
  closed: 0,
  transferredIn: 0,
  transferredOut: 0,
  categories: Object.fromEntries(CATEGORIES.map((c) => [c, 0])),
  referralSources: Object.fromEntries(REFERRAL_SOURCES.map((c) => [c, 0])),
  risk: Object.fromEntries(RISK_LEVELS.map((c) => [c, 0])),
  services: Object.fromEntries(SERVICES.map((c) => [c, 0])),
  followUps: { SAFE: 0, AT_RISK: 0, UNREACHABLE: 0, MISSED: 0 },
  escalations: { opened: 0, ACKNOWLEDGED: 0, UNACKNOWLEDGED: 0, FAILED: 0, byReason: {} },
  partnerReferrals: {},
  homeDistricts: {},
});

/** Adds one counter item's fields into a flow (the writer's field names of counters.ts). */
export function addCounter(flow: Flow, item: Record<string, unknown>): void {
  for (const [k, raw] of Object.entries(item)) {
    if (typeof raw !== 'number') continue;
    const n = raw;
    if (k in flow && typeof (flow as unknown as Record<string, unknown>)[k] === 'number')
      (flow as unknown as Record<string, number>)[k] += n;
    else if (k.startsWith('cat_')) flow.categories[k.slice(4)] = (flow.categories[k.slice(4)] ?? 0) + n;
    else if (k.startsWith('src_')) flow.referralSources[k.slice(4)] = (flow.referralSources[k.slice(4)] ?? 0) + n;
    else if (k.startsWith('risk_')) flow.risk[k.slice(5)] = (flow.risk[k.slice(5)] ?? 0) + n;
    else if (k.startsWith('svc_')) flow.services[k.slice(4)] = (flow.services[k.slice(4)] ?? 0) + n;
    else if (k.startsWith('followup_'))
      (flow.followUps as Record<string, number>)[k.slice(9)] =
        ((flow.followUps as Record<string, number>)[k.slice(9)] ?? 0) + n;
    else if (k.startsWith('home_')) {
      const home = homeDistrictLabel(k.slice(5));
      flow.homeDistricts[home] = (flow.homeDistricts[home] ?? 0) + n;
    } else if (k === 'esc_opened') flow.escalations.opened += n;
    else if (k.startsWith('esc_reason_'))
      flow.escalations.byReason[k.slice(11)] = (flow.escalations.byReason[k.slice(11)] ?? 0) + n;
    else if (k.startsWith('pref_')) {
      const [status, ...kind] = k.slice(5).split('_');
      const byKind = flow.partnerReferrals[status] ?? {};
      byKind[kind.join('_')] = (byKind[kind.join('_')] ?? 0) + n;
      flow.partnerReferrals[status] = byKind;
    } else if (k.startsWith('esc_'))
      (flow.escalations as unknown as Record<string, number>)[k.slice(4)] =
        ((flow.escalations as unknown as Record<string, number>)[k.slice(4)] ?? 0) + n;
  }
}

export const AGE_BUCKETS = [
  { label: '0-7', max: 7 },
  { label: '8-30', max: 30 },
  { label: '31-90', max: 90 },
  { label: '91-180', max: 180 },
  { label: '>180', max: Infinity },
] as const;

/** The label of the age bucket a number of days falls in (the last bucket has no upper bound). */
export const ageBucket = (days: number): string =>
  (AGE_BUCKETS.find((b) => days <= b.max) ?? AGE_BUCKETS[AGE_BUCKETS.length - 1]).label;

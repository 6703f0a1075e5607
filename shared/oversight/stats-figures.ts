// Every figure of the oversight page for every area at once (the state, each district, each centre), and
// the additive lines between them, so that the small-cell pattern is decided once for all the views a
// caller could ask for: the state's rows, `?district=`, `?centreId=`, and the reports built from them.
import { CATEGORIES, REFERRAL_SOURCES, RISK_LEVELS, SERVICES } from '../core/vocabulary.ts';
import { type Cell, SmallCells } from './small-cells.ts';
import { AGE_BUCKETS, type Flow, zeroFlow } from './stats-flow.ts';

/** What one centre counted: its flows of the year and of each month, and what is open or due now. */
export interface CentreFigures {
  centreId: string;
  district: string;
  flow: Flow;
  months: Map<string, Flow>;
  ages: Record<string, number>;
  due: number;
}

export const FOLLOW_UP_OUTCOMES = ['SAFE', 'AT_RISK', 'UNREACHABLE', 'MISSED'] as const;
const OVER_30 = ['31-90', '91-180', '>180'];

/** An area's id: the state, a district, a centre. */
export const STATE = 'S';
export const districtArea = (d: string) => `D:${d}`;
export const centreArea = (c: string) => `C:${c}`;

/** The figures of one centre by key: the same keys for every area, so areas add up key by key. */
function keyed(c: CentreFigures, months: readonly string[]): Record<string, number> {
  const f = c.flow;
  const out: Record<string, number> = {
    registered: f.registered,
    resolved: f.resolved,
    referred: f.referred,
    withdrawn: f.withdrawn,
    reopened: f.reopened,
    closed: f.closed,
    transferredIn: f.transferredIn,
    transferredOut: f.transferredOut,
    'esc:opened': f.escalations.opened,
    'esc:ACKNOWLEDGED': f.escalations.ACKNOWLEDGED,
    'esc:UNACKNOWLEDGED': f.escalations.UNACKNOWLEDGED,
    'esc:FAILED': f.escalations.FAILED,
    open: Object.values(c.ages).reduce((a, b) => a + b, 0),
    over30: OVER_30.reduce((n, b) => n + (c.ages[b] ?? 0), 0),
    due: c.due,
  };
  for (const k of CATEGORIES) out[`cat:${k}`] = f.categories[k] ?? 0;
  for (const k of REFERRAL_SOURCES) out[`src:${k}`] = f.referralSources[k] ?? 0;
  for (const k of RISK_LEVELS) out[`risk:${k}`] = f.risk[k] ?? 0;
  for (const k of SERVICES) out[`svc:${k}`] = f.services[k] ?? 0;
  for (const k of FOLLOW_UP_OUTCOMES) out[`fu:${k}`] = f.followUps[k] ?? 0;
  for (const [status, byKind] of Object.entries(f.partnerReferrals)) {
    for (const [kind, n] of Object.entries(byKind)) out[`pref:${status}:${kind}`] = n;
  }
  for (const [home, n] of Object.entries(f.homeDistricts)) if (n !== 0) out[`home:${home}`] = n;
  for (const b of AGE_BUCKETS) out[`age:${b.label}`] = c.ages[b.label] ?? 0;
  for (const m of months) {
    out[`m:registered:${m}`] = c.months.get(m)?.registered ?? 0;
    out[`m:resolved:${m}`] = c.months.get(m)?.resolved ?? 0;
  }
  return out;
}

const sumInto = (into: Record<string, number>, add: Record<string, number>) => {
  for (const [k, v] of Object.entries(add)) into[k] = (into[k] ?? 0) + v;
};

export interface AreaFigures {
  /** What is published for a figure of an area. */
  cell(area: string, key: string): Cell;
  /** The figures' raw values (reports reuse an area's figure with the decision made here). */
  value(area: string, key: string): number;
  /** The districts with figures (every district of the state when they were given). */
  districts: string[];
  /** The names after `prefix:` of the figures counted anywhere (e.g. the home districts). */
  keysOf(prefix: string): string[];
  /** The onward-referral statuses and partner kinds counted anywhere (the same for every area). */
  partnerReferralKinds(area: string): Array<[string, string[]]>;
}

/**
 * The figures of every area from its centres. `exactState`: the state-level figures are the caller's own
 * (the state), exact; every figure below is protected (small cells and their complements). `exactAll`: the
 * caller sees only her own area (a district officer, a centre's staff), all of it exact.
 */
export function areaFigures(
  centres: readonly CentreFigures[],
  months: readonly string[],
  threshold: number,
  mode: 'exactState' | 'exactAll',
  /** Every district of the state: one with nothing counted is a row of zeros, and may be withheld too. */
  allDistricts: readonly string[] = [],
): AreaFigures {
  const values = new Map<string, Record<string, number>>();
  const add = (area: string, figures: Record<string, number>) => {
    const into = values.get(area) ?? {};
    values.set(area, into);
    sumInto(into, figures);
  };
  const byDistrict = new Map<string, string[]>();
  for (const c of centres) {
    const figures = keyed(c, months);
    add(STATE, figures);
    add(districtArea(c.district), figures);
    add(centreArea(c.centreId), figures);
    byDistrict.set(c.district, [...(byDistrict.get(c.district) ?? []), c.centreId]);
  }
  const empty = keyed(emptyCentre(), months);
  values.set(STATE, values.get(STATE) ?? { ...empty });
  for (const d of allDistricts) {
    if (!values.has(districtArea(d))) values.set(districtArea(d), { ...empty });
    if (!byDistrict.has(d)) byDistrict.set(d, []);
  }
  // Every key any centre counted (onward referrals by status and kind appear only where there are some).
  const keys = [...new Set([...Object.keys(empty), ...[...values.values()].flatMap((v) => Object.keys(v))])];

  const keysOf = (prefix: string) =>
    keys
      .filter((k) => k.startsWith(`${prefix}:`))
      .map((k) => k.slice(prefix.length + 1))
      .sort();
  const homes = keysOf('home');
  const cells = new SmallCells(threshold);
  const id = (area: string, key: string) => `${area}|${key}`;
  for (const [area, figures] of values) {
    for (const key of keys)
      cells.add(id(area, key), figures[key] ?? 0, { exact: mode === 'exactAll' || area === STATE });
  }
  if (mode === 'exactState') {
    for (const key of keys) {
      cells.line(
        id(STATE, key),
        [...byDistrict.keys()].map((d) => id(districtArea(d), key)),
      );
      for (const [d, ids] of byDistrict)
        cells.line(
          id(districtArea(d), key),
          ids.map((c) => id(centreArea(c), key)),
        );
    }
    for (const area of values.keys()) {
      const of = (ks: readonly string[]) => ks.map((k) => id(area, k));
      cells.line(id(area, 'registered'), of(months.map((m) => `m:registered:${m}`)));
      cells.line(id(area, 'resolved'), of(months.map((m) => `m:resolved:${m}`)));
      cells.line(id(area, 'registered'), of(REFERRAL_SOURCES.map((k) => `src:${k}`)));
      cells.line(id(area, 'registered'), of(RISK_LEVELS.map((k) => `risk:${k}`)));
      cells.line(id(area, 'registered'), of(homes.map((k) => `home:${k}`)));
      cells.line(id(area, 'open'), of(AGE_BUCKETS.map((b) => `age:${b.label}`)));
      cells.line(id(area, 'over30'), of(OVER_30.map((b) => `age:${b}`)));
    }
    cells.protect();
  }
  return {
    cell: (area, key) => cells.shown(id(area, key)),
    value: (area, key) => values.get(area)?.[key] ?? 0,
    districts: [...byDistrict.keys()].sort((a, b) => a.localeCompare(b)),
    keysOf,
    partnerReferralKinds: () => {
      const byStatus = new Map<string, Set<string>>();
      for (const key of keys) {
        const [prefix, status, kind] = key.split(':');
        if (prefix !== 'pref') continue;
        byStatus.set(status, (byStatus.get(status) ?? new Set()).add(kind));
      }
      return [...byStatus].map(([status, kinds]) => [status, [...kinds].sort()] as [string, string[]]);
    },
  };
}

function emptyCentre(): CentreFigures {
  return { centreId: '', district: '', flow: zeroFlow(), months: new Map(), ages: {}, due: 0 };
}

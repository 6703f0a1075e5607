// Small cells cannot be worked out by subtraction. Random centres in random districts, each with random
// cases; every view the state can ask for (the state, each district, each centre) is built as GET /stats
// builds it; then an attacker who knows how the figures add up (the state is the sum of its districts, a
// district of its centres, a year of its months, the registrations of their referral sources and of their
// risk levels, the open cases of their age buckets) subtracts what is shown from what is shown, again and
// again, and must never arrive at a hidden figure. The same views agree wherever they show the same figure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REFERRAL_SOURCES, RISK_LEVELS } from '#shared/core/vocabulary.ts';
import { SmallCells } from '#shared/oversight/small-cells.ts';
import { AGE_BUCKETS, type Cell, type StatsResult, statsOf, zeroFlow } from '#shared/oversight/stats.ts';
import { areaFigures, type CentreFigures, centreArea, districtArea } from '#shared/oversight/stats-figures.ts';

const FY = '2026-27';
const MONTHS = [
  '2026-04',
  '2026-05',
  '2026-06',
  '2026-07',
  '2026-08',
  '2026-09',
  '2026-10',
  '2026-11',
  '2026-12',
  '2027-01',
  '2027-02',
  '2027-03',
];
const SOURCES = ['SELF', 'POLICE', 'HELPLINE_181'] as const;
const RISKS = ['LOW', 'MEDIUM', 'HIGH'] as const;
const BUCKETS = AGE_BUCKETS.map((b) => b.label);

const caseArb = fc.record({
  month: fc.integer({ min: 0, max: 2 }),
  source: fc.constantFrom(...SOURCES),
  risk: fc.constantFrom(...RISKS),
  resolvedIn: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
  age: fc.constantFrom(...BUCKETS),
});
const centreArb = fc.array(caseArb, { maxLength: 9 });
const stateArb = fc.array(fc.array(centreArb, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 4 });

type Case = { month: number; source: string; risk: string; resolvedIn?: number; age: string };

function centresOf(state: Case[][][]): CentreFigures[] {
  return state.flatMap((centres, d) =>
    centres.map((cases, c) => {
      const flow = zeroFlow();
      const months = new Map(MONTHS.map((m) => [m, zeroFlow()]));
      const ages = Object.fromEntries(BUCKETS.map((b) => [b, 0]));
      for (const k of cases) {
        flow.registered++;
        flow.referralSources[k.source]++;
        flow.risk[k.risk]++;
        (months.get(MONTHS[k.month]) as ReturnType<typeof zeroFlow>).registered++;
        if (k.resolvedIn !== undefined) {
          flow.resolved++;
          (months.get(MONTHS[Math.max(k.month, k.resolvedIn)]) as ReturnType<typeof zeroFlow>).resolved++;
        } else ages[k.age]++;
      }
      return { centreId: `osc-d${d}-${c + 1}`, district: `D${d}`, flow, months, ages, due: 0 };
    }),
  );
}

/** What each view publishes, as (area, figure) → cell; the same figure in two views must agree. */
function published(views: Array<{ area: string; stats: StatsResult }>): Map<string, Cell> {
  const out = new Map<string, Cell>();
  const put = (area: string, key: string, v: Cell) => {
    const id = `${area}|${key}`;
    if (out.has(id)) expect(out.get(id), id).toEqual(v);
    out.set(id, v);
  };
  for (const { area, stats } of views) {
    put(area, 'registered', stats.registered);
    put(area, 'resolved', stats.resolved);
    for (const m of stats.byMonth) {
      put(area, `m:registered:${m.month}`, m.registered);
      put(area, `m:resolved:${m.month}`, m.resolved);
    }
    const totals = stats.totals as Record<string, Record<string, Cell>>;
    for (const s of REFERRAL_SOURCES) put(area, `src:${s}`, totals.referralSources[s]);
    for (const r of RISK_LEVELS) put(area, `risk:${r}`, totals.risk[r]);
    put(area, 'open', stats.openCases.total);
    for (const b of BUCKETS) put(area, `age:${b}`, stats.openCases.byAgeDays[b]);
    put(area, 'over30', stats.openCases.pendingOver30Days);
    if (!stats.scope.centreId) {
      for (const row of stats.byDistrict) {
        put(districtArea(row.district), 'registered', row.registered);
        put(districtArea(row.district), 'resolved', row.resolved);
        put(districtArea(row.district), 'open', row.openNow);
        put(districtArea(row.district), 'over30', row.pendingOver30Days);
      }
    }
    for (const row of stats.byCentre) {
      put(centreArea(row.centreId), 'registered', row.registered);
      put(centreArea(row.centreId), 'resolved', row.resolved);
      put(centreArea(row.centreId), 'open', row.openNow);
    }
  }
  return out;
}

/** How the figures add up, as an attacker knows: [total, parts]. */
function equations(centres: CentreFigures[], districts: string[]): Array<[string, string[]]> {
  const areas = ['S', ...districts.map(districtArea), ...centres.map((c) => centreArea(c.centreId))];
  const keys = [
    'registered',
    'resolved',
    'open',
    'over30',
    ...MONTHS.flatMap((m) => [`m:registered:${m}`, `m:resolved:${m}`]),
    ...REFERRAL_SOURCES.map((s) => `src:${s}`),
    ...RISK_LEVELS.map((r) => `risk:${r}`),
    ...BUCKETS.map((b) => `age:${b}`),
  ];
  const eq: Array<[string, string[]]> = [];
  for (const k of keys) {
    eq.push([`S|${k}`, districts.map((d) => `${districtArea(d)}|${k}`)]);
    eq.push([`S|${k}`, centres.map((c) => `${centreArea(c.centreId)}|${k}`)]);
    for (const d of districts) {
      const ids = centres.filter((c) => c.district === d).map((c) => `${centreArea(c.centreId)}|${k}`);
      eq.push([`${districtArea(d)}|${k}`, ids]);
    }
  }
  for (const a of areas) {
    eq.push([`${a}|registered`, MONTHS.map((m) => `${a}|m:registered:${m}`)]);
    eq.push([`${a}|resolved`, MONTHS.map((m) => `${a}|m:resolved:${m}`)]);
    eq.push([`${a}|registered`, REFERRAL_SOURCES.map((s) => `${a}|src:${s}`)]);
    eq.push([`${a}|registered`, RISK_LEVELS.map((r) => `${a}|risk:${r}`)]);
    eq.push([`${a}|open`, BUCKETS.map((b) => `${a}|age:${b}`)]);
    eq.push([`${a}|over30`, ['31-90', '91-180', '>180'].map((b) => `${a}|age:${b}`)]);
  }
  return eq;
}

/** Subtraction, repeated: every hidden figure the attacker can work out. */
function derivable(shown: Map<string, Cell>, eq: Array<[string, string[]]>): string[] {
  const known = new Map<string, number>();
  for (const [id, v] of shown) if (typeof v === 'number') known.set(id, v);
  const derived: string[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const [total, parts] of eq) {
      const ids = [total, ...parts];
      const unknown = ids.filter((id) => !known.has(id));
      if (unknown.length !== 1) continue;
      const [x] = unknown;
      const partsSum = parts.filter((p) => p !== x).reduce((n, p) => n + (known.get(p) as number), 0);
      known.set(x, x === total ? partsSum : (known.get(total) as number) - partsSum);
      if (shown.has(x)) derived.push(x);
      changed = true;
    }
  }
  return derived;
}

describe('small cells', () => {
  it('no hidden figure of any view can be worked out by subtraction, and the views agree', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const centres = centresOf(state);
        // The state's districts: those with centres here, and one where nothing was counted.
        const allDistricts = [...new Set(centres.map((c) => c.district)), 'DZ'];
        const figures = areaFigures(centres, MONTHS, 5, 'exactState', allDistricts);
        const data = { centres, escalations: [] };
        const view = (scope: { district?: string; centreId?: string }) =>
          statsOf(data, figures, FY, scope, '2026-12-01', 5);
        const views = [
          { area: 'S', stats: view({}) },
          ...[...new Set(centres.map((c) => c.district))].map((d) => ({
            area: districtArea(d),
            stats: view({ district: d }),
          })),
          ...centres.map((c) => ({ area: centreArea(c.centreId), stats: view({ centreId: c.centreId }) })),
        ];
        const shown = published(views);
        // Every small figure below the state is hidden; the state's own are exact.
        for (const [id, v] of shown) {
          if (id.startsWith('S|')) expect(typeof v, id).toBe('number');
          else expect(typeof v === 'number' && v > 0 && v < 5, id).toBe(false);
        }
        expect(derivable(shown, equations(centres, allDistricts))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('a table with one small part hides a second one, the smallest shown, and only then', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 30 }), { minLength: 2, maxLength: 12 }), (parts) => {
        const cells = new SmallCells(5);
        cells.add(
          'T',
          parts.reduce((a, b) => a + b, 0),
          { exact: true },
        );
        for (const [i, v] of parts.entries()) cells.add(`p${i}`, v);
        cells.line(
          'T',
          parts.map((_, i) => `p${i}`),
        );
        cells.protect();
        const hidden = parts.map((_, i) => cells.isHidden(`p${i}`));
        const small = parts.filter((v) => v > 0 && v < 5).length;
        expect(hidden.filter(Boolean).length).toBe(small === 1 ? 2 : small);
        parts.forEach((v, i) => {
          if (!hidden[i]) expect(cells.shown(`p${i}`)).toBe(v);
        });
      }),
    );
  });

  it('shows small figures as "<5" and their complements as "x"', () => {
    const cells = new SmallCells(5);
    cells.add('T', 60, { exact: true });
    cells.add('a', 3);
    cells.add('b', 50);
    cells.add('c', 7);
    cells.line('T', ['a', 'b', 'c']);
    cells.protect();
    expect(['a', 'b', 'c'].map((id) => cells.shown(id))).toEqual(['<5', 50, 'x']);
  });
});

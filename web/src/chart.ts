// Registered vs resolved per month of a financial year: plain SVG (no library, nothing fetched, no inline
// style), drawn from the same figures as the table beneath it. For assistive technology the picture is one
// image (role="img") named by its caption and described by a sentence that says what it shows; the figures
// themselves are in the table. Resolved bars are hatched as well as coloured, so the two series differ
// without colour. A suppressed month ("<5") is a dashed outline as tall as the largest value it could be.
import { h } from 'preact';
import { cellRank, formatCount, formatMonth } from './format.ts';
import { lang, t } from './i18n.ts';
import type { Cell } from './types.ts';
import type { El } from './ui.ts';

export interface MonthPoint {
  month: string;
  registered: Cell;
  resolved: Cell;
}

const W = 720;
const H = 280;
const M = { left: 56, right: 12, top: 16, bottom: 40 };

/** A round top for the axis and its step: 1, 2 or 5 times a power of ten, about four steps. */
export function niceScale(max: number): { top: number; step: number } {
  if (!(max > 0)) return { top: 4, step: 1 };
  const rough = max / 4;
  const pow = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((k) => k * pow).find((s) => s >= rough) ?? 10 * pow);
  return { top: Math.ceil(max / step) * step, step };
}

/** How tall a figure is drawn: a suppressed "<N" as N-1, the most it can be. */
const drawn = (v: Cell, threshold: number) => (typeof v === 'number' ? v : cellRank(v) >= 0 ? threshold - 1 : 0);
const suppressed = (v: Cell) => typeof v !== 'number' && cellRank(v) >= 0;

export function Swatch(p: { series: 'registered' | 'resolved' }): El {
  return h(
    'svg',
    { class: 'swatch', viewBox: '0 0 16 16', width: 16, height: 16, 'aria-hidden': 'true', focusable: 'false' },
    h('rect', { x: 0, y: 0, width: 16, height: 16, class: `bar bar--${p.series}` }),
    p.series === 'resolved'
      ? h('rect', { x: 0, y: 0, width: 16, height: 16, class: 'bar-hatch', fill: 'url(#chart-hatch)' })
      : null,
  );
}

/** A reported month's figures: a diamond over the registered bar, a circle over the resolved one. */
function reportedMarks(
  r: { registered: number; resolved: number } | undefined,
  left: number,
  barW: number,
  y: (v: number) => number,
  registeredLabel: string,
  resolvedLabel: string,
): El | null {
  if (!r) return null;
  const cx = left + barW / 2;
  const cy = y(r.registered);
  return h(
    'g',
    { class: 'reported-marks' },
    h(
      'polygon',
      { class: 'marker marker--reported', points: `${cx},${cy - 6} ${cx + 6},${cy} ${cx},${cy + 6} ${cx - 6},${cy}` },
      h('title', null, `${r.registered} ${registeredLabel}`),
    ),
    h(
      'circle',
      { class: 'marker marker--reported', cx: cx + barW + 3, cy: y(r.resolved), r: 5 },
      h('title', null, `${r.resolved} ${resolvedLabel}`),
    ),
  );
}

/** The legend's picture of a reported-month marker. */
function Marker({ kind }: { kind: 'registered' | 'resolved' }): El {
  return h(
    'svg',
    {
      class: 'swatch swatch--marker',
      viewBox: '0 0 16 16',
      width: 16,
      height: 16,
      'aria-hidden': 'true',
      focusable: 'false',
    },
    kind === 'registered'
      ? h('polygon', { class: 'marker marker--reported', points: '8,2 14,8 8,14 2,8' })
      : h('circle', { class: 'marker marker--reported', cx: 8, cy: 8, r: 5 }),
  );
}

export function MonthChart(p: {
  id: string;
  fy: string;
  months: readonly MonthPoint[];
  threshold: number;
  /** Totals as the API gives them, for the summary sentence. */
  registered: Cell;
  resolved: Cell;
  /** Months the state reported figures for (earlier years): markers beside the bars, never bars themselves. */
  reported?: ReadonlyArray<{ month: string; registered: number; resolved: number }>;
}): El {
  const m = t();
  const l = lang();
  const reported = new Map((p.reported ?? []).map((r) => [r.month, r]));
  const values = [
    ...p.months.flatMap((x) => [drawn(x.registered, p.threshold), drawn(x.resolved, p.threshold)]),
    ...[...reported.values()].flatMap((r) => [r.registered, r.resolved]),
  ];
  const { top, step } = niceScale(Math.max(0, ...values));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const y = (v: number) => M.top + plotH - (v / top) * plotH;
  const group = plotW / Math.max(1, p.months.length);
  const barW = Math.min(20, (group - 10) / 2);

  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);

  const numeric = p.months.filter((x) => typeof x.registered === 'number' && x.registered > 0);
  const peak = numeric.reduce<MonthPoint | undefined>(
    (best, x) => (!best || (x.registered as number) > (best.registered as number) ? x : best),
    undefined,
  );
  const anySuppressed = p.months.some((x) => suppressed(x.registered) || suppressed(x.resolved));
  const summary =
    m.chartSummary({
      months: p.months.length,
      registered: formatCount(p.registered, l),
      resolved: formatCount(p.resolved, l),
      peakMonth: peak ? formatMonth(peak.month, l) : undefined,
      peak: peak ? formatCount(peak.registered, l) : undefined,
    }) + (anySuppressed ? ` ${m.chartSuppressed(p.threshold)}` : '');

  const bar = (x: number, v: Cell, series: 'registered' | 'resolved', month: string) => {
    const hgt = y(0) - y(drawn(v, p.threshold));
    const what = series === 'registered' ? m.legendRegistered : m.legendResolved;
    const label = `${formatMonth(month, l)}: ${formatCount(v, l)} ${what}`;
    const attrs = { x, y: y(0) - hgt, width: barW, height: Math.max(0, hgt) };
    if (suppressed(v))
      return h('rect', { ...attrs, class: `bar bar--suppressed bar--${series}-suppressed` }, h('title', null, label));
    return h(
      'g',
      { class: `bar-group bar-group--${series}` },
      h('rect', { ...attrs, class: `bar bar--${series}` }, h('title', null, label)),
      series === 'resolved' && hgt > 0 ? h('rect', { ...attrs, class: 'bar-hatch', fill: 'url(#chart-hatch)' }) : null,
    );
  };

  const captionId = `${p.id}-caption`;
  const summaryId = `${p.id}-summary`;
  return h(
    'figure',
    { class: 'chart', id: p.id },
    h('figcaption', { id: captionId, class: 'chart-caption' }, m.chartTitle(p.fy)),
    h(
      'ul',
      { class: 'legend', 'aria-hidden': 'true' },
      h('li', null, h(Swatch, { series: 'registered' }), m.legendRegistered),
      h('li', null, h(Swatch, { series: 'resolved' }), m.legendResolved),
      reported.size ? h('li', null, h(Marker, { kind: 'registered' }), m.legendReportedMonth) : null,
      reported.size ? h('li', null, h(Marker, { kind: 'resolved' }), m.legendReportedMonthResolved) : null,
    ),
    h(
      'div',
      { class: 'chart-scroll' },
      h(
        'svg',
        {
          class: 'chart-svg',
          viewBox: `0 0 ${W} ${H}`,
          role: 'img',
          'aria-labelledby': captionId,
          'aria-describedby': summaryId,
          focusable: 'false',
          preserveAspectRatio: 'xMidYMid meet',
        },
        h(
          'defs',
          null,
          h(
            'pattern',
            { id: 'chart-hatch', patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)' },
            h('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'hatch-line' }),
          ),
        ),
        h(
          'g',
          { class: 'axis axis--y' },
          ticks.map((v) =>
            h(
              'g',
              { key: v },
              h('line', {
                x1: M.left,
                x2: W - M.right,
                y1: y(v),
                y2: y(v),
                class: v === 0 ? 'axis-line' : 'grid-line',
              }),
              h(
                'text',
                { x: M.left - 8, y: y(v), dy: '0.35em', 'text-anchor': 'end', class: 'tick' },
                formatCount(v, l),
              ),
            ),
          ),
        ),
        h(
          'g',
          { class: 'bars' },
          p.months.map((x, i) => {
            const gx = M.left + i * group;
            const left = gx + (group - 2 * barW - 3) / 2;
            return h(
              'g',
              { key: x.month, class: 'month', 'data-month': x.month },
              bar(left, x.registered, 'registered', x.month),
              bar(left + barW + 3, x.resolved, 'resolved', x.month),
              reportedMarks(reported.get(x.month), left, barW, y, m.legendReportedMonth, m.legendReportedMonthResolved),
              h(
                'text',
                { x: gx + group / 2, y: H - M.bottom + 18, 'text-anchor': 'middle', class: 'tick' },
                formatMonth(x.month, l, 'short'),
              ),
              // The year under April and January, where it changes within the financial year.
              i === 0 || x.month.endsWith('-01')
                ? h(
                    'text',
                    { x: gx + group / 2, y: H - M.bottom + 34, 'text-anchor': 'middle', class: 'tick tick--year' },
                    x.month.slice(0, 4),
                  )
                : null,
            );
          }),
        ),
      ),
    ),
    h('p', { id: summaryId, class: 'chart-summary' }, summary),
  );
}

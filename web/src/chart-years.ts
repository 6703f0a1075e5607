// Registered and resolved by financial year: what was counted here beside what the state reported, as plain
// SVG like the monthly chart (no library, no inline style). Counted figures are solid bars, reported ones
// outlined bars, and resolved ones hatched in both, so the four series differ without colour; the legend says
// which are "reported". One role="img" named by its caption and described by a sentence; the figures are in
// the table under it.
import { h } from 'preact';
import { niceScale } from './chart.ts';
import { formatCount } from './format.ts';
import { lang, t } from './i18n.ts';
import type { El } from './ui.ts';

export interface YearPoint {
  fy: string;
  /** A district's or centre's figure shown to the state may be protected ("<5", "x"): not drawn, listed. */
  live: { registered: number | string; resolved: number | string };
  reported?: { registered: number; resolved: number; upToMonth?: string };
}

type Series = 'liveRegistered' | 'liveResolved' | 'reportedRegistered' | 'reportedResolved';

const W = 720;
const H = 260;
const M = { left: 64, right: 12, top: 16, bottom: 36 };
const CLASS: Record<Series, string> = {
  liveRegistered: 'bar bar--registered',
  liveResolved: 'bar bar--resolved',
  reportedRegistered: 'bar bar--reported-registered',
  reportedResolved: 'bar bar--reported-resolved',
};
const HATCHED: Record<Series, string | undefined> = {
  liveRegistered: undefined,
  liveResolved: 'url(#years-hatch)',
  reportedRegistered: undefined,
  reportedResolved: 'url(#years-hatch-dark)',
};

function YearSwatch({ series }: { series: Series }): El {
  const hatch = HATCHED[series];
  return h(
    'svg',
    { class: 'swatch', viewBox: '0 0 16 16', width: 16, height: 16, 'aria-hidden': 'true', focusable: 'false' },
    h('rect', { x: 1, y: 1, width: 14, height: 14, class: CLASS[series] }),
    hatch ? h('rect', { x: 1, y: 1, width: 14, height: 14, class: 'bar-hatch', fill: hatch }) : null,
  );
}

export function YearChart({ id, years }: { id: string; years: readonly YearPoint[] }): El {
  const m = t();
  const l = lang();
  const label: Record<Series, string> = {
    liveRegistered: m.legendLiveRegistered,
    liveResolved: m.legendLiveResolved,
    reportedRegistered: m.legendReportedRegistered,
    reportedResolved: m.legendReportedResolved,
  };
  const drawn = (v: number | string | undefined) => (typeof v === 'number' ? v : undefined);
  const figureOf = (y: YearPoint, s: Series): number | undefined =>
    s === 'liveRegistered'
      ? drawn(y.live.registered)
      : s === 'liveResolved'
        ? drawn(y.live.resolved)
        : s === 'reportedRegistered'
          ? y.reported?.registered
          : y.reported?.resolved;
  const series: Series[] = ['liveRegistered', 'liveResolved', 'reportedRegistered', 'reportedResolved'];
  const { top, step } = niceScale(Math.max(0, ...years.flatMap((y) => series.map((s) => figureOf(y, s) ?? 0))));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const y = (v: number) => M.top + plotH - (v / top) * plotH;
  const group = plotW / Math.max(1, years.length);
  const barW = Math.min(26, (group - 16) / 4);
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  const lastReported = [...years].reverse().find((x) => x.reported)?.fy;
  const captionId = `${id}-caption`;
  const summaryId = `${id}-summary`;

  return h(
    'figure',
    { class: 'chart', id },
    h('figcaption', { id: captionId, class: 'chart-caption' }, m.yearsChartTitle),
    h(
      'ul',
      { class: 'legend', 'aria-hidden': 'true' },
      series.map((s) => h('li', { key: s, 'data-series': s }, h(YearSwatch, { series: s }), label[s])),
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
        },
        h(
          'defs',
          null,
          h(
            'pattern',
            { id: 'years-hatch', patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)' },
            h('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'hatch-line' }),
          ),
          h(
            'pattern',
            {
              id: 'years-hatch-dark',
              patternUnits: 'userSpaceOnUse',
              width: 6,
              height: 6,
              patternTransform: 'rotate(45)',
            },
            h('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'hatch-line--dark' }),
          ),
        ),
        h(
          'g',
          { class: 'axis axis--y' },
          ticks.map((v) =>
            h(
              'g',
              { key: v },
              h('line', { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v), class: v ? 'grid-line' : 'axis-line' }),
              h(
                'text',
                { x: M.left - 8, y: y(v), dy: '0.35em', 'text-anchor': 'end', class: 'tick' },
                formatCount(v, l),
              ),
            ),
          ),
        ),
        years.map((yr, i) => {
          const left = M.left + i * group + (group - 4 * barW - 9) / 2;
          return h(
            'g',
            { key: yr.fy, class: 'year', 'data-fy': yr.fy },
            series.map((s, j) => {
              const v = figureOf(yr, s);
              if (v === undefined) return null;
              const attrs = { x: left + j * (barW + 3), y: y(v), width: barW, height: Math.max(0, y(0) - y(v)) };
              const hatch = HATCHED[s];
              return h(
                'g',
                { key: s, class: `bar-group bar-group--${s}` },
                h(
                  'rect',
                  { ...attrs, class: CLASS[s] },
                  h('title', null, `FY ${yr.fy}: ${formatCount(v, l)} ${label[s]}`),
                ),
                hatch && attrs.height > 0 ? h('rect', { ...attrs, class: 'bar-hatch', fill: hatch }) : null,
              );
            }),
            h(
              'text',
              { x: M.left + i * group + group / 2, y: H - M.bottom + 20, 'text-anchor': 'middle', class: 'tick' },
              yr.fy,
            ),
          );
        }),
      ),
    ),
    h(
      'p',
      { id: summaryId, class: 'chart-summary' },
      `${m.yearsSummary(years.length, lastReported)} ${m.reportedNote}`,
    ),
  );
}

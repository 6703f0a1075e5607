// The oversight page: the figures of a financial year in the caller's scope (the API narrows it: a district
// officer sees her district, centre roles their centre, the state everything), as the District Operation
// Committees and the state corporation read them. Nothing here is personal: counts, districts, centres and the
// case numbers of open escalations. Small cells arrive from the API as "<5" and stay that way on screen and
// in every CSV. The page is the filter (filters.ts), a sentence of totals, and panels of figures.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { statsQuerySchema } from '../../../../shared/schemas.ts';
import { apiGet, loadCentres } from '../../api.ts';
import type { Session } from '../../auth.ts';
import { check, type Problems } from '../../field-errors.ts';
import { formatCalendarDate, formatCount, formatMonth } from '../../format.ts';
import { lang, t } from '../../i18n.ts';
import { queryString, useRequest } from '../../request.ts';
import { fileSlug } from '../../table.ts';
import type { Centre, StatsResult } from '../../types.ts';
import { type El, Notice } from '../../ui.ts';
import { ChartPanel } from './chart-panel.ts';
import { CodesPanel, KeyFigures, ListsPanel } from './counts-panel.ts';
import { currentFy, FILTER_FIELDS, type Filter, FilterForm } from './filters.ts';
import { scopeText } from './oversight-data.ts';
import { PlacesPanel } from './places-panel.ts';
import { YearsPanel } from './years-panel.ts';

/** The last filter, so coming back shows the same figures. No personal data. */
let lastFilter: Filter | undefined;
export function forgetOversightFilter(): void {
  lastFilter = undefined;
}

function Figures({ stats, centres }: { stats: StatsResult; centres: Centre[] }): El {
  const scopeSlug = stats.scope.centreId ?? stats.scope.district ?? 'state';
  const csv = (what: string) => fileSlug('sakhi-osc', what, `fy${stats.fy}`, scopeSlug);
  const panel = { stats, centres, csv };
  return h(
    'div',
    { class: 'figures-page' },
    h(KeyFigures, { stats }),
    h(ChartPanel, panel),
    h(YearsPanel, panel),
    h(PlacesPanel, panel),
    h(ListsPanel, panel),
    h(CodesPanel, panel),
  );
}

/** The year's figure as the state reported it, beside (never in) the totals counted here. */
function ReportedTotals({ r }: { r: NonNullable<NonNullable<StatsResult['reported']>['thisYear']> }): El {
  const m = t();
  const l = lang();
  return h(
    'p',
    { class: 'fy-reported', id: 'fy-reported' },
    m.reportedTotals(r.fy, formatCount(r.registered, l), formatCount(r.resolved, l)),
    r.upToMonth ? ` ${m.reportedUpTo(formatMonth(r.upToMonth, l))}` : '',
    r.summedFrom ? ` ${m.reportedSummedFrom[r.summedFrom]}` : '',
  );
}

export function Oversight({ session }: { session: Session }): El {
  const m = t();
  const l = lang();
  const role = session.principal.role;
  const [filter, setFilter] = useState<Filter>(() => lastFilter ?? { fy: currentFy(), district: '', centreId: '' });
  const [stats, setStats] = useState<StatsResult | undefined>();
  // The centres' names: undefined until they arrive. The figures wait for them, so that no table or sentence
  // ever shows a centre's raw id in place of its name (if they fail, the figures stand without names).
  const [centres, setCentres] = useState<Centre[] | undefined>();
  const [problems, setProblems] = useState<Problems>({});
  const request = useRequest();

  const load = (f: Filter) => {
    const query = { fy: f.fy, district: f.district || undefined, centreId: f.centreId || undefined };
    const checked = check(statsQuerySchema, query, FILTER_FIELDS);
    if (!checked.ok) return setProblems(checked.problems);
    setProblems({});
    return request.run(async () => {
      setStats(await apiGet<StatsResult>(`/stats${queryString(checked.data)}`));
      lastFilter = f;
    });
  };

  useEffect(() => {
    void load(filter);
    loadCentres().then(setCentres, () => setCentres([]));
  }, []);

  return h(
    'section',
    { class: 'screen oversight' },
    h('h1', { id: 'page-title', tabIndex: -1 }, m.oversightTitle),
    h('p', { class: 'lead' }, m.oversightIntro),
    h(FilterForm, {
      filter,
      onFilter: setFilter,
      onSubmit: () => void load(filter),
      ownDistrict: session.principal.district,
      isState: role === 'state-admin',
      role,
      centres: centres ?? [],
      problems,
      busy: request.busy,
    }),
    h(Notice, { kind: 'error', id: 'oversight-error' }, request.error ? request.error(m) : null),
    h(
      'div',
      { class: 'live', 'aria-live': 'polite', id: 'oversight-status' },
      stats && centres
        ? h(
            'div',
            { class: 'headline' },
            h(
              'p',
              { class: 'fy-totals', id: 'fy-totals' },
              m.fyTotals(stats.fy, formatCount(stats.registered, l), formatCount(stats.resolved, l)),
            ),
            stats.reported?.thisYear ? h(ReportedTotals, { r: stats.reported.thisYear }) : null,
            h(
              'p',
              { class: 'muted', id: 'fy-scope' },
              m.asOf(formatCalendarDate(stats.asOf), scopeText(m, stats, centres)),
              ' ',
              m.smallCellNote(stats.smallCellThreshold),
            ),
          )
        : request.busy || (stats && !centres)
          ? h('p', { class: 'muted' }, m.loadingFigures)
          : null,
    ),
    stats && centres
      ? h(Figures, { key: `${stats.fy}|${stats.scope.district ?? ''}|${stats.scope.centreId ?? ''}`, stats, centres })
      : null,
  );
}

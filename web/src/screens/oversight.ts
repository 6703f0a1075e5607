// The oversight page: the figures of a financial year in the caller's scope (the API narrows it: a district
// officer sees her district, centre roles their centre, the state everything), as the District Operation
// Committees and the state corporation read them. Nothing here is personal: counts, districts, centres and the
// case numbers of open escalations. Small cells arrive from the API as "<5" and stay that way on screen and
// in every CSV.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { financialYear } from '../../../shared/core/time.ts';
import { DISTRICTS } from '../../../shared/network/geography.ts';
import { CATEGORIES, REFERRAL_SOURCES, RISK_LEVELS, SERVICES, statsQuerySchema } from '../../../shared/schemas.ts';
import { apiGet, loadCentres } from '../api.ts';
import type { Session } from '../auth.ts';
import { MonthChart } from '../chart.ts';
import { check, type Problems } from '../field-errors.ts';
import { formatCalendarDate, formatCount, formatDateTime, formatMonth } from '../format.ts';
import { labelOf, lang, type Messages, t } from '../i18n.ts';
import { isCentreRole } from '../permissions.ts';
import { type Msg, problemMsg } from '../problems.ts';
import { type Column, DataTable, FigureList, fileSlug } from '../table.ts';
import type { Cell, Centre, StatsResult } from '../types.ts';
import { Button, type El, Notice, SelectField } from '../ui.ts';

type Filter = { fy: string; district: string; centreId: string };

/** The current financial year in Indian time, whatever the computer's own zone. */
export const currentFy = () => financialYear(new Date());

/** This year and the four before it. */
export function fyOptions(now = currentFy()): string[] {
  const start = Number(now.slice(0, 4));
  return Array.from({ length: 5 }, (_, i) => `${start - i}-${String((start - i + 1) % 100).padStart(2, '0')}`);
}

/** The last filter, so coming back shows the same figures. No personal data. */
let lastFilter: Filter | undefined;
export function forgetOversightFilter(): void {
  lastFilter = undefined;
}

type DistrictRow = StatsResult['byDistrict'][number];
type CentreRow = StatsResult['byCentre'][number] & { name: string };
type Escalation = StatsResult['escalations']['openNow'][number];
type Pair = [string, Cell | undefined];

/** Districts and operating centres with nothing counted this year are rows of zeros, not missing rows. */
function districtRows(stats: StatsResult): DistrictRow[] {
  if (stats.scope.district || stats.scope.centreId) return stats.byDistrict;
  const have = new Set(stats.byDistrict.map((d) => d.district));
  const zeros = DISTRICTS.filter((d) => !have.has(d.name)).map((d) => ({
    district: d.name,
    registered: 0,
    resolved: 0,
    openNow: 0,
    pendingOver30Days: 0,
    followUpsMissed: 0,
    escalationsUnacknowledged: 0,
  }));
  return [...stats.byDistrict, ...zeros].sort((a, b) => a.district.localeCompare(b.district));
}

function centreRows(stats: StatsResult, centres: Centre[]): CentreRow[] {
  const name = (id: string) => centres.find((c) => c.centreId === id)?.name ?? id;
  const rows: CentreRow[] = stats.byCentre.map((c) => ({ ...c, name: name(c.centreId) }));
  const have = new Set(rows.map((r) => r.centreId));
  for (const c of centres) {
    if (have.has(c.centreId) || c.status !== 'OPERATIONAL') continue;
    if (
      stats.scope.centreId
        ? c.centreId !== stats.scope.centreId
        : stats.scope.district && c.district !== stats.scope.district
    )
      continue;
    rows.push({
      centreId: c.centreId,
      district: c.district,
      name: c.name,
      registered: 0,
      resolved: 0,
      openNow: 0,
      followUpsMissed: 0,
      escalationsUnacknowledged: 0,
    });
  }
  return rows;
}

const n = <R>(key: string, label: string, pick: (r: R) => Cell | undefined): Column<R> => ({
  key,
  label,
  value: pick,
  numeric: true,
});

function KeyFigures({ stats }: { stats: StatsResult }): El {
  const m = t();
  const l = lang();
  const items: Array<[string, string, Cell]> = [
    ['open', m.keyOpenNow, stats.openCases.total],
    ['over30', m.keyPending30, stats.openCases.pendingOver30Days],
    ['due', m.keyFollowUpsDue, stats.followUps.dueNow],
    ['missed', m.keyFollowUpsMissed, stats.followUps.missedThisYear],
    ['escalations', m.keyEscalationsOpen, stats.escalations.openNow.length],
    ['shelter', m.keyShelter, stats.shelter.admissions],
  ];
  return h(
    'dl',
    { class: 'key-figures', id: 'key-figures' },
    items.map(([k, label, v]) =>
      h('div', { key: k, class: 'key-figure' }, h('dt', null, label), h('dd', { 'data-key': k }, formatCount(v, l))),
    ),
  );
}

function scopeText(m: Messages, stats: StatsResult, centres: Centre[]): string {
  if (stats.scope.centreId)
    return m.scopeCentre(centres.find((c) => c.centreId === stats.scope.centreId)?.name ?? stats.scope.centreId);
  if (stats.scope.district) return m.scopeDistrict(stats.scope.district);
  return m.scopeState;
}

function Figures({ stats, centres }: { stats: StatsResult; centres: Centre[] }): El {
  const m = t();
  const l = lang();
  const scopeSlug = stats.scope.centreId ?? stats.scope.district ?? 'state';
  const csv = (what: string) => fileSlug('sakhi-osc', what, `fy${stats.fy}`, scopeSlug);
  const labelled = (codes: readonly string[], labels: Record<string, string>, counts: unknown): Pair[] => {
    const c = (counts ?? {}) as Record<string, Cell>;
    return codes.map((code) => [labels[code] ?? code, c[code] ?? 0] as Pair);
  };
  const totals = stats.totals as Record<string, unknown>;
  const countTable = (id: string, caption: string, rows: Pair[], colLabel: string) => [
    h('h2', { key: 'h', id: `${id}-title` }, caption),
    h(DataTable<Pair>, {
      key: 't',
      id,
      caption,
      captionHidden: true,
      rows,
      rowKey: (r) => r[0],
      initialSort: { key: 'count', dir: 'descending' },
      csvName: csv(id),
      columns: [
        { key: 'label', label: colLabel, value: (r) => r[0], rowHeader: true },
        { key: 'count', label: m.colCount, value: (r) => r[1], numeric: true },
      ],
    }),
  ];

  const showDistricts = !stats.scope.district && !stats.scope.centreId;
  const showCentres = !stats.scope.centreId;
  const byCentre = centreRows(stats, centres);
  const centreTable = h(DataTable<CentreRow>, {
    id: 'by-centre',
    caption: `${m.byCentreTitle}, ${m.fyOption(stats.fy, false)}`,
    captionHidden: true,
    rows: byCentre,
    rowKey: (r) => r.centreId,
    initialSort: { key: 'district', dir: 'ascending' },
    csvName: csv('by-centre'),
    columns: [
      { key: 'centre', label: m.colCentre, value: (r) => r.name, rowHeader: true },
      { key: 'district', label: m.colDistrict, value: (r) => r.district },
      n<CentreRow>('registered', m.colRegistered, (r) => r.registered),
      n<CentreRow>('resolved', m.colResolved, (r) => r.resolved),
      n<CentreRow>('openNow', m.colOpenNow, (r) => r.openNow),
      n<CentreRow>('followUpsMissed', m.colFollowUpsMissed, (r) => r.followUpsMissed),
      n<CentreRow>('escalationsUnacknowledged', m.colEscalationsUnack, (r) => r.escalationsUnacknowledged),
    ],
  });

  return h(
    'div',
    { class: 'figures-page' },
    h(KeyFigures, { stats }),
    h(
      'section',
      { class: 'block', 'aria-labelledby': 'by-month-title' },
      h('h2', { id: 'by-month-title' }, m.byMonthTitle),
      h(MonthChart, {
        id: 'month-chart',
        fy: stats.fy,
        months: stats.byMonth,
        threshold: stats.smallCellThreshold,
        registered: stats.registered,
        resolved: stats.resolved,
      }),
      h(
        'details',
        { class: 'chart-table' },
        h('summary', null, m.chartAsTable),
        h(DataTable<StatsResult['byMonth'][number]>, {
          id: 'by-month',
          caption: m.chartTitle(stats.fy),
          sortable: false,
          rows: stats.byMonth,
          rowKey: (r) => r.month,
          csvName: csv('by-month'),
          columns: [
            { key: 'month', label: m.colMonth, value: (r) => formatMonth(r.month, l), rowHeader: true },
            n<StatsResult['byMonth'][number]>('registered', m.colRegistered, (r) => r.registered),
            n<StatsResult['byMonth'][number]>('resolved', m.colResolved, (r) => r.resolved),
          ],
        }),
      ),
    ),
    showDistricts
      ? h(
          'section',
          { class: 'block', 'aria-labelledby': 'by-district-title' },
          h('h2', { id: 'by-district-title' }, m.byDistrictTitle),
          h(DataTable<DistrictRow>, {
            id: 'by-district',
            caption: `${m.byDistrictTitle}, ${m.fyOption(stats.fy, false)}`,
            captionHidden: true,
            rows: districtRows(stats),
            rowKey: (r) => r.district,
            initialSort: { key: 'district', dir: 'ascending' },
            csvName: csv('by-district'),
            columns: [
              { key: 'district', label: m.colDistrict, value: (r) => r.district, rowHeader: true },
              n<DistrictRow>('registered', m.colRegistered, (r) => r.registered),
              n<DistrictRow>('resolved', m.colResolved, (r) => r.resolved),
              n<DistrictRow>('openNow', m.colOpenNow, (r) => r.openNow),
              n<DistrictRow>('pendingOver30Days', m.colPending30, (r) => r.pendingOver30Days),
              n<DistrictRow>('followUpsMissed', m.colFollowUpsMissed, (r) => r.followUpsMissed),
              n<DistrictRow>('escalationsUnacknowledged', m.colEscalationsUnack, (r) => r.escalationsUnacknowledged),
            ],
          }),
        )
      : null,
    showCentres
      ? h(
          'section',
          { class: 'block', 'aria-labelledby': 'by-centre-title' },
          h('h2', { id: 'by-centre-title' }, m.byCentreTitle),
          // For the whole state (some forty centres) the table opens on request, so the page stays readable.
          showDistricts
            ? h(
                'details',
                { class: 'more', id: 'by-centre-more' },
                h('summary', null, m.showAllCentres(byCentre.length)),
                centreTable,
              )
            : centreTable,
        )
      : null,
    h(
      'section',
      { class: 'block', 'aria-labelledby': 'open-escalations-title' },
      h('h2', { id: 'open-escalations-title' }, m.openEscalationsTitle),
      h(DataTable<Escalation>, {
        id: 'open-escalations',
        caption: m.openEscalationsTitle,
        captionHidden: true,
        rows: stats.escalations.openNow,
        rowKey: (r) => `${r.caseNumber}#${r.requestedAt}`,
        initialSort: { key: 'requestedAt', dir: 'ascending' },
        csvName: csv('open-escalations'),
        empty: m.noOpenEscalations,
        columns: [
          { key: 'caseNumber', label: m.colCaseNumber, value: (r) => r.caseNumber, rowHeader: true },
          { key: 'district', label: m.colDistrict, value: (r) => r.district },
          {
            key: 'level',
            label: m.colLevel,
            value: (r) =>
              r.level > 0
                ? labelOf(m.escalationLevelLabels as Record<string, string>, String(r.level))
                : m.levelStarting,
          },
          { key: 'reason', label: m.colReason, value: (r) => labelOf(m.escalationReasonLabels, r.reason) },
          // ISO times sort as text; the cell shows them in Indian time.
          {
            key: 'requestedAt',
            label: m.colRequested,
            value: (r) => formatDateTime(r.requestedAt),
            render: (r) => formatDateTime(r.requestedAt),
          },
        ],
      }),
    ),
    h(
      'div',
      { class: 'grid-2' },
      h(
        'section',
        { class: 'block', 'aria-labelledby': 'open-cases-title' },
        h('h2', { id: 'open-cases-title' }, m.openCasesTitle),
        h(FigureList, {
          id: 'open-cases',
          caption: m.openCasesTitle,
          captionHidden: true,
          csvName: csv('open-cases'),
          items: [
            ...Object.entries(stats.openCases.byAgeDays).map(([k, v]) => [m.ageLabels[k] ?? k, v] as Pair),
            [m.openTotal, stats.openCases.total],
            [m.keyPending30, stats.openCases.pendingOver30Days],
          ],
        }),
      ),
      h(
        'section',
        { class: 'block', 'aria-labelledby': 'follow-ups-title' },
        h('h2', { id: 'follow-ups-title' }, m.followUpsTitle),
        h(FigureList, {
          id: 'follow-ups',
          caption: m.followUpsTitle,
          captionHidden: true,
          csvName: csv('follow-ups'),
          items: [
            [m.fuDueNow, stats.followUps.dueNow],
            [m.fuMissedYear, stats.followUps.missedThisYear],
            ...['SAFE', 'AT_RISK', 'UNREACHABLE'].map(
              (k) => [m.fuOutcomeLabels[k], stats.followUps.outcomes[k]] as Pair,
            ),
          ],
        }),
      ),
      h(
        'section',
        { class: 'block', 'aria-labelledby': 'escalation-counts-title' },
        h('h2', { id: 'escalation-counts-title' }, m.escalationCountsTitle),
        h(FigureList, {
          id: 'escalation-counts',
          caption: m.escalationCountsTitle,
          captionHidden: true,
          csvName: csv('escalations'),
          items: [
            [m.keyEscalationsOpen, stats.escalations.openNow.length],
            [m.escOpened, stats.escalations.opened],
            [m.escAcknowledged, stats.escalations.acknowledged],
            [m.escUnacknowledged, stats.escalations.unacknowledged],
            [m.escFailed, stats.escalations.failed],
          ],
        }),
      ),
      h(
        'section',
        { class: 'block', 'aria-labelledby': 'flow-title' },
        h('h2', { id: 'flow-title' }, m.flowTitle),
        h(FigureList, {
          id: 'flow',
          caption: m.flowTitle,
          captionHidden: true,
          csvName: csv('cases'),
          items: [
            [m.colRegistered, stats.registered],
            [m.colResolved, stats.resolved],
            [m.flowReferred, totals.referred as Cell],
            [m.flowWithdrawn, totals.withdrawn as Cell],
            [m.flowReopened, totals.reopened as Cell],
            [m.flowClosed, totals.closed as Cell],
            [m.shelterAdmissions, stats.shelter.admissions],
          ],
        }),
      ),
    ),
    h(
      'div',
      { class: 'grid-2' },
      h(
        'section',
        { class: 'block', 'aria-labelledby': 'categories-title' },
        countTable(
          'categories',
          m.categoriesTitle,
          labelled(CATEGORIES, m.categoryLabels, totals.categories),
          m.categoriesTitle,
        ),
      ),
      h(
        'section',
        { class: 'block', 'aria-labelledby': 'referral-sources-title' },
        countTable(
          'referral-sources',
          m.referralSourcesTitle,
          labelled(REFERRAL_SOURCES, m.referralLabels, totals.referralSources),
          m.referralSourcesTitle,
        ),
      ),
      h(
        'section',
        { class: 'block', 'aria-labelledby': 'services-title' },
        countTable('services', m.servicesTitle, labelled(SERVICES, m.serviceLabels, totals.services), m.servicesTitle),
      ),
      h(
        'section',
        { class: 'block', 'aria-labelledby': 'risk-title' },
        countTable('risk', m.riskTitle, labelled(RISK_LEVELS, m.riskLabels, totals.risk), m.riskTitle),
      ),
    ),
  );
}

const FIELDS = ['fy', 'district', 'centreId'] as const;

export function Oversight({ session }: { session: Session }): El {
  const m = t();
  const l = lang();
  const role = session.principal.role;
  const [filter, setFilter] = useState<Filter>(() => lastFilter ?? { fy: currentFy(), district: '', centreId: '' });
  const [stats, setStats] = useState<StatsResult | undefined>();
  const [centres, setCentres] = useState<Centre[]>([]);
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<Msg | undefined>();
  const [busy, setBusy] = useState(false);

  const load = async (f: Filter) => {
    const query = { fy: f.fy, district: f.district || undefined, centreId: f.centreId || undefined };
    const checked = check(statsQuerySchema, query, FIELDS);
    if (!checked.ok) return setProblems(checked.problems);
    setProblems({});
    setError(undefined);
    setBusy(true);
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(checked.data)) if (v) q.set(k, String(v));
    try {
      setStats(await apiGet<StatsResult>(`/stats?${q}`));
      lastFilter = f;
    } catch (err) {
      setError(() => problemMsg(err));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    void load(filter);
    loadCentres().then(setCentres, () => undefined); // names only; the figures stand without them
  }, []);

  const submit = (e: Event) => {
    e.preventDefault();
    void load(filter);
  };

  const isState = role === 'state-admin';
  const pickCentre = !isCentreRole(role);
  const district = isState ? filter.district : (session.principal.district ?? '');
  const centreOptions = centres
    .filter((c) => !district || c.district === district)
    .map((c) => ({ value: c.centreId, label: district ? c.name : `${c.name} (${c.district})` }));
  const current = currentFy();

  return h(
    'section',
    { class: 'screen oversight' },
    h('h1', { id: 'page-title', tabIndex: -1 }, m.oversightTitle),
    h('p', { class: 'lead' }, m.oversightIntro),
    h(
      'form',
      { class: 'filters no-print', noValidate: true, onSubmit: submit, 'aria-label': m.showFigures },
      h(SelectField, {
        path: 'fy',
        label: m.financialYear,
        options: fyOptions(current).map((fy) => ({ value: fy, label: m.fyOption(fy, fy === current) })),
        value: filter.fy,
        onValue: (fy) => setFilter({ ...filter, fy }),
        problem: problems.fy,
      }),
      isState
        ? h(SelectField, {
            path: 'district',
            label: m.districtFilter,
            placeholder: m.allDistricts,
            options: DISTRICTS.map((d) => ({ value: d.name, label: d.name })),
            value: filter.district,
            onValue: (d) => setFilter({ ...filter, district: d, centreId: '' }),
            problem: problems.district,
          })
        : null,
      pickCentre
        ? h(SelectField, {
            path: 'centreId',
            label: m.centreFilter,
            placeholder: m.allCentres,
            options: centreOptions,
            value: filter.centreId,
            onValue: (c) => setFilter({ ...filter, centreId: c }),
            problem: problems.centreId,
          })
        : null,
      h('div', { class: 'actions' }, h(Button, { type: 'submit', busy, id: 'show-figures' }, m.showFigures)),
    ),
    h(Notice, { kind: 'error', id: 'oversight-error' }, error ? error(m) : null),
    h(
      'div',
      { class: 'live', 'aria-live': 'polite', id: 'oversight-status' },
      stats
        ? h(
            'div',
            { class: 'headline' },
            h(
              'p',
              { class: 'fy-totals', id: 'fy-totals' },
              m.fyTotals(stats.fy, formatCount(stats.registered, l), formatCount(stats.resolved, l)),
            ),
            h(
              'p',
              { class: 'muted', id: 'fy-scope' },
              m.asOf(formatCalendarDate(stats.asOf), scopeText(m, stats, centres)),
              ' ',
              m.smallCellNote(stats.smallCellThreshold),
            ),
          )
        : busy
          ? h('p', { class: 'muted' }, m.loadingFigures)
          : null,
    ),
    stats
      ? h(Figures, { key: `${stats.fy}|${stats.scope.district ?? ''}|${stats.scope.centreId ?? ''}`, stats, centres })
      : null,
  );
}

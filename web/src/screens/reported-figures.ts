// Figures of earlier years as the state reported them (the state only): the list of what is recorded, a form
// to enter one (a financial year, or a month of it; the state, a district or a centre), and the way to a CSV
// import of many. They are kept apart from the live counters; the oversight page shows them beside the live
// figures, marked "reported".
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { financialYear, monthsOfFinancialYear } from '../../../shared/core/time.ts';
import { wholeNumber } from '../../../shared/imports/cells.ts';
import { DISTRICTS } from '../../../shared/network/geography.ts';
import { recordReportedFiguresSchema } from '../../../shared/schemas.ts';
import { actionForm } from '../action-form.ts';
import { apiGet, apiRequest, loadCentres } from '../api.ts';
import { formatMonth } from '../format.ts';
import { lang, type Messages, t } from '../i18n.ts';
import { useRequest } from '../request.ts';
import { href } from '../router.ts';
import { type Column, DataTable } from '../table.ts';
import type { Centre } from '../types.ts';
import { type El, Notice } from '../ui.ts';

export interface ReportedFigure {
  fy: string;
  level: 'STATE' | 'DISTRICT' | 'CENTRE';
  district?: string;
  centreId?: string;
  month?: string;
  registered: number;
  resolved: number;
  upToMonth?: string;
  source?: string;
}

/** The financial years a figure may be entered for: from 2015-16 (the scheme's start) to this one. */
export function financialYears(now = new Date()): string[] {
  const last = Number(financialYear(now).slice(0, 4));
  return Array.from({ length: last - 2015 + 1 }, (_, i) => {
    const y = last - i;
    return `${y}-${String((y + 1) % 100).padStart(2, '0')}`;
  });
}

const placeOf = (m: Messages, f: ReportedFigure, centres: Centre[]) =>
  f.level === 'STATE'
    ? m.placeState
    : f.level === 'DISTRICT'
      ? (f.district ?? '')
      : (centres.find((c) => c.centreId === f.centreId)?.name ?? f.centreId ?? '');

const F = (k: string) => `figures.0.${k}`;

function EnterFigure({ centres, onSaved }: { centres: Centre[]; onSaved: () => Promise<void> }): El {
  const m = t();
  const l = lang();
  const months = (fy: string) => (fy ? monthsOfFinancialYear(fy) : []);
  return actionForm({
    id: 'enter-figure',
    idPrefix: 'fig-',
    title: m.enterFigureTitle,
    errorFocus: 'summary',
    initial: {
      [F('fy')]: '',
      level: 'STATE',
      [F('district')]: '',
      [F('centreId')]: '',
      [F('month')]: '',
      [F('registered')]: '',
      [F('resolved')]: '',
      [F('upToMonth')]: '',
      [F('source')]: '',
    } as Record<string, string>,
    fields: (v) => [
      {
        kind: 'select',
        path: F('fy'),
        label: m.figureFy,
        required: true,
        placeholder: m.chooseOne,
        options: financialYears().map((fy) => ({ value: fy, label: fy })),
        clears: [F('month'), F('upToMonth')],
      },
      {
        kind: 'radio',
        path: 'level',
        label: m.figureLevel,
        required: true,
        options: ['STATE', 'DISTRICT', 'CENTRE'].map((x) => ({ value: x, label: m.levelLabels[x] })),
        clears: [F('district'), F('centreId')],
      },
      v.level === 'DISTRICT'
        ? {
            kind: 'select',
            path: F('district'),
            label: m.colDistrict,
            required: true,
            placeholder: m.chooseOne,
            options: DISTRICTS.map((d) => ({ value: d.name, label: d.name })),
          }
        : null,
      v.level === 'CENTRE'
        ? {
            kind: 'select',
            path: F('centreId'),
            label: m.colCentre,
            required: true,
            placeholder: m.chooseOne,
            options: centres.map((c) => ({ value: c.centreId, label: `${c.name} (${c.district})` })),
          }
        : null,
      {
        kind: 'select',
        path: F('month'),
        label: m.figureMonth,
        hint: m.figureMonthHint,
        placeholder: m.wholeYear,
        options: months(v[F('fy')]).map((x) => ({ value: x, label: formatMonth(x, l) })),
      },
      {
        kind: 'text',
        path: F('registered'),
        label: m.figureRegistered,
        required: true,
        inputMode: 'numeric',
        size: 'short',
      },
      {
        kind: 'text',
        path: F('resolved'),
        label: m.figureResolved,
        required: true,
        inputMode: 'numeric',
        size: 'short',
      },
      v[F('month')]
        ? null
        : {
            kind: 'select',
            path: F('upToMonth'),
            label: m.figureUpTo,
            hint: m.figureUpToHint,
            placeholder: m.figureUpToNone,
            options: months(v[F('fy')]).map((x) => ({ value: x, label: formatMonth(x, l) })),
          },
      { kind: 'text', path: F('source'), label: m.figureSource, hint: m.figureSourceHint, size: 'medium' },
    ],
    schema: recordReportedFiguresSchema,
    body: (v) => {
      const opt = (k: string) => v[F(k)]?.trim() || undefined;
      return {
        figures: [
          {
            fy: opt('fy'),
            ...(v.level === 'DISTRICT' ? { district: opt('district') } : {}),
            ...(v.level === 'CENTRE' ? { centreId: opt('centreId') } : {}),
            month: opt('month'),
            registered: wholeNumber(v[F('registered')]),
            resolved: wholeNumber(v[F('resolved')]),
            upToMonth: v[F('month')] ? undefined : opt('upToMonth'),
            source: opt('source'),
          },
        ],
      };
    },
    send: (body) => apiRequest('POST', '/reported-figures', { body }).then((r) => r.data),
    done: () => (x) => x.figureSaved,
    onSuccess: onSaved,
    submit: m.saveFigure,
  });
}

export function ReportedFigures(): El {
  const m = t();
  const l = lang();
  const [items, setItems] = useState<ReportedFigure[] | undefined>();
  const [centres, setCentres] = useState<Centre[]>([]);
  const request = useRequest();
  const reload = () =>
    request.run(async () => setItems((await apiGet<{ items: ReportedFigure[] }>('/reported-figures')).items));
  useEffect(() => {
    void reload();
    loadCentres().then(setCentres, () => undefined);
  }, []);

  const columns: Column<ReportedFigure>[] = [
    { key: 'fy', label: m.colFy, value: (f) => f.fy, rowHeader: true },
    { key: 'place', label: m.colPlace, value: (f) => placeOf(m, f, centres) },
    { key: 'month', label: m.colPeriod2, value: (f) => (f.month ? formatMonth(f.month, l) : m.wholeYear) },
    { key: 'registered', label: m.figureRegistered, value: (f) => f.registered, numeric: true },
    { key: 'resolved', label: m.figureResolved, value: (f) => f.resolved, numeric: true },
    { key: 'upTo', label: m.colReportedUpTo, value: (f) => (f.upToMonth ? formatMonth(f.upToMonth, l) : '') },
    { key: 'source', label: m.colSource, value: (f) => f.source ?? '' },
  ];
  return h(
    'section',
    { class: 'screen reported' },
    h('h1', { id: 'page-title', tabIndex: -1 }, m.reportedTitle),
    h('p', { class: 'lead' }, m.reportedIntro),
    h('p', null, h('a', { href: href.import('figures'), id: 'import-figures-link' }, m.importFiguresLink)),
    h(Notice, { kind: 'error' }, request.error ? request.error(m) : null),
    h('h2', { id: 'reported-list-title' }, m.reportedListTitle),
    items
      ? h(DataTable<ReportedFigure>, {
          id: 'reported-list',
          caption: m.reportedListTitle,
          captionHidden: true,
          rows: items,
          rowKey: (f) => `${f.fy}|${f.level}|${f.district ?? ''}|${f.centreId ?? ''}|${f.month ?? ''}`,
          columns,
          csvName: 'sakhi-osc-reported-figures',
          empty: m.noReportedFigures,
        })
      : h('p', { class: 'muted' }, m.loading),
    h(EnterFigure, { centres, onSaved: reload }),
  );
}

// The cases the signed-in user may see (the API scopes them), filtered by status and searched by case number.
// The filter is checked with the shared ListCases query schema before it is sent.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { CASE_STATUSES, listCasesQuerySchema } from '../../../shared/schemas.ts';
import { apiGet } from '../api.ts';
import { check, type Problems } from '../field-errors.ts';
import { formatDate } from '../format.ts';
import { t } from '../i18n.ts';
import { queryString, useRequest } from '../request.ts';
import { href } from '../router.ts';
import type { CaseSummary } from '../types.ts';
import type { El } from '../ui.ts';
import { Button, Notice, SelectField, TextField } from '../ui.ts';

const FIELDS = ['status', 'caseNumber'] as const;

/** The last filter, so coming back from a case shows the same list. Holds no survivor data. */
let lastFilter = { status: '', caseNumber: '' };
export function forgetListFilter(): void {
  lastFilter = { status: '', caseNumber: '' };
}

export function CaseList(): El {
  const m = t();
  const [status, setStatus] = useState(lastFilter.status);
  const [caseNumber, setCaseNumber] = useState(lastFilter.caseNumber);
  const [items, setItems] = useState<CaseSummary[] | undefined>();
  const [cursor, setCursor] = useState<string | undefined>();
  const [problems, setProblems] = useState<Problems>({});
  const request = useRequest();

  const load = async (filter: { status: string; caseNumber: string }, after?: string) => {
    const query = {
      status: filter.status || undefined,
      caseNumber: filter.caseNumber.trim().toUpperCase() || undefined,
    };
    const checked = check(listCasesQuerySchema, query, FIELDS);
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems({});
    await request.run(async () => {
      const page = await apiGet<{ items: CaseSummary[]; nextCursor?: string }>(
        `/cases${queryString({ ...checked.data, cursor: after })}`,
      );
      setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      lastFilter = filter;
    });
  };

  useEffect(() => {
    void load(lastFilter);
  }, []);

  const search = (e: Event) => {
    e.preventDefault();
    void load({ status, caseNumber });
  };
  const clear = () => {
    setStatus('');
    setCaseNumber('');
    void load({ status: '', caseNumber: '' });
  };

  return h(
    'section',
    { class: 'screen cases' },
    h('h1', { id: 'page-title', tabIndex: -1 }, m.casesTitle),
    h('p', { class: 'lead' }, m.casesIntro),
    h(
      'form',
      { class: 'filters', role: 'search', noValidate: true, onSubmit: search, 'aria-label': m.search },
      h(SelectField, {
        path: 'status',
        label: m.filterStatus,
        placeholder: m.allStatuses,
        options: CASE_STATUSES.map((s) => ({ value: s, label: m.statusLabels[s] })),
        value: status,
        onValue: setStatus,
        problem: problems.status,
      }),
      h(TextField, {
        path: 'caseNumber',
        label: m.filterCaseNumber,
        hint: m.filterCaseNumberHint,
        size: 'medium',
        type: 'search',
        value: caseNumber,
        onValue: setCaseNumber,
        problem: problems.caseNumber,
      }),
      h(
        'div',
        { class: 'actions' },
        h(Button, { type: 'submit', busy: request.busy }, m.search),
        h(Button, { kind: 'secondary', onClick: clear, disabled: request.busy }, m.clearSearch),
      ),
    ),
    h(Notice, { kind: 'error' }, request.error ? request.error(m) : null),
    h(
      Notice,
      { kind: 'info', id: 'cases-count' },
      items ? (items.length ? m.casesShown(items.length) : m.noCases) : null,
    ),
    items?.length
      ? h(
          'table',
          { class: 'cases-table' },
          h('caption', { class: 'visually-hidden' }, m.casesTitle),
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              [m.colCaseNumber, m.colStatus, m.colRisk, m.colRegistered, m.colUpdated].map((c) =>
                h('th', { key: c, scope: 'col' }, c),
              ),
            ),
          ),
          h(
            'tbody',
            null,
            items.map((c) =>
              h(
                'tr',
                { key: c.caseId },
                h(
                  'th',
                  { scope: 'row', 'data-label': m.colCaseNumber },
                  h('a', { href: href.case(c.caseId) }, c.caseNumber),
                ),
                h(
                  'td',
                  { 'data-label': m.colStatus },
                  h('span', { class: `badge badge--${c.status.toLowerCase()}` }, m.statusLabels[c.status] ?? c.status),
                ),
                h(
                  'td',
                  { 'data-label': m.colRisk },
                  h(
                    'span',
                    { class: `risk risk--${c.riskLevel.toLowerCase()}` },
                    m.riskLabels[c.riskLevel] ?? c.riskLevel,
                  ),
                ),
                h('td', { 'data-label': m.colRegistered }, formatDate(c.registeredAt)),
                h('td', { 'data-label': m.colUpdated }, formatDate(c.updatedAt)),
              ),
            ),
          ),
        )
      : null,
    cursor
      ? h(
          'p',
          { class: 'actions' },
          h(
            Button,
            { kind: 'secondary', busy: request.busy, onClick: () => void load(lastFilter, cursor) },
            m.loadMore,
          ),
        )
      : null,
  );
}

// The state's breach query: what one user read between two days (cases with their numbers, lists, reports,
// downloads), newest first, a page at a time. Reached from the navigation, or from a reader in a case's access
// log ("What else … read"), which fills in her user id. The query is checked with the API's own schema.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { accessLogQuerySchema } from '../../../shared/schemas.ts';
import { apiGet } from '../api.ts';
import { check, type Problems } from '../field-errors.ts';
import { formatDateTime, parseTypedDate } from '../format.ts';
import { labelOf, t } from '../i18n.ts';
import { queryString, useRequest } from '../request.ts';
import { href } from '../router.ts';
import { DataTable } from '../table.ts';
import type { UserAccess } from '../types.ts';
import { Button, type El, Notice, TextField } from '../ui.ts';

const FIELDS = ['actor', 'from', 'to'] as const;

/** A list's filters or a download's name, as `key: value` pairs (ids and codes only). */
const detailOf = (r: UserAccess) =>
  r.query
    ? Object.entries(r.query)
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(', ')
    : '';

export function AccessQuery({ actor: initialActor }: { actor?: string }): El {
  const m = t();
  const [actor, setActor] = useState(initialActor ?? '');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [rows, setRows] = useState<UserAccess[] | undefined>();
  const [cursor, setCursor] = useState<string | undefined>();
  const request = useRequest();

  const load = (after?: string) => {
    const query = {
      actor: actor.trim(),
      from: from.trim() ? (parseTypedDate(from) ?? from) : undefined,
      to: to.trim() ? (parseTypedDate(to) ?? to) : undefined,
    };
    const checked = check(accessLogQuerySchema, query, FIELDS);
    if (!checked.ok) return setProblems(checked.problems);
    setProblems({});
    return request.run(async () => {
      const page = await apiGet<{ items: UserAccess[]; nextCursor?: string }>(
        `/access-log${queryString({ ...checked.data, cursor: after })}`,
      );
      setRows((prev) => (after && prev ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    });
  };

  useEffect(() => {
    if (initialActor) void load();
  }, []);

  return h(
    'section',
    { class: 'screen access-query' },
    h('h1', { id: 'page-title', tabIndex: -1 }, m.accessQueryTitle),
    h('p', { class: 'lead' }, m.accessQueryIntro),
    h(
      'form',
      {
        class: 'filters',
        role: 'search',
        noValidate: true,
        'aria-label': m.accessQueryTitle,
        onSubmit: (e: Event) => {
          e.preventDefault();
          void load();
        },
      },
      h(TextField, {
        path: 'actor',
        label: m.actorId,
        hint: m.actorIdHint,
        required: true,
        value: actor,
        onValue: setActor,
        problem: problems.actor,
      }),
      h(TextField, {
        path: 'from',
        label: m.fromDay,
        size: 'short',
        inputMode: 'numeric',
        value: from,
        onValue: setFrom,
        problem: problems.from,
      }),
      h(TextField, {
        path: 'to',
        label: m.toDay,
        size: 'short',
        inputMode: 'numeric',
        value: to,
        onValue: setTo,
        problem: problems.to,
      }),
      h('div', { class: 'actions' }, h(Button, { type: 'submit', busy: request.busy, id: 'access-search' }, m.search)),
    ),
    h(Notice, { kind: 'error' }, request.error ? request.error(m) : null),
    h(
      Notice,
      { kind: 'info', id: 'access-count' },
      rows ? (rows.length ? m.accessShown(rows.length) : m.accessNone) : null,
    ),
    rows?.length
      ? h(DataTable<UserAccess>, {
          id: 'access-reads',
          caption: m.accessQueryTitle,
          captionHidden: true,
          sortable: false,
          rows,
          rowKey: (r) => `${r.at}-${r.action}-${r.caseId ?? ''}`,
          columns: [
            { key: 'at', label: m.colWhen, value: (r) => formatDateTime(r.at), rowHeader: true },
            { key: 'what', label: m.colAction, value: (r) => labelOf(m.readActions, r.action) },
            {
              key: 'case',
              label: m.colCase,
              value: (r) => r.caseNumber ?? '',
              render: (r) => (r.caseId ? h('a', { href: href.case(r.caseId) }, r.caseNumber ?? r.caseId) : ''),
            },
            { key: 'centre', label: m.colCentre, value: (r) => r.centreId ?? '' },
            { key: 'detail', label: m.colDetail, value: detailOf },
          ],
        })
      : null,
    cursor
      ? h(
          Button,
          { kind: 'secondary', id: 'access-more', busy: request.busy, onClick: () => void load(cursor) },
          m.accessLogMore,
        )
      : null,
  );
}

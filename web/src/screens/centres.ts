// The centre network, for the state corporation: add a centre (planned, or operational at once) in a district
// and sub-division of the state's geography file, open a planned one when it is staffed, close one. The district
// and sub-division choices come from shared/geography.ts, the same file the API checks them against.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { DISTRICTS, findDistrict } from '../../../shared/network/geography.ts';
import { createCentreSchema } from '../../../shared/schemas.ts';
import { ApiError, apiRequest, loadCentres } from '../api.ts';
import { check, fromServer, type Problems } from '../field-errors.ts';
import { labelOf, type Messages, t } from '../i18n.ts';
import { CENTRE_MOVES } from '../permissions.ts';
import { type Msg, problemMsg } from '../problems.ts';
import { href } from '../router.ts';
import { type Column, DataTable } from '../table.ts';
import type { Centre } from '../types.ts';
import { Button, ChoiceGroup, type El, ErrorSummary, Notice, type NoticeKind, SelectField, TextField } from '../ui.ts';

const FIELDS = ['name', 'district', 'subdivision', 'status'] as const;
const labels = (m: Messages): Record<string, string> => ({
  name: m.centreName,
  district: m.districtFilter,
  subdivision: m.subdivision,
  status: m.centreStatus,
});

function AddCentre({ onAdded }: { onAdded: (c: Centre) => void }): El {
  const m = t();
  const [name, setName] = useState('');
  const [district, setDistrict] = useState('');
  const [subdivision, setSubdivision] = useState('');
  const [status, setStatus] = useState('PLANNED');
  const [problems, setProblems] = useState<Problems>({});
  const [notice, setNotice] = useState<{ kind: NoticeKind; msg: Msg } | undefined>();
  const [busy, setBusy] = useState(false);
  const focusErrors = useRef(false);

  useEffect(() => {
    if (focusErrors.current) {
      focusErrors.current = false;
      document.getElementById('centre-errors')?.focus();
    }
  });

  const show = (p: Problems) => {
    setProblems(p);
    focusErrors.current = Object.keys(p).length > 0;
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setNotice(undefined);
    const checked = check(
      createCentreSchema,
      { name: name.trim(), district: district || undefined, subdivision: subdivision || undefined, status },
      FIELDS,
    );
    if (!checked.ok) return show(checked.problems);
    show({});
    setBusy(true);
    try {
      const res = await apiRequest<Centre>('POST', '/centres', { body: checked.data });
      const c = res.data;
      setNotice({
        kind: 'success',
        msg: (x) => x.centreAdded(c.name, c.centreId, labelOf(x.centreStatusLabels, c.status)),
      });
      setName('');
      setDistrict('');
      setSubdivision('');
      setStatus('PLANNED');
      onAdded(c);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.fieldErrors.length)
        show(fromServer(err.fieldErrors, FIELDS));
      else setNotice({ kind: 'error', msg: problemMsg(err) });
    } finally {
      setBusy(false);
    }
  };

  const subdivisions = findDistrict(district)?.subdivisions ?? [];
  return h(
    'form',
    { class: 'action', noValidate: true, onSubmit: submit, 'aria-labelledby': 'add-centre-title', id: 'add-centre' },
    h('h2', { id: 'add-centre-title' }, m.addCentreTitle),
    h(ErrorSummary, { problems, labels: labels(m), idPrefix: 'centre-', id: 'centre-errors' }),
    h(TextField, {
      path: 'name',
      idPrefix: 'centre-',
      label: m.centreName,
      hint: m.centreNameHint,
      required: true,
      value: name,
      onValue: setName,
      problem: problems.name,
    }),
    h(SelectField, {
      path: 'district',
      idPrefix: 'centre-',
      label: m.districtFilter,
      required: true,
      placeholder: m.chooseOne,
      options: DISTRICTS.map((d) => ({ value: d.name, label: d.name })),
      value: district,
      onValue: (d) => {
        setDistrict(d);
        setSubdivision('');
      },
      problem: problems.district,
    }),
    h(SelectField, {
      path: 'subdivision',
      idPrefix: 'centre-',
      label: m.subdivision,
      required: true,
      placeholder: district ? m.chooseOne : m.chooseDistrictFirst,
      options: subdivisions.map((s) => ({ value: s, label: s })),
      value: subdivision,
      onValue: setSubdivision,
      problem: problems.subdivision,
    }),
    h(ChoiceGroup, {
      kind: 'radio',
      path: 'status',
      idPrefix: 'centre-',
      label: m.centreStatus,
      required: true,
      options: ['PLANNED', 'OPERATIONAL'].map((s) => ({ value: s, label: m.centreStatusLabels[s] })),
      selected: [status],
      onToggle: (v) => setStatus(v),
      problem: problems.status,
    }),
    h(Notice, { kind: notice?.kind, id: 'add-centre-notice' }, notice ? notice.msg(m) : null),
    h(Button, { type: 'submit', busy, id: 'add-centre-submit' }, m.addCentre),
  );
}

export function Centres(): El {
  const m = t();
  const [centres, setCentres] = useState<Centre[] | undefined>();
  const [district, setDistrict] = useState('');
  const [notice, setNotice] = useState<{ kind: NoticeKind; msg: Msg } | undefined>();
  const [busy, setBusy] = useState<string | undefined>();

  const reload = async () => {
    try {
      setCentres(await loadCentres(true));
    } catch (err) {
      setNotice({ kind: 'error', msg: problemMsg(err) });
    }
  };
  useEffect(() => {
    void reload();
  }, []);

  const move = async (c: Centre, to: string) => {
    if (to === 'CLOSED' && !confirm(m.confirmClose(c.name))) return;
    setBusy(c.centreId);
    setNotice(undefined);
    try {
      const res = await apiRequest<Centre>('PATCH', `/centres/${encodeURIComponent(c.centreId)}`, {
        body: { status: to },
      });
      setNotice({
        kind: 'success',
        msg: (x) => x.centreMoved(res.data.name, labelOf(x.centreStatusLabels, res.data.status)),
      });
    } catch (err) {
      setNotice({ kind: 'error', msg: problemMsg(err) });
    } finally {
      setBusy(undefined);
      await reload();
    }
  };

  const shown = (centres ?? []).filter((c) => !district || c.district === district);
  const columns: Column<Centre>[] = [
    { key: 'name', label: m.colCentre, value: (c) => c.name, rowHeader: true },
    { key: 'centreId', label: m.colCentreId, value: (c) => c.centreId },
    { key: 'district', label: m.colDistrict, value: (c) => c.district },
    { key: 'subdivision', label: m.colSubdivision, value: (c) => c.subdivision ?? '' },
    {
      key: 'status',
      label: m.colStatus,
      value: (c) => labelOf(m.centreStatusLabels, c.status),
      render: (c) =>
        h(
          'span',
          { class: `badge badge--centre-${(c.status ?? '').toLowerCase()}` },
          labelOf(m.centreStatusLabels, c.status),
        ),
    },
    {
      key: 'actions',
      label: m.colActions,
      action: true,
      value: () => undefined,
      render: (c) =>
        h(
          'div',
          { class: 'row-actions' },
          (CENTRE_MOVES[c.status ?? ''] ?? []).map((to) =>
            h(
              'button',
              {
                key: to,
                type: 'button',
                class: `btn btn--small ${to === 'CLOSED' ? 'btn--secondary' : 'btn--primary'}`,
                'data-move': to,
                disabled: busy === c.centreId,
                onClick: () => void move(c, to),
              },
              m.moveLabel(c.status ?? '', to),
              h('span', { class: 'visually-hidden' }, `: ${c.name}`),
            ),
          ),
          h(
            'a',
            { class: 'btn btn--link btn--small', href: href.staff(c.centreId) },
            m.staffLink,
            h('span', { class: 'visually-hidden' }, `: ${c.name}`),
          ),
        ),
    },
  ];

  return h(
    'section',
    { class: 'screen centres' },
    h('h1', { id: 'page-title', tabIndex: -1 }, m.centresTitle),
    h('p', { class: 'lead' }, m.centresIntro),
    h(AddCentre, { onAdded: () => void reload() }),
    h('h2', { id: 'centre-list-title' }, m.centreListTitle),
    h(
      'div',
      { class: 'filters' },
      h(SelectField, {
        path: 'centre-list-district',
        label: m.districtFilter,
        placeholder: m.allDistricts,
        options: DISTRICTS.map((d) => ({ value: d.name, label: d.name })),
        value: district,
        onValue: setDistrict,
      }),
    ),
    h(Notice, { kind: notice?.kind, id: 'centres-notice' }, notice ? notice.msg(m) : null),
    centres
      ? [
          h('p', { key: 'count', class: 'muted', id: 'centres-count' }, m.centresShown(shown.length)),
          h(DataTable<Centre>, {
            key: 'table',
            id: 'centre-list',
            caption: m.centreListTitle,
            captionHidden: true,
            rows: shown,
            rowKey: (c) => c.centreId,
            initialSort: { key: 'centreId', dir: 'ascending' },
            columns,
          }),
        ]
      : h('p', { class: 'muted' }, m.loading),
  );
}

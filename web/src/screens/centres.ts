// The centre network, for the state corporation: add a centre (planned, or operational at once) in a district
// and sub-division of the state's geography file, open a planned one when it is staffed, close one. The district
// and sub-division choices come from shared/geography.ts, the same file the API checks them against.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { DISTRICTS, findDistrict } from '../../../shared/network/geography.ts';
import { createCentreSchema } from '../../../shared/schemas.ts';
import { actionForm } from '../action-form.ts';
import { apiRequest, loadCentres } from '../api.ts';
import { labelOf, t } from '../i18n.ts';
import { CENTRE_MOVES } from '../permissions.ts';
import { type Msg, problemMsg } from '../problems.ts';
import { href } from '../router.ts';
import { type Column, DataTable } from '../table.ts';
import type { Centre } from '../types.ts';
import { type El, Notice, type NoticeKind, SelectField } from '../ui.ts';

/** A new centre is planned, or operational at once; it is closed later, from the list. */
const NEW_CENTRE_STATUSES = ['PLANNED', 'OPERATIONAL'] as const;

function AddCentre({ onAdded }: { onAdded: (c: Centre) => void }): El {
  const m = t();
  return actionForm({
    id: 'add-centre',
    idPrefix: 'centre-',
    title: m.addCentreTitle,
    errorFocus: 'summary',
    initial: { name: '', district: '', subdivision: '', status: 'PLANNED' },
    fields: (v) => [
      { kind: 'text', path: 'name', label: m.centreName, hint: m.centreNameHint, required: true },
      {
        kind: 'select',
        path: 'district',
        label: m.districtFilter,
        required: true,
        placeholder: m.chooseOne,
        options: DISTRICTS.map((d) => ({ value: d.name, label: d.name })),
        clears: ['subdivision'],
      },
      {
        kind: 'select',
        path: 'subdivision',
        label: m.subdivision,
        required: true,
        placeholder: v.district ? m.chooseOne : m.chooseDistrictFirst,
        options: (findDistrict(v.district)?.subdivisions ?? []).map((s) => ({ value: s, label: s })),
      },
      {
        kind: 'radio',
        path: 'status',
        label: m.centreStatus,
        required: true,
        options: NEW_CENTRE_STATUSES.map((s) => ({ value: s, label: m.centreStatusLabels[s] })),
      },
    ],
    schema: createCentreSchema,
    body: (v) => ({
      name: v.name.trim(),
      district: v.district || undefined,
      subdivision: v.subdivision || undefined,
      status: v.status,
    }),
    send: (body) => apiRequest<Centre>('POST', '/centres', { body }).then((res) => res.data),
    done: (c) => (x) => x.centreAdded(c.name, c.centreId, labelOf(x.centreStatusLabels, c.status)),
    onSuccess: onAdded,
    submit: m.addCentre,
  });
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

// The directory of referral partners, district by district (police stations, hospitals, the DLSA, Protection
// Officers, the CWC, shelter homes, other centres, NGOs). Every reader looks at any district; the state keeps
// every district's entries, a centre administrator and a district officer their own district's: add, edit,
// deactivate a stale entry, reactivate it. The API checks the same rule (403 otherwise).
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { DISTRICTS } from '../../../shared/network/geography.ts';
import { createPartnerSchema, PARTNER_KINDS, subtypesOf, updatePartnerSchema } from '../../../shared/schemas.ts';
import { actionForm, type Field } from '../action-form.ts';
import { apiGet, apiRequest, loadCentres } from '../api.ts';
import type { Session } from '../auth.ts';
import { useFocusWhenShown } from '../focus.ts';
import { labelOf, type Messages, t } from '../i18n.ts';
import { keepsPartnersOf } from '../permissions.ts';
import { type Msg, problemMsg } from '../problems.ts';
import { queryString } from '../request.ts';
import { type Column, DataTable } from '../table.ts';
import type { Partner } from '../types.ts';
import { Checkbox, type El, Notice, type NoticeKind, optionsOf, SelectField } from '../ui.ts';
import { forgetPartners } from './case/partner-cache.ts';

const enc = encodeURIComponent;
const opt = (s: string) => s.trim() || undefined;

type PartnerValues = { name: string; kind: string; subtype: string; phone: string; address: string };

/** The fields an entry has, in the order the form asks them; the subtype only where the kind has some. */
function partnerFields(m: Messages, v: PartnerValues): Array<Field<PartnerValues> | null> {
  const subtypes = subtypesOf(v.kind);
  return [
    { kind: 'text', path: 'name', label: m.partnerName, hint: m.partnerNameHint, required: true },
    {
      kind: 'select',
      path: 'kind',
      label: m.partnerKind,
      required: true,
      placeholder: m.chooseOne,
      options: optionsOf(PARTNER_KINDS, m.partnerKindLabels),
      clears: ['subtype'],
    },
    subtypes.length
      ? {
          kind: 'select',
          path: 'subtype',
          label: m.partnerSubtype,
          placeholder: m.chooseOne,
          options: subtypes.map((s) => ({ value: s, label: labelOf(m.partnerSubtypeLabels, s) })),
        }
      : null,
    { kind: 'text', path: 'phone', label: m.partnerPhone, hint: m.partnerPhoneHint, type: 'tel', size: 'medium' },
    { kind: 'text', path: 'address', label: m.partnerAddress },
  ];
}

function AddPartner({ district, onAdded }: { district: string; onAdded: () => Promise<void> }): El {
  const m = t();
  return actionForm({
    id: 'add-partner',
    idPrefix: 'partner-',
    title: m.addPartnerTitle,
    intro: m.keepsDirectory(district),
    errorFocus: 'summary',
    initial: { name: '', kind: '', subtype: '', phone: '', address: '' },
    fields: (v) => partnerFields(m, v),
    schema: createPartnerSchema,
    body: (v) => ({
      name: v.name.trim(),
      kind: opt(v.kind),
      subtype: opt(v.subtype),
      district,
      phone: opt(v.phone),
      address: opt(v.address),
    }),
    send: (body) => apiRequest<Partner>('POST', '/partners', { body }).then((r) => r.data),
    done: (p) => (x) => x.partnerAdded(p.name),
    onSuccess: onAdded,
    submit: m.addPartner,
  });
}

function EditPartner(p: { partner: Partner; onDone: (msg: Msg) => Promise<void>; onCancel: () => void }): El {
  const m = t();
  const x = p.partner;
  return actionForm({
    id: 'edit-partner',
    idPrefix: 'edit-partner-',
    title: m.editPartnerTitle(x.name),
    focusTitle: true,
    errorFocus: 'summary',
    initial: { name: x.name, kind: x.kind, subtype: x.subtype ?? '', phone: x.phone ?? '', address: x.address ?? '' },
    fields: (v) => partnerFields(m, v),
    schema: updatePartnerSchema,
    body: (v) => ({
      name: v.name.trim(),
      kind: opt(v.kind),
      subtype: opt(v.subtype),
      phone: opt(v.phone),
      address: opt(v.address),
    }),
    send: (body) => apiRequest<Partner>('PATCH', `/partners/${enc(x.partnerId)}`, { body }).then((r) => r.data),
    done: (saved) => (y) => y.partnerSaved(saved.name),
    announce: (msg) => void p.onDone(msg),
    submit: m.savePartner,
    onCancel: p.onCancel,
  });
}

export function Partners({ session }: { session: Session }): El {
  const m = t();
  const principal = session.principal;
  const [home, setHome] = useState<string | undefined>(principal.district);
  const [district, setDistrict] = useState(principal.district ?? '');
  const [kind, setKind] = useState('');
  const [inactive, setInactive] = useState(false);
  const [partners, setPartners] = useState<Partner[] | undefined>();
  const [editing, setEditing] = useState<Partner | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [notice, setNotice] = useState<{ kind: NoticeKind; msg: Msg } | undefined>();
  const focusWhenShown = useFocusWhenShown();

  // A centre's own district is where its directory opens.
  useEffect(() => {
    if (!principal.centreId) return;
    loadCentres().then(
      (cs) => {
        const own = cs.find((c) => c.centreId === principal.centreId)?.district;
        setHome(own);
        setDistrict((d) => d || own || '');
      },
      () => undefined,
    );
  }, []);

  const keeps = district !== '' && keepsPartnersOf(principal, district, home);
  const reload = async () => {
    if (!district) return setPartners(undefined);
    try {
      const q = queryString({ district, kind, includeInactive: keeps && inactive ? 'true' : undefined });
      setPartners(await apiGet<Partner[]>(`/partners${q}`));
    } catch (err) {
      setNotice({ kind: 'error', msg: problemMsg(err) });
    }
  };
  useEffect(() => {
    void reload();
  }, [district, kind, inactive, keeps]);

  const changed = async (msg: Msg) => {
    setEditing(undefined);
    setNotice({ kind: 'success', msg });
    focusWhenShown('partners-notice-text');
    forgetPartners(district);
    await reload();
  };

  const setActive = async (x: Partner, active: boolean) => {
    setBusy(x.partnerId);
    setNotice(undefined);
    try {
      await apiRequest('PATCH', `/partners/${enc(x.partnerId)}`, { body: { active } });
      await changed((y) => (active ? y.partnerReactivated(x.name) : y.partnerDeactivated(x.name)));
    } catch (err) {
      setNotice({ kind: 'error', msg: problemMsg(err) });
    } finally {
      setBusy(undefined);
    }
  };

  const rowButton = (x: Partner, label: string, attr: string, onClick: () => void) =>
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn--secondary btn--small',
        [`data-${attr}`]: x.partnerId,
        disabled: busy === x.partnerId,
        onClick,
      },
      label,
      h('span', { class: 'visually-hidden' }, `: ${x.name}`),
    );

  const columns: Column<Partner>[] = [
    {
      key: 'name',
      label: m.colPartner,
      value: (x) => x.name,
      rowHeader: true,
      render: (x) =>
        h(
          'span',
          null,
          x.name,
          x.subtype ? h('span', { class: 'muted' }, ` · ${labelOf(m.partnerSubtypeLabels, x.subtype)}`) : null,
        ),
    },
    { key: 'kind', label: m.colKind, value: (x) => labelOf(m.partnerKindLabels, x.kind) },
    {
      key: 'phone',
      label: m.colPartnerPhone,
      value: (x) => x.phone ?? '',
      render: (x) => h('span', { class: 'nowrap' }, x.phone ?? ''),
    },
    {
      key: 'active',
      label: m.colPartnerStatus,
      value: (x) => (x.active === false ? m.partnerInactive : m.partnerActive),
      render: (x) =>
        h(
          'span',
          { class: `badge badge--${x.active === false ? 'inactive' : 'active'}` },
          x.active === false ? m.partnerInactive : m.partnerActive,
        ),
    },
  ];
  if (keeps) {
    columns.push({
      key: 'actions',
      label: m.colActions,
      action: true,
      value: () => undefined,
      render: (x) =>
        h(
          'div',
          { class: 'row-actions' },
          x.active === false
            ? rowButton(x, m.reactivatePartner, 'reactivate-partner', () => void setActive(x, true))
            : [
                rowButton(x, m.editPartner, 'edit-partner', () => setEditing(x)),
                rowButton(x, m.deactivatePartner, 'deactivate-partner', () => void setActive(x, false)),
              ],
        ),
    });
  }

  return h(
    'section',
    { class: 'screen partners' },
    h('h1', { id: 'page-title', tabIndex: -1 }, m.partnersTitle),
    h('p', { class: 'lead' }, m.partnersIntro),
    h(
      'div',
      { class: 'filters' },
      h(SelectField, {
        path: 'partners-district',
        label: m.partnerDistrict,
        placeholder: m.chooseOne,
        options: DISTRICTS.map((d) => ({ value: d.name, label: d.name })),
        value: district,
        onValue: (d) => {
          setEditing(undefined);
          setDistrict(d);
        },
      }),
      h(SelectField, {
        path: 'partners-kind',
        label: m.partnerKindFilter,
        placeholder: m.allKinds,
        options: optionsOf(PARTNER_KINDS, m.partnerKindLabels),
        value: kind,
        onValue: setKind,
      }),
      keeps
        ? h(Checkbox, { path: 'partners-inactive', label: m.showDeactivated, checked: inactive, onValue: setInactive })
        : null,
    ),
    h(
      Notice,
      { kind: notice?.kind, id: 'partners-notice', focusId: 'partners-notice-text' },
      notice ? notice.msg(m) : null,
    ),
    partners && district
      ? [
          h('p', { key: 'count', class: 'muted', id: 'partners-count' }, m.partnersShown(partners.length, district)),
          h(DataTable<Partner>, {
            key: 'table',
            id: 'partner-list',
            caption: m.partnersTitle,
            captionHidden: true,
            rows: partners,
            rowKey: (x) => x.partnerId,
            columns,
            sortable: false,
          }),
        ]
      : district
        ? h('p', { class: 'muted' }, m.loading)
        : null,
    editing
      ? h(EditPartner, {
          key: editing.partnerId,
          partner: editing,
          onDone: changed,
          onCancel: () => setEditing(undefined),
        })
      : null,
    keeps
      ? h(AddPartner, {
          key: district,
          district,
          onAdded: async () => {
            forgetPartners(district);
            await reload();
          },
        })
      : null,
  );
}

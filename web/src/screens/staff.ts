// A centre's roster, kept by its centre administrator (or the state): add a staff member, with a sign-in to
// the case system or without one; deactivate someone who leaves, handing her follow-ups still to do to a
// colleague in the same request; reactivate. The API decides whether a colleague is needed (only when she
// has pending follow-ups): its 400 at `reassignTo` is shown at that field.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { createStaffSchema, LANGUAGES, STAFF_ROLES, updateStaffSchema } from '../../../shared/schemas.ts';
import { actionForm } from '../action-form.ts';
import { apiGet, apiRequest, loadCentres } from '../api.ts';
import type { Session } from '../auth.ts';
import { useFocusWhenShown } from '../focus.ts';
import { normalisePhone } from '../format.ts';
import { labelOf, t } from '../i18n.ts';
import { followUpCandidates } from '../permissions.ts';
import { type Msg, problemMsg } from '../problems.ts';
import { href } from '../router.ts';
import { type Column, DataTable } from '../table.ts';
import type { Centre, CreatedStaff, StaffMember } from '../types.ts';
import { type El, Notice, type NoticeKind } from '../ui.ts';

const enc = encodeURIComponent;

function AddStaff({ centreId, onAdded }: { centreId: string; onAdded: () => Promise<void> }): El {
  const m = t();
  return actionForm({
    id: 'add-staff',
    idPrefix: 'staff-',
    title: m.addStaffTitle,
    errorFocus: 'summary',
    initial: { name: '', role: '', phone: '', language: 'hi', systemAccess: 'none', email: '' },
    fields: (v) => [
      { kind: 'text', path: 'name', label: m.staffName, required: true },
      {
        kind: 'select',
        path: 'role',
        label: m.staffRole,
        required: true,
        placeholder: m.chooseOne,
        options: STAFF_ROLES.map((r) => ({ value: r, label: m.staffRoleLabels[r] })),
      },
      {
        kind: 'text',
        path: 'phone',
        label: m.staffPhone,
        hint: m.staffPhoneHint,
        required: true,
        type: 'tel',
        inputMode: 'tel',
        size: 'medium',
      },
      {
        kind: 'radio',
        path: 'language',
        label: m.staffLanguage,
        required: true,
        options: LANGUAGES.map((x) => ({ value: x, label: m.languageLabels[x] })),
      },
      {
        kind: 'select',
        path: 'systemAccess',
        label: m.systemAccess,
        hint: m.systemAccessHint,
        options: ['none', 'centre-staff', 'centre-admin'].map((x) => ({ value: x, label: m.accessLabels[x] })),
      },
      // A sign-in is an e-mail invitation: the address is asked for only when she gets one.
      v.systemAccess !== 'none' ? { kind: 'text', path: 'email', label: m.staffEmail, size: 'medium' } : null,
    ],
    schema: createStaffSchema,
    body: (v) => ({
      name: v.name.trim(),
      role: v.role || undefined,
      phone: normalisePhone(v.phone),
      language: v.language,
      systemAccess: v.systemAccess,
      email: v.systemAccess !== 'none' && v.email.trim() ? v.email.trim() : undefined,
    }),
    send: (body) =>
      apiRequest<CreatedStaff>('POST', `/centres/${enc(centreId)}/staff`, { body }).then((res) => res.data),
    done: (s) => (x) => x.staffAdded(s.name, s.username),
    onSuccess: onAdded,
    submit: m.addStaff,
  });
}

/** Opened from her row; hands her follow-ups still to do to a colleague in the same request. */
function Deactivate(p: {
  centreId: string;
  person: StaffMember;
  staff: StaffMember[];
  announce: (msg: Msg) => void;
  onDone: () => Promise<void>;
  onCancel: () => void;
}): El {
  const m = t();
  const colleagues = followUpCandidates(p.staff).filter((s) => s.staffId !== p.person.staffId && s.phone);
  return actionForm({
    id: 'deactivate',
    idPrefix: 'deact-',
    class: 'deactivate',
    title: m.deactivateTitle(p.person.name),
    focusTitle: true,
    intro: m.deactivateIntro,
    // Only the API knows whether she has follow-ups, so its 400 at this field is what asks for a colleague.
    errorFocus: 'field',
    initial: { reassignTo: '' },
    fields: () => [
      {
        kind: 'select',
        path: 'reassignTo',
        label: m.reassignTo,
        hint: m.reassignHint,
        placeholder: m.chooseOne,
        options: colleagues.map((s) => ({
          value: s.staffId,
          label: `${s.name} · ${labelOf(m.staffRoleLabels, s.role)}`,
        })),
      },
    ],
    schema: updateStaffSchema,
    body: (v) => ({ active: false, reassignTo: v.reassignTo || undefined }),
    send: (body) =>
      apiRequest<StaffMember & { reassigned?: number }>(
        'PATCH',
        `/centres/${enc(p.centreId)}/staff/${enc(p.person.staffId)}`,
        { body },
      ).then((res) => res.data),
    done: (res, v) => {
      const toName = p.staff.find((s) => s.staffId === v.reassignTo)?.name;
      return (x) => x.deactivated(p.person.name, res.reassigned ?? 0, toName);
    },
    announce: p.announce,
    onSuccess: p.onDone,
    submit: m.confirmDeactivate,
    onCancel: p.onCancel,
  });
}

export function Staff({ centreId, session }: { centreId: string; session: Session }): El {
  const m = t();
  // The centre's name titles the page: until the list of centres answers, a plain title, never the raw id.
  const [centre, setCentre] = useState<Centre | null | undefined>();
  const [staff, setStaff] = useState<StaffMember[] | undefined>();
  const [leaving, setLeaving] = useState<StaffMember | undefined>();
  const [notice, setNotice] = useState<{ kind: NoticeKind; msg: Msg } | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const focusWhenShown = useFocusWhenShown();

  const reload = async () => {
    try {
      setStaff(await apiGet<StaffMember[]>(`/centres/${enc(centreId)}/staff`));
    } catch (err) {
      setNotice({ kind: 'error', msg: problemMsg(err) });
    }
  };
  useEffect(() => {
    void reload();
    setCentre(undefined);
    loadCentres().then(
      (cs) => setCentre(cs.find((c) => c.centreId === centreId) ?? null),
      () => setCentre(null),
    );
  }, [centreId]);

  const reactivate = async (s: StaffMember) => {
    setBusy(s.staffId);
    setNotice(undefined);
    try {
      await apiRequest('PATCH', `/centres/${enc(centreId)}/staff/${enc(s.staffId)}`, { body: { active: true } });
      setNotice({ kind: 'success', msg: (x) => x.reactivated(s.name) });
    } catch (err) {
      setNotice({ kind: 'error', msg: problemMsg(err) });
    } finally {
      setBusy(undefined);
      await reload();
    }
  };

  const self = session.principal.staffId;
  const rows = [...(staff ?? [])].sort((a, b) => Number(b.active !== false) - Number(a.active !== false));
  const columns: Column<StaffMember>[] = [
    { key: 'name', label: m.colName, value: (s) => s.name, rowHeader: true },
    { key: 'role', label: m.colRole, value: (s) => labelOf(m.staffRoleLabels, s.role) },
    {
      key: 'phone',
      label: m.colPhone,
      value: (s) => s.phone ?? '',
      render: (s) => h('span', { class: 'nowrap' }, s.phone ?? ''),
    },
    { key: 'language', label: m.colLanguage, value: (s) => labelOf(m.languageLabels, s.language) },
    {
      key: 'active',
      label: m.colActive,
      value: (s) => (s.active === false ? m.inactiveLabel : m.activeLabel),
      render: (s) =>
        h(
          'span',
          { class: `badge badge--${s.active === false ? 'inactive' : 'active'}` },
          s.active === false ? m.inactiveLabel : m.activeLabel,
        ),
    },
    {
      key: 'actions',
      label: m.colActions,
      action: true,
      value: () => undefined,
      render: (s) =>
        s.staffId === self
          ? null
          : s.active === false
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'btn btn--secondary btn--small',
                  'data-reactivate': s.staffId,
                  disabled: busy === s.staffId,
                  onClick: () => void reactivate(s),
                },
                m.reactivate,
                h('span', { class: 'visually-hidden' }, `: ${s.name}`),
              )
            : h(
                'button',
                {
                  type: 'button',
                  class: 'btn btn--secondary btn--small',
                  'data-deactivate': s.staffId,
                  onClick: () => setLeaving(s),
                },
                m.deactivate,
                h('span', { class: 'visually-hidden' }, `: ${s.name}`),
              ),
    },
  ];

  const title = centre ? m.staffTitle(centre.name) : m.staffTitlePlain;
  const active = rows.filter((s) => s.active !== false).length;
  return h(
    'section',
    { class: 'screen staff' },
    session.principal.role === 'state-admin'
      ? h('p', { class: 'back' }, h('a', { href: href.centres }, m.centresTitle))
      : null,
    h('h1', { id: 'page-title', tabIndex: -1 }, title),
    h('p', { class: 'lead' }, m.rosterIntro),
    // Always in the page (announced when it fills); focusable, for when the form that caused it has gone.
    h(
      Notice,
      { kind: notice?.kind, id: 'roster-notice', focusId: 'roster-notice-text' },
      notice ? notice.msg(m) : null,
    ),
    h('h2', { id: 'roster-title' }, m.rosterTitle),
    staff
      ? [
          h('p', { key: 'count', class: 'muted', id: 'roster-count' }, m.staffShown(active, rows.length)),
          h(DataTable<StaffMember>, {
            key: 'table',
            id: 'roster',
            caption: title,
            captionHidden: true,
            rows,
            rowKey: (s) => s.staffId,
            columns,
            sortable: false,
          }),
        ]
      : h('p', { class: 'muted' }, m.loading),
    leaving
      ? h(Deactivate, {
          key: leaving.staffId,
          centreId,
          person: leaving,
          staff: staff ?? [],
          onCancel: () => setLeaving(undefined),
          announce: (msg) => {
            setLeaving(undefined);
            setNotice({ kind: 'success', msg });
            focusWhenShown('roster-notice-text');
          },
          onDone: reload,
        })
      : null,
    h(AddStaff, { centreId, onAdded: reload }),
  );
}

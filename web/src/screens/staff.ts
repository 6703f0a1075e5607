// A centre's roster, kept by its centre administrator (or the state): add a staff member, with a sign-in to
// the case system or without one; deactivate someone who leaves, handing her follow-ups still to do to a
// colleague in the same request; reactivate. The API decides whether a colleague is needed (only when she
// has pending follow-ups): its 400 at `reassignTo` is shown at that field.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { createStaffSchema, LANGUAGES, STAFF_ROLES, updateStaffSchema } from '../../../shared/schemas.ts';
import { ApiError, apiGet, apiRequest, loadCentres } from '../api.ts';
import type { Session } from '../auth.ts';
import { check, fromServer, type Problems } from '../field-errors.ts';
import { normalisePhone } from '../format.ts';
import { labelOf, type Messages, t } from '../i18n.ts';
import { followUpCandidates } from '../permissions.ts';
import { type Msg, problemMsg } from '../problems.ts';
import { href } from '../router.ts';
import { type Column, DataTable } from '../table.ts';
import type { Centre, CreatedStaff, StaffMember } from '../types.ts';
import {
  Button,
  ChoiceGroup,
  type El,
  ErrorSummary,
  focusField,
  Notice,
  type NoticeKind,
  SelectField,
  TextField,
} from '../ui.ts';

const enc = encodeURIComponent;
const ADD_FIELDS = ['name', 'role', 'phone', 'language', 'systemAccess', 'email'] as const;
const addLabels = (m: Messages): Record<string, string> => ({
  name: m.staffName,
  role: m.staffRole,
  phone: m.staffPhone,
  language: m.staffLanguage,
  systemAccess: m.systemAccess,
  email: m.staffEmail,
});

function AddStaff({ centreId, onAdded }: { centreId: string; onAdded: () => Promise<void> }): El {
  const m = t();
  const empty = { name: '', role: '', phone: '', language: 'hi', systemAccess: 'none', email: '' };
  const [f, setF] = useState(empty);
  const [problems, setProblems] = useState<Problems>({});
  const [notice, setNotice] = useState<{ kind: NoticeKind; msg: Msg } | undefined>();
  const [busy, setBusy] = useState(false);
  const focusErrors = useRef(false);
  useEffect(() => {
    if (focusErrors.current) {
      focusErrors.current = false;
      document.getElementById('staff-errors')?.focus();
    }
  });
  const show = (p: Problems) => {
    setProblems(p);
    focusErrors.current = Object.keys(p).length > 0;
  };
  const set = (patch: Partial<typeof empty>) => setF({ ...f, ...patch });

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setNotice(undefined);
    const body = {
      name: f.name.trim(),
      role: f.role || undefined,
      phone: normalisePhone(f.phone),
      language: f.language,
      systemAccess: f.systemAccess,
      email: f.systemAccess !== 'none' && f.email.trim() ? f.email.trim() : undefined,
    };
    const checked = check(createStaffSchema, body, ADD_FIELDS);
    if (!checked.ok) return show(checked.problems);
    show({});
    setBusy(true);
    try {
      const res = await apiRequest<CreatedStaff>('POST', `/centres/${enc(centreId)}/staff`, { body: checked.data });
      const s = res.data;
      setNotice({ kind: 'success', msg: (x) => x.staffAdded(s.name, s.username) });
      setF(empty);
      await onAdded();
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.fieldErrors.length)
        show(fromServer(err.fieldErrors, ADD_FIELDS));
      else setNotice({ kind: 'error', msg: problemMsg(err) });
    } finally {
      setBusy(false);
    }
  };

  return h(
    'form',
    { class: 'action', noValidate: true, onSubmit: submit, 'aria-labelledby': 'add-staff-title', id: 'add-staff' },
    h('h2', { id: 'add-staff-title' }, m.addStaffTitle),
    h(ErrorSummary, { problems, labels: addLabels(m), idPrefix: 'staff-', id: 'staff-errors' }),
    h(TextField, {
      path: 'name',
      idPrefix: 'staff-',
      label: m.staffName,
      required: true,
      value: f.name,
      onValue: (v) => set({ name: v }),
      problem: problems.name,
    }),
    h(SelectField, {
      path: 'role',
      idPrefix: 'staff-',
      label: m.staffRole,
      required: true,
      placeholder: m.chooseOne,
      options: STAFF_ROLES.map((r) => ({ value: r, label: m.staffRoleLabels[r] })),
      value: f.role,
      onValue: (v) => set({ role: v }),
      problem: problems.role,
    }),
    h(TextField, {
      path: 'phone',
      idPrefix: 'staff-',
      label: m.staffPhone,
      hint: m.staffPhoneHint,
      required: true,
      type: 'tel',
      inputMode: 'tel',
      size: 'medium',
      value: f.phone,
      onValue: (v) => set({ phone: v }),
      problem: problems.phone,
    }),
    h(ChoiceGroup, {
      kind: 'radio',
      path: 'language',
      idPrefix: 'staff-',
      label: m.staffLanguage,
      required: true,
      options: LANGUAGES.map((x) => ({ value: x, label: m.languageLabels[x] })),
      selected: [f.language],
      onToggle: (v) => set({ language: v }),
      problem: problems.language,
    }),
    h(SelectField, {
      path: 'systemAccess',
      idPrefix: 'staff-',
      label: m.systemAccess,
      hint: m.systemAccessHint,
      options: ['none', 'centre-staff', 'centre-admin'].map((x) => ({ value: x, label: m.accessLabels[x] })),
      value: f.systemAccess,
      onValue: (v) => set({ systemAccess: v }),
      problem: problems.systemAccess,
    }),
    f.systemAccess !== 'none'
      ? h(TextField, {
          path: 'email',
          idPrefix: 'staff-',
          label: m.staffEmail,
          size: 'medium',
          value: f.email,
          onValue: (v) => set({ email: v }),
          problem: problems.email,
        })
      : null,
    h(Notice, { kind: notice?.kind, id: 'add-staff-notice' }, notice ? notice.msg(m) : null),
    h(Button, { type: 'submit', busy, id: 'add-staff-submit' }, m.addStaff),
  );
}

function Deactivate({
  centreId,
  person,
  staff,
  onDone,
  onCancel,
}: {
  centreId: string;
  person: StaffMember;
  staff: StaffMember[];
  onDone: (msg: Msg) => Promise<void>;
  onCancel: () => void;
}): El {
  const m = t();
  const [to, setTo] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [notice, setNotice] = useState<Msg | undefined>();
  const [busy, setBusy] = useState(false);
  const focusProblem = useRef(false);
  useEffect(() => {
    document.getElementById('deactivate-title')?.focus();
  }, [person.staffId]);
  useEffect(() => {
    if (focusProblem.current) {
      focusProblem.current = false;
      focusField('reassignTo', 'deact-');
    }
  });

  const colleagues = followUpCandidates(staff).filter((s) => s.staffId !== person.staffId && s.phone);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setNotice(undefined);
    const checked = check(updateStaffSchema, { active: false, reassignTo: to || undefined }, ['reassignTo']);
    if (!checked.ok) {
      setProblems(checked.problems);
      focusProblem.current = true;
      return;
    }
    setProblems({});
    setBusy(true);
    try {
      const res = await apiRequest<StaffMember & { reassigned?: number }>(
        'PATCH',
        `/centres/${enc(centreId)}/staff/${enc(person.staffId)}`,
        { body: checked.data },
      );
      const moved = res.data.reassigned ?? 0;
      const toName = staff.find((s) => s.staffId === to)?.name;
      await onDone((x) => x.deactivated(person.name, moved, toName));
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.fieldErrors.length) {
        setProblems(fromServer(err.fieldErrors, ['reassignTo']));
        focusProblem.current = true;
      } else setNotice(() => problemMsg(err));
    } finally {
      setBusy(false);
    }
  };

  return h(
    'form',
    {
      class: 'action deactivate',
      noValidate: true,
      onSubmit: submit,
      'aria-labelledby': 'deactivate-title',
      id: 'deactivate-form',
    },
    h('h2', { id: 'deactivate-title', tabIndex: -1 }, m.deactivateTitle(person.name)),
    h('p', null, m.deactivateIntro),
    h(SelectField, {
      path: 'reassignTo',
      idPrefix: 'deact-',
      label: m.reassignTo,
      hint: m.reassignHint,
      placeholder: m.chooseOne,
      options: colleagues.map((s) => ({
        value: s.staffId,
        label: `${s.name} · ${labelOf(m.staffRoleLabels, s.role)}`,
      })),
      value: to,
      onValue: setTo,
      problem: problems.reassignTo,
    }),
    h(Notice, { kind: 'error', id: 'deactivate-notice' }, notice ? notice(m) : null),
    h(
      'div',
      { class: 'actions' },
      h(Button, { type: 'submit', busy, id: 'deactivate-submit' }, m.confirmDeactivate),
      h(Button, { kind: 'secondary', onClick: onCancel, disabled: busy }, m.cancel),
    ),
  );
}

export function Staff({ centreId, session }: { centreId: string; session: Session }): El {
  const m = t();
  const [centre, setCentre] = useState<Centre | undefined>();
  const [staff, setStaff] = useState<StaffMember[] | undefined>();
  const [leaving, setLeaving] = useState<StaffMember | undefined>();
  const [notice, setNotice] = useState<{ kind: NoticeKind; msg: Msg } | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const focusNotice = useRef(false);

  const reload = async () => {
    try {
      setStaff(await apiGet<StaffMember[]>(`/centres/${enc(centreId)}/staff`));
    } catch (err) {
      setNotice({ kind: 'error', msg: problemMsg(err) });
    }
  };
  useEffect(() => {
    void reload();
    loadCentres().then(
      (cs) => setCentre(cs.find((c) => c.centreId === centreId)),
      () => undefined,
    );
  }, [centreId]);
  useEffect(() => {
    if (focusNotice.current) {
      focusNotice.current = false;
      document.getElementById('roster-notice-text')?.focus();
    }
  });

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

  const title = m.staffTitle(centre?.name ?? centreId);
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
      'div',
      { class: 'live', 'aria-live': notice?.kind === 'error' ? 'assertive' : 'polite', id: 'roster-notice' },
      notice
        ? h('div', { class: `notice notice--${notice.kind}`, id: 'roster-notice-text', tabIndex: -1 }, notice.msg(m))
        : null,
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
          onDone: async (msg) => {
            setLeaving(undefined);
            setNotice({ kind: 'success', msg });
            focusNotice.current = true;
            await reload();
          },
        })
      : null,
    h(AddStaff, { centreId, onAdded: reload }),
  );
}

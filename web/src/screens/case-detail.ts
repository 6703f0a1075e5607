// One case: where it stands, what was given, follow-ups, escalations and the history, with exactly the actions
// the signed-in role may take on it now (permissions.ts). A case the user may not see is "not found", with
// nothing about it on the page, as the API answers 404 for it.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type * as z from 'zod/mini';
import {
  acknowledgeEscalationSchema,
  changeStatusSchema,
  ESCALATION_REASONS,
  FOLLOW_UP_OUTCOMES,
  recordFollowUpSchema,
  recordServiceSchema,
  resolveCaseSchema,
  SERVICES,
  startEscalationSchema,
} from '../../../shared/schemas.ts';
import { ApiError, apiGet, apiRequest } from '../api.ts';
import type { Session } from '../auth.ts';
import { check, fromServer, type Problems } from '../field-errors.ts';
import { formatCalendarDate, formatDateTime } from '../format.ts';
import { labelOf, type Messages, t } from '../i18n.ts';
import {
  canAcknowledge,
  canEscalate,
  canRecordFollowUp,
  canRecordService,
  canResolve,
  followUpCandidates,
  isCentreRole,
  statusMoves,
} from '../permissions.ts';
import { type Msg, problemMsg } from '../problems.ts';
import { href } from '../router.ts';
import type { CaseView, Escalation, FollowUp, HistoryEvent, StaffMember } from '../types.ts';
import type { El } from '../ui.ts';
import { Button, Facts, Notice, type NoticeKind, SelectField, TextField } from '../ui.ts';

interface Ctx {
  caseData: CaseView;
  session: Session;
  staff: StaffMember[];
  reload: () => Promise<void>;
  /** A message at the top of the page; `focus` when the form that caused it has gone away. */
  announce: (kind: NoticeKind, msg: Msg, focus?: boolean) => void;
}

const enc = encodeURIComponent;

/** Check with the shared schema, send, then reload the case; field errors stay at the fields. */
function useAction(fields: readonly string[], ctx: Ctx) {
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  const [notice, setNotice] = useState<{ kind: NoticeKind; msg: Msg } | undefined>();
  const run = async <T>(
    schema: z.ZodMiniType<T>,
    input: unknown,
    send: (data: T) => Promise<unknown>,
    done: Msg,
    focusAfter = false,
  ): Promise<boolean> => {
    setNotice(undefined);
    const checked = check(schema, input, fields);
    if (!checked.ok) {
      setProblems(checked.problems);
      return false;
    }
    setProblems({});
    setBusy(true);
    try {
      await send(checked.data);
      if (focusAfter) ctx.announce('success', done, true);
      else setNotice({ kind: 'success', msg: done });
      await ctx.reload();
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.fieldErrors.length) {
        setProblems(fromServer(err.fieldErrors, fields));
      } else {
        setNotice({ kind: 'error', msg: problemMsg(err) });
        // A refused or stale change: show the case as it now is, so the next try starts from the truth.
        if (err instanceof ApiError && (err.status === 409 || err.status === 412)) await ctx.reload();
      }
      return false;
    } finally {
      setBusy(false);
    }
  };
  const noticeHere = (id: string) => h(Notice, { kind: notice?.kind, id }, notice ? notice.msg(t()) : null);
  return { busy, problems, run, noticeHere };
}

const optionsOf = <K extends string>(values: readonly K[], map: Record<K, string>) =>
  values.map((v) => ({ value: v, label: map[v] ?? v }));

function ServiceForm({ ctx }: { ctx: Ctx }): El {
  const m = t();
  const [type, setType] = useState('');
  const [note, setNote] = useState('');
  const a = useAction(['type', 'note'], ctx);
  const submit = async (e: Event) => {
    e.preventDefault();
    const ok = await a.run(
      recordServiceSchema,
      { type: type || undefined, note: note.trim() || undefined },
      (body) => apiRequest('POST', `/cases/${enc(ctx.caseData.caseId)}/services`, { body }),
      (x) => x.serviceRecorded,
    );
    if (ok) {
      setType('');
      setNote('');
    }
  };
  return h(
    'form',
    { class: 'action', noValidate: true, onSubmit: submit, 'aria-labelledby': 'service-form-title' },
    h('h3', { id: 'service-form-title' }, m.recordService),
    h(SelectField, {
      path: 'type',
      idPrefix: 'svc-',
      label: m.serviceType,
      required: true,
      placeholder: m.chooseOne,
      options: optionsOf(SERVICES, m.serviceLabels),
      value: type,
      onValue: setType,
      problem: a.problems.type,
    }),
    h(TextField, {
      path: 'note',
      idPrefix: 'svc-',
      label: m.note,
      hint: m.noteHint,
      multiline: true,
      value: note,
      onValue: setNote,
      problem: a.problems.note,
    }),
    a.noticeHere('service-notice'),
    h(Button, { type: 'submit', busy: a.busy }, m.save),
  );
}

function StatusForm({ ctx, moves }: { ctx: Ctx; moves: string[] }): El {
  const m = t();
  const [status, setStatus] = useState('');
  const [note, setNote] = useState('');
  const a = useAction(['status', 'note'], ctx);
  const submit = async (e: Event) => {
    e.preventDefault();
    const ok = await a.run(
      changeStatusSchema,
      { status: status || undefined, note: note.trim() || undefined },
      (body) =>
        apiRequest('POST', `/cases/${enc(ctx.caseData.caseId)}/status`, {
          body,
          // The version this worker looked at: a change made by someone else meanwhile is a 412, not overwritten.
          headers: { 'if-match': `"${ctx.caseData.version}"` },
        }),
      (x) => x.statusChanged(x.statusLabels[status as keyof typeof x.statusLabels] ?? status),
    );
    if (ok) {
      setStatus('');
      setNote('');
    }
  };
  return h(
    'form',
    { class: 'action', noValidate: true, onSubmit: submit, 'aria-labelledby': 'status-form-title' },
    h('h3', { id: 'status-form-title' }, m.statusSection),
    moves.length
      ? [
          h(SelectField, {
            key: 's',
            path: 'status',
            idPrefix: 'st-',
            label: m.newStatus,
            required: true,
            placeholder: m.chooseOne,
            options: moves.map((s) => ({ value: s, label: labelOf(m.statusLabels, s) })),
            value: status,
            onValue: setStatus,
            problem: a.problems.status,
          }),
          h(TextField, {
            key: 'n',
            path: 'note',
            idPrefix: 'st-',
            label: m.note,
            hint: m.noteHint,
            multiline: true,
            value: note,
            onValue: setNote,
            problem: a.problems.note,
          }),
        ]
      : h('p', { class: 'muted' }, m.noStatusMoves),
    a.noticeHere('status-notice'),
    moves.length ? h(Button, { type: 'submit', busy: a.busy }, m.save) : null,
  );
}

function ResolveForm({ ctx }: { ctx: Ctx }): El {
  const m = t();
  const [outcome, setOutcome] = useState('');
  const [worker, setWorker] = useState('');
  const [note, setNote] = useState('');
  const a = useAction(['outcome', 'followUpWorkerId', 'note'], ctx);
  const submit = async (e: Event) => {
    e.preventDefault();
    await a.run(
      resolveCaseSchema,
      { outcome: outcome.trim(), followUpWorkerId: worker || undefined, note: note.trim() || undefined },
      (body) =>
        apiRequest('POST', `/cases/${enc(ctx.caseData.caseId)}/resolve`, {
          body,
          headers: { 'if-match': `"${ctx.caseData.version}"` },
        }),
      (x) => x.resolved,
      true,
    );
  };
  return h(
    'form',
    { class: 'action', noValidate: true, onSubmit: submit, 'aria-labelledby': 'resolve-form-title' },
    h('h3', { id: 'resolve-form-title' }, m.resolveSection),
    h('p', { class: 'muted' }, m.resolveIntro),
    h(TextField, {
      path: 'outcome',
      idPrefix: 'res-',
      label: m.outcome,
      required: true,
      multiline: true,
      value: outcome,
      onValue: setOutcome,
      problem: a.problems.outcome,
    }),
    h(SelectField, {
      path: 'followUpWorkerId',
      idPrefix: 'res-',
      label: m.followUpWorker,
      required: true,
      placeholder: m.chooseOne,
      options: followUpCandidates(ctx.staff).map((s) => ({
        value: s.staffId,
        label: `${s.name} · ${labelOf(m.staffRoleLabels, s.role)}`,
      })),
      value: worker,
      onValue: setWorker,
      problem: a.problems.followUpWorkerId,
    }),
    h(TextField, {
      path: 'note',
      idPrefix: 'res-',
      label: m.note,
      hint: m.noteHint,
      multiline: true,
      value: note,
      onValue: setNote,
      problem: a.problems.note,
    }),
    a.noticeHere('resolve-notice'),
    h(Button, { type: 'submit', busy: a.busy }, m.resolve),
  );
}

function FollowUpForm({ ctx, f }: { ctx: Ctx; f: FollowUp }): El {
  const m = t();
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const a = useAction(['outcome', 'note'], ctx);
  const prefix = `fu-${f.followUpId}-`;
  const submit = async (e: Event) => {
    e.preventDefault();
    await a.run(
      recordFollowUpSchema,
      { outcome: outcome || undefined, note: note.trim() || undefined },
      (body) => apiRequest('POST', `/cases/${enc(ctx.caseData.caseId)}/followups/${enc(f.followUpId)}`, { body }),
      (x) => x.followUpRecorded,
      true,
    );
  };
  if (!open) {
    return h(
      Button,
      {
        kind: 'secondary',
        onClick: () => setOpen(true),
        label: `${m.recordOutcome}: ${formatCalendarDate(f.dueDate)}`,
      },
      m.recordOutcome,
    );
  }
  return h(
    'form',
    {
      class: 'action action--inline',
      noValidate: true,
      onSubmit: submit,
      'aria-label': `${m.recordOutcome}: ${formatCalendarDate(f.dueDate)}`,
    },
    h(SelectField, {
      path: 'outcome',
      idPrefix: prefix,
      label: m.outcome,
      required: true,
      placeholder: m.chooseOne,
      options: optionsOf(FOLLOW_UP_OUTCOMES, m.followUpOutcomeLabels),
      value: outcome,
      onValue: setOutcome,
      problem: a.problems.outcome,
    }),
    h(TextField, {
      path: 'note',
      idPrefix: prefix,
      label: m.note,
      hint: m.noteHint,
      multiline: true,
      value: note,
      onValue: setNote,
      problem: a.problems.note,
    }),
    a.noticeHere(`${prefix}notice`),
    h(
      'div',
      { class: 'actions' },
      h(Button, { type: 'submit', busy: a.busy }, m.save),
      h(Button, { kind: 'secondary', onClick: () => setOpen(false) }, m.cancel),
    ),
  );
}

function EscalateForm({ ctx }: { ctx: Ctx }): El {
  const m = t();
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const a = useAction(['reason', 'note'], ctx);
  const submit = async (e: Event) => {
    e.preventDefault();
    const ok = await a.run(
      startEscalationSchema,
      { reason: reason || undefined, note: note.trim() || undefined },
      (body) => apiRequest('POST', `/cases/${enc(ctx.caseData.caseId)}/escalations`, { body }),
      (x) => x.escalated,
    );
    if (ok) {
      setReason('');
      setNote('');
    }
  };
  return h(
    'form',
    { class: 'action', noValidate: true, onSubmit: submit, 'aria-labelledby': 'escalate-form-title' },
    h('h3', { id: 'escalate-form-title' }, m.escalateSection),
    h(SelectField, {
      path: 'reason',
      idPrefix: 'esc-',
      label: m.reason,
      required: true,
      placeholder: m.chooseOne,
      options: optionsOf(ESCALATION_REASONS, m.escalationReasonLabels),
      value: reason,
      onValue: setReason,
      problem: a.problems.reason,
    }),
    h(TextField, {
      path: 'note',
      idPrefix: 'esc-',
      label: m.note,
      hint: m.noteHint,
      multiline: true,
      value: note,
      onValue: setNote,
      problem: a.problems.note,
    }),
    a.noticeHere('escalate-notice'),
    h(Button, { type: 'submit', busy: a.busy }, m.escalate),
  );
}

function AcknowledgeButton({ ctx, e }: { ctx: Ctx; e: Escalation }): El {
  const m = t();
  const a = useAction([], ctx);
  const ack = () =>
    void a.run(
      acknowledgeEscalationSchema,
      {},
      (body) =>
        apiRequest('POST', `/cases/${enc(ctx.caseData.caseId)}/escalations/${enc(e.escalationId)}/acknowledge`, {
          body,
        }),
      (x) => x.acknowledged,
      true,
    );
  return h(
    'div',
    null,
    h(
      Button,
      {
        kind: 'secondary',
        busy: a.busy,
        onClick: ack,
        label: `${m.acknowledge}: ${m.level} ${e.level}, ${labelOf(m.escalationReasonLabels, e.reason)}`,
      },
      m.acknowledge,
    ),
    a.noticeHere(`ack-${e.escalationId}-notice`),
  );
}

const yesNo = (m: Messages, v: boolean | undefined) => (v === undefined ? '' : v ? m.yes : m.no);

function describeEvent(m: Messages, ev: HistoryEvent): string {
  const parts = [labelOf(m.actionLabels, ev.action)];
  if (ev.from || ev.to) parts.push(`${labelOf(m.statusLabels, ev.from)} → ${labelOf(m.statusLabels, ev.to)}`);
  const d = ev.details ?? {};
  if (typeof d.type === 'string') parts.push(labelOf(m.serviceLabels, d.type));
  if (typeof d.reason === 'string') parts.push(labelOf(m.escalationReasonLabels, d.reason));
  if (typeof d.outcome === 'string') parts.push(labelOf(m.followUpOutcomeLabels, d.outcome));
  if (typeof d.note === 'string') parts.push(`“${d.note}”`);
  return parts.filter(Boolean).join(' · ');
}

export function CaseDetail({ caseId, session }: { caseId: string; session: Session }): El {
  const m = t();
  const role = session.principal.role;
  const [data, setData] = useState<CaseView | 'not-found' | undefined>();
  const [history, setHistory] = useState<HistoryEvent[]>([]);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [pageNotice, setPageNotice] = useState<{ kind: NoticeKind; msg: Msg } | undefined>();
  const focusNotice = useRef(false);

  const reload = async () => {
    try {
      const [c, hist] = await Promise.all([
        apiGet<CaseView>(`/cases/${enc(caseId)}`),
        apiGet<HistoryEvent[]>(`/cases/${enc(caseId)}/history`).catch(() => [] as HistoryEvent[]),
      ]);
      setData(c);
      setHistory(hist);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 403)) {
        setData('not-found');
        setHistory([]);
      } else {
        setPageNotice({ kind: 'error', msg: problemMsg(err) });
      }
    }
  };

  useEffect(() => {
    setData(undefined);
    setPageNotice(undefined);
    void reload();
  }, [caseId]);

  const centreId = data && data !== 'not-found' ? data.centreId : undefined;
  useEffect(() => {
    if (!centreId) return;
    apiGet<StaffMember[]>(`/centres/${enc(centreId)}/staff`).then(setStaff, () => setStaff([]));
  }, [centreId]);

  useEffect(() => {
    if (focusNotice.current) {
      focusNotice.current = false;
      document.getElementById('case-notice')?.focus();
    }
  });

  const announce = (kind: NoticeKind, msg: Msg, focus = false) => {
    setPageNotice({ kind, msg });
    focusNotice.current = focus;
  };

  const back = h('p', { class: 'back' }, h('a', { href: href.cases }, `← ${m.backToCases}`));

  if (data === undefined) {
    return h(
      'section',
      { class: 'screen case' },
      back,
      h('h1', { id: 'page-title', tabIndex: -1 }, m.loading),
      h(Notice, { kind: pageNotice?.kind ?? 'error' }, pageNotice ? pageNotice.msg(m) : null),
    );
  }
  if (data === 'not-found') {
    return h(
      'section',
      { class: 'screen case' },
      back,
      h('h1', { id: 'page-title', tabIndex: -1 }, m.notFoundTitle),
      h('p', { class: 'notice notice--error', id: 'case-not-found', role: 'alert' }, m.caseNotFound),
    );
  }

  const c = data;
  const ctx: Ctx = { caseData: c, session, staff, reload, announce };
  const staffName = (id?: string) => staff.find((s) => s.staffId === id)?.name ?? id ?? '';
  const moves = statusMoves(role, c);
  const centreTeam = isCentreRole(role);

  return h(
    'section',
    { class: 'screen case' },
    back,
    h('h1', { id: 'page-title', tabIndex: -1 }, `${m.caseTitle} `, h('span', { class: 'nowrap' }, c.caseNumber)),
    h(
      'div',
      { class: 'live', 'aria-live': pageNotice?.kind === 'error' ? 'assertive' : 'polite' },
      pageNotice
        ? h('div', { class: `notice notice--${pageNotice.kind}`, id: 'case-notice', tabIndex: -1 }, pageNotice.msg(m))
        : null,
    ),
    h(Facts, {
      items: [
        [
          m.status,
          h(
            'span',
            { class: `badge badge--${c.status.toLowerCase()}`, id: 'case-status' },
            labelOf(m.statusLabels, c.status),
          ),
        ],
        [m.risk, h('span', { class: `risk risk--${c.riskLevel.toLowerCase()}` }, labelOf(m.riskLabels, c.riskLevel))],
        [m.centre, c.centreId],
        [m.districtLabel, c.district],
        [m.registeredAt, formatDateTime(c.registeredAt)],
        [m.updatedAt, formatDateTime(c.updatedAt)],
        [m.version, String(c.version)],
      ],
    }),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'sec-survivor' },
      h('h2', { id: 'sec-survivor' }, m.survivorSection),
      c.survivor
        ? h(Facts, {
            items: [
              [m.name, c.survivor.name],
              [m.age, String(c.survivor.age)],
              [m.phone, c.survivor.phone],
              [m.safeToContact, c.survivor.phone ? yesNo(m, c.survivor.safeToContact) : ''],
              [m.districtLabel, c.survivor.district],
              [m.address, c.survivor.address],
            ],
          })
        : h('p', { class: 'muted' }, m.survivorHidden),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'sec-incident' },
      h('h2', { id: 'sec-incident' }, m.incidentSection),
      h(Facts, {
        items: [
          [m.categories, (c.incident?.categories ?? []).map((x) => labelOf(m.categoryLabels, x)).join(', ')],
          [m.date, formatCalendarDate(c.incident?.date)],
          [
            m.relationship,
            c.incident?.perpetratorRelationship
              ? labelOf(m.relationshipLabels, c.incident.perpetratorRelationship)
              : '',
          ],
          [m.description, c.incident?.description],
          [m.referralSource, c.referral?.source ? labelOf(m.referralLabels, c.referral.source) : ''],
          [m.reference, c.referral?.reference],
          [
            m.servicesNeeded,
            c.servicesNeeded ? c.servicesNeeded.map((s) => labelOf(m.serviceLabels, s)).join(', ') || m.none : '',
          ],
          [m.consentServices, yesNo(m, c.consent?.services)],
          [m.consentPolice, yesNo(m, c.consent?.shareWithPolice)],
          [m.consentPhone, yesNo(m, c.consent?.contactByPhone)],
          [m.outcome, c.resolution?.outcome],
        ],
      }),
    ),
    centreTeam
      ? h(
          'section',
          { class: 'card', 'aria-labelledby': 'sec-status' },
          h('h2', { id: 'sec-status' }, m.progressSection),
          h(StatusForm, { ctx, moves }),
          canResolve(role, c) ? h(ResolveForm, { ctx }) : null,
        )
      : null,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'sec-services' },
      h('h2', { id: 'sec-services' }, m.servicesSection),
      c.services?.length
        ? h(
            'ul',
            { class: 'records', id: 'services-list' },
            c.services.map((s) =>
              h(
                'li',
                { key: s.serviceId },
                h('strong', null, labelOf(m.serviceLabels, s.serviceType ?? s.type)),
                ' · ',
                formatDateTime(s.at),
                s.recordedBy?.username ? ` · ${s.recordedBy.username}` : '',
                s.note ? h('p', { class: 'note' }, s.note) : null,
              ),
            ),
          )
        : h('p', { class: 'muted' }, m.noServices),
      canRecordService(role, c) ? h(ServiceForm, { ctx }) : null,
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'sec-followups' },
      h('h2', { id: 'sec-followups' }, m.followUpsSection),
      c.followUps?.length
        ? h(
            'ul',
            { class: 'records' },
            c.followUps.map((f) =>
              h(
                'li',
                { key: f.followUpId },
                h('strong', null, `${m.due}: ${formatCalendarDate(f.dueDate)}`),
                ` · ${labelOf(m.followUpStatusLabels, f.status)}`,
                f.workerId ? ` · ${m.worker}: ${staffName(f.workerId)}` : '',
                f.outcome ? ` · ${labelOf(m.followUpOutcomeLabels, f.outcome)}` : '',
                canRecordFollowUp(role, c, f) ? h(FollowUpForm, { ctx, f }) : null,
              ),
            ),
          )
        : h('p', { class: 'muted' }, m.noFollowUps),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'sec-escalations' },
      h('h2', { id: 'sec-escalations' }, m.escalationsSection),
      c.escalations?.length
        ? h(
            'ul',
            { class: 'records' },
            c.escalations.map((e) =>
              h(
                'li',
                { key: e.escalationId },
                h('strong', null, labelOf(m.escalationReasonLabels, e.reason)),
                ` · ${m.level} ${e.level}: ${m.escalationLevelLabels[e.level] ?? ''} · ${labelOf(m.escalationStatusLabels, e.status)}`,
                e.requestedAt ? ` · ${formatDateTime(e.requestedAt)}` : '',
                e.acknowledgedBy?.username ? ` · ${e.acknowledgedBy.username}` : '',
                canAcknowledge(role, e) ? h(AcknowledgeButton, { ctx, e }) : null,
              ),
            ),
          )
        : h('p', { class: 'muted' }, m.noEscalations),
      canEscalate(role, c) ? h(EscalateForm, { ctx }) : null,
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'sec-history' },
      h('h2', { id: 'sec-history' }, m.historySection),
      history.length
        ? h(
            'ol',
            { class: 'records history', id: 'history-list' },
            history.map((ev) =>
              h(
                'li',
                { key: ev.eventId ?? ev.at },
                h('span', { class: 'when' }, formatDateTime(ev.at)),
                ' · ',
                h(
                  'span',
                  { class: 'who' },
                  [ev.actor?.username, ev.actor?.role ? labelOf(m.roleLabels, ev.actor.role) : '']
                    .filter(Boolean)
                    .join(', '),
                ),
                h('p', { class: 'what' }, describeEvent(m, ev)),
              ),
            ),
          )
        : h('p', { class: 'muted' }, m.noHistory),
    ),
  );
}

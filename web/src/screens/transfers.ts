// The transfers inbox of a centre administrator: cases other centres want to hand to hers (accept, naming who
// takes her follow-ups, or decline with a reason) and those hers has handed on (withdraw one still waiting).
// A waiting transfer shows the case number, categories, risk and the sender's reason, never who she is; the
// case opens here only once it is accepted (the API answers 404 before).
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { acceptTransferSchema, declineTransferSchema } from '../../../shared/schemas.ts';
import { actionForm } from '../action-form.ts';
import { apiGet, apiRequest, loadCentres } from '../api.ts';
import type { Session } from '../auth.ts';
import { useFocusWhenShown } from '../focus.ts';
import { formatDateTime } from '../format.ts';
import { labelOf, t } from '../i18n.ts';
import { followUpCandidates } from '../permissions.ts';
import { type Msg, problemMsg } from '../problems.ts';
import { href } from '../router.ts';
import { type Column, DataTable } from '../table.ts';
import type { Centre, StaffMember, TransferRow } from '../types.ts';
import { Block, type El, Notice, type NoticeKind } from '../ui.ts';

const enc = encodeURIComponent;

type Answering = { kind: 'accept' | 'decline'; row: TransferRow };

function Accept(p: {
  row: TransferRow;
  staff: StaffMember[];
  onDone: (msg: Msg, caseLink?: TransferRow) => void;
  onCancel: () => void;
}): El {
  const m = t();
  const workers = followUpCandidates(p.staff).filter((s) => s.phone);
  return actionForm({
    id: 'accept-transfer',
    idPrefix: 'acc-',
    title: m.acceptTitle(p.row.caseNumber),
    focusTitle: true,
    intro: m.acceptIntro,
    // Only the API knows whether she has follow-ups still to do: its 400 at this field asks for a worker.
    errorFocus: 'field',
    initial: { followUpWorkerId: '' },
    fields: () => [
      {
        kind: 'select',
        path: 'followUpWorkerId',
        label: m.followUpWorker,
        hint: m.acceptWorkerHint,
        placeholder: m.chooseOne,
        options: workers.map((s) => ({ value: s.staffId, label: `${s.name} · ${labelOf(m.staffRoleLabels, s.role)}` })),
      },
    ],
    schema: acceptTransferSchema,
    body: (v) => ({ followUpWorkerId: v.followUpWorkerId || undefined }),
    send: (body) =>
      apiRequest<{ followUpsReassigned: number }>('POST', `/transfers/${enc(p.row.transferId)}/accept`, {
        body,
      }).then((r) => r.data),
    done: (res) => (x) => x.transferAccepted(p.row.caseNumber, res.followUpsReassigned),
    announce: (msg) => p.onDone(msg, p.row),
    submit: m.confirmAccept,
    onCancel: p.onCancel,
  });
}

function Decline(p: { row: TransferRow; onDone: (msg: Msg) => void; onCancel: () => void }): El {
  const m = t();
  return actionForm({
    id: 'decline-transfer',
    idPrefix: 'dec-',
    title: m.declineTitle(p.row.caseNumber),
    focusTitle: true,
    errorFocus: 'field',
    initial: { reason: '' },
    fields: () => [{ kind: 'text', path: 'reason', label: m.declineReason, required: true, multiline: true }],
    schema: declineTransferSchema,
    body: (v) => ({ reason: v.reason.trim() }),
    send: (body) => apiRequest('POST', `/transfers/${enc(p.row.transferId)}/decline`, { body }).then((r) => r.data),
    done: () => (x) => x.transferDeclined(p.row.caseNumber),
    announce: p.onDone,
    submit: m.confirmDecline,
    onCancel: p.onCancel,
  });
}

export function Transfers({ session }: { session: Session }): El {
  const m = t();
  const centreId = session.principal.centreId ?? '';
  const [incoming, setIncoming] = useState<TransferRow[] | undefined>();
  const [outgoing, setOutgoing] = useState<TransferRow[] | undefined>();
  const [centres, setCentres] = useState<Centre[]>([]);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [answering, setAnswering] = useState<Answering | undefined>();
  const [taken, setTaken] = useState<TransferRow | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [notice, setNotice] = useState<{ kind: NoticeKind; msg: Msg } | undefined>();
  const focusWhenShown = useFocusWhenShown();

  const reload = async () => {
    try {
      const [a, b] = await Promise.all([
        apiGet<TransferRow[]>('/transfers?direction=incoming'),
        apiGet<TransferRow[]>('/transfers?direction=outgoing'),
      ]);
      setIncoming(a);
      setOutgoing(b);
    } catch (err) {
      setNotice({ kind: 'error', msg: problemMsg(err) });
    }
  };
  useEffect(() => {
    void reload();
    loadCentres().then(setCentres, () => undefined);
    if (centreId) apiGet<StaffMember[]>(`/centres/${enc(centreId)}/staff`).then(setStaff, () => undefined);
  }, []);

  const answered = (msg: Msg, link?: TransferRow) => {
    setAnswering(undefined);
    setTaken(link);
    setNotice({ kind: 'success', msg });
    focusWhenShown('transfers-notice-text');
    void reload();
  };

  const withdraw = async (row: TransferRow) => {
    setBusy(row.transferId);
    setNotice(undefined);
    try {
      await apiRequest('POST', `/transfers/${enc(row.transferId)}/cancel`, { body: {} });
      answered((x) => x.transferCancelled);
    } catch (err) {
      setNotice({ kind: 'error', msg: problemMsg(err) });
    } finally {
      setBusy(undefined);
    }
  };

  const centreName = (id: string) => centres.find((c) => c.centreId === id)?.name ?? id;
  const button = (row: TransferRow, label: string, attr: string, onClick: () => void, primary = false) =>
    h(
      'button',
      {
        type: 'button',
        class: `btn btn--small ${primary ? 'btn--primary' : 'btn--secondary'}`,
        [`data-${attr}`]: row.transferId,
        disabled: busy === row.transferId,
        onClick,
      },
      label,
      h('span', { class: 'visually-hidden' }, `: ${row.caseNumber}`),
    );

  const columns = (direction: 'incoming' | 'outgoing'): Column<TransferRow>[] => [
    {
      key: 'caseNumber',
      label: m.colCaseNumber,
      value: (r) => r.caseNumber,
      rowHeader: true,
      // The case opens where it now is: the receiver's once accepted, the sender's until then.
      render: (r) =>
        (direction === 'incoming' ? r.status === 'ACCEPTED' : r.status !== 'ACCEPTED')
          ? h('a', { href: href.case(r.caseId) }, r.caseNumber)
          : h('span', { class: 'nowrap' }, r.caseNumber),
    },
    direction === 'incoming'
      ? { key: 'from', label: m.colFrom, value: (r) => centreName(r.fromCentreId) }
      : { key: 'to', label: m.colTo, value: (r) => centreName(r.toCentreId) },
    {
      key: 'categories',
      label: m.colCategories,
      value: (r) => (r.categories ?? []).map((c) => labelOf(m.categoryLabels, c)).join(', '),
    },
    { key: 'risk', label: m.colRisk, value: (r) => labelOf(m.riskLabels, r.riskLevel) },
    {
      key: 'reason',
      label: m.colReason,
      value: (r) => (r.status === 'DECLINED' ? (r.declineReason ?? r.reason) : r.reason),
    },
    { key: 'asked', label: m.colAsked, value: (r) => formatDateTime(r.requestedAt) },
    {
      key: 'status',
      label: m.colTransferStatus,
      value: (r) => labelOf(m.transferStatusLabels, r.status),
      render: (r) =>
        h(
          'span',
          { class: `badge badge--transfer-${r.status.toLowerCase()}` },
          labelOf(m.transferStatusLabels, r.status),
        ),
    },
    {
      key: 'actions',
      label: m.colActions,
      action: true,
      value: () => undefined,
      render: (r) =>
        r.status !== 'PENDING'
          ? null
          : direction === 'incoming'
            ? h(
                'div',
                { class: 'row-actions' },
                button(r, m.accept, 'accept', () => setAnswering({ kind: 'accept', row: r }), true),
                button(r, m.decline, 'decline', () => setAnswering({ kind: 'decline', row: r })),
              )
            : button(r, m.cancelTransfer, 'withdraw', () => void withdraw(r)),
    },
  ];

  const table = (
    id: string,
    title: string,
    rows: TransferRow[] | undefined,
    empty: string,
    dir: 'incoming' | 'outgoing',
  ) =>
    h(
      Block,
      { id, title },
      !rows
        ? h('p', { class: 'muted' }, m.loading)
        : rows.length
          ? h(DataTable<TransferRow>, {
              id: `${id}-table`,
              caption: title,
              captionHidden: true,
              rows,
              rowKey: (r) => r.transferId,
              columns: columns(dir),
              sortable: false,
            })
          : h('p', { class: 'muted', id: `${id}-empty` }, empty),
    );

  const form = answering
    ? answering.kind === 'accept'
      ? h(Accept, {
          key: answering.row.transferId,
          row: answering.row,
          staff,
          onDone: answered,
          onCancel: () => setAnswering(undefined),
        })
      : h(Decline, {
          key: answering.row.transferId,
          row: answering.row,
          onDone: answered,
          onCancel: () => setAnswering(undefined),
        })
    : null;

  return h(
    'section',
    { class: 'screen transfers' },
    h('h1', { id: 'page-title', tabIndex: -1 }, m.transfersTitle),
    h('p', { class: 'lead' }, m.transfersIntro),
    h(
      Notice,
      { kind: notice?.kind, id: 'transfers-notice', focusId: 'transfers-notice-text' },
      notice ? notice.msg(m) : null,
    ),
    taken
      ? h(
          'p',
          { id: 'transferred-case' },
          h('a', { href: href.case(taken.caseId) }, m.openTransferredCase(taken.caseNumber)),
        )
      : null,
    table('incoming', m.incomingTitle, incoming, m.noIncoming, 'incoming'),
    form,
    table('outgoing', m.outgoingTitle, outgoing, m.noOutgoing, 'outgoing'),
  );
}

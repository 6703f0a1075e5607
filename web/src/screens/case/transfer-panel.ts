// Handing the case to another centre, for the centre administrator: ask for a transfer (receiving centre and
// reason), or see that one is waiting for an answer and withdraw it. The case stays here until accepted.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { cancelTransferSchema, requestTransferSchema } from '../../../../shared/schemas.ts';
import { actionForm } from '../../action-form.ts';
import { apiRequest, loadCentres } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { t } from '../../i18n.ts';
import { canTransfer } from '../../permissions.ts';
import type { Centre } from '../../types.ts';
import type { El } from '../../ui.ts';
import { type CaseCtx, caseAction, enc, opt } from './case-action.ts';
import { Panel } from './panel.ts';

function RequestTransfer({ ctx, centres }: { ctx: CaseCtx; centres: Centre[] }): El {
  const m = t();
  const c = ctx.caseData;
  const others = centres
    .filter((x) => x.status === 'OPERATIONAL' && x.centreId !== c.centreId)
    .sort((a, b) => a.district.localeCompare(b.district) || a.name.localeCompare(b.name));
  const nameOf = (id: string) => centres.find((x) => x.centreId === id)?.name ?? id;
  return caseAction({
    ctx,
    id: 'transfer',
    idPrefix: 'tr-',
    // The panel's heading says what this is; the form is named by it too.
    label: m.transferSection,
    intro: m.transferIntro,
    path: 'transfers',
    removesForm: true,
    initial: { toCentreId: '', reason: '' },
    fields: () => [
      {
        kind: 'select',
        path: 'toCentreId',
        label: m.transferTo,
        required: true,
        placeholder: m.chooseOne,
        options: others.map((x) => ({ value: x.centreId, label: `${x.name} (${x.district})` })),
      },
      {
        kind: 'text',
        path: 'reason',
        label: m.transferReason,
        hint: m.transferReasonHint,
        required: true,
        multiline: true,
      },
    ],
    schema: requestTransferSchema,
    body: (v) => ({ toCentreId: opt(v.toCentreId), reason: v.reason.trim() }),
    done: (_, v) => (x) => x.transferRequested(nameOf(v.toCentreId)),
    submit: m.requestTransfer,
  });
}

function PendingTransfer({ ctx, centres }: { ctx: CaseCtx; centres: Centre[] }): El | null {
  const m = t();
  const p = ctx.caseData.pendingTransfer;
  if (!p) return null;
  const name = centres.find((x) => x.centreId === p.toCentreId)?.name ?? p.toCentreId;
  return h(
    'div',
    { id: 'transfer-pending' },
    h('p', { class: 'notice notice--info' }, m.transferPending(name, formatDateTime(p.requestedAt))),
    ctx.session.principal.role === 'centre-admin'
      ? actionForm({
          id: 'cancel-transfer',
          idPrefix: 'trc-',
          initial: {},
          fields: () => [],
          schema: cancelTransferSchema,
          body: () => ({}),
          send: (body) => apiRequest('POST', `/transfers/${enc(p.transferId)}/cancel`, { body }),
          done: () => (x) => x.transferCancelled,
          announce: (msg) => ctx.announce('success', msg, true),
          onSuccess: () => ctx.reload(),
          submit: m.cancelTransfer,
          submitKind: 'secondary',
        })
      : null,
  );
}

/** Shown to the centre's team: the administrator acts, her colleagues see that a transfer is waiting. */
export function TransferPanel({ ctx }: { ctx: CaseCtx }): El | null {
  const m = t();
  const [centres, setCentres] = useState<Centre[]>([]);
  useEffect(() => {
    loadCentres().then(setCentres, () => setCentres([]));
  }, []);
  const c = ctx.caseData;
  const mayAsk = canTransfer(ctx.session.principal.role, c);
  if (!c.pendingTransfer && !mayAsk) return null;
  return h(
    Panel,
    { id: 'sec-transfer', title: m.transferSection },
    c.pendingTransfer ? h(PendingTransfer, { ctx, centres }) : h(RequestTransfer, { ctx, centres }),
  );
}

// Privacy on the case page: the notice she was given, whether the case is on legal hold (and placing or
// lifting it), whether it was anonymised, and, for the centre's administrator and the state, who has read it.
// The access log is loaded when asked for, not on every visit: reading it is itself recorded.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { legalHoldSchema } from '../../../../shared/schemas.ts';
import { apiRequest } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { labelOf, t } from '../../i18n.ts';
import { canReadAccessLog, canSetLegalHold, permissionsFor } from '../../permissions.ts';
import { useRequest } from '../../request.ts';
import { href } from '../../router.ts';
import { DataTable } from '../../table.ts';
import type { CaseAccess } from '../../types.ts';
import { Button, type El, Facts, Notice } from '../../ui.ts';
import { type CaseCtx, caseAction, enc, opt } from './case-action.ts';
import { Panel } from './panel.ts';

function HoldAction({ ctx }: { ctx: CaseCtx }): El {
  const m = t();
  const held = ctx.caseData.legalHold?.held === true;
  return caseAction({
    ctx,
    id: 'legal-hold',
    idPrefix: 'hold-',
    title: held ? m.liftHold : m.placeHold,
    path: 'legal-hold',
    initial: { reason: '' },
    fields: () => [{ kind: 'text', path: 'reason', label: m.holdReason, hint: m.holdReasonHint, required: true }],
    schema: legalHoldSchema,
    body: (v) => ({ hold: !held, reason: opt(v.reason) }),
    done: () => (x) => (held ? x.holdLifted : x.holdPlaced),
    submit: held ? m.liftHold : m.placeHold,
    submitKind: 'secondary',
  });
}

/** `links`: each reader links to what else she read (the state's breach query). */
function AccessLogTable({ caseId, links }: { caseId: string; links: boolean }): El {
  const m = t();
  const [rows, setRows] = useState<CaseAccess[] | undefined>();
  const [next, setNext] = useState<string | undefined>();
  const request = useRequest();

  const load = (path: string, more: boolean) =>
    request.run(async () => {
      const res = await apiRequest<CaseAccess[]>('GET', path);
      setRows((prev) => (more && prev ? [...prev, ...res.data] : res.data));
      // The next page is named in the Link header (RFC 8288): the API's list stays the contract's array.
      setNext(/<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1]);
    });

  if (!rows) {
    return h(
      'div',
      null,
      h(Notice, { kind: 'error' }, request.error ? request.error(m) : null),
      h(
        Button,
        {
          kind: 'secondary',
          id: 'access-log-show',
          busy: request.busy,
          onClick: () => void load(`/cases/${enc(caseId)}/access-log`, false),
        },
        m.accessLogShow,
      ),
    );
  }
  return h(
    'div',
    null,
    h('p', { class: 'hint' }, m.accessLogIntro),
    h(DataTable<CaseAccess>, {
      id: 'access-log',
      caption: m.accessLogSection,
      captionHidden: true,
      sortable: false,
      rows,
      empty: m.accessLogEmpty,
      rowKey: (r) => `${r.at}-${r.actorId}-${r.action}`,
      columns: [
        { key: 'at', label: m.colWhen, value: (r) => formatDateTime(r.at), rowHeader: true },
        {
          key: 'who',
          label: m.colWho,
          value: (r) => `${r.actor} (${labelOf(m.roleLabels, r.role)})`,
          render: (r) =>
            links
              ? h(
                  'a',
                  { href: href.access(r.actorId), title: m.whatElse(r.actor) },
                  `${r.actor} (${labelOf(m.roleLabels, r.role)})`,
                )
              : `${r.actor} (${labelOf(m.roleLabels, r.role)})`,
        },
        { key: 'what', label: m.colAction, value: (r) => labelOf(m.readActions, r.action) },
      ],
    }),
    h(Notice, { kind: 'error' }, request.error ? request.error(m) : null),
    next
      ? h(
          Button,
          { kind: 'secondary', id: 'access-log-more', busy: request.busy, onClick: () => void load(next, true) },
          m.accessLogMore,
        )
      : null,
  );
}

export function PrivacyPanel({ ctx }: { ctx: CaseCtx }): El {
  const m = t();
  const c = ctx.caseData;
  const role = ctx.session.principal.role;
  const hold = c.legalHold?.held ? m.legalHoldOn(formatDateTime(c.legalHold.at)) : m.legalHoldOff;
  return h(
    Panel,
    { id: 'sec-privacy', title: m.privacySection },
    h('h3', null, m.legalHoldSection),
    h(
      'p',
      { id: 'legal-hold-status', class: c.legalHold?.held ? 'notice notice--info' : undefined },
      c.anonymisedAt ? m.anonymisedOn(formatDateTime(c.anonymisedAt)) : hold,
    ),
    c.legalHold?.held && c.legalHold.note ? h('p', { class: 'note' }, c.legalHold.note) : null,
    c.notice
      ? h(Facts, {
          items: [
            [
              m.noticeRecorded,
              [
                labelOf(m.noticeStatus, c.notice.status),
                c.notice.language ? labelOf(m.noticeLanguages, c.notice.language) : '',
                labelOf(m.legalBasisLabels, c.notice.basis),
              ]
                .filter(Boolean)
                .join(' · '),
            ],
          ],
        })
      : null,
    canSetLegalHold(role) && !c.anonymisedAt ? h(HoldAction, { key: String(c.legalHold?.held), ctx }) : null,
    canReadAccessLog(role)
      ? h(
          'div',
          { class: 'access-log' },
          h('h3', null, m.accessLogSection),
          h(AccessLogTable, { caseId: c.caseId, links: permissionsFor(role).accessQuery }),
        )
      : null,
  );
}

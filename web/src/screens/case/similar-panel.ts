// Her earlier visits (centre roles only; the API refuses district and state): the earlier cases at this centre
// with her phone number or her name and about her age (GET /cases/{caseId}/similar), each with a button that
// links it to this case as the same woman's (POST /cases/{caseId}/links), and the cases already linked.
// Shown on the case page and, right after a registration, on the registration result.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { linkCaseSchema } from '../../../../shared/schemas.ts';
import { actionForm } from '../../action-form.ts';
import { apiGet, apiRequest } from '../../api.ts';
import { useFocusWhenShown } from '../../focus.ts';
import { formatDate } from '../../format.ts';
import { labelOf, t } from '../../i18n.ts';
import type { Msg } from '../../problems.ts';
import { href } from '../../router.ts';
import type { SimilarCase } from '../../types.ts';
import { type El, Notice } from '../../ui.ts';
import { type CaseCtx, enc } from './case-action.ts';
import { Panel, Records } from './panel.ts';

type Found = SimilarCase[] | 'loading' | 'failed';

function LinkAction(p: { caseId: string; s: SimilarCase; onLinked: () => unknown; announce: (msg: Msg) => void }): El {
  const { caseId, s } = p;
  const m = t();
  return actionForm({
    id: `link-${s.caseId}`,
    idPrefix: `link-${s.caseId}-`,
    initial: {},
    fields: () => [],
    schema: linkCaseSchema,
    body: () => ({ caseId: s.caseId }),
    send: (body) => apiRequest('POST', `/cases/${enc(caseId)}/links`, { body }),
    done: () => (x) => x.linkDone,
    // The button goes once the case is linked: the section says it is done, and takes focus.
    announce: p.announce,
    onSuccess: p.onLinked,
    submit: m.linkCase,
    submitName: m.linkCaseName(s.caseNumber),
    submitKind: 'secondary',
  });
}

/**
 * The earlier cases that may be hers. `quiet`: say nothing when there are none (the registration result);
 * the case page says so. `version` asks again when the case changes (a link made, her details corrected).
 */
export function EarlierCases(p: {
  caseId: string;
  linkedIds: readonly string[];
  onLinked?: () => unknown;
  version?: number;
  quiet?: boolean;
  title?: string;
  level?: 'h2' | 'h3';
}): El | null {
  const m = t();
  const [found, setFound] = useState<Found>('loading');
  const [linkedNow, setLinkedNow] = useState<string[]>([]);
  const [notice, setNotice] = useState<Msg | undefined>();
  const focusWhenShown = useFocusWhenShown();
  useEffect(() => {
    let live = true;
    apiGet<SimilarCase[]>(`/cases/${enc(p.caseId)}/similar`).then(
      (list) => live && setFound(list),
      () => live && setFound('failed'),
    );
    return () => {
      live = false;
    };
  }, [p.caseId, p.version]);

  if (p.quiet && (found === 'loading' || (Array.isArray(found) && !found.length))) return null;
  const linked = new Set([...p.linkedIds, ...linkedNow]);
  const body =
    found === 'loading'
      ? h('p', { class: 'muted', role: 'status' }, m.similarLoading)
      : found === 'failed'
        ? h('p', { class: 'muted' }, m.similarFailed)
        : h(Records<SimilarCase>, {
            rows: found,
            empty: m.similarNone,
            id: `similar-${p.caseId}`,
            item: (s) =>
              h(
                'li',
                { key: s.caseId, class: 'similar' },
                h('a', { href: href.case(s.caseId) }, s.caseNumber),
                ` · ${m.registeredOn(formatDate(s.registeredAt))} · ${m.matchedOn}: `,
                s.matchedOn.map((x) => labelOf(m.matchLabels, x)).join(', '),
                linked.has(s.caseId)
                  ? h('p', null, h('span', { class: 'badge badge--linked' }, m.linked))
                  : h(LinkAction, {
                      caseId: p.caseId,
                      s,
                      announce: (msg) => {
                        setNotice(() => msg);
                        focusWhenShown(`similar-notice-${p.caseId}`);
                      },
                      onLinked: async () => {
                        setLinkedNow((l) => [...l, s.caseId]);
                        await p.onLinked?.();
                      },
                    }),
              ),
          });
  return h(
    'section',
    { class: 'similar-cases', 'aria-labelledby': `similar-title-${p.caseId}` },
    h(p.level ?? 'h2', { id: `similar-title-${p.caseId}` }, p.title ?? m.similarSection),
    h('p', { class: 'muted' }, m.similarIntro),
    h(Notice, { kind: 'success', focusId: `similar-notice-${p.caseId}` }, notice ? notice(m) : null),
    body,
  );
}

/** On the case page: the cases linked to this one, and the earlier cases that may be hers. */
export function SimilarPanel({ ctx }: { ctx: CaseCtx }): El | null {
  const m = t();
  const c = ctx.caseData;
  const linked = c.linkedCases ?? [];
  return h(
    Panel,
    { id: 'sec-linked', title: m.linkedSection },
    h(Records<(typeof linked)[number]>, {
      rows: linked,
      empty: m.noLinked,
      id: 'linked-list',
      item: (l) => h('li', { key: l.caseId }, h('a', { href: href.case(l.caseId) }, l.caseNumber)),
    }),
    h(EarlierCases, {
      caseId: c.caseId,
      linkedIds: linked.map((l) => l.caseId),
      onLinked: () => ctx.reload(),
      version: c.version,
      level: 'h3',
    }),
  );
}

// What every panel of the case page is given, and the case page's way of declaring an action: the action form
// (action-form.ts) bound to this case: its path under /cases/{caseId}/, the version the worker looked at, and
// what happens after (the case is loaded again; the page says it is done when the action removes its form).

import { type ActionSpec, actionForm, type Values } from '../../action-form.ts';
import { ApiError, apiRequest } from '../../api.ts';
import type { Session } from '../../auth.ts';
import type { Messages } from '../../i18n.ts';
import type { Msg } from '../../problems.ts';
import type { CaseView, StaffMember } from '../../types.ts';
import type { El, NoticeKind } from '../../ui.ts';

export interface CaseCtx {
  caseData: CaseView;
  session: Session;
  /** The centre's roster: names for the records, follow-up workers for the resolution. */
  staff: StaffMember[];
  reload: () => Promise<void>;
  /** A message at the top of the page; `focus` when the form that caused it has gone away. */
  announce: (kind: NoticeKind, msg: Msg, focus?: boolean) => void;
}

type Bound = 'send' | 'announce' | 'titleId' | 'titleLevel';

/** A case action: an action form without the sending, plus where it goes. */
export type CaseActionSpec<V extends Values, T> = Omit<ActionSpec<V, T, unknown>, Bound> & {
  ctx: CaseCtx;
  /** Under `/cases/{caseId}/`, ids already encoded: `services`, `followups/<followUpId>`; '' is the case itself. */
  path: string;
  /** POST unless the route changes a record in place (a referral's status, the case's own details: PATCH). */
  method?: 'POST' | 'PATCH';
  /** Sends `If-Match` with the version shown: a change someone else made meanwhile is a 412, not overwritten. */
  ifMatch?: boolean;
  /** The action removes its own form (a resolved case has no resolve form): the page says it, with focus. */
  removesForm?: boolean;
};

export const enc = encodeURIComponent;

export function caseAction<V extends Values, T>(spec: CaseActionSpec<V, T>, key?: string): El {
  const { ctx, path, method, ifMatch, removesForm, ...form } = spec;
  const c = ctx.caseData;
  return actionForm<V, T, unknown>(
    {
      ...form,
      // The ids the page has always had (`service-form-title`), which the browser tests look for.
      titleId: `${form.id}-form-title`,
      titleLevel: 3,
      send: (body) =>
        apiRequest(method ?? 'POST', path ? `/cases/${enc(c.caseId)}/${path}` : `/cases/${enc(c.caseId)}`, {
          body,
          headers: ifMatch ? { 'if-match': `"${c.version}"` } : undefined,
        }),
      announce: removesForm ? (msg) => ctx.announce('success', msg, true) : undefined,
      onSuccess: async (result) => {
        await form.onSuccess?.(result);
        await ctx.reload();
      },
      onFailure: async (err) => {
        await form.onFailure?.(err);
        // A refused or stale change: show the case as it now is, so the next try starts from the truth.
        if (err instanceof ApiError && (err.status === 409 || err.status === 412)) await ctx.reload();
      },
    },
    key,
  );
}

/** The optional note most case actions carry. */
export const noteField = (m: Messages) =>
  ({ kind: 'text', path: 'note', label: m.note, hint: m.noteHint, multiline: true }) as const;

/** A typed text as the API wants it: trimmed, and left out when empty. */
export const opt = (s: string) => s.trim() || undefined;

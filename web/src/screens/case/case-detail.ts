// One case: where it stands, what was given, follow-ups, escalations and the history, with exactly the actions
// the signed-in role may take on it now (permissions.ts). A case the user may not see is "not found", with
// nothing about it on the page, as the API answers 404 for it.
// Each panel is a file of its own (the records of one kind, and the actions on them, declared with
// case-action.ts); a new kind of casework is a new panel, added to the list below.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, apiGet } from '../../api.ts';
import type { Session } from '../../auth.ts';
import { useFocusWhenShown } from '../../focus.ts';
import { t } from '../../i18n.ts';
import { canSeeDocuments, isCentreRole } from '../../permissions.ts';
import { type Msg, problemMsg } from '../../problems.ts';
import { href } from '../../router.ts';
import type { CaseView, HistoryEvent, StaffMember } from '../../types.ts';
import { type El, Notice, type NoticeKind } from '../../ui.ts';
import { type CaseCtx, enc } from './case-action.ts';
import { ConsentPanel } from './consent-panel.ts';
import { EditDetails } from './correction-panel.ts';
import { DocumentsPanel } from './documents-panel.ts';
import { EscalationsPanel } from './escalations-panel.ts';
import { CaseFacts, IncidentPanel, SurvivorPanel } from './facts-panel.ts';
import { FollowUpsPanel } from './follow-ups-panel.ts';
import { HistoryPanel } from './history-panel.ts';
import { PartnerReferralsPanel } from './partner-referrals-panel.ts';
import { PrivacyPanel } from './privacy-panel.ts';
import { ProgressPanel } from './progress-panel.ts';
import { ServicesPanel } from './services-panel.ts';
import { SimilarPanel } from './similar-panel.ts';
import { TransferPanel } from './transfer-panel.ts';

export function CaseDetail({ caseId, session }: { caseId: string; session: Session }): El {
  const m = t();
  const [data, setData] = useState<CaseView | 'not-found' | undefined>();
  const [history, setHistory] = useState<HistoryEvent[]>([]);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [pageNotice, setPageNotice] = useState<{ kind: NoticeKind; msg: Msg } | undefined>();
  const focusWhenShown = useFocusWhenShown();

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

  const announce = (kind: NoticeKind, msg: Msg, focus = false) => {
    setPageNotice({ kind, msg });
    if (focus) focusWhenShown('case-notice');
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
  const ctx: CaseCtx = { caseData: c, session, staff, reload, announce };
  const centre = isCentreRole(session.principal.role);
  return h(
    'section',
    { class: 'screen case' },
    back,
    h('h1', { id: 'page-title', tabIndex: -1 }, `${m.caseTitle} `, h('span', { class: 'nowrap' }, c.caseNumber)),
    h(Notice, { kind: pageNotice?.kind, focusId: 'case-notice' }, pageNotice ? pageNotice.msg(m) : null),
    h(CaseFacts, { c }),
    h(SurvivorPanel, { c }, centre ? h(EditDetails, { ctx }) : null),
    centre ? h(ConsentPanel, { ctx }) : null,
    h(IncidentPanel, { c }),
    centre ? h(SimilarPanel, { ctx }) : null,
    centre ? h(ProgressPanel, { ctx }) : null,
    h(ServicesPanel, { ctx }),
    h(PartnerReferralsPanel, { ctx }),
    h(FollowUpsPanel, { ctx }),
    h(EscalationsPanel, { ctx }),
    centre ? h(TransferPanel, { ctx }) : null,
    canSeeDocuments(session.principal.role) ? h(DocumentsPanel, { ctx }) : null,
    h(HistoryPanel, { history }),
    h(PrivacyPanel, { ctx }),
  );
}

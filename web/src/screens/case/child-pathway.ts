// The child pathway at the top of a girl's case (under 18): the two duties the law gives 24 hours for (tell
// the police or SJPU, produce her before the CWC), each with the time left, overdue, or done; then the next
// steps: the mandatory-reporting referral and the CWC. The duties are the milestones the rules table made
// due (shared/milestones/rules.ts); recording them is in the milestones panel below.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { CHILD_DUTIES, timeLeftMs } from '../../../../shared/milestones/rules.ts';
import type { Role } from '../../../../shared/schemas.ts';
import { apiGet } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { labelOf, type Messages, t } from '../../i18n.ts';
import { canReferOnward } from '../../permissions.ts';
import type { CaseView, Milestone, PartnerReferral } from '../../types.ts';
import { Button, type El } from '../../ui.ts';

/** The time now, renewed every 30 seconds, so "time left" counts down while the page is open. */
export function useNow(everyMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** Where a due milestone stands, in words: time left, overdue by, or done on. */
export function dueText(m: Messages, ms: Milestone, now: Date): string {
  if (ms.status === 'DONE') return m.doneAt(formatDateTime(ms.doneAt));
  if (!ms.dueAt) return m.milestoneStatusLabels[ms.status];
  const left = timeLeftMs(ms.dueAt, now);
  return ms.status === 'OVERDUE' || left < 0 ? m.overdueBy(left) : m.timeLeft(left);
}

/** The milestone that stands for a duty: the open one of its type, else the last one done. */
const dutyOf = (list: readonly Milestone[], type: string) =>
  list.find((x) => x.type === type && x.status !== 'DONE') ?? list.filter((x) => x.type === type).at(-1);

/** The case's mandatory-reporting referrals (partner-referrals, basis MANDATORY_REPORTING), newest first. */
function useMandatoryReports(c: CaseView, child: boolean): PartnerReferral[] {
  const [list, setList] = useState<PartnerReferral[]>([]);
  useEffect(() => {
    if (!child) return;
    apiGet<PartnerReferral[]>(`/cases/${encodeURIComponent(c.caseId)}/partner-referrals`).then(
      (all) => setList(all.filter((r) => r.basis === 'MANDATORY_REPORTING')),
      () => setList([]),
    );
  }, [c.caseId, c.version, child]);
  return list;
}

/** To the referral form of the case page (its first field), or its panel when the form is not offered. */
function goToReferral(): void {
  const field = document.getElementById('f-ref-kind');
  const target = field ?? document.getElementById('sec-referrals');
  target?.scrollIntoView({ block: 'center' });
  field?.focus();
}

/** The mandatory-reporting step: the referrals sent on that basis, or the way to send one. */
function MandatoryReporting({
  m,
  reports,
  mayRefer,
}: {
  m: Messages;
  reports: PartnerReferral[];
  mayRefer: boolean;
}): El {
  return h(
    'li',
    { id: 'mandatory-reporting-step' },
    reports.length
      ? reports.map((r) =>
          h(
            'p',
            { key: r.referralId, class: 'mandatory-report' },
            m.mandatoryReportSent(
              r.partnerName ?? labelOf(m.partnerKindLabels, r.partnerKind),
              labelOf(m.referralStatusLabels, r.status),
              formatDateTime(r.sentAt),
            ),
          ),
        )
      : [
          m.mandatoryReportingStep,
          ' ',
          mayRefer
            ? h(Button, { kind: 'link', onClick: goToReferral, id: 'mandatory-reporting-go' }, m.sendMandatoryReport)
            : null,
        ],
  );
}

export function ChildPathwayBanner({ c, role }: { c: CaseView; role: Role }): El | null {
  const m = t();
  const now = useNow();
  const list = c.milestones ?? [];
  const reports = useMandatoryReports(c, Boolean(c.childPathway));
  const hasDuty = CHILD_DUTIES.some((d) => list.some((x) => x.type === d && x.status !== 'DONE'));
  if (!c.childPathway && !hasDuty) return null;
  const words: Record<string, string> = { POLICE_INFORMED: m.dutyPolice, CWC_PRODUCTION: m.dutyCwc };
  return h(
    'section',
    { class: 'child-pathway', id: 'child-pathway', 'aria-labelledby': 'child-pathway-title' },
    h('h2', { id: 'child-pathway-title' }, m.childPathwayTitle),
    h('p', null, m.childPathwayIntro),
    h(
      'ul',
      { class: 'duties' },
      CHILD_DUTIES.map((type) => {
        const duty = dutyOf(list, type);
        const late =
          duty && (duty.status === 'OVERDUE' || (duty.status === 'DUE' && timeLeftMs(duty.dueAt ?? '', now) < 0));
        const state = !duty ? 'none' : duty.status === 'DONE' ? 'done' : late ? 'overdue' : 'due';
        return h(
          'li',
          { key: type, class: `duty duty--${state}`, 'data-duty': type },
          h('strong', null, words[type] ?? m.milestoneTypeLabels[type]),
          h(
            'span',
            { class: 'duty-state' },
            duty ? `${m.milestoneStatusLabels[duty.status]}: ${dueText(m, duty, now)}` : m.dutyNotYetDue,
          ),
          duty?.dueAt && duty.status !== 'DONE'
            ? h('span', { class: 'muted' }, ` (${m.dueBy(formatDateTime(duty.dueAt))})`)
            : null,
        );
      }),
    ),
    h(
      'ul',
      { class: 'next-steps' },
      h(MandatoryReporting, { m, reports, mayRefer: canReferOnward(role, c) }),
      h('li', { id: 'cwc-step' }, m.cwcStep),
    ),
  );
}

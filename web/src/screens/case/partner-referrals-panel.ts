// Onward referrals of the case to partners (a Mahila Thana, the DLSA, a Swadhar Greh...): the list with how
// each stands, sending one (partner by district and kind, on her consent or, for a girl under 18, mandatory
// reporting), and changing a referral's status. When the API refuses for want of her consent, the panel says
// which consent and offers to record it (POST /cases/{id}/consent) or points to where it is recorded.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import * as z from 'zod/mini';
import { DISTRICTS } from '../../../../shared/network/geography.ts';
import {
  type ConsentField,
  consentNeededFor,
  createPartnerReferralSchema,
  isMinor,
  MANDATORY_REPORTING_KINDS,
  PARTNER_KINDS,
  type PartnerKind,
  referralMoves,
  updatePartnerReferralSchema,
} from '../../../../shared/schemas.ts';
import { ApiError, apiGet } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { labelOf, t } from '../../i18n.ts';
import { canRecordConsent, canReferOnward, canUpdateReferral, isCentreRole } from '../../permissions.ts';
import type { PartnerReferral } from '../../types.ts';
import { type El, optionsOf } from '../../ui.ts';
import { type CaseCtx, caseAction, enc, noteField, opt } from './case-action.ts';
import { Panel, Records } from './panel.ts';
import { usePartners } from './partner-cache.ts';

function ReferAction({ ctx, onRefused }: { ctx: CaseCtx; onRefused: (missing?: ConsentField) => void }): El {
  const m = t();
  const c = ctx.caseData;
  const partnersOf = usePartners();
  const minor = isMinor(c.survivor?.age);
  return caseAction({
    ctx,
    id: 'refer',
    idPrefix: 'ref-',
    title: m.referTitle,
    intro: m.referIntro,
    path: 'partner-referrals',
    errorFocus: 'summary',
    initial: { district: c.district, kind: '', partnerId: '', basis: 'CONSENT', purpose: '', note: '' },
    fields: (v) => {
      const partners = partnersOf(v.district);
      const shown = (partners ?? []).filter((p) => p.kind === v.kind);
      const needed = v.kind ? consentNeededFor(v.kind) : undefined;
      const mandatoryFits = minor && (!v.kind || MANDATORY_REPORTING_KINDS.includes(v.kind as PartnerKind));
      return [
        {
          kind: 'select',
          path: 'district',
          label: m.partnerDistrict,
          required: true,
          options: DISTRICTS.map((d) => ({ value: d.name, label: d.name })),
          clears: ['partnerId'],
        },
        {
          kind: 'select',
          path: 'kind',
          label: m.referKind,
          required: true,
          placeholder: m.chooseOne,
          options: optionsOf(PARTNER_KINDS, m.partnerKindLabels),
          clears: ['partnerId'],
        },
        {
          kind: 'select',
          path: 'partnerId',
          label: m.referPartner,
          required: true,
          placeholder: !v.kind
            ? m.chooseKindFirst
            : !partners
              ? m.loadingPartners
              : shown.length
                ? m.chooseOne
                : m.noPartnersHere,
          options: shown.map((p) => {
            // "Mahila Thana, Patna" says its type already; "Kotwali" does not.
            const sub = p.subtype ? labelOf(m.partnerSubtypeLabels, p.subtype) : '';
            return { value: p.partnerId, label: sub && !p.name.includes(sub) ? `${p.name} (${sub})` : p.name };
          }),
        },
        {
          kind: 'radio',
          path: 'basis',
          label: m.referBasis,
          required: true,
          // Said before sending: the API refuses a referral her recorded consent does not cover.
          hint:
            v.basis === 'CONSENT' && needed && c.consent?.[needed] !== true
              ? m.consentMissing(m.consentWords[needed])
              : undefined,
          options: optionsOf(
            mandatoryFits || v.basis === 'MANDATORY_REPORTING' ? ['CONSENT', 'MANDATORY_REPORTING'] : ['CONSENT'],
            m.basisLabels,
          ),
        },
        { kind: 'text', path: 'purpose', label: m.referPurpose, hint: m.referPurposeHint },
        noteField(m),
      ];
    },
    schema: createPartnerReferralSchema,
    body: (v) => ({ partnerId: opt(v.partnerId), basis: opt(v.basis), purpose: opt(v.purpose), note: opt(v.note) }),
    done: (_, v) => {
      const name = partnersOf(v.district)?.find((p) => p.partnerId === v.partnerId)?.name ?? '';
      return (x) => x.referralSent(name);
    },
    onSuccess: () => onRefused(undefined),
    onFailure: (err) => {
      const e = err instanceof ApiError && err.status === 409 ? err.fieldErrors[0] : undefined;
      if (e?.code === 'consent_required') onRefused(e.path.replace(/^consent\./, '') as ConsentField);
    },
    submit: m.refer,
  });
}

/** Her consent, when the referral was refused for want of it: a box she must have agreed to, then one request. */
function RecordConsent({ ctx, field, onDone }: { ctx: CaseCtx; field: ConsentField; onDone: () => void }): El {
  const m = t();
  const which = m.consentWords[field];
  return caseAction({
    ctx,
    id: 'record-consent',
    idPrefix: 'consent-',
    title: m.recordConsentTitle,
    intro: `${m.consentMissing(which)} ${m.recordConsentIntro}`,
    path: 'consent',
    removesForm: true,
    errorFocus: 'field',
    initial: { [field]: false } as Record<string, boolean>,
    fields: () => [{ kind: 'checkbox', path: field, label: m.consentGiven(which) }],
    // Only a ticked box is sent: recording consent she has not given is what this form must never do.
    schema: z.strictObject({ [field]: z.literal(true) }),
    body: (v) => ({ [field]: v[field] === true ? true : undefined }),
    done: () => (x) => x.consentRecorded,
    onSuccess: onDone,
    submit: m.recordConsent,
  });
}

function StatusAction({ ctx, r }: { ctx: CaseCtx; r: PartnerReferral }): El {
  const m = t();
  const partner = r.partnerName ?? labelOf(m.partnerKindLabels, r.partnerKind);
  return caseAction({
    ctx,
    id: `pref-${r.referralId}`,
    idPrefix: `pref-${r.referralId}-`,
    label: m.updateReferralTitle(partner),
    class: 'action--inline',
    opener: { text: m.updateReferral, name: m.updateReferralName(partner) },
    method: 'PATCH',
    path: `partner-referrals/${enc(r.referralId)}`,
    removesForm: true,
    initial: { status: '', note: '' },
    fields: () => [
      {
        kind: 'radio',
        path: 'status',
        label: m.newReferralStatus,
        required: true,
        options: referralMoves(r.status).map((s) => ({ value: s, label: labelOf(m.referralStatusLabels, s) })),
      },
      noteField(m),
    ],
    schema: updatePartnerReferralSchema,
    body: (v) => ({ status: opt(v.status), note: opt(v.note) }),
    done: (_, v) => (x) => x.referralUpdated(labelOf(x.referralStatusLabels, v.status)),
    submit: m.saveReferralStatus,
  });
}

export function PartnerReferralsPanel({ ctx }: { ctx: CaseCtx }): El {
  const m = t();
  const c = ctx.caseData;
  const role = ctx.session.principal.role;
  const [list, setList] = useState<PartnerReferral[] | undefined>();
  const [missing, setMissing] = useState<ConsentField | undefined>();

  // Read again whenever the case changes (its version moves with every referral sent or updated).
  useEffect(() => {
    apiGet<PartnerReferral[]>(`/cases/${enc(c.caseId)}/partner-referrals`).then(setList, () => setList([]));
  }, [c.caseId, c.version]);

  const consentAction = missing
    ? canRecordConsent(role)
      ? h(RecordConsent, { key: missing, ctx, field: missing, onDone: () => setMissing(undefined) })
      : h(
          'p',
          { class: 'notice notice--info', id: 'consent-elsewhere' },
          `${m.consentMissing(m.consentWords[missing])} ${m.consentElsewhere} `,
          h('a', { href: '#sec-consent' }, m.goToConsent),
        )
    : null;

  return h(
    Panel,
    { id: 'sec-referrals', title: m.referralsSection },
    h(Records<PartnerReferral>, {
      rows: list,
      empty: list ? m.noReferrals : m.loading,
      id: 'referrals-list',
      item: (r) =>
        h(
          'li',
          { key: r.referralId, 'data-referral': r.referralId },
          h('strong', null, r.partnerName ?? labelOf(m.partnerKindLabels, r.partnerKind)),
          r.partnerName ? ` · ${labelOf(m.partnerKindLabels, r.partnerKind)}` : '',
          ` · ${labelOf(m.basisLabels, r.basis)}`,
          ' · ',
          h('span', { class: 'referral-status' }, labelOf(m.referralStatusLabels, r.status)),
          ` · ${formatDateTime(r.sentAt)}`,
          r.purpose ? h('p', { class: 'note' }, r.purpose) : null,
          r.note ? h('p', { class: 'note' }, r.note) : null,
          canUpdateReferral(role) && isCentreRole(role) && referralMoves(r.status).length
            ? h(StatusAction, { ctx, r })
            : null,
        ),
    }),
    consentAction,
    canReferOnward(role, c) ? h(ReferAction, { ctx, onRefused: setMissing }) : null,
  );
}

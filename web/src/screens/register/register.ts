// Register a case: the intake form.
// 1. What is typed goes into the in-memory draft (draft.ts) as it is typed.
// 2. On submit the draft becomes the API body and is checked with the shared CreateCase schema; problems are
//    shown at their fields and in a summary that takes focus.
// 3. POST /cases with the draft's Idempotency-Key. A dropped connection keeps the form and the key, so pressing
//    the button again is safe; field errors from the server land on the same fields.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  CATEGORIES,
  type Category,
  createCaseSchema,
  REFERRAL_SOURCES,
  RELATIONSHIPS,
  RISK_LEVELS,
  SERVICES,
  type ServiceType,
} from '../../../../shared/schemas.ts';
import { ApiError, apiRequest, loadCentres } from '../../api.ts';
import type { Session } from '../../auth.ts';
import { type Draft, draftKey, getDraft, resetDraft, rotateKey, setDraft } from '../../draft.ts';
import { check, fromServer, type Problems } from '../../field-errors.ts';
import { useFocusWhenShown } from '../../focus.ts';
import { t } from '../../i18n.ts';
import { isCentreRole, picksCentre } from '../../permissions.ts';
import { type Msg, problemMsg } from '../../problems.ts';
import { href } from '../../router.ts';
import type { CaseSummary, Centre } from '../../types.ts';
import {
  Button,
  Checkbox,
  ChoiceGroup,
  type El,
  ErrorSummary,
  Notice,
  optionsOf,
  SelectField,
  TextField,
} from '../../ui.ts';
import { EarlierCases } from '../case/similar-panel.ts';
import { bodyOf, REGISTER_FIELDS, registerLabels } from './case-body.ts';
import { NoticeStep } from './notice-step.ts';

/**
 * The case number, once the server has confirmed the case; the page title takes focus. For the centre's
 * team, any earlier case of the same woman at the centre follows, with a link action (nothing when none).
 */
function Registered(p: { done: CaseSummary; onAnother: () => void; similar: boolean }): El {
  const { done, onAnother } = p;
  const m = t();
  return h(
    'section',
    { class: 'screen register-done' },
    h('h1', { id: 'page-title', tabIndex: -1 }, m.caseRegistered),
    h(
      'div',
      { class: 'panel panel--success', role: 'status' },
      h('p', null, m.caseNumberIs),
      h('p', { class: 'case-number', id: 'registered-case-number' }, done.caseNumber),
    ),
    h(
      'p',
      { class: 'actions' },
      h('a', { class: 'btn btn--primary', href: href.case(done.caseId) }, m.openCase),
      h(Button, { kind: 'secondary', onClick: onAnother }, m.registerAnother),
    ),
    p.similar
      ? h(EarlierCases, { caseId: done.caseId, linkedIds: [], quiet: true, title: m.possibleEarlierOnRegister })
      : null,
  );
}

export function Register({ session }: { session: Session }): El {
  const m = t();
  const picks = picksCentre(session.principal.role);
  const [d, setD] = useState<Draft>(getDraft);
  const [problems, setProblems] = useState<Problems>({});
  const [notice, setNotice] = useState<{ kind: 'error' | 'info'; msg: Msg } | undefined>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<CaseSummary | undefined>();
  const [centres, setCentres] = useState<Centre[]>([]);
  const focusWhenShown = useFocusWhenShown();

  useEffect(() => {
    // District suggestions, and for state staff the centres to choose from; the form works without them.
    loadCentres().then(setCentres, () => undefined);
  }, []);
  const districts = [...new Set(centres.map((c) => c.district))].sort();
  const operating = centres.filter((c) => c.status === 'OPERATIONAL');

  const update = (patch: Partial<Draft>) => {
    const next = { ...d, ...patch };
    setDraft(next);
    setD(next);
  };
  const toggle = <T extends string>(list: T[], value: T, on: boolean) =>
    on ? [...list.filter((x) => x !== value), value] : list.filter((x) => x !== value);

  const showProblems = (p: Problems) => {
    setProblems(p);
    if (Object.keys(p).length) focusWhenShown('register-errors');
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setNotice(undefined);
    const checked = check(createCaseSchema, bodyOf(d), REGISTER_FIELDS);
    // The schema lets centre roles leave the centre out; state staff must name one.
    const noCentre: Problems =
      picks && !d.centreId ? { centreId: { path: 'centreId', code: 'required', limits: {} } } : {};
    // The API takes a registration without the notice (it records it as due at first contact); the form
    // does not: whoever registers her in person gives it first.
    if (!d.noticeLanguage) noCentre['notice.language'] = { path: 'notice.language', code: 'required', limits: {} };
    if (!checked.ok || Object.keys(noCentre).length) {
      // In the order of the form, so the summary reads top to bottom.
      const all: Problems = { ...noCentre, ...(checked.ok ? {} : checked.problems) };
      return showProblems(Object.fromEntries(REGISTER_FIELDS.filter((f) => all[f]).map((f) => [f, all[f]])));
    }
    showProblems({});
    setBusy(true);
    try {
      const res = await apiRequest<CaseSummary>('POST', '/cases', {
        body: checked.data,
        headers: { 'idempotency-key': draftKey() },
      });
      resetDraft();
      setD(getDraft());
      setDone(res.data);
      focusWhenShown('page-title');
    } catch (err) {
      if (err instanceof ApiError && err.isNetwork) {
        // The key stays: if the first attempt did reach the server, this same key returns its case.
        setNotice({ kind: 'error', msg: (x) => x.networkError });
      } else if (err instanceof ApiError && err.status === 400 && err.fieldErrors.length) {
        showProblems(fromServer(err.fieldErrors, REGISTER_FIELDS));
      } else if (err instanceof ApiError && err.status === 422) {
        rotateKey();
        setNotice({ kind: 'error', msg: (x) => x.idempotencyReused });
      } else {
        setNotice({ kind: 'error', msg: problemMsg(err) });
      }
    } finally {
      setBusy(false);
    }
  };

  const clear = () => {
    if (!confirm(m.confirmClear)) return;
    resetDraft();
    setD(getDraft());
    setProblems({});
    setNotice({ kind: 'info', msg: (x) => x.formCleared });
  };

  if (done) {
    const similar = isCentreRole(session.principal.role);
    return h(Registered, { done, onAnother: () => setDone(undefined), similar });
  }

  const P = (path: (typeof REGISTER_FIELDS)[number]) => problems[path];

  return h(
    'section',
    { class: 'screen register' },
    h('h1', { id: 'page-title', tabIndex: -1 }, m.registerTitle),
    h('p', { class: 'lead' }, m.registerIntro),
    h(ErrorSummary, { problems, labels: registerLabels(m), id: 'register-errors' }),
    h(Notice, { kind: notice?.kind ?? 'error', id: 'register-notice' }, notice ? notice.msg(m) : null),
    h(
      'form',
      { noValidate: true, autocomplete: 'off', onSubmit: submit, 'aria-labelledby': 'page-title' },
      picks
        ? h(SelectField, {
            path: 'centreId',
            label: m.centreToRegister,
            hint: m.centreToRegisterHint,
            required: true,
            placeholder: m.chooseOne,
            options: operating.map((c) => ({ value: c.centreId, label: `${c.name} (${c.district})` })),
            value: d.centreId,
            onValue: (v) => update({ centreId: v }),
            problem: P('centreId'),
          })
        : null,
      h(
        'fieldset',
        { class: 'section' },
        h('legend', null, h('h2', null, m.sectionSurvivor)),
        h(TextField, {
          path: 'survivor.name',
          label: m.survivorName,
          required: true,
          value: d.name,
          onValue: (v) => update({ name: v }),
          problem: P('survivor.name'),
        }),
        h(TextField, {
          path: 'survivor.age',
          label: m.survivorAge,
          hint: m.survivorAgeHint,
          required: true,
          inputMode: 'numeric',
          size: 'short',
          value: d.age,
          onValue: (v) => update({ age: v }),
          problem: P('survivor.age'),
        }),
        h(TextField, {
          path: 'survivor.phone',
          label: m.survivorPhone,
          hint: m.survivorPhoneHint,
          type: 'tel',
          inputMode: 'tel',
          size: 'medium',
          value: d.phone,
          onValue: (v) => update({ phone: v }),
          problem: P('survivor.phone'),
        }),
        h(Checkbox, {
          path: 'survivor.safeToContact',
          label: m.safeToContact,
          checked: d.safeToContact,
          onValue: (v) => update({ safeToContact: v }),
          problem: P('survivor.safeToContact'),
        }),
        h(TextField, {
          path: 'survivor.district',
          label: m.survivorDistrict,
          size: 'medium',
          list: 'district-list',
          value: d.district,
          onValue: (v) => update({ district: v }),
          problem: P('survivor.district'),
        }),
        h(
          'datalist',
          { id: 'district-list' },
          districts.map((x) => h('option', { key: x, value: x })),
        ),
        h(TextField, {
          path: 'survivor.address',
          label: m.survivorAddress,
          multiline: true,
          value: d.address,
          onValue: (v) => update({ address: v }),
          problem: P('survivor.address'),
        }),
      ),
      h(
        'fieldset',
        { class: 'section' },
        h('legend', null, h('h2', null, m.sectionIncident)),
        h(ChoiceGroup, {
          kind: 'checkbox',
          path: 'incident.categories',
          label: m.categories,
          required: true,
          columns: true,
          options: optionsOf(CATEGORIES, m.categoryLabels),
          selected: d.categories,
          onToggle: (v, on) => update({ categories: toggle(d.categories, v as Category, on) }),
          problem: P('incident.categories'),
        }),
        h(TextField, {
          path: 'incident.date',
          label: m.incidentDate,
          hint: m.incidentDateHint,
          inputMode: 'numeric',
          size: 'short',
          value: d.date,
          onValue: (v) => update({ date: v }),
          problem: P('incident.date'),
        }),
        h(SelectField, {
          path: 'incident.perpetratorRelationship',
          label: m.relationship,
          placeholder: m.chooseOne,
          options: optionsOf(RELATIONSHIPS, m.relationshipLabels),
          value: d.relationship,
          onValue: (v) => update({ relationship: v }),
          problem: P('incident.perpetratorRelationship'),
        }),
        h(TextField, {
          path: 'incident.description',
          label: m.description,
          multiline: true,
          value: d.description,
          onValue: (v) => update({ description: v }),
          problem: P('incident.description'),
        }),
      ),
      h(
        'fieldset',
        { class: 'section' },
        h('legend', null, h('h2', null, m.sectionReferral)),
        h(SelectField, {
          path: 'referral.source',
          label: m.referralSource,
          required: true,
          placeholder: m.chooseOne,
          options: optionsOf(REFERRAL_SOURCES, m.referralLabels),
          value: d.source,
          onValue: (v) => update({ source: v }),
          problem: P('referral.source'),
        }),
        h(TextField, {
          path: 'referral.reference',
          label: m.referralReference,
          hint: m.referralReferenceHint,
          size: 'medium',
          value: d.reference,
          onValue: (v) => update({ reference: v }),
          problem: P('referral.reference'),
        }),
      ),
      h(
        'fieldset',
        { class: 'section' },
        h('legend', null, h('h2', null, m.sectionServices)),
        h(ChoiceGroup, {
          kind: 'checkbox',
          path: 'servicesNeeded',
          label: m.servicesNeeded,
          columns: true,
          options: optionsOf(SERVICES, m.serviceLabels),
          selected: d.services,
          onToggle: (v, on) => update({ services: toggle(d.services, v as ServiceType, on) }),
          problem: P('servicesNeeded'),
        }),
      ),
      h(
        'fieldset',
        { class: 'section' },
        h('legend', null, h('h2', null, m.sectionConsent)),
        h(NoticeStep, {
          language: d.noticeLanguage,
          age: d.age,
          onLanguage: (v) => update({ noticeLanguage: v }),
          problem: P('notice.language'),
        }),
        h(Checkbox, {
          path: 'consent.services',
          label: m.consentServices,
          checked: d.consentServices,
          onValue: (v) => update({ consentServices: v }),
          problem: P('consent.services'),
        }),
        h(Checkbox, {
          path: 'consent.shareWithPolice',
          label: m.consentPolice,
          checked: d.shareWithPolice,
          onValue: (v) => update({ shareWithPolice: v }),
          problem: P('consent.shareWithPolice'),
        }),
        h(Checkbox, {
          path: 'consent.contactByPhone',
          label: m.consentPhone,
          checked: d.contactByPhone,
          onValue: (v) => update({ contactByPhone: v }),
          problem: P('consent.contactByPhone'),
        }),
      ),
      h(
        'fieldset',
        { class: 'section' },
        h('legend', null, h('h2', null, m.sectionRisk)),
        h(ChoiceGroup, {
          kind: 'radio',
          path: 'riskLevel',
          label: m.riskLevel,
          required: true,
          options: optionsOf(RISK_LEVELS, m.riskLabels),
          selected: d.risk ? [d.risk] : [],
          onToggle: (v) => update({ risk: v }),
          problem: P('riskLevel'),
        }),
      ),
      h(
        'div',
        { class: 'actions' },
        h(Button, { type: 'submit', busy, id: 'register-submit' }, busy ? m.submitting : m.submitRegister),
        h(Button, { kind: 'secondary', onClick: clear, disabled: busy }, m.clearForm),
      ),
    ),
  );
}

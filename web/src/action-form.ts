// One component for every action form: a change to a case (a service, a status, a resolution, a follow-up
// outcome, an escalation, an acknowledgement) or to the network (a centre, a staff member). An action is a
// declaration (`ActionSpec`): its fields, the shared schema that checks the body, how to send it and what to
// say when it is done. The component does the rest the same way everywhere:
// 1. it keeps the values as typed, one per field;
// 2. on submit it checks the body with the shared zod schema, so the form refuses what the API would refuse;
//    problems are shown at their fields (and, for long forms, in an error summary that takes focus);
// 3. it sends the body, with the button busy meanwhile (a change to a case gets its own Idempotency-Key and
//    is retried by api.ts); the API's field errors land on the same fields, any other failure is a notice;
// 4. when done it shows the message in the form and starts again from the first values, or hands the message
//    to the page (`announce`) when the action removes the form (a resolved case has no resolve form).
import { type ComponentChildren, h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type * as z from 'zod/mini';
import { ApiError } from './api.ts';
import { check, fieldId, fromServer, type Problems } from './field-errors.ts';
import { useFocusWhenShown } from './focus.ts';
import { t } from './i18n.ts';
import { type Msg, problemMsg } from './problems.ts';
import {
  Button,
  Checkbox,
  ChoiceGroup,
  type El,
  ErrorSummary,
  Notice,
  type NoticeKind,
  SelectField,
  TextField,
} from './ui.ts';

/** What a field holds: text and single choices as strings, a checkbox as a boolean, many choices as a list. */
export type FieldValue = string | boolean | readonly string[];
export type Values = Record<string, FieldValue>;

/** The names of the values of one kind, so a checkbox cannot be declared over a text value. */
type PathOf<V, X> = { [K in keyof V]: V[K] extends X ? K : never }[keyof V] & string;

type Wired = 'path' | 'value' | 'onValue' | 'problem' | 'idPrefix';
type TextProps = Omit<Parameters<typeof TextField>[0], Wired>;
type SelectProps = Omit<Parameters<typeof SelectField>[0], Wired>;
type ChoiceProps = Omit<Parameters<typeof ChoiceGroup>[0], Wired | 'kind' | 'selected' | 'onToggle'>;

interface Common<V> {
  /** The API path of the value (`note`, `consent.services`): where the schema's and the API's errors land. */
  path: string;
  /** Fields that go back to their first value when this one changes (a new district clears the sub-division). */
  clears?: ReadonlyArray<keyof V & string>;
}

/** One field of an action: what ui.ts draws for it, minus the wiring the form does itself. */
export type Field<V extends Values> =
  | (Common<V> & TextProps & { kind: 'text'; path: PathOf<V, string> })
  | (Common<V> & SelectProps & { kind: 'select'; path: PathOf<V, string> })
  | (Common<V> & ChoiceProps & { kind: 'radio'; path: PathOf<V, string> })
  | (Common<V> & ChoiceProps & { kind: 'checkboxes'; path: PathOf<V, readonly string[]> })
  | (Common<V> & { kind: 'checkbox'; path: PathOf<V, boolean>; label: string });

export interface ActionSpec<V extends Values, T, R> {
  /** The stem of the ids: the form is `<id>`, with `<id>-title`, `<id>-errors`, `<id>-notice`, `<id>-submit`. */
  id: string;
  /** Goes before each field's path in its id (`f-<idPrefix><path>`), so a path can be on a page twice. */
  idPrefix: string;
  /** The heading, which also names the form. Without one, `label` names it. */
  title?: string;
  /** When the heading's id must differ from `<id>-title` (ids other code already knows). */
  titleId?: string;
  titleLevel?: 2 | 3;
  /** The heading takes focus when the form appears (a form opened from a row of a table). */
  focusTitle?: boolean;
  label?: string;
  intro?: ComponentChildren;
  /** Extra classes beside `action`. */
  class?: string;

  /** The values when the form opens, and again after each success. */
  initial: V;
  /** The fields, in order; given the values, so a field can depend on another (`null` leaves one out). */
  fields: (v: V) => ReadonlyArray<Field<V> | null>;
  /** Said instead of the fields and the button when there is nothing to choose (no status move left). */
  unavailable?: string;

  /** The shared request schema: the body is checked with it before anything is sent. */
  schema: z.ZodMiniType<T>;
  /** The values as the API body (unknown until the schema has checked it). */
  body: (v: V) => unknown;
  send: (data: T) => Promise<R>;
  /** What to say when it is done. */
  done: (result: R, v: V) => Msg;
  /** The page says it, instead of the form, because the action removes the form. */
  announce?: (msg: Msg) => void;
  /** Awaited after a success (e.g. show the case as it now is), with the button still busy. */
  onSuccess?: (result: R) => unknown;
  /** Awaited after a failure that is not about a field (e.g. a stale version: show the case as it now is). */
  onFailure?: (err: unknown) => unknown;
  /**
   * A failure the person can do something about, said in its own words with a button that does it (a stale
   * version: reload the case). What she typed stays until she presses it; `onFailure` is not called.
   */
  remedy?: (err: unknown) => Remedy | undefined;

  /**
   * Where problems take focus: the error summary at the top (a long form), the first field with a problem
   * (a one-field form), or nowhere (a short form whose fields say it). Default: nowhere.
   */
  errorFocus?: 'summary' | 'field' | 'none';

  /** The words on the button. */
  submit: string;
  /** Its accessible name, when the words alone are ambiguous (one button per escalation). */
  submitName?: string;
  submitKind?: 'primary' | 'secondary';
  /** The form opens behind a button with these words (one open form per follow-up would crowd the list). */
  opener?: { text: string; name?: string };
  /** A Cancel button beside the submit button. */
  onCancel?: () => void;
}

export interface Remedy {
  msg: Msg;
  button: Msg;
  run: () => unknown;
}

/**
 * Draws an action. With no fields it is a single button (nothing to fill in, so no form); otherwise a form.
 * A plain generic function rather than `h(ActionForm, …)`, so TypeScript infers the types of the values, the
 * body and the answer from the declaration.
 */
export function actionForm<V extends Values, T, R>(spec: ActionSpec<V, T, R>, key?: string): El {
  return h(ActionForm as (p: { spec: ActionSpec<Values, unknown, unknown> }) => El, {
    key,
    spec: spec as unknown as ActionSpec<Values, unknown, unknown>,
  });
}

function ActionForm({ spec }: { spec: ActionSpec<Values, unknown, unknown> }): El {
  const m = t();
  const [values, setValues] = useState<Values>(spec.initial);
  const [problems, setProblems] = useState<Problems>({});
  const [notice, setNotice] = useState<{ kind: NoticeKind; msg: Msg; remedy?: Remedy } | undefined>();
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(!spec.opener);
  const focusWhenShown = useFocusWhenShown();
  const titleId = spec.titleId ?? `${spec.id}-title`;

  useEffect(() => {
    if (spec.focusTitle) document.getElementById(titleId)?.focus();
  }, []);

  const fields = spec.fields(values).filter((f): f is Field<Values> => f !== null);
  const paths = fields.map((f) => f.path);

  const showProblems = (p: Problems) => {
    setProblems(p);
    const first = Object.keys(p)[0];
    if (first === undefined || spec.errorFocus === undefined || spec.errorFocus === 'none') return;
    if (spec.errorFocus === 'summary') focusWhenShown(`${spec.id}-errors`);
    else focusWhenShown(fieldId(`${spec.idPrefix}${first}`), true);
  };

  const run = async () => {
    if (busy) return;
    setNotice(undefined);
    const checked = check(spec.schema, spec.body(values), paths);
    if (!checked.ok) return showProblems(checked.problems);
    setProblems({});
    setBusy(true);
    try {
      const result = await spec.send(checked.data);
      const msg = spec.done(result, values);
      setValues(spec.initial);
      if (spec.announce) spec.announce(msg);
      else setNotice({ kind: 'success', msg });
      await spec.onSuccess?.(result);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.fieldErrors.length) {
        showProblems(fromServer(err.fieldErrors, paths));
      } else {
        const remedy = spec.remedy?.(err);
        setNotice({ kind: 'error', msg: remedy?.msg ?? problemMsg(err), remedy });
        if (!remedy) await spec.onFailure?.(err);
      }
    } finally {
      setBusy(false);
    }
  };

  const remedy = notice?.remedy;
  const remedyButton = remedy
    ? h(
        'p',
        { class: 'notice-action' },
        h(Button, { kind: 'secondary', id: `${spec.id}-remedy`, onClick: () => void remedy.run() }, remedy.button(m)),
      )
    : null;
  const noticeHere = h(
    Notice,
    { kind: notice?.kind, id: `${spec.id}-notice` },
    notice ? [notice.msg(m), remedyButton] : null,
  );
  const submit = h(
    Button,
    {
      type: fields.length ? 'submit' : 'button',
      kind: spec.submitKind,
      busy,
      id: `${spec.id}-submit`,
      label: spec.submitName,
      onClick: fields.length ? undefined : () => void run(),
    },
    spec.submit,
  );

  if (!fields.length && !spec.unavailable) return h('div', null, submit, noticeHere);
  if (!open && spec.opener) {
    return h(Button, { kind: 'secondary', onClick: () => setOpen(true), label: spec.opener.name }, spec.opener.text);
  }

  const set = (f: Field<Values>, value: FieldValue) => {
    const next: Values = { ...values, [f.path]: value };
    for (const c of f.clears ?? []) next[c] = spec.initial[c];
    setValues(next);
  };
  const cancel = spec.onCancel ?? (spec.opener ? () => setOpen(false) : undefined);
  const labels = Object.fromEntries(fields.map((f) => [f.path, f.label]));

  return h(
    'form',
    {
      id: spec.id,
      class: ['action', spec.class].filter(Boolean).join(' '),
      noValidate: true,
      onSubmit: (e: Event) => {
        e.preventDefault();
        void run();
      },
      'aria-labelledby': spec.title ? titleId : undefined,
      'aria-label': spec.title ? undefined : spec.label,
    },
    spec.title
      ? h(spec.titleLevel === 3 ? 'h3' : 'h2', { id: titleId, tabIndex: spec.focusTitle ? -1 : undefined }, spec.title)
      : null,
    spec.intro ? h('p', { class: 'muted' }, spec.intro) : null,
    spec.errorFocus === 'summary'
      ? h(ErrorSummary, { problems, labels, idPrefix: spec.idPrefix, id: `${spec.id}-errors` })
      : null,
    spec.unavailable
      ? h('p', { class: 'muted' }, spec.unavailable)
      : fields.map((f) => fieldOf(f, values, (v) => set(f, v), problems, spec.idPrefix)),
    noticeHere,
    spec.unavailable ? null : cancel ? h('div', { class: 'actions' }, submit, cancelButton(cancel, busy)) : submit,
  );
}

function cancelButton(onCancel: () => void, busy: boolean): El {
  return h(Button, { kind: 'secondary', onClick: onCancel, disabled: busy }, t().cancel);
}

const toggled = (list: readonly string[], value: string, on: boolean) =>
  on ? [...list.filter((x) => x !== value), value] : list.filter((x) => x !== value);

function fieldOf(
  f: Field<Values>,
  values: Values,
  onValue: (v: FieldValue) => void,
  problems: Problems,
  idPrefix: string,
): El {
  const wired = { key: f.path, path: f.path, idPrefix, problem: problems[f.path] };
  const { kind, clears: _clears, ...props } = f;
  const value = values[f.path];
  switch (kind) {
    case 'text':
      return h(TextField, { ...(props as TextProps), ...wired, value: String(value ?? ''), onValue });
    case 'select':
      return h(SelectField, { ...(props as SelectProps), ...wired, value: String(value ?? ''), onValue });
    case 'radio':
      return h(ChoiceGroup, {
        ...(props as ChoiceProps),
        ...wired,
        kind: 'radio',
        selected: [String(value ?? '')],
        onToggle: (v) => onValue(v),
      });
    case 'checkboxes': {
      const list = Array.isArray(value) ? (value as readonly string[]) : [];
      return h(ChoiceGroup, {
        ...(props as ChoiceProps),
        ...wired,
        kind: 'checkbox',
        selected: list,
        onToggle: (v, on) => onValue(toggled(list, v, on)),
      });
    }
    case 'checkbox':
      return h(Checkbox, { ...wired, label: f.label, checked: value === true, onValue });
  }
}

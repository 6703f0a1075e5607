// Form building blocks that are accessible by construction: every control has a <label> (or a <legend> for a
// group), its hint and error are linked with aria-describedby, an error sets aria-invalid, and nothing depends
// on colour alone ("Error:" is spoken and shown before each message).
import { type ComponentChildren, h, type VNode } from 'preact';
import { type FieldProblem, fieldId, type Problems, problemText } from './field-errors.ts';
import { t } from './i18n.ts';

/** What a component returns: a VNode of any element or component. */
// biome-ignore lint/suspicious/noExplicitAny: a VNode's props differ per element; callers never read them.
export type El = VNode<any>;

interface FieldBase {
  path: string;
  label: string;
  hint?: string;
  required?: boolean;
  problem?: FieldProblem;
  /** A prefix for ids when the same path appears more than once on a page (e.g. one form per follow-up). */
  idPrefix?: string;
}

const idOf = (p: FieldBase) => fieldId(`${p.idPrefix ?? ''}${p.path}`);

function describedBy(id: string, p: FieldBase): string | undefined {
  const ids = [p.hint ? `${id}-hint` : '', p.problem ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function LabelText(p: FieldBase): El {
  return h(
    'span',
    { class: 'label-text' },
    p.label,
    ' ',
    h('span', { class: p.required ? 'req' : 'opt' }, `(${p.required ? t().required : t().optional})`),
  );
}

function HintAndError(p: FieldBase & { id: string }): El {
  return h(
    'div',
    { class: 'field-notes' },
    p.hint ? h('p', { class: 'hint', id: `${p.id}-hint` }, p.hint) : null,
    p.problem
      ? h(
          'p',
          { class: 'error-text', id: `${p.id}-error` },
          h('span', { class: 'visually-hidden' }, `${t().errorPrefix} `),
          problemText(p.problem),
        )
      : null,
  );
}

export function TextField(
  p: FieldBase & {
    value: string;
    onValue: (v: string) => void;
    type?: 'text' | 'tel' | 'search';
    inputMode?: 'text' | 'numeric' | 'tel' | 'search';
    multiline?: boolean;
    size?: 'short' | 'medium' | 'long';
    list?: string;
    lang?: string;
  },
): El {
  const id = idOf(p);
  const common = {
    id,
    name: p.path,
    value: p.value,
    class: `input input--${p.size ?? 'long'}`,
    'aria-describedby': describedBy(id, p),
    'aria-invalid': p.problem ? 'true' : undefined,
    'aria-required': p.required ? 'true' : undefined,
    autocomplete: 'off',
    spellcheck: false,
    lang: p.lang,
    onInput: (e: Event) => p.onValue((e.currentTarget as HTMLInputElement).value),
  } as const;
  return h(
    'div',
    { class: `field${p.problem ? ' field--error' : ''}` },
    h('label', { for: id }, LabelText(p)),
    HintAndError({ ...p, id }),
    p.multiline
      ? h('textarea', { ...common, rows: 4 })
      : h('input', { ...common, type: p.type ?? 'text', inputMode: p.inputMode, list: p.list }),
  );
}

export interface Option {
  value: string;
  label: string;
}

/** The choices of an enum, labelled in the current language (the code itself where a label is missing). */
export const optionsOf = <K extends string>(values: readonly K[], labels: Record<K, string>): Option[] =>
  values.map((v) => ({ value: v, label: labels[v] ?? v }));

export function SelectField(
  p: FieldBase & { value: string; onValue: (v: string) => void; options: Option[]; placeholder?: string },
): El {
  const id = idOf(p);
  return h(
    'div',
    { class: `field${p.problem ? ' field--error' : ''}` },
    h('label', { for: id }, LabelText(p)),
    HintAndError({ ...p, id }),
    h(
      'select',
      {
        id,
        name: p.path,
        class: 'input input--medium',
        'aria-describedby': describedBy(id, p),
        'aria-invalid': p.problem ? 'true' : undefined,
        'aria-required': p.required ? 'true' : undefined,
        onChange: (e: Event) => p.onValue((e.currentTarget as HTMLSelectElement).value),
      },
      // `selected` on the options rather than `value` on the select: the choice stays right when the list
      // of options itself changes (e.g. the next statuses after a status change).
      p.placeholder !== undefined ? h('option', { value: '', selected: p.value === '' }, p.placeholder) : null,
      p.options.map((o) => h('option', { key: o.value, value: o.value, selected: o.value === p.value }, o.label)),
    ),
  );
}

/** Checkboxes (many of many) or radios (one of many) in a fieldset whose legend is the question. */
export function ChoiceGroup(
  p: FieldBase & {
    kind: 'checkbox' | 'radio';
    options: Option[];
    selected: readonly string[];
    onToggle: (value: string, on: boolean) => void;
    columns?: boolean;
  },
): El {
  const id = idOf(p);
  const desc = describedBy(id, p);
  return h(
    'fieldset',
    { class: `field group${p.problem ? ' field--error' : ''}`, 'aria-describedby': desc, id: `${id}-group` },
    h('legend', null, LabelText(p)),
    HintAndError({ ...p, id }),
    h(
      'div',
      { class: `choices${p.columns ? ' choices--columns' : ''}` },
      p.options.map((o, i) => {
        const optId = i === 0 ? id : `${id}-${o.value}`;
        return h(
          'div',
          { class: 'choice', key: o.value },
          h('input', {
            id: optId,
            type: p.kind,
            name: p.path,
            value: o.value,
            checked: p.selected.includes(o.value),
            'aria-invalid': p.problem ? 'true' : undefined,
            'aria-describedby': p.problem ? `${id}-error` : undefined,
            onChange: (e: Event) => p.onToggle(o.value, (e.currentTarget as HTMLInputElement).checked),
          }),
          h('label', { for: optId }, o.label),
        );
      }),
    ),
  );
}

export function Checkbox(p: {
  path: string;
  label: string;
  checked: boolean;
  onValue: (v: boolean) => void;
  problem?: FieldProblem;
  idPrefix?: string;
}): El {
  const id = fieldId(`${p.idPrefix ?? ''}${p.path}`);
  return h(
    'div',
    { class: `choice${p.problem ? ' field--error' : ''}` },
    h('input', {
      id,
      type: 'checkbox',
      name: p.path,
      checked: p.checked,
      'aria-invalid': p.problem ? 'true' : undefined,
      'aria-describedby': p.problem ? `${id}-error` : undefined,
      onChange: (e: Event) => p.onValue((e.currentTarget as HTMLInputElement).checked),
    }),
    h('label', { for: id }, p.label),
    p.problem ? h('p', { class: 'error-text', id: `${id}-error` }, problemText(p.problem)) : null,
  );
}

/** Moves focus to a field (its first control for a group) and brings it into view. */
export function focusField(path: string, idPrefix = ''): void {
  const el = document.getElementById(fieldId(`${idPrefix}${path}`));
  if (el) {
    el.focus();
    el.scrollIntoView({ block: 'center' });
  }
}

/**
 * The list of problems at the top of a form, linking to each field. Its live region is always in the page so
 * screen readers announce it the moment it fills; `summaryRef` lets the form move focus to it.
 */
export function ErrorSummary(p: {
  problems: Problems;
  labels: Record<string, string>;
  idPrefix?: string;
  id: string;
}): El {
  const entries = Object.values(p.problems);
  return h(
    'div',
    { class: 'live', 'aria-live': 'assertive' },
    entries.length
      ? h(
          'div',
          { class: 'error-summary', id: p.id, tabIndex: -1, role: 'group', 'aria-labelledby': `${p.id}-title` },
          h('h2', { id: `${p.id}-title` }, t().errorSummaryTitle(entries.length)),
          h(
            'ul',
            null,
            entries.map((e) =>
              h(
                'li',
                { key: e.path },
                p.labels[e.path]
                  ? h(
                      'a',
                      {
                        href: `#${fieldId(`${p.idPrefix ?? ''}${e.path}`)}`,
                        onClick: (ev: Event) => {
                          ev.preventDefault();
                          focusField(e.path, p.idPrefix);
                        },
                      },
                      `${p.labels[e.path]}: ${problemText(e)}`,
                    )
                  : problemText(e),
              ),
            ),
          ),
        )
      : null,
  );
}

export type NoticeKind = 'success' | 'error' | 'info';

/**
 * A message in a live region that is always present, so a change is announced (polite, or assertive for errors).
 * `focusId` names the message itself and lets it take focus, for when the form that caused it has gone.
 */
export function Notice(p: { kind?: NoticeKind; children?: ComponentChildren; id?: string; focusId?: string }): El {
  const kind = p.kind ?? 'info';
  return h(
    'div',
    { class: 'live', 'aria-live': kind === 'error' ? 'assertive' : 'polite', id: p.id },
    p.children
      ? h('div', { class: `notice notice--${kind}`, id: p.focusId, tabIndex: p.focusId ? -1 : undefined }, p.children)
      : null,
  );
}

export function Button(p: {
  children?: ComponentChildren;
  onClick?: () => void;
  type?: 'button' | 'submit';
  kind?: 'primary' | 'secondary' | 'link';
  busy?: boolean;
  disabled?: boolean;
  id?: string;
  lang?: string;
  label?: string;
}): El {
  return h(
    'button',
    {
      type: p.type ?? 'button',
      class: `btn btn--${p.kind ?? 'primary'}`,
      onClick: p.onClick,
      disabled: p.disabled || p.busy,
      'aria-busy': p.busy ? 'true' : undefined,
      'aria-label': p.label,
      id: p.id,
      lang: p.lang,
    },
    p.children,
  );
}

/** A definition list of label/value pairs, skipping empty values. */
export function Facts(p: { items: Array<[string, ComponentChildren]> }): El {
  return h(
    'dl',
    { class: 'facts' },
    p.items
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => h('div', { key: k, class: 'fact' }, h('dt', null, k), h('dd', null, v))),
  );
}

/** A titled block of a page (a table, a list of figures): the section is named by its heading. */
export function Block(p: { id: string; title: string; children?: ComponentChildren }): El {
  return h(
    'section',
    { class: 'block', 'aria-labelledby': `${p.id}-title` },
    h('h2', { id: `${p.id}-title` }, p.title),
    p.children,
  );
}

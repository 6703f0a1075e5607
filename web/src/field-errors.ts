// Field errors from two sources, shown the same way: the shared zod schemas checked in the browser, and the
// API's problem+json `errors[]`. Both name a dotted path and a `code` (shared/validation.ts); the words come
// from the dictionary of the chosen language, never from the English `message`.
import type * as z from 'zod/mini';
import type { FieldError } from '../../shared/core/errors.ts';
import { issuesToFieldErrors } from '../../shared/core/validation.ts';
import { type Limits, t } from './i18n.ts';

export interface FieldProblem {
  /** The form field it belongs to, or the API's path when no field matches (shown in the summary only). */
  path: string;
  code: string;
  limits: Limits;
}

/** First problem per field, in the order the fields appear. */
export type Problems = Record<string, FieldProblem>;

/** `incident.categories.0` → `incident.categories` when that is a field of the form. */
function fieldOf(path: string, fields: readonly string[]): string {
  let p = path;
  while (p) {
    if (fields.includes(p)) return p;
    const cut = p.lastIndexOf('.');
    if (cut < 0) break;
    p = p.slice(0, cut);
  }
  return path;
}

function add(out: Problems, fields: readonly string[], e: FieldError, limits: Limits = {}): void {
  const path = fieldOf(e.path, fields);
  if (!out[path]) out[path] = { path, code: e.code ?? 'invalid', limits };
}

export type Checked<T> = { ok: true; data: T } | { ok: false; problems: Problems };

export function check<T>(schema: z.ZodMiniType<T>, input: unknown, fields: readonly string[]): Checked<T> {
  // With the input in each issue, a value of the wrong type (an age typed as "twenty") is named as such: zod
  // leaves the input out by default, and shared/core/validation.ts then reads every wrong type as "required".
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, data: result.data };
  const problems: Problems = {};
  for (const issue of result.error.issues) {
    // One issue at a time, so the limits in the issue stay with the error they explain.
    const i = issue as { minimum?: unknown; maximum?: unknown };
    const limits: Limits = {
      ...(typeof i.minimum === 'number' || typeof i.minimum === 'bigint' ? { min: Number(i.minimum) } : {}),
      ...(typeof i.maximum === 'number' || typeof i.maximum === 'bigint' ? { max: Number(i.maximum) } : {}),
    };
    for (const e of issuesToFieldErrors([issue])) add(problems, fields, e, limits);
  }
  return { ok: false, problems: ordered(problems, fields) };
}

export function fromServer(errors: readonly FieldError[], fields: readonly string[]): Problems {
  const problems: Problems = {};
  for (const e of errors) add(problems, fields, e);
  return ordered(problems, fields);
}

function ordered(p: Problems, fields: readonly string[]): Problems {
  const keys = Object.keys(p).sort((a, b) => rank(a, fields) - rank(b, fields));
  return Object.fromEntries(keys.map((k) => [k, p[k]]));
}
const rank = (k: string, fields: readonly string[]) => {
  const i = fields.indexOf(k);
  return i < 0 ? fields.length : i;
};

export function problemText(p: FieldProblem): string {
  const m = t();
  const specific = m.fieldErrors[`${p.path}:${p.code}`];
  if (specific) return specific;
  const generic = (m.errors as Record<string, ((l: Limits) => string) | undefined>)[p.code];
  return generic ? generic(p.limits) : m.errors.invalid();
}

/** The DOM id of a field's input (and, with a suffix, of its hint and error). */
export const fieldId = (path: string) => `f-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

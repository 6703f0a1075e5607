// Turns zod issues into the contract's field errors: one entry per bad field, with a dotted path and a plain
// English message. The form shows its own Hindi text for the same `code`.
import type * as z from 'zod/mini';
import { badRequest, type FieldError } from './errors.ts';

type Issue = z.core.$ZodIssue;

function describe(issue: Issue): { code: string; message: string } {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { code: 'required', message: 'This field is required' }
        : { code: 'invalid_type', message: `Expected ${issue.expected}` };
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? { code: 'required', message: 'This field is required' }
          : { code: 'too_short', message: `Must be at least ${issue.minimum} characters` };
      }
      if (issue.origin === 'array') return { code: 'too_few', message: `Choose at least ${issue.minimum}` };
      return { code: 'too_small', message: `Must be at least ${issue.minimum}` };
    case 'too_big':
      if (issue.origin === 'string')
        return { code: 'too_long', message: `Must be at most ${issue.maximum} characters` };
      if (issue.origin === 'array') return { code: 'too_many', message: `Choose at most ${issue.maximum}` };
      return { code: 'too_big', message: `Must be at most ${issue.maximum}` };
    case 'invalid_value':
      // A choice left out is missing, as any other field: not a wrong choice.
      return issue.input === undefined
        ? { code: 'required', message: 'This field is required' }
        : { code: 'invalid_option', message: `Must be one of: ${issue.values.join(', ')}` };
    case 'invalid_format':
      if (issue.format === 'date') return { code: 'invalid_date', message: 'Must be a date as YYYY-MM-DD' };
      return { code: 'invalid_format', message: 'Has the wrong format' };
    case 'not_multiple_of':
      return { code: 'invalid_number', message: `Must be a multiple of ${issue.divisor}` };
    case 'custom':
      // A refinement may name its own code (`params: { code: 'future_date' }`), which the form translates.
      return {
        code: typeof issue.params?.code === 'string' ? issue.params.code : 'invalid',
        message: issue.message && issue.message !== 'Invalid input' ? issue.message : 'Is not valid',
      };
    default:
      return { code: 'invalid', message: 'Is not valid' };
  }
}

const joinPath = (path: PropertyKey[]) => path.map(String).join('.');

export function issuesToFieldErrors(issues: readonly Issue[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    const base = joinPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [prefix, base, key].filter(Boolean).join('.');
        out.push({ path, code: 'unknown_field', message: 'Unknown field' });
      }
      continue;
    }
    if (issue.code === 'invalid_union') {
      out.push(...issuesToFieldErrors(issue.errors.flat(), prefix));
      continue;
    }
    const path = [prefix, base].filter(Boolean).join('.') || '(body)';
    out.push({ path, ...describe(issue) });
  }
  return out;
}

/** Parses `input` or throws a 400 naming every bad field. */
export function parseOrThrow<T>(schema: z.ZodMiniType<T>, input: unknown, what = 'body'): T {
  // reportInput: zod 4 leaves the input out of an issue unless asked, and then every wrong type would read as
  // "required". The input is only looked at here (undefined or not), never sent back.
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const errors = issuesToFieldErrors(result.error.issues, what === 'body' ? '' : what);
  throw badRequest(`The ${what} has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}`, errors);
}

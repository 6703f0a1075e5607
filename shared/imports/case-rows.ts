// One row of a centre's register as the API's own case body, checked with the API's own schema
// (createCaseSchema), each problem mapped back from the body's path to the column it came from. Pure.
//
// What a register does not say is recorded on the safe side: not safe to contact by phone, no consent
// given to share or refer (staff record it when she confirms), no services still needed.
import type * as z from 'zod/mini';
import { type CreateCaseInput, createCaseSchema } from '../cases/schemas.ts';
import { issuesToFieldErrors } from '../core/validation.ts';
import { codeOf, codesOf, normaliseMobile, parseIndianDate, wholeNumber } from './cells.ts';
import { type ImportedCaseFields, importedCaseFields, isResolvedImport } from './schemas.ts';
import { type RowError, rowError, type SheetRow } from './sheet.ts';

/** Where each part of the case body comes from: body path prefix → column. */
const CASE_COLUMN_OF: ReadonlyArray<[string, string]> = [
  ['survivor.name', 'name'],
  ['survivor.age', 'age'],
  ['survivor.phone', 'phone'],
  ['survivor.district', 'district'],
  ['incident.categories', 'categories'],
  ['referral.source', 'referralSource'],
  ['riskLevel', 'riskLevel'],
];

export const columnOf = (path: string, map: ReadonlyArray<[string, string]>) =>
  map.find(([prefix]) => path === prefix || path.startsWith(`${prefix}.`))?.[1] ?? '(row)';

/** An empty cell is a missing value (the schema says "required"), never an empty string. */
const cell = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

/** A register date cell as the schema's ISO date; an unreadable one as typed, so the schema names it. */
const dateCell = (v: string | undefined) => {
  const c = cell(v);
  return c === undefined ? undefined : (parseIndianDate(c) ?? c);
};

/** The case body a row makes: the survivor, what happened, how she came, the risk. */
export function caseBodyOf(v: Record<string, string>): Record<string, unknown> {
  const phone = cell(v.phone);
  return {
    survivor: {
      name: cell(v.name),
      age: wholeNumber(v.age ?? ''),
      ...(phone ? { phone: normaliseMobile(phone) } : {}),
      safeToContact: false,
      ...(cell(v.district) ? { district: cell(v.district) } : {}),
    },
    incident: { categories: codesOf(v.categories ?? '') },
    referral: { source: cell(v.referralSource) && codeOf(v.referralSource) },
    servicesNeeded: [],
    consent: { services: false, shareWithPolice: false, contactByPhone: false },
    riskLevel: cell(v.riskLevel) && codeOf(v.riskLevel),
  };
}

export interface CaseRow {
  row: number;
  input: CreateCaseInput;
  fields: ImportedCaseFields;
}

/** Problems of a zod parse as row errors in the columns the paths came from. */
export function issuesAsRowErrors(
  row: number,
  issues: readonly z.core.$ZodIssue[],
  columnFor: (path: string) => string,
): RowError[] {
  return issuesToFieldErrors(issues).map((e) => rowError(row, columnFor(e.path), e.code ?? 'invalid', e.message));
}

/**
 * Checks a row: the import's own cells, the case body with the API's schema, and the rules across cells (a
 * resolved case has its resolution date and worker, not before its registration; an open one has neither).
 */
export function checkCaseRow(r: SheetRow, today: string): { ok: CaseRow } | { errors: RowError[] } {
  const v = r.values;
  const errors: RowError[] = [];
  const own = importedCaseFields(today).safeParse(
    {
      registerNumber: cell(v.registerNumber),
      registeredOn: dateCell(v.registeredOn),
      status: cell(v.status) && codeOf(v.status),
      resolvedOn: dateCell(v.resolvedOn),
      followUpWorkerId: cell(v.followUpWorkerId)?.toLowerCase(),
    },
    { reportInput: true },
  );
  if (!own.success) errors.push(...issuesAsRowErrors(r.row, own.error.issues, (p) => p.split('.')[0]));
  const body = createCaseSchema.safeParse(caseBodyOf(v), { reportInput: true });
  if (!body.success) errors.push(...issuesAsRowErrors(r.row, body.error.issues, (p) => columnOf(p, CASE_COLUMN_OF)));
  // Rules across cells, on what could be read (a wrong registration date still leaves "resolvedOn missing").
  const resolved = isResolvedImport(codeOf(v.status ?? ''));
  const registeredOn = parseIndianDate(v.registeredOn ?? '');
  const resolvedOn = parseIndianDate(v.resolvedOn ?? '');
  if (resolved && !cell(v.resolvedOn)) {
    errors.push(rowError(r.row, 'resolvedOn', 'required', 'Required for a resolved or monitored case'));
  }
  if (resolved && !cell(v.followUpWorkerId)) {
    errors.push(rowError(r.row, 'followUpWorkerId', 'required', 'Required for a resolved or monitored case'));
  }
  if (!resolved && cell(v.status) && cell(v.resolvedOn)) {
    errors.push(rowError(r.row, 'resolvedOn', 'not_expected', 'Only a resolved or monitored case has one'));
  }
  if (registeredOn && resolvedOn && resolvedOn < registeredOn) {
    errors.push(rowError(r.row, 'resolvedOn', 'before_registration', 'Is before the registration date'));
  }
  const f = own.success ? own.data : undefined;
  if (errors.length || !f || !body.success) return { errors };
  return { ok: { row: r.row, input: body.data, fields: f } };
}

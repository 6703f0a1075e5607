// Figures of earlier years from a CSV (per financial year, or per month where known; for the state, a
// district or a centre), checked with the same schema as POST /reported-figures and stored the same way. The
// same code for the API and the state's CLI. A row equal to what is stored is skipped; a different one
// replaces it (a correction).
import type { Principal } from '../core/principal.ts';
import { type ReportedFigure, type ReportedFigures, reportedKey, sameFigure } from '../oversight/reported.ts';
import { reportedFigureSchema } from '../oversight/schemas.ts';
import { issuesAsRowErrors } from './case-rows.ts';
import { latinDigits, wholeNumber } from './cells.ts';
import { duplicatesOf, type ImportOptions, type ImportReport, importRejected } from './outcome.ts';
import { dedupe, type RowError, readSheet, rowError } from './sheet.ts';

export interface FiguresImportReport extends ImportReport {
  /** Rows that replaced a different figure recorded before for the same place and period. */
  updated: number;
}

const cell = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : latinDigits(v.trim()));

/** `2024-25`, `FY 2024-25` or `2024-2025` as `2024-25`; anything else as typed, for the schema. */
export function fyOf(typed: string | undefined): string | undefined {
  const s = cell(typed)?.replace(/^FY\s*/i, '');
  const long = s && /^(\d{4})\s*-\s*(\d{2})(\d{2})$/.exec(s);
  return long ? `${long[1]}-${long[3]}` : s;
}

/** `2025-04`, `04/2025` or `4/2025` as `2025-04`; anything else as typed. */
export function monthOf(typed: string | undefined): string | undefined {
  const s = cell(typed);
  const m = s && /^(\d{1,2})[/.-](\d{4})$/.exec(s);
  return m ? `${m[2]}-${m[1].padStart(2, '0')}` : s;
}

export async function importFigures(
  store: ReportedFigures,
  text: string,
  caller: Principal,
  opts: ImportOptions,
): Promise<FiguresImportReport> {
  const sheet = readSheet('figures', text, opts.firstRow);
  const errors: RowError[] = [...sheet.errors];
  const checked: Array<{ row: number; figure: ReportedFigure }> = [];
  for (const r of sheet.rows) {
    const v = r.values;
    const body = Object.fromEntries(
      Object.entries({
        fy: fyOf(v.fy),
        month: monthOf(v.month),
        district: cell(v.district),
        centreId: cell(v.centreId)?.toLowerCase(),
        registered: wholeNumber(v.registered ?? ''),
        resolved: wholeNumber(v.resolved ?? ''),
        upToMonth: monthOf(v.upToMonth),
        source: cell(v.source),
      }).filter(([k, x]) => x !== undefined || k === 'fy' || k === 'registered' || k === 'resolved'),
    );
    const parsed = reportedFigureSchema.safeParse(body, { reportInput: true });
    if (!parsed.success) {
      errors.push(...issuesAsRowErrors(r.row, parsed.error.issues, (p) => p.split('.')[0] || '(row)'));
      continue;
    }
    const c = await store.check(parsed.data);
    if ('problems' in c) errors.push(...c.problems.map((p) => rowError(r.row, p.path, p.code ?? 'invalid', p.message)));
    else checked.push({ row: r.row, figure: c.figure });
  }
  const dup = duplicatesOf(checked, (r) => reportedKey(r.figure).sk, '(row)');
  errors.push(...dup.errors);
  const bad = new Set(errors.map((e) => e.row));
  const valid = checked.filter((r) => !bad.has(r.row));
  const stored = new Map((await store.all()).map((i) => [String(i.sk), i as Record<string, unknown>]));
  const unchanged = valid.filter((r) => sameFigure(r.figure, stored.get(reportedKey(r.figure).sk)));
  const changed = valid.filter((r) => !unchanged.includes(r));
  const updated = changed.filter((r) => stored.has(reportedKey(r.figure).sk)).length;
  const report: FiguresImportReport = {
    rows: sheet.rows.length,
    valid: valid.length,
    errors: dedupe(errors).sort((a, b) => a.row - b.row),
    created: 0,
    updated: 0,
    skipped: unchanged.length,
    dryRun: opts.dryRun,
  };
  if (opts.dryRun) return report;
  if (report.errors.length) throw importRejected(report);
  if (changed.length) {
    await store.write(
      changed.map((r) => r.figure),
      caller,
      opts.now,
      { idempotency: opts.idempotency },
    );
  }
  return { ...report, created: changed.length - updated, updated };
}

// Bringing in a centre's roster at go-live: the same checks as adding one staff member (the API's own
// createStaffSchema), and the same writes (the roster store's createStaff: the staff item, the audit entry,
// and a sign-in request for those with system access). The same code for the API and the state's CLI.
//
// Idempotent by phone per centre: a row whose phone is already on the centre's roster is skipped, and each
// imported member's marker (keyed by a hash of her phone) is written in her own transaction, so two runs
// of one file at once still add her once.
import { createHash } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { actorOf } from '../cases/model.ts';
import { conflict, notFound } from '../core/errors.ts';
import * as keys from '../core/keys.ts';
import { inScope, type Principal } from '../core/principal.ts';
import { existingItems } from '../core/query.ts';
import { istTimestamp } from '../core/time.ts';
import { ConditionFailed, named } from '../core/transactions.ts';
import type { CentreStore } from '../network/centre-store.ts';
import type { Roster } from '../network/roster.ts';
import { type CreateStaffInput, createStaffSchema } from '../network/schemas.ts';
import { issuesAsRowErrors } from './case-rows.ts';
import { codeOf, normaliseMobile } from './cells.ts';
import { duplicatesOf, type ImportOptions, type ImportReport, importRejected, spendImportKey } from './outcome.ts';
import { dedupe, type RowError, readSheet } from './sheet.ts';

export interface StaffImportResult {
  row: number;
  outcome: 'created' | 'skipped';
  staffId?: string;
  /** Her sign-in name, when she was given system access (the account follows from the table's stream). */
  username?: string;
}

export interface StaffImportReport extends ImportReport {
  results?: StaffImportResult[];
}

interface StaffRow {
  row: number;
  input: CreateStaffInput;
}

/** No phone number in a key: the marker is keyed by a hash of it. */
const phoneHash = (phone: string) => createHash('sha256').update(phone).digest('hex').slice(0, 32);

const cell = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

/** A row as the body of POST /centres/{centreId}/staff: the same fields, so the paths are the columns. */
export function staffBodyOf(v: Record<string, string>): Record<string, unknown> {
  return {
    name: cell(v.name),
    role: cell(v.role) && codeOf(v.role),
    phone: cell(v.phone) && normaliseMobile(v.phone),
    language: cell(v.language)?.toLowerCase(),
    ...(cell(v.systemAccess) ? { systemAccess: cell(v.systemAccess)?.toLowerCase() } : {}),
    ...(cell(v.email) ? { email: cell(v.email) } : {}),
  };
}

export class RosterImport {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly roster: Roster,
    private readonly centres: CentreStore,
  ) {}

  async run(centreId: string, text: string, caller: Principal, opts: ImportOptions): Promise<StaffImportReport> {
    const centre = await this.centres.get(centreId, true);
    if (!centre || !inScope(caller, centre)) throw notFound();
    const sheet = readSheet('staff', text, opts.firstRow);
    const errors: RowError[] = [...sheet.errors];
    const checked: StaffRow[] = [];
    for (const r of sheet.rows) {
      const parsed = createStaffSchema.safeParse(staffBodyOf(r.values), { reportInput: true });
      if (parsed.success) checked.push({ row: r.row, input: parsed.data });
      else errors.push(...issuesAsRowErrors(r.row, parsed.error.issues, (p) => p.split('.')[0] || '(row)'));
    }
    const dup = duplicatesOf(checked, (r) => r.input.phone, 'phone');
    errors.push(...dup.errors);
    const bad = new Set(errors.map((e) => e.row));
    const valid = checked.filter((r) => !bad.has(r.row));
    const onRoster = new Set((await this.centres.staff(centreId)).map((s) => s.phone));
    const markers = await existingItems(
      this.doc,
      this.table,
      valid.map((r) => keys.importedStaff(centreId, phoneHash(r.input.phone))),
    );
    const imported = new Set(markers.map((m) => String(m.phoneHash)));
    const isThere = (r: StaffRow) => onRoster.has(r.input.phone) || imported.has(phoneHash(r.input.phone));
    const report: StaffImportReport = {
      rows: sheet.rows.length,
      valid: valid.length,
      errors: dedupe(errors).sort((a, b) => a.row - b.row),
      created: 0,
      skipped: valid.filter(isThere).length,
      dryRun: opts.dryRun,
    };
    if (opts.dryRun) return report;
    if (report.errors.length) throw importRejected(report);
    if (centre.status === 'CLOSED') throw conflict('A closed centre takes no new staff');

    report.results = [];
    for (const r of valid) {
      if (isThere(r)) {
        report.results.push({ row: r.row, outcome: 'skipped' });
        continue;
      }
      report.results.push(await this.importOne(centreId, r, caller, opts.now));
    }
    report.created = report.results.filter((x) => x.outcome === 'created').length;
    report.skipped = report.results.length - report.created;
    if (report.created) await spendImportKey(this.doc, this.table, opts.idempotency, opts.now);
    return report;
  }

  private async importOne(centreId: string, r: StaffRow, caller: Principal, now: Date): Promise<StaffImportResult> {
    const hash = phoneHash(r.input.phone);
    const marker = named('marker', {
      Put: {
        TableName: this.table,
        Item: {
          ...keys.importedStaff(centreId, hash),
          type: 'IMPORTED_STAFF',
          phoneHash: hash,
          importedAt: istTimestamp(now),
          importedBy: actorOf(caller),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    try {
      const staff = await this.roster.createStaff(centreId, r.input, caller, now, {}, [marker]);
      return {
        row: r.row,
        outcome: 'created',
        staffId: staff.staffId,
        ...(staff.username ? { username: staff.username } : {}),
      };
    } catch (err) {
      if (err instanceof ConditionFailed && err.item === 'marker') return { row: r.row, outcome: 'skipped' };
      throw err;
    }
  }
}

// Bringing in a centre's register at go-live: open cases, and women resolved before go-live who must still be
// followed up. The same code for the API (POST /centres/{centreId}/imports) and the state's CLI.
//
// In: the centre, the CSV text, who imports, dry run or not. Out: the report (rows, valid, errors by row and
// column, created, skipped).
// 1. The centre must be in the caller's scope (404 otherwise); a real run needs it operating.
// 2. Every row is read and checked: the import's own cells, the case body with the API's createCaseSchema, the
//    rules across cells, the follow-up worker against the roster, register numbers once in the file.
// 3. Rows whose register number was imported before are skipped (their marker exists).
// 4. A dry run stops here and writes nothing; a real run with any problem writes nothing (400).
// 5. Each new case is one transaction: its number in the centre's sequence for the financial year of its
//    registration, the case with its old register number, the marker, its history (CASE_IMPORTED, by whom),
//    the counters of the months the register gives, and the rest of its follow-up plan. A crash part-way
//    leaves whole cases only: running the same file again imports the rest.
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Actor, actorOf, historyPut } from '../cases/model.ts';
import { type CaseRegistry, casePut, newCaseRecord, registrationCounts } from '../cases/registration.ts';
import { registrationParts } from '../cases/registration-parts.ts';
import { conflict, notFound } from '../core/errors.ts';
import * as keys from '../core/keys.ts';
import { inScope, type Principal } from '../core/principal.ts';
import { existingItems } from '../core/query.ts';
import { financialYear, istDate, istTimestamp } from '../core/time.ts';
import { named, type TransactItem, Transaction } from '../core/transactions.ts';
import { followUpPlan, followUpPut } from '../follow-ups/plan.ts';
import type { Centre, CentreStore } from '../network/centre-store.ts';
import { counterItemsAt, openCaseItem } from '../oversight/counters.ts';
import { type CaseRow, checkCaseRow } from './case-rows.ts';
import { duplicatesOf, type ImportOptions, type ImportReport, importRejected, spendImportKey } from './outcome.ts';
import { isResolvedImport, registerKey } from './schemas.ts';
import { dedupe, type RowError, readSheet, rowError } from './sheet.ts';

/** A register date as the moment the case counts from: the start of that day in Indian time. */
export const registerMoment = (date: string) => `${date}T00:00:00.000+05:30`;

/** What was done with one row of a real run. */
export interface CaseImportResult {
  row: number;
  registerNumber: string;
  outcome: 'created' | 'skipped';
  caseId?: string;
  caseNumber?: string;
  /** Follow-ups already past due at the import: decisions waiting for staff on the case page. */
  overdueAtImport?: number;
}

export interface CaseImportReport extends ImportReport {
  /** A real run: each row's case (ids and numbers only). */
  results?: CaseImportResult[];
}

export class CaseImport {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly registry: CaseRegistry,
    private readonly centres: CentreStore,
    private readonly offsetsDays: number[],
  ) {}

  async run(centreId: string, text: string, caller: Principal, opts: ImportOptions): Promise<CaseImportReport> {
    const centre = await this.centres.get(centreId, true);
    if (!centre || !inScope(caller, centre)) throw notFound();
    const today = istDate(opts.now);
    const sheet = readSheet('cases', text, opts.firstRow);
    const errors: RowError[] = [...sheet.errors];
    const checked: CaseRow[] = [];
    for (const r of sheet.rows) {
      const result = checkCaseRow(r, today);
      if ('errors' in result) errors.push(...result.errors);
      else checked.push(result.ok);
    }
    errors.push(...(await this.checkWorkers(centre, checked)));
    const dup = duplicatesOf(checked, (r) => registerKey(r.fields.registerNumber), 'registerNumber');
    errors.push(...dup.errors);
    const bad = new Set(errors.map((e) => e.row));
    const valid = checked.filter((r) => !bad.has(r.row));
    const already = await this.importedBefore(centre.centreId, valid);
    const report: CaseImportReport = {
      rows: sheet.rows.length,
      valid: valid.length,
      errors: dedupe(errors).sort((a, b) => a.row - b.row),
      created: 0,
      skipped: valid.filter((r) => already.has(registerKey(r.fields.registerNumber))).length,
      dryRun: opts.dryRun,
    };
    if (opts.dryRun) return report;
    if (report.errors.length) throw importRejected(report);
    if (centre.status !== 'OPERATIONAL') throw conflict(`A ${centre.status} centre takes no cases`);

    const actor = actorOf(caller);
    report.results = [];
    for (const r of valid) {
      const key = registerKey(r.fields.registerNumber);
      const earlier = already.get(key);
      const result: CaseImportResult = earlier
        ? { row: r.row, registerNumber: r.fields.registerNumber, outcome: 'skipped', ...earlier }
        : await this.importOne(centre, r, actor, opts.now);
      report.results.push(result);
    }
    report.created = report.results.filter((x) => x.outcome === 'created').length;
    report.skipped = report.results.length - report.created;
    if (report.created) await spendImportKey(this.doc, this.table, opts.idempotency, opts.now);
    return report;
  }

  /** The follow-up worker of a resolved case: active staff of this centre with a phone (as resolution asks). */
  private async checkWorkers(centre: Centre, rows: CaseRow[]): Promise<RowError[]> {
    const wanted = rows.filter((r) => r.fields.followUpWorkerId);
    if (!wanted.length) return [];
    const roster = await this.centres.staff(centre.centreId);
    const ok = new Set(roster.filter((s) => s.active && s.phone).map((s) => s.staffId));
    return wanted
      .filter((r) => !ok.has(r.fields.followUpWorkerId as string))
      .map((r) =>
        rowError(r.row, 'followUpWorkerId', 'invalid_worker', 'Not active staff of this centre with a phone'),
      );
  }

  /** Register numbers of this centre imported before → the case each became. */
  private async importedBefore(centreId: string, rows: CaseRow[]) {
    const items = await existingItems(
      this.doc,
      this.table,
      rows.map((r) => keys.importedCase(centreId, registerKey(r.fields.registerNumber))),
    );
    return new Map(
      items.map((i) => [
        String(i.registerKey),
        { caseId: i.caseId as string | undefined, caseNumber: i.caseNumber as string | undefined },
      ]),
    );
  }

  /** One case, in one transaction under the next number of its registration year. */
  private async importOne(centre: Centre, r: CaseRow, actor: Actor, now: Date): Promise<CaseImportResult> {
    const { input, fields } = r;
    const registeredAt = registerMoment(fields.registeredOn);
    const registered = new Date(registeredAt);
    const fy = financialYear(registered);
    const importedAt = istTimestamp(now);
    const caseId = randomUUID();
    const resolved = isResolvedImport(fields.status) && fields.resolvedOn && fields.followUpWorkerId;
    const key = registerKey(fields.registerNumber);
    const base = { row: r.row, registerNumber: fields.registerNumber };

    return this.registry.writeNumbered<CaseImportResult>(centre, fy, (caseNumber) => {
      const record = newCaseRecord({ caseId, caseNumber, centre, input, fy, at: registeredAt, actor });
      Object.assign(record, {
        status: fields.status,
        updatedAt: importedAt,
        registerNumber: fields.registerNumber,
        imported: { at: importedAt, by: actor },
      });
      const plan = resolved
        ? followUpPlan(record, {
            round: 1,
            resolvedOn: fields.resolvedOn as string,
            offsetsDays: this.offsetsDays,
            workerId: fields.followUpWorkerId as string,
            importDay: istDate(now),
          })
        : [];
      const resolvedAt = resolved ? registerMoment(fields.resolvedOn as string) : undefined;
      if (resolvedAt) {
        Object.assign(record, {
          resolvedAt,
          lastResolvedAt: resolvedAt,
          resolution: {
            outcome: 'Resolved before go-live (from the register)',
            followUpWorkerId: fields.followUpWorkerId,
          },
          followUpRounds: 1,
        });
      }
      const parts = registrationParts({
        table: this.table,
        record,
        input,
        actor,
        at: registeredAt,
        now: registered,
        imported: { registerNumber: fields.registerNumber, importedAt },
      });
      Object.assign(record, parts.set);
      const overdue = plan.filter((f) => f.status === 'OVERDUE_AT_IMPORT').length;
      const items: TransactItem[] = [
        casePut(this.table, record),
        historyPut(this.table, caseId, actor, 'CASE_IMPORTED', importedAt, {
          to: fields.status,
          details: {
            caseNumber,
            registerNumber: fields.registerNumber,
            registeredAt,
            ...(resolvedAt ? { resolvedAt, followUpWorkerId: fields.followUpWorkerId } : {}),
            followUps: plan.length,
            overdueAtImport: overdue,
          },
        }),
        ...counterItemsAt(this.table, centre, [
          { at: registered, add: { ...registrationCounts(input), ...parts.counts } },
          ...(resolvedAt ? [{ at: new Date(resolvedAt), add: { resolved: 1 } }] : []),
        ]),
        ...(resolved ? [] : [openCaseItem(this.table, record, 1)]),
        ...plan.map((f) => followUpPut(this.table, f)),
        ...parts.items,
      ];
      const tx = new Transaction().add(
        named('marker', {
          Put: {
            TableName: this.table,
            Item: {
              ...keys.importedCase(centre.centreId, key),
              type: 'IMPORTED_CASE',
              registerKey: key,
              registerNumber: fields.registerNumber,
              caseId,
              caseNumber,
              importedAt,
              importedBy: actor,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }),
        ...items,
      );
      return {
        tx,
        done: () => ({ ...base, outcome: 'created', caseId, caseNumber, overdueAtImport: overdue }),
        // Imported a moment ago by another run of the same file: that run made the case.
        failed: async (err) => (tx.failed(err, 'marker') ? { ...base, outcome: 'skipped' } : undefined),
      };
    });
  }
}

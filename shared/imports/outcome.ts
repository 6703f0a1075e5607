// What an import answers, whatever it brings in (cases, staff, figures): how many rows, how many valid, the
// problems by row and column, how many were written and how many were already there. A real run with any
// problem writes nothing and answers 400 with the same report; a real run that wrote spends its
// Idempotency-Key last, so a retry after a lost answer gets the first answer.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { HttpError } from '../core/errors.ts';
import { AlreadyApplied, type IdempotencyClaim, spendItem } from '../core/idempotency.ts';
import { named, Transaction } from '../core/transactions.ts';
import { fieldError, type RowError, rowError } from './sheet.ts';

export interface ImportReport {
  rows: number;
  valid: number;
  errors: RowError[];
  created: number;
  skipped: number;
  dryRun: boolean;
}

export interface ImportOptions {
  dryRun: boolean;
  now: Date;
  /** The spreadsheet row of the first row after the header (a chunk of a larger file). */
  firstRow?: number;
  /** The request's Idempotency-Key, spent once a real run has written. */
  idempotency?: IdempotencyClaim;
}

/** 400 for a real run with problems: the contract's problem+json, the report's counts beside its errors. */
export function importRejected(report: ImportReport): HttpError {
  const n = report.errors.length;
  return new HttpError(
    400,
    'Invalid input',
    `${n} problem${n === 1 ? '' : 's'} in the file: nothing was imported`,
    report.errors.map(fieldError),
    undefined,
    { rows: report.rows, valid: report.valid, created: 0, skipped: report.skipped },
  );
}

/** Spends a real run's Idempotency-Key after its writes (AlreadyApplied if a twin request spent it first). */
export async function spendImportKey(
  doc: DynamoDBDocumentClient,
  table: string,
  claim: IdempotencyClaim | undefined,
  now: Date,
): Promise<void> {
  if (!claim || claim.spent) return;
  const tx = new Transaction().add(named('idempotency', spendItem(table, claim, now)));
  try {
    await tx.send(doc);
  } catch (err) {
    if (tx.failed(err, 'idempotency')) throw new AlreadyApplied();
    throw err;
  }
  claim.spent = true;
}

/** Later rows whose value an earlier row of the file already has (a register number, a phone) are errors. */
export function duplicatesOf<R extends { row: number }>(
  rows: R[],
  keyOf: (r: R) => string,
  column: string,
): { unique: R[]; errors: RowError[] } {
  const first = new Map<string, number>();
  const unique: R[] = [];
  const errors: RowError[] = [];
  for (const r of rows) {
    const k = keyOf(r);
    const earlier = first.get(k);
    if (earlier === undefined) {
      first.set(k, r.row);
      unique.push(r);
    } else errors.push(rowError(r.row, column, 'duplicate', `The same as row ${earlier}`));
  }
  return { unique, errors };
}

// Figures of earlier years as the state reported them (registered and resolved per financial year, or per
// month where known; for the state, a district or a centre). Kept as REPORTED items in their own partition,
// never in the live counters: the live figures count cases recorded here, these are what was published
// before. Each answer marks them as reported and shows them beside the live ones, never added to them.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Actor, actorOf } from '../cases/model.ts';
import { badRequest, type FieldError } from '../core/errors.ts';
import * as keys from '../core/keys.ts';
import type { Principal } from '../core/principal.ts';
import { queryAll } from '../core/query.ts';
import type { Area } from '../core/scope.ts';
import { istTimestamp, monthsOfFinancialYear } from '../core/time.ts';
import { type ChangeOptions, type TransactItem, Transaction } from '../core/transactions.ts';
import { adminAuditItem } from '../network/centre-admin.ts';
import type { CentreStore } from '../network/centre-store.ts';
import { findDistrict } from '../network/geography.ts';
import type { ReportedFigureInput } from './schemas.ts';

export type ReportedLevel = 'STATE' | 'DISTRICT' | 'CENTRE';

export interface ReportedFigure {
  fy: string;
  level: ReportedLevel;
  district?: string;
  centreId?: string;
  month?: string;
  registered: number;
  resolved: number;
  upToMonth?: string;
  source?: string;
  recordedAt?: string;
  recordedBy?: Actor;
}

/** The reported figure of one financial year in one scope, as /stats and the weekly review give it. */
export interface ReportedSummary {
  fy: string;
  level: ReportedLevel;
  registered: number;
  resolved: number;
  upToMonth?: string;
  source?: string;
  /** Added up from the months, or from the places below (no figure was reported for the place itself). */
  summedFrom?: 'months' | 'districts' | 'centres';
  byMonth: Array<{ month: string; registered: number; resolved: number }>;
}

const placeOf = (f: Pick<ReportedFigure, 'level' | 'district' | 'centreId'>) =>
  f.level === 'CENTRE' ? `CENTRE#${f.centreId}` : f.level === 'DISTRICT' ? `DISTRICT#${f.district}` : 'STATE';
export const reportedKey = (f: ReportedFigure) => keys.reported(f.fy, placeOf(f), f.month ?? 'YEAR');

/** The same figure (what was reported, not who recorded it when): a re-import of it changes nothing. */
export const sameFigure = (a: ReportedFigure, b: Record<string, unknown> | undefined) =>
  !!b &&
  a.registered === b.registered &&
  a.resolved === b.resolved &&
  (a.upToMonth ?? '') === (b.upToMonth ?? '') &&
  (a.source ?? '') === (b.source ?? '');

const problem = (path: string, code: string, message: string): FieldError => ({ path, code, message });

/**
 * The reads of the reported figures alone (GET /stats, the weekly review): a class of its own, so a handler
 * that only reads them does not bundle the checks and writes of ReportedFigures.
 */
export class ReportedReads {
  constructor(
    protected readonly doc: DynamoDBDocumentClient,
    protected readonly table: string,
  ) {}

  /** Every reported figure (of one financial year): one partition, a few hundred items at most. */
  async all(fy?: string): Promise<Array<ReportedFigure & Record<string, unknown>>> {
    const items = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: fy ? 'pk = :pk AND begins_with(sk, :fy)' : 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.reportedPartition(), ...(fy ? { ':fy': `${fy}#` } : {}) },
    });
    return items as Array<ReportedFigure & Record<string, unknown>>;
  }

  /** The figures an area may read: the state's own everyone (they are published), the rest within the area. */
  async list(area: Area, fy?: string): Promise<ReportedFigure[]> {
    return (await this.all(fy)).filter((f) => inArea(area, f)).map(toFigure);
  }

  /** The reported figure of a financial year for an area, with its months where known. */
  async forArea(area: Area, fy: string): Promise<ReportedSummary | undefined> {
    return summarise(area, fy, (await this.all(fy)).map(toFigure));
  }
}

export class ReportedFigures extends ReportedReads {
  constructor(
    doc: DynamoDBDocumentClient,
    table: string,
    private readonly centres: CentreStore,
  ) {
    super(doc, table);
  }

  /**
   * A figure as stored, or what is wrong with it beyond its schema: the district and centre must be the
   * state's (and agree), a month must be in its financial year, a month's figure is never partial.
   */
  async check(input: ReportedFigureInput): Promise<{ figure: ReportedFigure } | { problems: FieldError[] }> {
    const problems: FieldError[] = [];
    const months = monthsOfFinancialYear(input.fy);
    let district = input.district ? findDistrict(input.district)?.name : undefined;
    if (input.district && !district)
      problems.push(problem('district', 'unknown_district', 'Not a district of the state'));
    if (input.centreId) {
      const centre = await this.centres.get(input.centreId);
      if (!centre) problems.push(problem('centreId', 'unknown_centre', 'No such centre'));
      else if (district && centre.district !== district) {
        problems.push(problem('district', 'wrong_district', `The centre is in ${centre.district}`));
      } else district = centre.district;
    }
    if (input.month && !months.includes(input.month)) {
      problems.push(problem('month', 'not_in_year', `Not a month of FY ${input.fy}`));
    }
    if (input.upToMonth && !months.includes(input.upToMonth)) {
      problems.push(problem('upToMonth', 'not_in_year', `Not a month of FY ${input.fy}`));
    }
    if (input.upToMonth && input.month) {
      problems.push(problem('upToMonth', 'not_expected', 'Only a whole year’s figure can stop at a month'));
    }
    if (problems.length) return { problems };
    const level: ReportedLevel = input.centreId ? 'CENTRE' : district ? 'DISTRICT' : 'STATE';
    return {
      figure: {
        fy: input.fy,
        level,
        ...(district ? { district } : {}),
        ...(input.centreId ? { centreId: input.centreId } : {}),
        ...(input.month ? { month: input.month } : {}),
        registered: input.registered,
        resolved: input.resolved,
        ...(input.upToMonth ? { upToMonth: input.upToMonth } : {}),
        ...(input.source ? { source: input.source } : {}),
      },
    };
  }

  /** Records figures typed in by the state (a correction replaces the figure), in one transaction. */
  async record(inputs: ReportedFigureInput[], caller: Principal, now: Date, opts: ChangeOptions = {}) {
    const figures: ReportedFigure[] = [];
    const problems: FieldError[] = [];
    for (const [i, input] of inputs.entries()) {
      const c = await this.check(input);
      if ('problems' in c) problems.push(...c.problems.map((p) => ({ ...p, path: `figures.${i}.${p.path}` })));
      else figures.push(c.figure);
    }
    if (problems.length) throw badRequest(`${problems.length} figure field(s) are not valid`, problems);
    await this.write(figures, caller, now, opts);
    return figures;
  }

  /**
   * Writes figures (replacing what was reported before for the same place and period) with the audit entry,
   * in transactions of up to 90; the request's Idempotency-Key is spent in the last.
   */
  async write(figures: ReportedFigure[], caller: Principal, now: Date, opts: ChangeOptions = {}): Promise<void> {
    const at = istTimestamp(now);
    const recordedBy = actorOf(caller);
    for (let i = 0; i < figures.length; i += 90) {
      const chunk = figures.slice(i, i + 90);
      const tx = new Transaction().add(
        ...chunk.map(
          (f): TransactItem => ({
            Put: {
              TableName: this.table,
              Item: { ...reportedKey(f), type: 'REPORTED', ...f, recordedAt: at, recordedBy },
            },
          }),
        ),
        adminAuditItem(
          this.table,
          caller,
          'REPORTED_FIGURES_RECORDED',
          { figures: chunk.map((f) => reportedKey(f).sk) },
          at,
        ),
      );
      await tx.sendSpending(this.doc, this.table, opts, now, { spend: i + 90 >= figures.length });
    }
  }

  /** Seeds published figures where none is recorded yet (a deploy or a new local data folder): never overwrites. */
  async seed(figures: ReportedFigure[], at: string): Promise<number> {
    let written = 0;
    for (const f of figures) {
      try {
        await this.doc.send(
          new PutCommand({
            TableName: this.table,
            Item: { ...reportedKey(f), type: 'REPORTED', ...f, recordedAt: at, recordedBy: SEED_ACTOR },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        written++;
      } catch (err) {
        if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
      }
    }
    return written;
  }
}

/** Who recorded the seeded figures: the deploy, not a person. */
export const SEED_ACTOR: Actor = { userId: 'seed', username: 'published figures', role: 'system' };

function toFigure(i: Record<string, unknown>): ReportedFigure {
  const { pk: _pk, sk: _sk, type: _t, ...rest } = i;
  return rest as unknown as ReportedFigure;
}

export function inArea(area: Area, f: ReportedFigure): boolean {
  if (f.level === 'STATE' || area.kind === 'state') return true;
  if (area.kind === 'district') return f.district === area.district;
  return f.centreId === area.centreId || (f.level === 'DISTRICT' && f.district === area.district);
}

/** An area's figure: reported for the place itself, else its months added up, else the places below it. */
export function summarise(area: Area, fy: string, figures: ReportedFigure[]): ReportedSummary | undefined {
  const level: ReportedLevel = area.kind === 'state' ? 'STATE' : area.kind === 'district' ? 'DISTRICT' : 'CENTRE';
  const own = figures.filter(
    (f) =>
      f.fy === fy &&
      f.level === level &&
      (area.kind === 'state' ||
        (area.kind === 'district' ? f.district === area.district : f.centreId === area.centreId)),
  );
  const byMonth = own
    .filter((f) => f.month)
    .map((f) => ({ month: f.month as string, registered: f.registered, resolved: f.resolved }))
    .sort((a, b) => a.month.localeCompare(b.month));
  const year = own.find((f) => !f.month);
  const add = (list: Array<{ registered: number; resolved: number }>) => ({
    registered: list.reduce((n, f) => n + f.registered, 0),
    resolved: list.reduce((n, f) => n + f.resolved, 0),
  });
  if (year) {
    const { registered, resolved, upToMonth, source } = year;
    return {
      fy,
      level,
      registered,
      resolved,
      ...(upToMonth ? { upToMonth } : {}),
      ...(source ? { source } : {}),
      byMonth,
    };
  }
  if (byMonth.length) return { fy, level, ...add(byMonth), summedFrom: 'months', byMonth };
  if (area.kind === 'centre') return undefined;
  const below = figures.filter(
    (f) =>
      f.fy === fy &&
      !f.month &&
      (area.kind === 'state' ? f.level === 'DISTRICT' : f.level === 'CENTRE' && f.district === area.district),
  );
  if (!below.length) return undefined;
  return { fy, level, ...add(below), summedFrom: area.kind === 'state' ? 'districts' : 'centres', byMonth: [] };
}

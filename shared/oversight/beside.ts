// Reported figures beside the live ones, never added to them: for an area (the state, a district, a centre),
// each financial year that has a reported figure, with what the live counters hold for the same year (cases
// recorded here, imported ones included). What GET /stats answers as its `reported` block and what the weekly
// review lists by year.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as keys from '../core/keys.ts';
import { queryAll } from '../core/query.ts';
import type { Area } from '../core/scope.ts';
import { type ReportedReads, type ReportedSummary, summarise } from './reported.ts';

export interface YearBeside {
  fy: string;
  /**
   * Counted here, from the cases in the system (the live counters). For the state below the state level,
   * protected as GET /stats protects them ("<5", "x").
   */
  live: { registered: number | string; resolved: number | string };
  /** As the state reported it, if it did. */
  reported?: Omit<ReportedSummary, 'byMonth' | 'fy'>;
}

export interface ReportedBlock {
  /** Always true: these are reported figures, not counted from cases here, and never part of the totals. */
  reportedFigures: true;
  /** The asked financial year's reported figure (with its months where known), or null. */
  thisYear: ReportedSummary | null;
  /** Every year with a reported figure, and the asked one, oldest first. */
  years: YearBeside[];
}

const inAreaCounter = (area: Area) => (i: Record<string, unknown>) =>
  area.kind === 'state' || (area.kind === 'district' ? i.district === area.district : i.centreId === area.centreId);

/** The live registered and resolved of a financial year in an area: O(centres × months) counter items. */
export async function liveTotals(doc: DynamoDBDocumentClient, table: string, area: Area, fy: string) {
  const items = await queryAll(doc, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.counterPartition(fy) },
    ProjectionExpression: 'centreId, district, registered, resolved',
  });
  const mine = items.filter(inAreaCounter(area));
  const sum = (k: string) => mine.reduce((n, i) => n + (typeof i[k] === 'number' ? (i[k] as number) : 0), 0);
  return { registered: sum('registered'), resolved: sum('resolved') };
}

export async function reportedBlock(
  doc: DynamoDBDocumentClient,
  table: string,
  store: ReportedReads,
  area: Area,
  fy: string,
): Promise<ReportedBlock> {
  const figures = await store.list(area);
  const fys = [...new Set([...figures.map((f) => f.fy), fy])].sort();
  const years = await Promise.all(
    fys.map(async (y): Promise<YearBeside> => {
      const summary = summarise(area, y, figures);
      const live = await liveTotals(doc, table, area, y);
      if (!summary) return { fy: y, live };
      const { byMonth: _m, fy: _fy, ...reported } = summary;
      return { fy: y, live, reported };
    }),
  );
  return {
    reportedFigures: true,
    thisYear: summarise(area, fy, figures) ?? null,
    years: years.filter((y) => y.reported || y.fy === fy),
  };
}

// Seeding for the scaling cases: many cases written straight into DynamoDB Local in batches, in the item
// shapes shared/case-store.ts writes (case with its index keys, history, statistics counters) plus optional
// follow-ups (sparse due-index keys while PENDING). Much faster than POST /cases, which stays available for
// when the real write path matters (ScalingContext.createCasesViaApi).
import { randomUUID } from 'node:crypto';
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { caseIndexKeys, historyPut } from '../../shared/cases/model.ts';
import * as keys from '../../shared/core/keys.ts';
import { financialYear, istDate, istMonth, istTimestamp } from '../../shared/core/time.ts';
import type { CaseStatus } from '../../shared/core/vocabulary.ts';
import { operatingCentres } from '../../shared/network/geography.ts';
import { mapLimit } from './stats.ts';

export interface SeedFollowUp {
  dueDate: string;
  status?: 'PENDING' | 'DONE' | 'MISSED';
  workerId?: string;
}

export interface SeedOptions {
  /** Centres the cases go to, round-robin. Default: the two centres with seeded users (Patna 1, Gaya 1). */
  centreIds?: string[];
  /** Default REGISTERED. */
  status?: CaseStatus;
  /** When case `i` (0-based within this call) was registered. Default: `now` minus i minutes. */
  registeredAt?: (i: number) => Date;
  /** Follow-ups of case `i`; default none. */
  followUps?: (i: number, c: SeededCase) => SeedFollowUp[];
}

export interface SeededCase {
  caseId: string;
  caseNumber: string;
  centreId: string;
  district: string;
  registeredAt: string;
  followUpIds: string[];
}

const CENTRES = new Map(operatingCentres().map((c) => [c.centreId, c]));
const SEED_ACTOR = { userId: 'bench-seed', username: 'bench-seed', role: 'centre-staff' };
let serial = 0;

async function batchWrite(doc: DynamoDBDocumentClient, table: string, items: Record<string, unknown>[]): Promise<void> {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  await mapLimit(chunks, 4, async (chunk) => {
    let requests = chunk.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length; attempt++) {
      if (attempt > 8) throw new Error('BatchWrite kept returning unprocessed items');
      const res = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (res.UnprocessedItems?.[table] ?? []) as typeof requests;
      if (requests.length) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    }
  });
}

/**
 * The monthly statistics counter of a centre (STATS#<fy> / <centreId>#<month>), added to in bulk. Only what a
 * reader of the figures needs to find data; the exact layout is shared/case-store.ts's business.
 */
function monthlyCounter(
  table: string,
  at: Date,
  centre: { centreId: string; district: string },
  add: Record<string, number>,
): UpdateCommandInput {
  const names: Record<string, string> = { '#c': 'centreId', '#d': 'district', '#m': 'month', '#fy': 'fy' };
  const values: Record<string, unknown> = {
    ':c': centre.centreId,
    ':d': centre.district,
    ':m': istMonth(at),
    ':fy': financialYear(at),
  };
  const adds = Object.entries(add).map(([field, n], i) => {
    names[`#f${i}`] = field;
    values[`:v${i}`] = n;
    return `#f${i} :v${i}`;
  });
  return {
    TableName: table,
    Key: keys.counter(financialYear(at), centre.centreId, istMonth(at)),
    UpdateExpression: `SET #c = :c, #d = :d, #m = :m, #fy = :fy ADD ${adds.join(', ')}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

export async function seedCases(
  doc: DynamoDBDocumentClient,
  table: string,
  now: Date,
  count: number,
  opts: SeedOptions = {},
): Promise<SeededCase[]> {
  const centreIds = opts.centreIds ?? ['osc-patna-1', 'osc-gaya-1'];
  const items: Record<string, unknown>[] = [];
  const counters = new Map<
    string,
    { at: Date; centre: { centreId: string; district: string }; add: Record<string, number> }
  >();
  const seeded: SeededCase[] = [];
  for (let i = 0; i < count; i++) {
    const centre = CENTRES.get(centreIds[i % centreIds.length]);
    if (!centre) throw new Error(`seedCases: no centre ${centreIds[i % centreIds.length]}`);
    const when = opts.registeredAt?.(i) ?? new Date(now.getTime() - i * 60_000);
    const at = istTimestamp(when);
    const fy = financialYear(when);
    const caseId = randomUUID();
    // Numbered from 50000 so they look like real case numbers (SMS templates check the shape) without
    // meeting the numbers POST /cases hands out from 00001.
    const caseNumber = `${centre.code}/${fy}/${String(50_000 + ++serial).padStart(5, '0')}`;
    const status = opts.status ?? 'REGISTERED';
    const record = {
      caseId,
      caseNumber,
      centreId: centre.centreId,
      district: centre.district,
      status,
      version: 1,
      riskLevel: 'LOW',
      fy,
      registeredAt: at,
      registeredBy: SEED_ACTOR,
      updatedAt: at,
      survivor: { name: `Seeded Survivor ${serial}`, age: 30, safeToContact: true, district: centre.district },
      incident: { categories: ['DOMESTIC_VIOLENCE'] },
      referral: { source: 'SELF' },
      servicesNeeded: ['COUNSELLING'],
      consent: { services: true, shareWithPolice: false, contactByPhone: true },
      ...(status === 'RESOLVED' || status === 'CLOSED' ? { resolvedAt: at } : {}),
    };
    items.push({ ...keys.case(caseId), type: 'CASE', ...record, ...caseIndexKeys(record) });
    items.push(
      historyPut(table, caseId, SEED_ACTOR, 'CASE_REGISTERED', at, {
        to: 'REGISTERED',
        details: { caseNumber, seeded: true },
      }).Put!.Item!,
    );
    const c: SeededCase = {
      caseId,
      caseNumber,
      centreId: centre.centreId,
      district: centre.district,
      registeredAt: at,
      followUpIds: [],
    };
    for (const f of opts.followUps?.(i, c) ?? []) {
      const followUpId = randomUUID();
      const fStatus = f.status ?? 'PENDING';
      c.followUpIds.push(followUpId);
      items.push({
        ...keys.followUp(caseId, followUpId),
        type: 'FOLLOWUP',
        followUpId,
        caseId,
        caseNumber,
        centreId: centre.centreId,
        district: centre.district,
        dueDate: f.dueDate,
        plannedDate: f.dueDate,
        status: fStatus,
        workerId: f.workerId ?? `${centre.centreId.replace(/^osc-/, '')}-s1`,
        attempts: 0,
        ...(fStatus === 'PENDING' ? { duePk: keys.due(), dueSk: keys.dueSort(f.dueDate, caseId, followUpId) } : {}),
      });
    }
    seeded.push(c);
    const k = `${fy}|${centre.centreId}|${istMonth(when)}`;
    const agg = counters.get(k) ?? {
      at: when,
      centre: { centreId: centre.centreId, district: centre.district },
      add: {},
    };
    const add = agg.add;
    for (const field of [
      'registered',
      'src_SELF',
      'risk_LOW',
      'cat_DOMESTIC_VIOLENCE',
      ...(record.resolvedAt ? ['resolved'] : []),
    ])
      add[field] = (add[field] ?? 0) + 1;
    counters.set(k, agg);
  }
  await batchWrite(doc, table, items);
  for (const { at, centre, add } of counters.values())
    await doc.send(new UpdateCommand(monthlyCounter(table, at, centre, add)));
  return seeded;
}

/** The IST calendar date `days` after `now` (negative: before). */
export const istDay = (now: Date, days = 0) => istDate(new Date(now.getTime() + days * 86_400_000));

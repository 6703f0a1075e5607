// What the go-live tests share: a centre of their own (opened by the state, so no other test's cases are in
// it), CSV files posted as a spreadsheet would send them, the sample register with its known mistakes, and a
// look straight into DynamoDB Local at everything that belongs to one centre.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { toCsv } from '../../shared/imports/csv.ts';
import { api, plusDays, type Res, todayIst } from './client.ts';

/** Opens a new centre (the state adds it operating): its own sequence, counters and roster. */
export async function freshCentre(district: string, subdivision: string): Promise<{ centreId: string; code: string }> {
  const res = await api('state.wcdc', 'POST', '/centres', {
    name: `Go-live test centre ${Date.now()}`,
    district,
    subdivision,
    status: 'OPERATIONAL',
  });
  if (res.status !== 201) throw new Error(`centre not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** POSTs a CSV file to an import route. */
export const postCsv = (user: string, path: string, text: string, headers: Record<string, string> = {}): Promise<Res> =>
  api(user, 'POST', path, text, { 'content-type': 'text/csv; charset=utf-8', ...headers });

/**
 * Every item of the table that belongs to a centre (its id in a key, or its centreId: cases, follow-ups,
 * counters, sequences, markers, staff), as stored; and the id of every case of the state.
 */
export async function itemsOfCentre(centreId: string): Promise<string[]> {
  const doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: inject('dynamoEndpoint'),
      region: 'ap-south-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const out: string[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({
        TableName: inject('tableName'),
        FilterExpression: 'contains(pk, :c) OR contains(sk, :c) OR centreId = :c OR #type = :case',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':c': centreId, ':case': 'CASE' },
        ExclusiveStartKey,
        ConsistentRead: true,
      }),
    );
    // The centre's items as they are; every other case of the state by its id (a dry run adds none anywhere).
    for (const i of page.Items ?? []) {
      out.push(i.type === 'CASE' && i.centreId !== centreId ? `case ${i.caseId}` : JSON.stringify(i));
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out.sort();
}

export const CASE_HEADER = [
  'registerNumber',
  'registeredOn',
  'नाम', // the Hindi heading of `name`
  'age',
  'phone',
  'district',
  'categories',
  'referralSource',
  'riskLevel',
  'स्थिति', // status
  'resolvedOn',
  'followUpWorkerId',
];

export interface SampleRow {
  row: number;
  cells: string[];
  registeredOn: string;
  status: string;
  resolvedOn?: string;
}

const STATUSES = ['REGISTERED', 'IN_PROGRESS', 'RESOLVED', 'MONITORING'];
const CATEGORY_SETS = ['DOMESTIC_VIOLENCE', 'dowry; physical_violence', 'SEXUAL_HARASSMENT;CYBER_CRIME', 'OTHER'];
const SOURCES = ['SELF', 'helpline_181', 'POLICE', 'FAMILY_FRIEND', 'NGO'];
/** Written as staff write dates: alternately DD/MM/YYYY and YYYY-MM-DD. */
const written = (iso: string, i: number) => (i % 2 ? iso : iso.split('-').reverse().join('/'));

/**
 * The sample register: `count` rows of a centre (names in Devanagari and Latin script, one with a comma and
 * quotes, dates both ways), registered over the last ten months, a quarter each open, in progress, resolved
 * and monitored. Rows are numbered as a spreadsheet numbers them (the header is row 1).
 */
export function sampleRegister(prefix: string, worker: string, count: number): SampleRow[] {
  const today = todayIst();
  return Array.from({ length: count }, (_, i) => {
    const registeredOn = plusDays(today, -(300 - i));
    const status = STATUSES[i % 4];
    const resolved = status === 'RESOLVED' || status === 'MONITORING';
    const resolvedOn = resolved ? plusDays(registeredOn, 10 + (i % 7)) : undefined;
    const name = i === 6 ? 'Devi, "Rani" Kumari' : i % 2 ? `सीता देवी ${i}` : `Asha Kumari ${i}`;
    return {
      row: i + 2,
      registeredOn,
      status,
      resolvedOn,
      cells: [
        `${prefix}/${i + 1}`,
        written(registeredOn, i),
        name,
        String(18 + (i % 40)),
        i % 3 ? `98${String(10_000_000 + i).padStart(8, '0')}` : '',
        i % 5 ? 'Patna' : 'पटना',
        CATEGORY_SETS[i % 4],
        SOURCES[i % 5],
        ['LOW', 'MEDIUM', 'high'][i % 3],
        status,
        resolvedOn ? written(resolvedOn, i + 1) : '',
        resolved ? worker : '',
      ],
    };
  });
}

export const registerCsv = (rows: SampleRow[]) => toCsv([CASE_HEADER, ...rows.map((r) => r.cells)]);

/** Puts a value in one cell of a sample row (by its column in CASE_HEADER order). */
export function setCell(row: SampleRow, column: number, value: string): void {
  row.cells[column] = value;
}

/** The IST financial year and month of a date. */
export const fyOf = (date: string) => {
  const [y, m] = date.split('-').map(Number);
  const start = m >= 4 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
};

// The cost model's arithmetic (figures × counts × prices, by service, fixed and variable, SMS apart), its
// per-case trend, the price overrides, and the cold-start estimate (Poisson arrivals over working hours).
import { describe, expect, it } from 'vitest';
import type { OpFigures } from '../bench/capacity.ts';
import { CAPACITY_OPS } from '../bench/capacity-ops.ts';
import {
  coldEstimate,
  coldShare,
  grouped,
  provisioned,
  provisionedMonthUsd,
  WARM_MINUTES,
} from '../bench/cold-starts.ts';
import { costModel, type Inventory, type ModelInput, perCaseTrend, scheduleOp } from '../bench/cost-model.ts';
import { PRICES, priceRows, withOverrides } from '../bench/prices.ts';
import {
  CHILD_SHARE,
  DEPLOYMENTS,
  LATE_SHARE,
  MLC_SHARE,
  PER_CASE,
  WORKING_DAYS,
  WORKING_HOURS,
} from '../bench/traffic.ts';

const figures = (over: Partial<OpFigures> = {}): OpFigures => ({
  readUnits: 0,
  writeUnits: 0,
  dynamoCalls: 0,
  invocations: 0,
  billedMs: 0,
  functions: {},
  billedByFunction: {},
  transitions: 0,
  sms: 0,
  smsSegments: 0,
  logBytes: { handler: 0, platform: 0, access: 0, sms: 0 },
  apiRequests: 0,
  responseBytes: 0,
  scheduler: 0,
  ...over,
});

const NOTHING: Inventory = {
  alarms: 0,
  dashboards: 0,
  kmsKeys: 0,
  secrets: 0,
  wafWebAcls: 0,
  wafRules: 0,
  m2mClients: 0,
  logRetentionDays: 0,
  pitr: false,
  lambdaMemoryMb: 1024,
  memoryByHandler: { 'import-cases': 2048 },
  tableFunctions: 0,
  sqsPollers: 0,
  schedules: [],
  alarmMetrics: [],
};

const input = (over: Partial<ModelInput> = {}): ModelInput => ({
  deployment: { ...DEPLOYMENTS.biharNow, centres: 0, districts: 0, stateUsers: 0 },
  counts: {},
  officials: {},
  ops: {},
  inventory: NOTHING,
  prices: PRICES,
  bytesPerCase: 0,
  customMetrics: 0,
  form: { firstVisit: 0, repeatVisit: 0, firstRequests: 0, repeatRequests: 0 },
  cases: 1000,
  keptYears: 8,
  ...over,
});

const line = (r: ReturnType<typeof costModel>, service: string, item: string) =>
  r.lines.find((l) => l.service === service && l.item === item);

describe('cost model', () => {
  it('prices each unit an operation uses, times how often it happens, as variable cost', () => {
    // Prepare: one operation, a million times a month.
    const op = figures({
      readUnits: 2,
      writeUnits: 4,
      invocations: 1,
      billedMs: 100,
      apiRequests: 1,
      transitions: 3,
      sms: 1,
      smsSegments: 2,
    });

    // Act
    const r = costModel(input({ counts: { register: 1e6 }, ops: { register: op } }));

    // Assess: list prices × quantities (1 GB-s = 100 ms at 1 GB × 10 invocations …).
    expect(line(r, 'DynamoDB', 'read request units')?.usd).toBeCloseTo(2 * PRICES.dynamodb.readUnitsPerMillion.usd, 9);
    expect(line(r, 'DynamoDB', 'write request units')?.usd).toBeCloseTo(4 * 0.625, 9);
    expect(line(r, 'Lambda', 'requests')?.usd).toBeCloseTo(0.2, 9);
    expect(line(r, 'Lambda', 'duration')?.quantity).toBeCloseTo(1e5, 6);
    expect(line(r, 'Lambda', 'duration')?.usd).toBeCloseTo(1e5 * PRICES.lambda.gbSecond.usd, 9);
    expect(line(r, 'API Gateway', 'REST requests')?.usd).toBeCloseTo(3.5, 9);
    // A function with more memory bills its milliseconds at its own size.
    const big = costModel(
      input({ counts: { import: 1 }, ops: { import: figures({ billedByFunction: { 'import-cases': 1000 } }) } }),
    );
    expect(line(big, 'Lambda', 'duration')?.quantity).toBeCloseTo(2, 9);
    expect(line(r, 'WAF', 'requests inspected')?.usd).toBeCloseTo(0.6, 9);
    expect(line(r, 'Step Functions', 'state transitions')?.usd).toBeCloseTo(3e6 * (0.0285 / 1000), 9);
    // Each invocation is at most one X-Ray trace.
    expect(line(r, 'X-Ray', 'traces recorded')?.usd).toBeCloseTo(PRICES.xray.tracesPerMillion.usd, 9);
    // SMS is apart: not in the total.
    expect(r.sms).toMatchObject({ messages: 1e6, segments: 2e6 });
    expect(r.sms.dltUsd).toBeCloseTo(2e6 * PRICES.sms.indiaDltPerPart.usd, 6);
    expect(r.lines.some((l) => l.service === 'SNS SMS')).toBe(false);
    expect(r.fixedUsd).toBe(0);
    expect(r.totalUsd).toBeCloseTo(r.variableUsd, 9);
    expect(r.perCaseUsd).toBeCloseTo(r.totalUsd / 1000, 9);
  });

  it('counts what exists as fixed cost, and an unmeasured operation as left out, not as free', () => {
    // Prepare
    const inventory = { ...NOTHING, alarms: 10, wafWebAcls: 1, wafRules: 7, kmsKeys: 2, secrets: 2 };

    // Act
    const r = costModel(input({ inventory, counts: { milestone: 100 } }));

    // Assess
    expect(line(r, 'CloudWatch', 'alarm metrics')?.usd).toBeCloseTo(1, 9);
    expect(line(r, 'WAF', 'web ACLs')?.usd).toBe(5);
    expect(line(r, 'WAF', 'rules and managed rule groups')?.usd).toBe(7);
    expect(line(r, 'KMS', 'customer-managed keys')?.usd).toBe(2);
    expect(line(r, 'Secrets Manager', 'secrets')?.usd).toBeCloseTo(0.8, 9);
    expect(r.variableUsd).toBe(0);
    expect(r.unmeasured).toEqual(['milestone']);
  });

  it("prices a schedule by its handler's measured run, and lists one never measured as left out", () => {
    // Prepare: the retention job and the 15-minute deadline check (96 runs a day) measured; an unknown job not.
    const inventory = {
      ...NOTHING,
      schedules: [
        { handler: 'retention', expression: 'cron(0 21 * * ? *)', runsPerMonth: 30 },
        { handler: 'deadline-check', expression: 'cron(0/15 * * * ? *)', runsPerMonth: (96 * 365) / 12 },
        { handler: 'some-new-job', expression: 'rate(1 hour)', runsPerMonth: 730 },
      ],
    };
    const run = figures({ invocations: 1, scheduler: 1, readUnits: 0.5 });
    const ops = { [scheduleOp('retention')]: run, [scheduleOp('deadline-check')]: run };

    // Act
    const r = costModel(input({ inventory, ops }));

    // Assess: 30 + 2,920 runs of the measured jobs are fixed cost; the other is named, not priced as another job.
    expect(scheduleOp('deadline-check')).toBe('deadline check, nothing due');
    expect(line(r, 'Lambda', 'requests')).toMatchObject({ part: 'fixed', quantity: 30 + 2920 });
    expect(line(r, 'EventBridge Scheduler', 'invocations')?.quantity).toBeCloseTo(2950, 9);
    expect(r.unmeasured).toEqual(['schedule some-new-job']);
  });

  it('counts only operations the capacity section measures, each with its reason', () => {
    // Act
    const names = new Set(CAPACITY_OPS.map((o) => o.name));

    // Assess: a count under a name no operation has would be left out of the cost silently.
    for (const [op, { count, why }] of Object.entries(PER_CASE)) {
      expect(names.has(op), op).toBe(true);
      expect(count, op).toBeGreaterThan(0);
      expect(why.length, op).toBeGreaterThan(10);
    }
    // The deadline check's work per overdue milestone and per hearing is counted per case.
    expect(PER_CASE['deadline check'].count).toBeCloseTo((2 * CHILD_SHARE + MLC_SHARE) * LATE_SHARE, 12);
    expect(PER_CASE['deadline check, hearing reminder'].count).toBeGreaterThan(0);
  });

  it('keeps cases and their documents whole for the years given, then not', () => {
    // Prepare: 1,000 cases a month of 1 MiB each, one document each.
    const ops = { 'document upload': figures() };
    const at = (keptYears: number) =>
      costModel(input({ keptYears, bytesPerCase: 1024 ** 2, counts: { 'document upload': 1000 }, ops }));

    // Act
    const eight = at(8);
    const four = at(4);

    // Assess: 1,000 × 12 × 8 MiB stored; half the years, half the storage.
    const stored = (r: ReturnType<typeof costModel>) =>
      r.lines.find((l) => l.service === 'DynamoDB' && l.item.startsWith('storage'));
    expect(stored(eight)?.quantity).toBeCloseTo((1000 * 12 * 8) / 1024, 9);
    expect(stored(four)?.quantity).toBeCloseTo(stored(eight)!.quantity / 2, 9);
    expect(stored(eight)?.item).toBe('storage (8 years of cases)');
    const docs = (r: ReturnType<typeof costModel>) => r.lines.find((l) => l.item.startsWith('documents stored'));
    expect(docs(four)?.quantity).toBeCloseTo(docs(eight)!.quantity / 2, 9);
  });

  it('finds the cost per case flat when only the variable part grows, and failing when it grows faster', () => {
    // Prepare: the same operation at 1×, 10×, 100× the cases, with a fixed part.
    const at = (scale: number, perOp: number) =>
      costModel(
        input({
          cases: 1000 * scale,
          counts: { get: 1000 * scale },
          ops: { get: figures({ readUnits: perOp }) },
          inventory: { ...NOTHING, alarms: 100 },
        }),
      );

    // Act
    const flat = perCaseTrend([1, 10, 100].map((scale) => ({ scale, result: at(scale, 1e3) })));
    const growing = perCaseTrend([1, 10].map((scale) => ({ scale, result: at(scale, 1e3 * scale) })));

    // Assess: fixed costs spread thinner, so the whole per case falls; a variable part that grows fails.
    expect(flat.pass).toBe(true);
    expect(flat.rows[2].perCase).toBeLessThan(flat.rows[0].perCase);
    expect(flat.rows[2].variablePerCase).toBeCloseTo(flat.rows[0].variablePerCase, 12);
    expect(growing.pass).toBe(false);
  });
});

describe('prices', () => {
  it('says where every price comes from and how sure it is', () => {
    const rows = priceRows(PRICES);
    expect(rows.length).toBeGreaterThan(30);
    for (const r of rows) {
      expect(r.source.length, r.key).toBeGreaterThan(0);
      expect(['ap-south-1', 'global', 'us-east-1', 'unverified', 'assumption']).toContain(r.confidence);
    }
    expect(PRICES.sms.indiaDltPerPart.confidence).toBe('assumption');
    expect(PRICES.dynamodb.writeUnitsPerMillion.confidence).toBe('us-east-1');
  });

  it('takes overrides as numbers or objects, marks them, and refuses a key it does not know', () => {
    // Act
    const t = withOverrides(PRICES, {
      sms: { indiaDltPerPart: 0.0025 },
      dynamodb: { writeUnitsPerMillion: { usd: 0.7116 } },
    });

    // Assess
    expect(t.sms.indiaDltPerPart.usd).toBe(0.0025);
    expect(t.sms.indiaDltPerPart.source).toBe('override (BENCH_PRICES)');
    expect(t.dynamodb.writeUnitsPerMillion.usd).toBe(0.7116);
    expect(PRICES.sms.indiaDltPerPart.usd).toBe(0.0011);
    expect(() => withOverrides(PRICES, { sms: { indiaDlt: 1 } })).toThrow(/no price "sms.indiaDlt"/);
    expect(() => withOverrides(PRICES, { snail: { mail: 1 } })).toThrow(/no price group/);
    expect(() => withOverrides(PRICES, { sms: { indiaDltPerPart: -1 } })).toThrow(/usd/);
  });
});

describe('cold starts', () => {
  const minutes = WORKING_DAYS * WORKING_HOURS * 60;

  it('meets a cold environment when nothing came in the last ten minutes: e^(−rate × 10 min)', () => {
    expect(coldShare(minutes)).toBeCloseTo(Math.exp(-WARM_MINUTES), 12); // one a minute
    expect(coldShare(minutes / 10)).toBeCloseTo(Math.exp(-1), 12); // one every ten minutes
    expect(coldShare(0)).toBe(1);
    expect(coldShare(1e9)).toBeCloseTo(0, 12);
  });

  it('waits in a session for the functions it calls, once each, as cold as their traffic leaves them', () => {
    // Prepare: a busy route (always warm) and a rare one (always cold), equally often in staff sessions.
    const load = [
      { id: 'busy', perMonth: 1e9, staffPerMonth: 100, initMs: 300 },
      { id: 'rare', perMonth: 1, staffPerMonth: 100, initMs: 300 },
      { id: 'background', perMonth: 1, staffPerMonth: 0, initMs: 300 },
    ];

    // Act
    const e = coldEstimate(load, 10);

    // Assess: the rare one is in a session of ten with 1 − 0.5^10, and cold almost surely.
    const rare = e.rows.find((r) => r.id === 'rare')!;
    expect(rare.inSession).toBeCloseTo(1 - 0.5 ** 10, 12);
    expect(e.sessionWaitMs).toBeCloseTo(rare.inSession * coldShare(1) * 300, 9);
    expect(e.rows.find((r) => r.id === 'background')?.sessionWaitMs).toBe(0);
    expect(e.coldStartsPerMonth).toBeCloseTo(1e9 * coldShare(1e9) + coldShare(1) + coldShare(1), 6);
    expect(e.pass).toBe(true);
  });

  it('works out the remedies: one function for several routes, provisioned concurrency', () => {
    // Prepare: two rare routes with slow inits.
    const load = [
      { id: 'a', perMonth: 100, staffPerMonth: 100, initMs: 3000 },
      { id: 'b', perMonth: 100, staffPerMonth: 100, initMs: 3000 },
    ];

    // Act
    const before = coldEstimate(load);
    const together = coldEstimate(grouped(load, ['a', 'b'], 3500));
    const warm = coldEstimate(provisioned(load, ['a', 'b']));

    // Assess
    expect(before.pass).toBe(false);
    expect(together.rows).toHaveLength(1);
    expect(together.rows[0].perMonth).toBe(200);
    expect(warm.sessionWaitMs).toBe(0);
    expect(provisionedMonthUsd(1024, 1e-6, 2)).toBeCloseTo(2 * 730 * 3600 * 1e-6, 12);
  });
});

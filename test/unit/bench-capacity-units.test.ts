// The arithmetic behind the capacity section: DynamoDB item sizes and request units as AWS bills them,
// transactions priced from their items, Lambda's billed milliseconds, the schedules' runs a month, and the
// serving negotiation of the local runtime.
import { describe, expect, it } from 'vitest';
import { negotiate } from '../../infra/local/static-files.ts';
import { consecutive, serialOf } from '../bench/burst.ts';
import { commandOf, minimumReadUnits } from '../bench/capacity-meter.ts';
import {
  billedMs,
  gbSeconds,
  indexCopies,
  itemSize,
  readUnits,
  removedIndexKeys,
  transactionReadUnits,
  transactionWriteUnits,
  valueSize,
  writeUnits,
} from '../bench/capacity-units.ts';
import { inventoryOf, runsPerMonth } from '../bench/inventory.ts';

describe('item sizes', () => {
  it('counts names and values as DynamoDB does: UTF-8 strings, digits of numbers, 1 byte for booleans', () => {
    // Act + Assess
    expect(valueSize('abc')).toBe(3);
    expect(valueSize('सखी')).toBe(9); // three Devanagari letters, three bytes each in UTF-8
    expect(valueSize(true)).toBe(1);
    expect(valueSize(null)).toBe(1);
    expect(valueSize(12345)).toBe(4); // five significant digits: 3 bytes + 1
    expect(valueSize(['a', 'bc'])).toBe(3 + 1 + 1 + 1 + 2);
    expect(valueSize({ a: 'x' })).toBe(3 + 1 + 1 + 1);
    expect(itemSize({ pk: 'CASE#1', sk: 'CASE', n: 7 })).toBe(2 + 6 + 2 + 4 + 1 + 2);
    expect(itemSize({ pk: 'x', gone: undefined })).toBe(3);
  });

  it('copies an item into an index only with both index keys, projected as the index says', () => {
    // Prepare: a case in the byCentre index (INCLUDE projection) and a queued item (ALL).
    const c = { pk: 'CASE#1', sk: 'CASE', gsi1pk: 'CENTRE#a', gsi1sk: '2026', status: 'OPEN', survivor: { name: 'x' } };
    const queued = { pk: 'T#1', sk: 'T', q1pk: 'Q', q1sk: '1', big: 'y'.repeat(2000) };

    // Act
    const caseCopies = indexCopies(c);
    const queueCopies = indexCopies(queued);

    // Assess: the case's copy leaves out what the index does not project (her details).
    expect(caseCopies.map((x) => x.index)).toEqual(['byCentre']);
    expect(caseCopies[0].bytes).toBe(
      itemSize({ pk: c.pk, sk: c.sk, gsi1pk: c.gsi1pk, gsi1sk: c.gsi1sk, status: 'OPEN' }),
    );
    expect(queueCopies).toEqual([{ index: 'queue', bytes: itemSize(queued) }]);
    expect(indexCopies({ pk: 'a', sk: 'b', q1pk: 'Q' })).toEqual([]);
  });
});

describe('request units', () => {
  it('bills writes per KB and reads per 4 KB, eventually consistent reads at half', () => {
    expect(writeUnits(1)).toBe(1);
    expect(writeUnits(1024)).toBe(1);
    expect(writeUnits(1025)).toBe(2);
    expect(readUnits(4096)).toBe(0.5);
    expect(readUnits(4097, true)).toBe(2);
  });

  it('prices a transaction at two units per KB and item, index copies once, removed index keys one each', () => {
    // Prepare: a 1.5 KB put into the queue index, an update that takes an item out of it, a condition check.
    const put = { pk: 'a', sk: 'b', q1pk: 'Q', q1sk: '1', body: 'z'.repeat(1500) };
    const updated = { pk: 'c', sk: 'd', n: 1 };

    // Act
    const units = transactionWriteUnits([
      { kind: 'Put', after: put },
      { kind: 'Update', after: updated, removesIndexKeys: 1 },
      { kind: 'ConditionCheck', after: updated },
      { kind: 'Delete' },
    ]);

    // Assess: put 2×2 + copy 2; update 2×1 + 1; check 2×1; delete (unknown size: 1 KB) 2×1.
    expect(units).toBe(4 + 2 + 2 + 1 + 2 + 2);
    expect(transactionReadUnits([{ pk: 'a' }, undefined])).toBe(4);
  });

  it('finds the index keys an update removes, through attribute names', () => {
    expect(removedIndexKeys('SET #s = :s REMOVE #q, q1sk', { '#q': 'q1pk', '#s': 'status' })).toBe(1);
    expect(removedIndexKeys('REMOVE duePk, dueSk SET remindedOn = :d')).toBe(1);
    expect(removedIndexKeys('SET a = :a')).toBe(0);
    expect(removedIndexKeys(undefined)).toBe(0);
  });

  it('tells DocumentClient commands apart by their input', () => {
    expect(commandOf({ TransactItems: [{ Put: {} }] })).toBe('TransactWriteCommand');
    expect(commandOf({ TransactItems: [{ Get: {} }] })).toBe('TransactGetCommand');
    expect(commandOf({ RequestItems: { t: [{ PutRequest: {} }] } })).toBe('BatchWriteCommand');
    expect(commandOf({ RequestItems: { t: { Keys: [] } } })).toBe('BatchGetCommand');
    expect(commandOf({ KeyConditionExpression: 'pk = :p' })).toBe('QueryCommand');
    expect(commandOf({ Item: {} })).toBe('PutCommand');
    expect(commandOf({ Key: {}, UpdateExpression: 'SET a = :a' })).toBe('UpdateCommand');
    expect(commandOf({ Key: {} })).toBe('GetCommand');
  });

  it('bills a read that finds nothing one read unit, half of it eventually consistent', () => {
    expect(minimumReadUnits('QueryCommand', { KeyConditionExpression: 'pk = :p' })).toBe(0.5);
    expect(minimumReadUnits('GetCommand', { Key: {}, ConsistentRead: true })).toBe(1);
    expect(minimumReadUnits('BatchGetCommand', { RequestItems: {} })).toBe(0);
  });
});

describe('Lambda billing', () => {
  it('rounds each invocation up to the millisecond, at least one', () => {
    expect(billedMs(0.2)).toBe(1);
    expect(billedMs(12)).toBe(12);
    expect(billedMs(12.01)).toBe(13);
    expect(gbSeconds(1000, 512)).toBe(0.5);
  });
});

describe('schedules a month', () => {
  it('counts what EventBridge Scheduler expressions fire, averaged over a year', () => {
    expect(runsPerMonth('cron(0 9 * * ? *)')).toBeCloseTo(365 / 12, 6);
    expect(runsPerMonth('cron(0 10 ? * MON *)')).toBeCloseTo(52 / 12, 6); // 2026 has 52 Mondays
    expect(runsPerMonth('cron(0 10 1 * ? *)')).toBe(1);
    expect(runsPerMonth('cron(0/15 * * * ? *)')).toBeCloseTo((365 * 96) / 12, 6);
    expect(runsPerMonth('cron(0 2 ? * MON-FRI *)')).toBeCloseTo(261 / 12, 6);
    expect(runsPerMonth('rate(1 hour)')).toBeCloseTo((365 * 24) / 12, 6);
    expect(() => runsPerMonth('every day')).toThrow();
  });
});

describe('the inventory of a template', () => {
  it('counts what is billed by the month: alarm metrics, rules, machine clients, schedules by handler', () => {
    // Prepare: a metric-math alarm over three functions, a plain alarm, a web ACL, a schedule on a function.
    const template = {
      Resources: {
        Math: {
          Type: 'AWS::CloudWatch::Alarm',
          Properties: {
            Metrics: [{ MetricStat: {} }, { MetricStat: {} }, { MetricStat: {} }, { Expression: 'a+b+c' }],
          },
        },
        Plain: { Type: 'AWS::CloudWatch::Alarm', Properties: { Namespace: 'SakhiOsc', MetricName: 'RemindersFailed' } },
        Acl: { Type: 'AWS::WAFv2::WebACL', Properties: { Rules: [{}, {}, {}] } },
        Web: { Type: 'AWS::Cognito::UserPoolClient', Properties: { AllowedOAuthFlows: ['code'] } },
        Machine: { Type: 'AWS::Cognito::UserPoolClient', Properties: { AllowedOAuthFlows: ['client_credentials'] } },
        Role: { Type: 'AWS::IAM::Role', Properties: { Description: 'Sakhi OSC followup-reminders handler' } },
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: { Architectures: ['arm64'], MemorySize: 1024, Role: { 'Fn::GetAtt': ['Role', 'Arn'] } },
        },
        Daily: {
          Type: 'AWS::Scheduler::Schedule',
          Properties: { ScheduleExpression: 'cron(0 9 * * ? *)', Target: { Arn: { 'Fn::GetAtt': ['Fn', 'Arn'] } } },
        },
      },
    };

    // Act
    const inv = inventoryOf(template);

    // Assess
    expect(inv.alarms).toBe(4);
    expect(inv.alarmMetrics).toEqual(['SakhiOsc|RemindersFailed']);
    expect(inv.wafRules).toBe(3);
    expect(inv.m2mClients).toBe(1);
    expect(inv.memoryByHandler).toEqual({ 'followup-reminders': 1024 });
    expect(inv.schedules).toEqual([
      { handler: 'followup-reminders', expression: 'cron(0 9 * * ? *)', runsPerMonth: 365 / 12 },
    ]);
  });
});

describe('the burst checks', () => {
  it('reads the serial of a case number and sees a gap or a repeat', () => {
    expect(serialOf('PAT1/2026-27/00042')).toBe(42);
    expect(consecutive([5, 3, 4], 3)).toBe(true);
    expect(consecutive([3, 5], 3)).toBe(false);
    expect(consecutive([3, 3, 4], 3)).toBe(false);
  });
});

describe('compression as CloudFront and API Gateway choose it', () => {
  it('answers brotli first, gzip next, nothing when the browser refuses both', () => {
    expect(negotiate('gzip, deflate, br')).toBe('br');
    expect(negotiate('gzip')).toBe('gzip');
    expect(negotiate('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(negotiate('identity')).toBeUndefined();
    expect(negotiate(undefined)).toBeUndefined();
    expect(negotiate('*')).toBe('br');
    expect(negotiate('gzip, br', ['gzip'])).toBe('gzip');
  });
});

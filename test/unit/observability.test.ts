// The log redaction: a person's name never reaches a log line, wherever it sits; an error's name (its class,
// what the engineer on call searches for) always does. The log lines and the embedded-metric lines themselves.

import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  EmfMetrics,
  JsonLogger,
  logger,
  MetricUnit,
  metrics,
  observed,
  REDACTED,
  redactLogItem,
  threshold,
} from '../../functions/lib/observability.ts';

/** What the logger writes for one call, as parsed JSON lines (stdout and stderr). */
function captured(log: () => void): Array<Record<string, any>> {
  const lines: string[] = [];
  const grab = (chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(grab);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(grab);
  try {
    log();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return lines
    .join('')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

const conditionFailed = () =>
  Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });

describe('log redaction', () => {
  afterEach(() => vi.restoreAllMocks());

  it("keeps an error's name in an error log and redacts a survivor's and a staff member's name", () => {
    // Act
    const [line] = captured(() =>
      logger.error('dispatch failed', {
        error: conditionFailed(),
        survivor: { name: 'Sunita Devi', phone: '+919812345678' },
        staff: { name: 'Asha Kumari', staffId: 'staff-17' },
      }),
    );
    // Assess
    expect(line.error).toMatchObject({
      name: 'ConditionalCheckFailedException',
      message: 'The conditional request failed',
    });
    expect(line.survivor).toBe(REDACTED);
    expect(line.staff).toEqual({ name: REDACTED, staffId: 'staff-17' });
    const text = JSON.stringify(line);
    expect(text).not.toContain('Sunita');
    expect(text).not.toContain('Asha');
    expect(text).not.toContain('9812345678');
  });

  it("keeps the name of an error's cause, and redacts personal data carried on an error", () => {
    // Prepare
    const err = Object.assign(new Error('transaction cancelled', { cause: conditionFailed() }), {
      name: 'TransactionCanceledException',
      details: { survivor: { name: 'Sunita Devi' }, caseId: 'case-1' },
    });
    // Act
    const [line] = captured(() => logger.error('change failed', { error: err }));
    // Assess
    expect(line.error.name).toBe('TransactionCanceledException');
    expect(line.error.cause.name).toBe('ConditionalCheckFailedException');
    expect(line.error.details).toEqual({ survivor: REDACTED, caseId: 'case-1' });
    expect(JSON.stringify(line)).not.toContain('Sunita');
  });

  it('redacts by key at any depth, in arrays too, and survives cycles', () => {
    // Prepare
    const item: Record<string, unknown> = {
      contacts: [{ name: 'District Officer Patna', phone: '+919800000001', level: 2 }],
      caseId: 'case-2',
    };
    item.self = item;
    // Act
    const out = redactLogItem(item) as Record<string, any>;
    // Assess
    expect(out.contacts).toEqual([{ name: REDACTED, phone: REDACTED, level: 2 }]);
    expect(out.caseId).toBe('case-2');
    expect(out.self).toBe('[circular]');
  });
});

describe('log lines', () => {
  const lines: string[] = [];
  const parsed = () => lines.map((l) => JSON.parse(l));
  afterEach(() => {
    lines.length = 0;
    vi.unstubAllEnvs();
  });

  it('writes one JSON line per item at or above its level, with the invocation ids and cold start once', () => {
    // Prepare
    vi.stubEnv('_X_AMZN_TRACE_ID', 'Root=1-6756f2a0-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1');
    const log = new JsonLogger('sakhi-osc', 30, (l) => lines.push(l));
    const context = { functionName: 'create-case', awsRequestId: 'req-1' } as Context;
    // Act
    log.startInvocation(context);
    log.info('request', { status: 201 });
    log.warn('slow', { ms: 2500 });
    log.startInvocation({ ...context, awsRequestId: 'req-2' });
    log.error('failed', { error: new TypeError('x is undefined') });
    // Assess
    expect(lines.every((l) => l.endsWith('\n') && l.indexOf('\n') === l.length - 1)).toBe(true);
    const [warn, error] = parsed();
    expect(parsed()).toHaveLength(2);
    expect(warn).toMatchObject({
      level: 'WARN',
      message: 'slow',
      ms: 2500,
      service: 'sakhi-osc',
      function_name: 'create-case',
      function_request_id: 'req-1',
      cold_start: true,
      xray_trace_id: '1-6756f2a0-0123456789abcdef01234567',
    });
    expect(Date.parse(warn.timestamp)).not.toBeNaN();
    expect(error).toMatchObject({ level: 'ERROR', function_request_id: 'req-2', cold_start: false });
    expect(error.error).toMatchObject({ name: 'TypeError', message: 'x is undefined' });
    expect(error.error.stack).toContain('TypeError');
  });

  it('cannot be told a level, message or service by what it logs', () => {
    const log = new JsonLogger('sakhi-osc', 10, (l) => lines.push(l));
    log.debug('real', { level: 'ERROR', message: 'forged', service: 'other' });
    expect(parsed()[0]).toMatchObject({ level: 'DEBUG', message: 'real', service: 'sakhi-osc' });
  });
});

describe('embedded metrics', () => {
  const lines: string[] = [];
  afterEach(() => {
    lines.length = 0;
  });

  it("writes an invocation's metrics as one EMF line under the namespace and the service dimension", () => {
    // Prepare
    const metrics = new EmfMetrics('SakhiOsc', 'sakhi-osc', true, (l) => lines.push(l));
    metrics.addMetric('Http2xx', MetricUnit.Count, 1);
    metrics.addMetric('SmsSent', MetricUnit.Count, 2);
    metrics.addMetric('SmsSent', MetricUnit.Count, 1);
    // Act
    metrics.publish(new Date('2026-12-02T06:30:00Z'));
    metrics.publish();
    // Assess
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toEqual({
      _aws: {
        Timestamp: Date.parse('2026-12-02T06:30:00Z'),
        CloudWatchMetrics: [
          {
            Namespace: 'SakhiOsc',
            Dimensions: [['service']],
            Metrics: [
              { Name: 'Http2xx', Unit: 'Count' },
              { Name: 'SmsSent', Unit: 'Count' },
            ],
          },
        ],
      },
      service: 'sakhi-osc',
      Http2xx: 1,
      SmsSent: [2, 1],
    });
  });

  it('writes nothing when switched off, and does not keep what it was given for later', () => {
    const off = new EmfMetrics('SakhiOsc', 'sakhi-osc', false, (l) => lines.push(l));
    off.addMetric('Http2xx', MetricUnit.Count, 1);
    off.publish();
    expect(lines).toEqual([]);
  });
});

describe('levels', () => {
  it("takes Lambda's levels and ours: TRACE lets DEBUG through, FATAL holds back errors, anything else is INFO", () => {
    expect(threshold('TRACE')).toBeLessThan(threshold('DEBUG'));
    expect(threshold('debug')).toBeLessThan(threshold('INFO'));
    expect(threshold('FATAL')).toBeGreaterThan(threshold('ERROR'));
    expect(threshold('SILENT')).toBeGreaterThan(threshold('FATAL'));
    expect(threshold('loud')).toBe(threshold('INFO'));
    expect(threshold(undefined)).toBe(threshold('INFO'));
  });
});

describe('the middleware every handler has', () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes the invocation's metrics when the handler fails too", async () => {
    // Prepare
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const handler = middy()
      .use(observed())
      .handler(async () => {
        metrics.addMetric('BackgroundFailed', MetricUnit.Count, 1);
        throw new Error('task failed');
      });
    // Act
    const result = await handler({}, { awsRequestId: 'req-9', functionName: 'deadline-check' } as Context).catch(
      (e: Error) => e.message,
    );
    // Assess
    expect(result).toBe('task failed');
    const emf = written.map((l) => JSON.parse(l)).find((l) => l._aws);
    expect(emf).toMatchObject({ BackgroundFailed: 1, service: expect.any(String) });
  });

  it('writes a full line of 100 metrics before taking a 101st, and 100 values of one before the next', () => {
    const lines: string[] = [];
    const m = new EmfMetrics('SakhiOsc', 'sakhi-osc', true, (l) => lines.push(l));
    for (let i = 0; i < 101; i++) m.addMetric(`M${i}`, MetricUnit.Count, 1);
    for (let i = 0; i < 101; i++) m.addMetric('M100', MetricUnit.Count, i);
    m.publish();
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed.map((p) => p._aws.CloudWatchMetrics[0].Metrics.length)).toEqual([100, 1, 1]);
    expect(parsed[1].M100).toHaveLength(100);
    expect(parsed[2].M100).toEqual([99, 100]);
  });
});

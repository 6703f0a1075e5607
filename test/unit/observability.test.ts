// The log redaction: a person's name never reaches a log line, wherever it sits; an error's name (its class,
// what the engineer on call searches for) always does.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger, REDACTED, redactLogItem } from '../../functions/lib/observability.ts';

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

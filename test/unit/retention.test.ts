// Retention as properties: for random case histories (status moves, legal holds, days passing) and random
// run dates and periods, the queue bookkeeping keeps exactly the waiting cases in the queue, and a case is
// anonymised iff it is terminal, past the period and not held; the job's queue query finds exactly those.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTerminal } from '#shared/cases/lifecycle.ts';
import type { CaseRecord } from '#shared/cases/model.ts';
import { addDays } from '#shared/core/time.ts';
import { CASE_STATUSES, type CaseStatus } from '#shared/core/vocabulary.ts';
import { anonymisedCaseSet, freeTextPaths, removeExpression, retentionBookkeeping } from '#shared/privacy/retention.ts';
import {
  awaitsRetention,
  endedOn,
  isDueForAnonymisation,
  retentionCutoff,
  retentionDueOn,
} from '#shared/privacy/rules.ts';

const actor = { userId: 'u', username: 'u', role: 'centre-admin' };
const ts = (day: string) => `${day}T10:00:00.000+05:30`;

function newCase(day: string): CaseRecord {
  return {
    caseId: 'c1',
    caseNumber: 'PAT/2026-27/00001',
    centreId: 'osc-patna-1',
    district: 'Patna',
    status: 'REGISTERED',
    version: 1,
    riskLevel: 'LOW',
    fy: '2026-27',
    registeredAt: ts(day),
    registeredBy: actor,
    updatedAt: ts(day),
    survivor: { name: 'N', age: 30, safeToContact: false },
    incident: { categories: ['DOMESTIC_VIOLENCE'] },
    referral: { source: 'SELF' },
    servicesNeeded: [],
    consent: { services: true, shareWithPolice: false, contactByPhone: false },
  };
}

type Step = { days: number } & ({ kind: 'status'; to: CaseStatus } | { kind: 'hold'; held: boolean });

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('status' as const), to: fc.constantFrom(...CASE_STATUSES), days: fc.nat(900) }),
  fc.record({ kind: fc.constant('hold' as const), held: fc.boolean(), days: fc.nat(900) }),
);

/** The case and the queue (marker sort keys by case) after a change, as CaseStore.change writes them. */
function apply(c: CaseRecord, queue: Map<string, string>, set: Partial<CaseRecord>): CaseRecord {
  const book = retentionBookkeeping('t', c, { ...c, ...set } as CaseRecord);
  const next = { ...c, ...set, ...book.set } as Record<string, unknown>;
  for (const k of book.remove) delete next[k];
  for (const item of book.items) {
    if (item.Put) queue.set(c.caseId, item.Put.Item?.q1sk as string);
    if (item.Delete) queue.delete(c.caseId);
  }
  return next as unknown as CaseRecord;
}

/** What the job's query returns: markers sorted on or before the cutoff day. */
const queued = (queue: Map<string, string>, cutoff: string) =>
  [...queue.entries()].filter(([, sk]) => sk <= `${cutoff}#~`).map(([id]) => id);

describe('retention', () => {
  it('keeps exactly the waiting cases in the queue, by the day they ended, through any history', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
        let day = '2026-04-01';
        let c = newCase(day);
        const queue = new Map<string, string>();
        let enteredTerminal: string | undefined;
        for (const s of steps) {
          day = addDays(day, s.days);
          const at = ts(day);
          const set: Partial<CaseRecord> =
            s.kind === 'status'
              ? { status: s.to, updatedAt: at }
              : { legalHold: { held: s.held, at, by: actor }, updatedAt: at };
          if (s.kind === 'status' && isTerminal(s.to) && !isTerminal(c.status)) enteredTerminal = day;
          c = apply(c, queue, set);
          // Invariants after every change.
          expect(queue.has(c.caseId)).toBe(awaitsRetention(c));
          if (awaitsRetention(c)) expect(queue.get(c.caseId)).toBe(`${endedOn(c)}#${c.caseId}`);
          if (isTerminal(c.status)) expect(endedOn(c)).toBe(enteredTerminal);
          else expect(c.endedAt).toBeUndefined();
        }
      }),
    );
  });

  it('anonymises a case iff it is terminal, past the period and not held; the queue finds exactly those', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 10 }),
        fc.nat(12 * 366),
        fc.integer({ min: 1, max: 10 }),
        (steps, later, years) => {
          let day = '2026-04-01';
          let c = newCase(day);
          const queue = new Map<string, string>();
          for (const s of steps) {
            day = addDays(day, s.days);
            const at = ts(day);
            c = apply(
              c,
              queue,
              s.kind === 'status' ? { status: s.to, updatedAt: at } : { legalHold: { held: s.held, at, by: actor } },
            );
          }
          const today = addDays(day, later);
          const cutoff = retentionCutoff(today, years);
          const due = isDueForAnonymisation(c, today, years);
          const expected = isTerminal(c.status) && c.legalHold?.held !== true && (endedOn(c) as string) <= cutoff;
          expect(due).toBe(expected);
          expect(queued(queue, cutoff).includes(c.caseId)).toBe(due);
          // The due day agrees: due on and after it, not the day before.
          const dueOn = retentionDueOn(c, years);
          if (dueOn) {
            expect(isDueForAnonymisation(c, dueOn, years)).toBe(true);
            expect(isDueForAnonymisation(c, addDays(dueOn, -1), years)).toBe(false);
            expect(due).toBe(today >= dueOn);
          } else expect(due).toBe(false);
          // Anonymising takes it out of the queue for good: a second run finds nothing.
          if (due) {
            c = apply(c, queue, anonymisedCaseSet(c, ts(today)));
            expect(queued(queue, cutoff)).toEqual([]);
            expect(isDueForAnonymisation(c, today, years)).toBe(false);
          }
        },
      ),
    );
  });

  it('never cuts a period short across 29 February', () => {
    expect(retentionCutoff('2028-02-29', 7)).toBe('2021-02-28');
    const c = { ...newCase('2020-02-29'), status: 'WITHDRAWN' as const, endedAt: ts('2020-02-29') };
    expect(retentionDueOn(c, 7)).toBe('2027-03-01');
    expect(isDueForAnonymisation(c, '2027-02-28', 7)).toBe(false);
  });

  it('removes identity, story and every note, and keeps what the figures and the audit need', () => {
    const c: CaseRecord = {
      ...newCase('2026-04-01'),
      status: 'WITHDRAWN',
      survivor: { name: 'Sita', age: 16, phone: '+919812345678', safeToContact: true, district: 'Patna', address: 'X' },
      incident: { categories: ['RAPE'], date: '2026-03-30', description: 'what happened' },
      referral: { source: 'HELPLINE_181', reference: '181-2026-1' },
      resolution: { outcome: 'went home', note: 'n', followUpWorkerId: 'w1' },
      legalHold: { held: false, at: ts('2026-04-02'), by: actor, note: 'trial' },
    };
    const set = anonymisedCaseSet(c, ts('2034-01-01'));
    expect(set.survivor).toEqual({ age: 16, safeToContact: true, district: 'Patna' });
    expect(set.incident).toEqual({ categories: ['RAPE'], date: '2026-03-30' });
    expect(set.referral).toEqual({ source: 'HELPLINE_181' });
    expect(set.resolution).toEqual({ followUpWorkerId: 'w1' });
    expect(set.legalHold).toEqual({ held: false, at: ts('2026-04-02'), by: actor });
    // Any other item: every free-text attribute at any depth, and nothing else.
    const item = {
      pk: 'CASE#c1',
      sk: 'EVENT#x',
      action: 'STATUS_CHANGED',
      details: { note: 'a', type: 'MEDICAL' },
      children: [{ age: 3, note: 'b' }],
      note: 'c',
      reason: 'OTHER',
    };
    const paths = freeTextPaths(item);
    expect(paths).toEqual([['details', 'note'], ['children', '[0]', 'note'], ['note']]);
    expect(removeExpression(paths)).toEqual({
      expression: 'REMOVE #n0.#n1, #n2[0].#n1, #n1',
      names: { '#n0': 'details', '#n1': 'note', '#n2': 'children' },
    });
  });
});

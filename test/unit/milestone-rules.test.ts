// The deadline rules as a table, and the decisions made from it: what an event makes due, when a milestone
// is overdue, in time or late; the child pathway at a correction of her age (the contributor the case
// correction plugs in); references per type; and a property over random timelines of milestone events and
// deadline checks, run through a small in-memory model of the check built on the same decision functions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '#shared/cases/model.ts';
import { istTimestamp } from '#shared/core/time.ts';
import { MILESTONE_TYPES, type MilestoneType } from '#shared/core/vocabulary.ts';
import { childPathwayCorrectionPart, childPathwayOnCorrection } from '#shared/milestones/child-pathway.ts';
import {
  CHILD_DUTIES,
  childPathwayChange,
  consequences,
  DEADLINE_RULES,
  deadlineDecision,
  referenceProblems,
  timeliness,
} from '#shared/milestones/rules.ts';

const HOUR = 3_600_000;
const none = { open: new Set<MilestoneType>(), done: new Set<MilestoneType>() };
const at = '2026-11-20T14:30:00.000+05:30';
const plus = (t: string, ms: number) => istTimestamp(new Date(Date.parse(t) + ms));

describe('the rules table', () => {
  it('a child: POLICE_INFORMED and CWC_PRODUCTION due 24 hours after the moment', () => {
    const c = consequences('CHILD', at, at, none);
    expect(c.due.map((d) => [d.type, d.dueAt])).toEqual([
      ['POLICE_INFORMED', plus(at, 24 * HOUR)],
      ['CWC_PRODUCTION', plus(at, 24 * HOUR)],
    ]);
    expect(c.reminders).toEqual([]);
  });

  it('never makes a type due twice, nor a child duty already done', () => {
    const c = consequences('CHILD', at, at, {
      open: new Set<MilestoneType>(['POLICE_INFORMED']),
      done: new Set<MilestoneType>(['CWC_PRODUCTION']),
    });
    expect(c.due).toEqual([]);
  });

  it('an MLC examination: the report due 7 days after the examination', () => {
    const examined = '2026-11-20T09:00:00.000+05:30';
    expect(consequences('MLC_EXAMINATION', examined, at, none).due).toEqual([
      { type: 'MLC_REPORT', dueAt: '2026-11-27T09:00:00.000+05:30', rule: 'mlc-report' },
    ]);
  });

  it('a hearing ahead: a reminder at 09:00 IST the day before; a hearing past: nothing', () => {
    const hearing = '2026-12-03T11:00:00.000+05:30';
    expect(consequences('COURT_HEARING', hearing, at, none)).toEqual({
      due: [],
      reminders: [{ remindAt: '2026-12-02T09:00:00.000+05:30', rule: 'court-hearing-reminder' }],
    });
    expect(consequences('COURT_HEARING', '2026-11-19T11:00:00.000+05:30', at, none).reminders).toEqual([]);
  });

  it('is data: another state adds a rule without a code change', () => {
    const state = [
      ...DEADLINE_RULES,
      { id: 'dir', on: 'POLICE_INFORMED', makes: { due: 'DIR_FILED', afterHours: 72 }, source: 'x' },
    ] as const;
    expect(consequences('POLICE_INFORMED', at, at, none, state).due.map((d) => d.type)).toEqual(['DIR_FILED']);
  });

  it('decides overdue only for DUE past its time; in time or late; late once marked overdue', () => {
    const dueAt = plus(at, HOUR);
    expect(deadlineDecision({ status: 'DUE', dueAt }, at)).toBeUndefined();
    expect(deadlineDecision({ status: 'DUE', dueAt }, dueAt)).toBeUndefined();
    expect(deadlineDecision({ status: 'DUE', dueAt }, plus(dueAt, 1))).toBe('OVERDUE');
    expect(deadlineDecision({ status: 'OVERDUE', dueAt }, plus(dueAt, HOUR))).toBeUndefined();
    expect(deadlineDecision({ status: 'DONE', dueAt }, plus(dueAt, HOUR))).toBeUndefined();
    expect(timeliness({ status: 'DUE', dueAt }, at)).toBe('ON_TIME');
    expect(timeliness({ status: 'DUE', dueAt }, plus(dueAt, 1000))).toBe('LATE');
    expect(timeliness({ status: 'OVERDUE', dueAt }, at)).toBe('LATE');
  });

  it('checks references per type, at their fields', () => {
    expect(referenceProblems('FIR_REGISTERED', { number: '123/2026', policeStation: 'Kotwali' })).toEqual([]);
    expect(referenceProblems('FIR_REGISTERED', { number: '123' }).map((p) => p.path.join('.'))).toEqual([
      'reference.policeStation',
      'reference.number',
    ]);
    expect(referenceProblems('MLC_REPORT', undefined).map((p) => p.path.join('.'))).toEqual(['reference.number']);
    expect(referenceProblems('CWC_PRODUCTION', { policeStation: 'x' })[0].message).toMatch(/Not used/);
  });
});

describe('the child pathway at a correction of her age', () => {
  const record = (age: number, extra: Partial<CaseRecord> = {}) =>
    ({
      caseId: 'c1',
      caseNumber: 'PAT1/2026-27/00001',
      centreId: 'osc-patna-1',
      district: 'Patna',
      survivor: { name: 'x', age, safeToContact: false },
      ...extra,
    }) as CaseRecord;
  const actor = { userId: 'u', username: 'admin.patna1', role: 'centre-admin' };

  it('says START, STOP or nothing for a change of age', () => {
    expect(childPathwayChange(19, 16)).toBe('START');
    expect(childPathwayChange(undefined, 17)).toBe('START');
    expect(childPathwayChange(16, 18)).toBe('STOP');
    expect(childPathwayChange(16, 15)).toBeUndefined();
    expect(childPathwayChange(30, 25)).toBeUndefined();
  });

  it('corrected to 16: both duties due 24 hours after the correction, queued, counted, in history', () => {
    const part = childPathwayOnCorrection('t', record(21), 16, actor, at)!;
    const puts = part.items.map((i) => i.Put?.Item).filter((i) => i?.type === 'MILESTONE');
    expect(puts.map((p) => [p!.milestoneType, p!.status, p!.dueAt, p!.q1pk])).toEqual([
      ['POLICE_INFORMED', 'DUE', plus(at, 24 * HOUR), 'DUE#MILESTONE'],
      ['CWC_PRODUCTION', 'DUE', plus(at, 24 * HOUR), 'DUE#MILESTONE'],
    ]);
    const events = part.items.map((i) => i.Put?.Item).filter((i) => i?.type === 'EVENT');
    expect(events.map((e) => e!.action)).toEqual(['MILESTONE_DUE', 'MILESTONE_DUE', 'CHILD_PATHWAY_STARTED']);
    expect(part.counts).toEqual({ children: 1 });
    expect(part.set.childPathway).toEqual({ startedAt: at, trigger: 'CORRECTION' });
    expect(Object.keys(part.set.openMilestones ?? {}).sort()).toEqual([...CHILD_DUTIES].sort());
  });

  it('corrected to 18: the open duties are cancelled and leave the queue; nothing for 25 → 30', () => {
    const open = { POLICE_INFORMED: 'm1', CWC_PRODUCTION: 'm2', MLC_REPORT: 'm3' };
    const part = childPathwayOnCorrection('t', record(16, { openMilestones: open }), 18, actor, at)!;
    const updates = part.items.filter((i) => i.Update).map((i) => i.Update!);
    expect(updates.map((u) => u.Key?.sk)).toEqual(['MILESTONE#m1', 'MILESTONE#m2']);
    expect(updates.every((u) => u.UpdateExpression?.includes('REMOVE q1pk, q1sk'))).toBe(true);
    expect(part.set).toEqual({ openMilestones: { MLC_REPORT: 'm3' }, childPathway: null });
    expect(childPathwayOnCorrection('t', record(25), 30, actor, at)).toBeUndefined();
  });

  it('plugs into a correction as a contributor: the correction context in, its parts out', () => {
    const before = record(20);
    const after = { ...before, survivor: { ...before.survivor, age: 17 } };
    const part = childPathwayCorrectionPart({ table: 't', before, after, actor, at });
    expect(part?.counts).toEqual({ children: 1 });
    expect(childPathwayCorrectionPart({ table: 't', before, after: before, actor, at })).toBeUndefined();
  });
});

// ---- the property: a small in-memory model of the deadline check, on the same decision functions ----------

interface ModelMilestone {
  id: number;
  type: MilestoneType;
  status: 'DUE' | 'DONE' | 'OVERDUE';
  dueAt?: string;
  doneAt?: string;
  escalations: number;
  /** Times of the checks that ran while it was DUE past its time (for the oracle). */
}

class CaseModel {
  milestones: ModelMilestone[] = [];
  openEscalation = false;
  checks: string[] = [];

  private open = (t: MilestoneType) => this.milestones.find((m) => m.type === t && m.status !== 'DONE');

  event(on: 'CHILD' | MilestoneType, time: string): void {
    if (on !== 'CHILD') {
      const open = this.open(on);
      if (open) Object.assign(open, { status: 'DONE', doneAt: time });
      else this.milestones.push({ id: this.milestones.length, type: on, status: 'DONE', doneAt: time, escalations: 0 });
    }
    const state = {
      open: new Set(this.milestones.filter((m) => m.status !== 'DONE').map((m) => m.type)),
      done: new Set(this.milestones.filter((m) => m.status === 'DONE').map((m) => m.type)),
    };
    for (const d of consequences(on, time, time, state).due)
      this.milestones.push({ id: this.milestones.length, type: d.type, status: 'DUE', dueAt: d.dueAt, escalations: 0 });
  }

  /** The check: each DUE one past its time becomes OVERDUE (a conditional write) and escalates if none is open. */
  check(time: string): void {
    this.checks.push(time);
    for (const m of this.milestones) {
      if (deadlineDecision(m, time) !== 'OVERDUE') continue;
      m.status = 'OVERDUE';
      if (!this.openEscalation) {
        this.openEscalation = true;
        m.escalations++;
      }
    }
  }

  acknowledge(): void {
    this.openEscalation = false;
  }
}

describe('the deadline check, over random timelines', () => {
  const step = fc.oneof(
    fc.record({ kind: fc.constant('event' as const), on: fc.constantFrom('CHILD' as const, ...MILESTONE_TYPES) }),
    fc.record({ kind: fc.constant('check' as const), twice: fc.boolean() }),
    fc.record({ kind: fc.constant('ack' as const) }),
  );
  const timeline = fc.array(fc.tuple(step, fc.integer({ min: 1, max: 9 * 24 * 60 })), { maxLength: 40 });

  it('escalates each milestone at most once; OVERDUE exactly when a check ran after its time, undone', () => {
    fc.assert(
      fc.property(timeline, (steps) => {
        const model = new CaseModel();
        let time = Date.parse('2026-11-20T00:00:00+05:30');
        const history: Array<{ m: number; check: string }> = [];
        for (const [s, minutes] of steps) {
          time += minutes * 60_000; // time moves strictly forward (minutes between steps)
          const now = istTimestamp(new Date(time));
          if (s.kind === 'event') model.event(s.on, now);
          else if (s.kind === 'ack') model.acknowledge();
          else {
            const before = model.milestones.map((m) => m.status);
            model.check(now);
            if (s.twice) {
              const after = JSON.stringify(model.milestones);
              model.check(now);
              // A second run for the same moment changes nothing.
              if (JSON.stringify(model.milestones) !== after) return false;
            }
            model.milestones.forEach((m, i) => {
              if (before[i] === 'DUE' && m.status === 'OVERDUE') history.push({ m: m.id, check: now });
            });
          }
        }
        for (const m of model.milestones) {
          if (m.escalations > 1) return false;
          const markedAt = history.filter((h) => h.m === m.id);
          if (markedAt.length > 1) return false;
          if (!m.dueAt) continue;
          // Passed without completion: some check ran after its time and before it was recorded.
          const done = m.doneAt ? Date.parse(m.doneAt) : Number.POSITIVE_INFINITY;
          const missed = model.checks.some((c) => Date.parse(c) > Date.parse(m.dueAt!) && Date.parse(c) <= done);
          const wasOverdue = markedAt.length === 1;
          if (wasOverdue !== missed) return false;
          if (m.status === 'OVERDUE' && !missed) return false;
          if (m.status === 'DUE' && missed) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});

// The capacity operations of legal and protection milestones and shelter stays (issue 12): recording a
// milestone, the 15-minute deadline check (its fixed run with nothing due, per overdue milestone with the
// DEADLINE_MISSED escalation it starts, per hearing reminder) and a shelter admission. Part of CAPACITY_OPS.
import { ADMIN, type CapacityOp, escalationWaiting, expect2xx, newCase, onCase, STAFF } from './capacity-context.ts';

const DAY = 86_400_000;
/** Overdue milestones (each on its own case, so each starts its own escalation) and hearings per run. */
const OVERDUE = 4;
const HEARINGS = 4;

/**
 * A case whose MLC report is already late: the examination recorded as eight days ago makes the report due
 * seven days after it (rules.ts, BNSS s.184), a day before now, so the next deadline check finds it.
 */
async function lateMlcReport(ctx: Parameters<CapacityOp['run']>[0]) {
  const c = await newCase(ctx);
  expect2xx(
    await ctx.invoke('record-milestone', {
      user: STAFF,
      ...onCase(c.caseId),
      body: { type: 'MLC_EXAMINATION', at: new Date(Date.now() - 8 * DAY).toISOString() },
    }),
    'record MLC examination',
  );
  return c.caseId;
}

export const MILESTONE_OPS: CapacityOp[] = [
  {
    // An FIR makes nothing due: the milestone, its history, counters and the case's open list.
    name: 'milestone',
    what: 'POST /cases/{caseId}/milestones (FIR registered)',
    needs: ['record-milestone'],
    setup: (ctx) => newCase(ctx),
    run: async (ctx, c) =>
      void expect2xx(
        await ctx.invoke('record-milestone', {
          user: STAFF,
          ...onCase(c.caseId),
          body: { type: 'FIR_REGISTERED', reference: { number: '123/2026', policeStation: 'Kotwali' } },
        }),
        'milestone',
      ),
  },
  {
    name: 'deadline check, nothing due',
    what: 'deadline-check (every 15 minutes: 96 runs a day)',
    needs: ['deadline-check'],
    run: async (ctx) => void (await ctx.schedule('deadline-check')),
  },
  {
    // Each overdue milestone: marked OVERDUE in its case's transaction with a DEADLINE_MISSED escalation and
    // the administrators' SMS; the escalation's workflow notifies level 1 and the centre administrator
    // acknowledges it there (as the typical staff-started escalation is measured).
    name: 'deadline check',
    what: `deadline-check with ${OVERDUE} overdue, each escalated and acknowledged at level 1`,
    needs: ['deadline-check', 'record-milestone', 'acknowledge-escalation', 'escalation-workflow'],
    per: { unit: 'overdue milestone', count: OVERDUE, minus: 'deadline check, nothing due' },
    setup: async (ctx) => {
      // Anything left due by an earlier operation is taken care of first (not metered).
      await ctx.schedule('deadline-check', new Date());
      await ctx.settle();
      const caseIds: string[] = [];
      for (let i = 0; i < OVERDUE; i++) caseIds.push(await lateMlcReport(ctx));
      return caseIds;
    },
    run: async (ctx, caseIds: string[]) => {
      const result = await ctx.schedule('deadline-check', new Date());
      if (result?.overdue !== OVERDUE || result?.escalated !== OVERDUE)
        throw new Error(`the check marked ${result?.overdue} of ${OVERDUE} overdue: ${JSON.stringify(result)}`);
      for (const caseId of caseIds) {
        const escalationId = await escalationWaiting(ctx, caseId);
        expect2xx(
          await ctx.invoke('acknowledge-escalation', {
            user: ADMIN,
            pathParameters: { caseId, escalationId },
            body: { note: 'MLC report chased with the hospital' },
          }),
          'acknowledge',
        );
      }
    },
  },
  {
    // A hearing recorded ahead of its date: the check sends the administrators' reminder the day before, once.
    name: 'deadline check, hearing reminder',
    what: `deadline-check with ${HEARINGS} hearing reminders due`,
    needs: ['deadline-check', 'record-milestone'],
    per: { unit: 'hearing reminder', count: HEARINGS, minus: 'deadline check, nothing due' },
    setup: async (ctx) => {
      const at = new Date(Date.now() + 3 * DAY);
      await ctx.schedule('deadline-check', at);
      await ctx.settle();
      for (let i = 0; i < HEARINGS; i++) {
        const c = await newCase(ctx);
        expect2xx(
          await ctx.invoke('record-milestone', {
            user: STAFF,
            ...onCase(c.caseId),
            body: { type: 'COURT_HEARING', at: new Date(Date.now() + 2 * DAY).toISOString() },
          }),
          'record hearing',
        );
      }
      return at;
    },
    run: async (ctx, at: Date) => {
      const result = await ctx.schedule('deadline-check', at);
      if (result?.reminders !== HEARINGS)
        throw new Error(`the check sent ${result?.reminders} of ${HEARINGS} reminders: ${JSON.stringify(result)}`);
    },
  },
  {
    name: 'shelter admission',
    what: 'POST /cases/{caseId}/shelter-stays (with a daughter)',
    needs: ['admit-shelter'],
    setup: (ctx) => newCase(ctx),
    run: async (ctx, c) =>
      void expect2xx(
        await ctx.invoke('admit-shelter', {
          user: ADMIN,
          ...onCase(c.caseId),
          body: { children: [{ age: 6, sex: 'F' }] },
        }),
        'shelter admission',
      ),
  },
];

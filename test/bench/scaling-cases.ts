// The scaling cases: operations whose latency must follow what they do, not how much is stored. Each is
// measured with 1× and 10× stored data (target: 10× median ≤ 1.2 × the 1× median). See scaling.ts for the
// ScalingCase / ScalingContext interfaces.
//
// To add one: append an object to SCALING_CASES below (in the marked place). `setup` stores the data of one
// scale in a fresh runtime (ctx.seedCases writes cases straight into DynamoDB Local, with follow-ups if
// asked; ctx.createCasesViaApi goes through POST /cases); `operation` is the call measured (ctx.invoke
// calls a handler in-process, ctx.http goes through the local runtime); `prepare` (untimed, before every
// call) restores what a call consumed. Give `available` when the code it needs may not exist yet, so the
// bench lists the case as skipped instead of failing.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as keys from '../../shared/core/keys.ts';
import { financialYear } from '../../shared/core/time.ts';
import { operatingCentres } from '../../shared/network/geography.ts';
import type { ScalingCase } from './scaling.ts';
import { istDay } from './seed.ts';
import { mapLimit, ROOT } from './stats.ts';

const handlerExists = (id: string) => () =>
  existsSync(join(ROOT, 'functions', id, 'handler.ts'))
    ? (true as const)
    : `functions/${id}/handler.ts does not exist yet`;

const ALL_CENTRES = operatingCentres().map((c) => c.centreId);
const DAY = 86_400_000;

/** The reminder sweep case's due follow-ups (each worker is a process of its own). */
let dueFollowUps: Array<{ caseId: string; followUpId: string }> = [];

export const SCALING_CASES: ScalingCase[] = [
  {
    // The list a centre's staff open first: one page from the byCentre index, whatever the centre holds.
    name: 'GET /cases first page (centre staff)',
    baseCases: 100,
    iterations: 25,
    async setup(ctx, { cases }) {
      await ctx.seedCases(cases);
    },
    async operation(ctx) {
      const res = await ctx.invoke('list-cases', { user: 'staff.patna1', query: { limit: '50' } });
      if (res.status !== 200 || !Array.isArray(res.body.items) || res.body.items.length === 0)
        throw new Error(`list-cases answered ${res.status}`);
    },
  },
  {
    // Statistics for the state for this financial year: should read the counters, never the cases.
    name: 'GET /stats (state-admin, this FY)',
    available: handlerExists('get-stats'),
    baseCases: 100,
    iterations: 25,
    async setup(ctx, { cases }) {
      await ctx.seedCases(cases, {
        centreIds: ALL_CENTRES,
        // Spread over the last 60 days, so several months and every centre have counters.
        registeredAt: (i) => new Date(ctx.now.getTime() - (i % 60) * DAY - i * 1000),
      });
    },
    async operation(ctx) {
      const res = await ctx.invoke('get-stats', {
        user: ctx.userWith('state-admin'),
        query: { fy: financialYear(ctx.now) },
      });
      if (res.status !== 200) throw new Error(`get-stats answered ${res.status}: ${JSON.stringify(res.body)}`);
    },
  },
  {
    // The daily reminder sweep: the same 20 follow-ups fall due at both scales; the other cases (80 at 1×,
    // 980 at 10×) are resolved with follow-ups months away, which the sparse due index should never read.
    // Before each timed run the 20 reminders are un-claimed, so every run really sends 20 SMS (to the
    // local outbox).
    name: 'followup-reminders sweep (20 due)',
    available: handlerExists('followup-reminders'),
    baseCases: 100,
    iterations: 15,
    async setup(ctx, { cases }) {
      const due = await ctx.seedCases(20, { status: 'RESOLVED', followUps: () => [{ dueDate: istDay(ctx.now, 0) }] });
      dueFollowUps = due.map((c) => ({ caseId: c.caseId, followUpId: c.followUpIds[0] }));
      await ctx.seedCases(cases - 20, {
        status: 'RESOLVED',
        followUps: () => [{ dueDate: istDay(ctx.now, 30) }, { dueDate: istDay(ctx.now, 180) }],
      });
    },
    async prepare(ctx) {
      await mapLimit(dueFollowUps, 4, ({ caseId, followUpId }) =>
        ctx.doc.send(
          new UpdateCommand({
            TableName: ctx.table,
            Key: keys.followUp(caseId, followUpId),
            UpdateExpression: 'REMOVE remindedOn',
          }),
        ),
      );
    },
    async operation(ctx) {
      const res = await ctx.http(undefined, 'POST', '/_local/schedules/followup-reminders/run', {
        at: ctx.now.toISOString(),
      });
      if (res.status >= 300)
        throw new Error(`followup-reminders run answered ${res.status}: ${JSON.stringify(res.body)}`);
      if (res.body?.sent !== undefined && res.body.sent !== dueFollowUps.length)
        throw new Error(
          `the sweep sent ${res.body.sent} of ${dueFollowUps.length} due reminders: ${JSON.stringify(res.body)}`,
        );
    },
  },

  // ---- REGISTER NEW SCALING CASES HERE -------------------------------------------------------------------
  // { name: '…', available: handlerExists('…'), async setup(ctx, { scale, cases }) { … }, async operation(ctx) { … } },
];

// What a capacity operation gets (the runtime, in-process calls, seeding) and what it is made of, with the
// setups the operations share: a new case, one in progress, one resolved, an escalation waiting at level 1,
// a register file for the go-live import.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalExecution } from '../../infra/local/workflow.ts';
import { caseBody } from './events.ts';
import type { Reply } from './scaling.ts';
import type { SeededCase, SeedOptions } from './seed.ts';
import { ROOT, sleep } from './stats.ts';

export interface OpRequest {
  user?: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface OpContext {
  now: Date;
  /** 1 or 10: how much is stored around the operation. */
  scale: number;
  table: string;
  /** A document client that the meter does not count (setup and checks). */
  raw: DynamoDBDocumentClient;
  /** An API handler in-process, API Gateway-shaped; metered while a tally is open. */
  invoke(routeId: string, req: OpRequest): Promise<Reply>;
  /** A scheduled handler with the event EventBridge Scheduler sends; one scheduler invocation. */
  schedule(handlerId: string, at?: Date): Promise<any>;
  seedCases(count: number, opts?: SeedOptions): Promise<SeededCase[]>;
  settle(): Promise<void>;
  executions(): LocalExecution[];
}

export interface CapacityOp<S = any> {
  name: string;
  /** The route or handler, as a reader knows it. */
  what: string;
  /** functions/<id>/handler.ts that must exist. */
  needs: string[];
  /** The figures are for `count` units: subtract the op named `minus` (a fixed part), then divide. */
  per?: { unit: string; count: number; minus?: string };
  reps?: number;
  setup?(ctx: OpContext, rep: number): Promise<S>;
  run(ctx: OpContext, s: S, rep: number): Promise<void>;
}

export const handlerExists = (id: string) => existsSync(join(ROOT, 'functions', id, 'handler.ts'));

export const STAFF = 'staff.patna1';
export const ADMIN = 'admin.patna1';
export const WORKER = 'patna-1-s1';

export function expect2xx(res: Reply, what: string): Reply {
  if (res.status < 200 || res.status > 299)
    throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res;
}

export async function newCase(ctx: OpContext, extra: Record<string, unknown> = {}) {
  const res = expect2xx(
    await ctx.invoke('create-case', { user: STAFF, body: { ...caseBody(), ...extra } }),
    'create-case',
  );
  return res.body as { caseId: string; caseNumber: string; version?: number };
}

export const onCase = (caseId: string) => ({ pathParameters: { caseId } });

export async function inProgress(ctx: OpContext) {
  const c = await newCase(ctx);
  expect2xx(
    await ctx.invoke('change-status', { user: STAFF, ...onCase(c.caseId), body: { status: 'IN_PROGRESS' } }),
    'status',
  );
  return c;
}

export async function resolved(ctx: OpContext) {
  const c = await inProgress(ctx);
  const body = { outcome: 'Safe with her family', followUpWorkerId: WORKER };
  expect2xx(await ctx.invoke('resolve-case', { user: STAFF, ...onCase(c.caseId), body }), 'resolve');
  return c;
}

/**
 * A case through a typical life to its end: in progress, three services, resolved, every follow-up found her
 * safe, closed. What the retention job finds years later.
 */
export async function closedCase(ctx: OpContext) {
  const c = await inProgress(ctx);
  for (const type of ['COUNSELLING', 'LEGAL_AID', 'MEDICAL'])
    expect2xx(await ctx.invoke('record-service', { user: STAFF, ...onCase(c.caseId), body: { type } }), 'service');
  const body = { outcome: 'Safe with her family', followUpWorkerId: WORKER };
  const res = expect2xx(await ctx.invoke('resolve-case', { user: STAFF, ...onCase(c.caseId), body }), 'resolve');
  for (const f of res.body.followUps as Array<{ followUpId: string }>)
    expect2xx(
      await ctx.invoke('record-follow-up', {
        user: STAFF,
        pathParameters: { caseId: c.caseId, followUpId: f.followUpId },
        body: { outcome: 'SAFE' },
      }),
      'follow-up',
    );
  return c;
}

/** Waits until the escalation's workflow has notified its first level and is waiting. */
export async function waitingAtLevelOne(ctx: OpContext, caseId: string, escalationId: string): Promise<void> {
  const until = Date.now() + 20_000;
  for (;;) {
    const e = ctx.executions().find((x) => x.input.caseId === caseId && x.input.escalationId === escalationId);
    if (e?.waiting && e.status === 'RUNNING') return;
    if (e && e.status !== 'RUNNING')
      throw new Error(`the escalation workflow ended ${e.status} before level 1 waited: ${JSON.stringify(e)}`);
    if (Date.now() > until) throw new Error('the escalation workflow did not reach its first wait in 20 s');
    await sleep(10);
  }
}

/**
 * The escalation a background job started on a case (the deadline check's DEADLINE_MISSED), once its workflow
 * has notified level 1 and waits: its id, for the acknowledgement.
 */
export async function escalationWaiting(ctx: OpContext, caseId: string): Promise<string> {
  const until = Date.now() + 20_000;
  for (;;) {
    const e = ctx.executions().find((x) => x.input.caseId === caseId);
    if (e) {
      const escalationId = String(e.input.escalationId);
      await waitingAtLevelOne(ctx, caseId, escalationId);
      return escalationId;
    }
    if (Date.now() > until) throw new Error(`no escalation workflow started for case ${caseId} in 20 s`);
    await sleep(10);
  }
}

/** A register row per case, as the go-live template has it (CONTRACT.md, "Go-live import"). */
export function registerCsv(rep: number, rows: number, registeredOn: string): string {
  const header =
    'registerNumber,registeredOn,name,age,phone,district,categories,referralSource,riskLevel,status,' +
    'resolvedOn,followUpWorkerId';
  const day = registeredOn.split('-').reverse().join('/');
  const lines = Array.from({ length: rows }, (_, i) =>
    [
      `BENCH-${Date.now()}-${rep}/${i + 1}`,
      day,
      `Imported Survivor ${i}`,
      String(20 + i),
      '',
      'Patna',
      'DOMESTIC_VIOLENCE',
      'SELF',
      'LOW',
      'REGISTERED',
      '',
      '',
    ].join(','),
  );
  return `${[header, ...lines].join('\r\n')}\r\n`;
}

export const isPresent = (op: CapacityOp) => op.needs.every(handlerExists);

// The local stand-in for Step Functions: the escalation state machine's definition rendered from the same
// CDK code the stack deploys (escalationDefinition), run by aws-local-stepfunctions, with each Lambda task
// bound to the same handler and every Wait replaced by OSC_LOCAL_WAIT_SECONDS.
//
// The wait for an acknowledgement is held at the gate of the check that follows it (the Wait itself takes
// no time here): the gate opens after the wait's seconds, or when `advance` opens it. With an infinite wait
// (the tests), an escalation stays at its level until a test advances it, so no test depends on the clock:
// it acknowledges while a level is open, or advances and then waits for the next level it reads.

import type { Context } from 'aws-lambda';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { WorkflowStarter } from '#shared/escalations/workflow.ts';
import { ESCALATION_STATES, ESCALATION_TASK_STATES } from '../constructs/escalation-states.ts';

const TASK_ARN = 'arn:aws:lambda:ap-south-1:000000000000:function:escalation-workflow';

/** Synthesizes the definition exactly as the stack does, and returns its ASL. */
export async function renderEscalationAsl(): Promise<StateMachineDefinition> {
  const [{ App, Stack }, lambda, sfn, { escalationDefinition }] = await Promise.all([
    import('aws-cdk-lib'),
    import('aws-cdk-lib/aws-lambda'),
    import('aws-cdk-lib/aws-stepfunctions'),
    import('../constructs/escalation-definition.ts'),
  ]);
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'LocalRender', { env: { account: '000000000000', region: 'ap-south-1' } });
  const fn = lambda.Function.fromFunctionArn(stack, 'Tasks', TASK_ARN);
  const machine = new sfn.StateMachine(stack, 'Escalation', {
    definitionBody: sfn.DefinitionBody.fromChainable(escalationDefinition(stack, fn)),
  });
  const cfn = machine.node.defaultChild as InstanceType<typeof sfn.CfnStateMachine>;
  const resolved = stack.resolve(cfn.definitionString) as string | { 'Fn::Join': [string, unknown[]] };
  const text =
    typeof resolved === 'string'
      ? resolved
      : resolved['Fn::Join'][1].map((p) => (typeof p === 'string' ? p : 'aws')).join(resolved['Fn::Join'][0]);
  return JSON.parse(text) as StateMachineDefinition;
}

export interface LocalExecution {
  name: string;
  input: Record<string, unknown>;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  startDate: string;
  stopDate?: string;
  output?: unknown;
  error?: string;
  /** Task states entered, in order (for tests and for a person reading `GET /_local/executions`). */
  states: string[];
  /**
   * Every state entered (Task, Wait, Choice, Pass, Succeed, Fail; a retry enters again): what Step Functions
   * Standard bills as state transitions.
   */
  transitions: number;
  /** Waiting at a level for an acknowledgement (until the wait ends or a test advances it). */
  waiting: boolean;
}

/** About 23 days: the longest a Node timer runs (a task's timeout is one). */
const LONGEST_LOCAL_WAIT_SECONDS = 2_000_000;

type TaskHandler = (input: Record<string, unknown>, context: Context) => Promise<unknown>;

interface Gate {
  open: (how?: 'opened' | 'stopped') => void;
  opened: Promise<'opened' | 'stopped'>;
}

export class LocalStepFunctions implements WorkflowStarter {
  /** Rendered on first use: loading aws-cdk-lib takes a second that `npm start` need not wait for. */
  private machine: Promise<StateMachine> | undefined;
  readonly executions = new Map<string, LocalExecution>();
  private readonly running = new Map<string, { abort: () => void; result: Promise<unknown> }>();
  /** Executions that have notified a level and not yet checked it: the opener of each one's wait. */
  private readonly gates = new Map<string, Gate>();

  constructor(
    private readonly taskHandler: TaskHandler,
    private readonly context: () => Context,
    private readonly waitSeconds: number,
    private readonly retryIntervalMs = 100,
  ) {}

  private definition(): Promise<StateMachine> {
    this.machine ??= renderEscalationAsl().then((asl) => {
      // The wait is held at the check (below), so locally the check may take as long as the wait: without a
      // timeout of its own aws-local-stepfunctions gives every task 60 s. (Step Functions is not told this.)
      const check = asl.States[ESCALATION_STATES.check] as { TimeoutSeconds?: number };
      check.TimeoutSeconds = Number.isFinite(this.waitSeconds)
        ? Math.ceil(this.waitSeconds) + 60
        : LONGEST_LOCAL_WAIT_SECONDS;
      return new StateMachine(asl, { validationOptions: { checkArn: true, checkPaths: true } });
    });
    return this.machine;
  }

  async start(name: string, input: Record<string, unknown>): Promise<void> {
    // Step Functions keeps execution names unique per state machine: a second start is the same execution.
    if (this.executions.has(name)) return;
    const execution: LocalExecution = {
      name,
      input,
      status: 'RUNNING',
      startDate: new Date().toISOString(),
      states: [],
      transitions: 0,
      waiting: false,
    };
    this.executions.set(name, execution);
    const handlers = Object.fromEntries(
      ESCALATION_TASK_STATES.map((state) => [
        state,
        async (payload: unknown) => {
          // The wait for an acknowledgement, before the first check of a level (a retried check waits no more).
          const gate = state === ESCALATION_STATES.check ? this.gates.get(name) : undefined;
          if (gate) {
            execution.waiting = true;
            const outcome = await gate.opened;
            execution.waiting = false;
            this.gates.delete(name);
            // The runtime stops: the execution is aborted already; end the task without touching the table.
            if (outcome === 'stopped') return { ...(payload as object), ended: true } as never;
          }
          execution.states.push(state);
          const result = await this.taskHandler(payload as Record<string, unknown>, this.context());
          if (state === ESCALATION_STATES.notify) this.gates.set(name, this.gate());
          return result as never;
        },
      ]),
    );
    const machine = await this.definition();
    const run = machine.run(input as never, {
      overrides: {
        taskResourceLocalHandlers: handlers,
        waitTimeOverrides: { [ESCALATION_STATES.wait]: 0 },
        retryIntervalOverrides: Object.fromEntries(ESCALATION_TASK_STATES.map((s) => [s, this.retryIntervalMs])),
      },
    });
    void (async () => {
      for await (const event of run.eventLogs) if (event.type === 'StateEntered') execution.transitions++;
    })().catch(() => undefined);
    const result = run.result
      .then(
        (output) => {
          execution.status = 'SUCCEEDED';
          execution.output = output;
        },
        (err: Error) => {
          execution.status = err.name === 'ExecutionAbortedError' ? 'ABORTED' : 'FAILED';
          execution.error = err.message;
        },
      )
      .finally(() => {
        execution.stopDate = new Date().toISOString();
        execution.waiting = false;
        this.running.delete(name);
        // Ended, or aborted (stop() has opened its gate as stopped).
        this.gates.delete(name);
      });
    this.running.set(name, { abort: run.abort, result });
  }

  list(): LocalExecution[] {
    return [...this.executions.values()].sort((a, b) => a.startDate.localeCompare(b.startDate));
  }

  /** A wait that opens after the configured seconds (never, when infinite) or when advanced. */
  private gate(): Gate {
    let open: Gate['open'] = () => undefined;
    const opened = new Promise<'opened' | 'stopped'>((resolve) => {
      open = (how = 'opened') => resolve(how);
    });
    if (Number.isFinite(this.waitSeconds)) setTimeout(() => open(), this.waitSeconds * 1000).unref();
    return { open, opened };
  }

  /**
   * Ends the wait of the executions whose name starts with `prefix` (a case id) that wait for an
   * acknowledgement, waiting up to `ms` for one to get there; returns their names (none: nothing waited).
   */
  async advance(prefix: string, ms = 15_000): Promise<string[]> {
    const end = Date.now() + ms;
    for (;;) {
      const ready = [...this.executions.values()].filter((e) => e.waiting && e.name.startsWith(prefix));
      if (ready.length || Date.now() > end) {
        for (const e of ready) {
          e.waiting = false;
          this.gates.get(e.name)?.open();
        }
        return ready.map((e) => e.name);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Waits until every execution has ended, or (with an infinite wait) waits at a level for an
   * acknowledgement that only a test's `advance` ends (tests).
   */
  async settle(): Promise<void> {
    const idle = (name: string) => !Number.isFinite(this.waitSeconds) && this.executions.get(name)?.waiting;
    for (;;) {
      const busy = [...this.running.keys()].filter((name) => !idle(name));
      if (!busy.length) return;
      await Promise.race([
        ...busy.map((name) => this.running.get(name)?.result),
        new Promise((r) => setTimeout(r, 20)),
      ]);
    }
  }

  async stop(): Promise<void> {
    for (const r of this.running.values()) r.abort();
    // A check waiting at its gate ends without running (the table is going away), and its task's timer with it.
    for (const g of this.gates.values()) g.open('stopped');
    await Promise.allSettled([...this.running.values()].map((r) => r.result));
  }
}

// The local stand-in for Step Functions: the escalation state machine's definition rendered from the same
// CDK code the stack deploys (escalationDefinition), run by aws-local-stepfunctions, with each Lambda task
// bound to the same handler and every Wait replaced by OSC_LOCAL_WAIT_SECONDS.

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
}

type TaskHandler = (input: Record<string, unknown>, context: Context) => Promise<unknown>;

export class LocalStepFunctions implements WorkflowStarter {
  /** Rendered on first use: loading aws-cdk-lib takes a second that `npm start` need not wait for. */
  private machine: Promise<StateMachine> | undefined;
  readonly executions = new Map<string, LocalExecution>();
  private readonly running = new Map<string, { abort: () => void; result: Promise<unknown> }>();

  constructor(
    private readonly taskHandler: TaskHandler,
    private readonly context: () => Context,
    private readonly waitSeconds: number,
    private readonly retryIntervalMs = 100,
  ) {}

  private definition(): Promise<StateMachine> {
    this.machine ??= renderEscalationAsl().then(
      (asl) => new StateMachine(asl, { validationOptions: { checkArn: true, checkPaths: true } }),
    );
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
    };
    this.executions.set(name, execution);
    const handlers = Object.fromEntries(
      ESCALATION_TASK_STATES.map((state) => [
        state,
        async (payload: unknown) => {
          execution.states.push(state);
          return (await this.taskHandler(payload as Record<string, unknown>, this.context())) as never;
        },
      ]),
    );
    const machine = await this.definition();
    const run = machine.run(input as never, {
      overrides: {
        taskResourceLocalHandlers: handlers,
        waitTimeOverrides: { [ESCALATION_STATES.wait]: this.waitSeconds * 1000 },
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
        this.running.delete(name);
      });
    this.running.set(name, { abort: run.abort, result });
  }

  list(): LocalExecution[] {
    return [...this.executions.values()].sort((a, b) => a.startDate.localeCompare(b.startDate));
  }

  /** Waits until every running execution has ended (tests). */
  async settle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()].map((r) => r.result));
  }

  async stop(): Promise<void> {
    for (const r of this.running.values()) r.abort();
    await Promise.allSettled([...this.running.values()].map((r) => r.result));
  }
}

// The escalation workflow port: Step Functions in AWS; the local runtime sets aws-local-stepfunctions.
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';

export interface WorkflowStarter {
  /** Starts an execution by name; a name already used is not an error (the start already happened). */
  start(name: string, input: Record<string, unknown>): Promise<void>;
}

class StepFunctionsStarter implements WorkflowStarter {
  private readonly sfn = new SFNClient({});
  constructor(private readonly stateMachineArn: string) {}

  async start(name: string, input: Record<string, unknown>): Promise<void> {
    try {
      await this.sfn.send(
        new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name, input: JSON.stringify(input) }),
      );
    } catch (err) {
      if ((err as { name?: string }).name === 'ExecutionAlreadyExists') return;
      throw err;
    }
  }
}

let starter: WorkflowStarter | undefined;

export function workflowStarter(): WorkflowStarter {
  if (!starter) {
    const arn = process.env.ESCALATION_STATE_MACHINE_ARN;
    if (!arn) throw new Error('Missing environment variable ESCALATION_STATE_MACHINE_ARN');
    starter = new StepFunctionsStarter(arn);
  }
  return starter;
}

export function setWorkflowStarter(s: WorkflowStarter): void {
  starter = s;
}

// The Step Functions adapter of the workflow port: an execution per escalation, named after it, so a
// repeated start (a retried stream record) finds the name taken and starts nothing new.
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { WorkflowStarter } from '../escalations/workflow.ts';

export class StepFunctionsStarter implements WorkflowStarter {
  constructor(
    private readonly stateMachineArn: string,
    private readonly sfn = new SFNClient({}),
  ) {}

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

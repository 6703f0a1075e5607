// The Step Functions adapter of the workflow port: an execution per escalation, named after it, so a
// repeated start (a retried stream record) finds the name taken and starts nothing new. StartExecution in
// the JSON protocol (aws-json.ts), not the SDK client: the stream dispatcher is its only caller.
import type { WorkflowStarter } from '../escalations/workflow.ts';
import type { AwsJsonClient } from './aws-json.ts';
import { AwsRequestError } from './signed-http.ts';

export class StepFunctionsStarter implements WorkflowStarter {
  constructor(
    private readonly stateMachineArn: string,
    private readonly states: AwsJsonClient,
  ) {}

  async start(name: string, input: Record<string, unknown>): Promise<void> {
    try {
      await this.states.call('StartExecution', {
        stateMachineArn: this.stateMachineArn,
        name,
        input: JSON.stringify(input),
      });
    } catch (err) {
      if (err instanceof AwsRequestError && err.code === 'ExecutionAlreadyExists') return;
      throw err;
    }
  }
}

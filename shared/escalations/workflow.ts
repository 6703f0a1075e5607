// The escalation workflow port: Step Functions in AWS (shared/aws/step-functions.ts), aws-local-stepfunctions
// running the same definition in the local runtime.
export interface WorkflowStarter {
  /** Starts an execution by name; a name already used is not an error (the start already happened). */
  start(name: string, input: Record<string, unknown>): Promise<void>;
}

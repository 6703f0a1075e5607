// The escalation state machine's state names, without CDK: the local runtime binds its task handlers and
// Wait overrides by these names, and loads aws-cdk-lib only when it renders the definition.
/** State names: the local runtime binds tasks and Wait overrides by these. */
export const ESCALATION_STATES = {
  notify: 'NotifyLevel',
  wait: 'WaitForAcknowledgement',
  check: 'CheckAcknowledgement',
  decide: 'Acknowledged?',
  next: 'NextLevel',
  unacknowledged: 'MarkUnacknowledged',
  recordFailure: 'RecordFailure',
} as const;

export const ESCALATION_TASK_STATES = [
  ESCALATION_STATES.notify,
  ESCALATION_STATES.check,
  ESCALATION_STATES.unacknowledged,
  ESCALATION_STATES.recordFailure,
] as const;

export const MAX_ESCALATION_LEVEL = 3;

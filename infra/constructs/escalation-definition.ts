// The escalation state machine's definition: Lambda tasks, a Wait, a Choice and a Pass only, so that the
// very same definition runs in Step Functions and, locally, in aws-local-stepfunctions. The stack and the
// local runtime both build it with this function; nothing else describes the workflow.
//
//   NotifyLevel → WaitForAcknowledgement → CheckAcknowledgement → Acknowledged?
//        ▲                                                         │ yes → Acknowledged (end)
//        └──────────── NextLevel ◀── level < 3 ────────────────────┤
//                                    level = 3 → MarkUnacknowledged → Unacknowledged (end)
//   any task failing after its retries → RecordFailure → Failed (end)
import { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';

export { ESCALATION_STATES, ESCALATION_TASK_STATES, MAX_ESCALATION_LEVEL } from './escalation-states.ts';

import { ESCALATION_STATES, MAX_ESCALATION_LEVEL } from './escalation-states.ts';

export function escalationDefinition(scope: Construct, taskFn: lambda.IFunction): sfn.IChainable {
  const step = (
    id: string,
    name: 'notify' | 'check' | 'unacknowledged' | 'failed',
    extra: Record<string, unknown> = {},
  ) =>
    new tasks.LambdaInvoke(scope, id, {
      stateName: id,
      lambdaFunction: taskFn,
      payloadResponseOnly: true,
      payload: sfn.TaskInput.fromObject({
        step: name,
        'caseId.$': '$.caseId',
        'escalationId.$': '$.escalationId',
        'level.$': '$.level',
        ...extra,
      }),
      retryOnServiceExceptions: false,
    });

  const withRetry = <T extends tasks.LambdaInvoke>(t: T): T => {
    t.addRetry({
      errors: ['States.ALL'],
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 4,
      maxDelay: Duration.seconds(60),
    });
    return t;
  };

  const failed = new sfn.Fail(scope, 'Failed', {
    error: 'EscalationFailed',
    cause: 'A step failed after its retries; recorded on the case',
  });
  const recordFailure = withRetry(step(ESCALATION_STATES.recordFailure, 'failed', { 'error.$': '$.error' })).next(
    failed,
  );
  const onError = <T extends tasks.LambdaInvoke>(t: T): T => {
    t.addCatch(recordFailure, { errors: ['States.ALL'], resultPath: '$.error' });
    return t;
  };

  const notify = onError(withRetry(step(ESCALATION_STATES.notify, 'notify')));
  const wait = new sfn.Wait(scope, ESCALATION_STATES.wait, {
    stateName: ESCALATION_STATES.wait,
    time: sfn.WaitTime.secondsPath('$.waitSeconds'),
  });
  const check = onError(withRetry(step(ESCALATION_STATES.check, 'check')));
  const acknowledged = new sfn.Succeed(scope, 'Acknowledged', {
    comment: 'Someone took responsibility, or the escalation ended otherwise',
  });
  const unacknowledged = onError(withRetry(step(ESCALATION_STATES.unacknowledged, 'unacknowledged'))).next(
    new sfn.Succeed(scope, 'Unacknowledged', { comment: 'Nobody acknowledged at any level; the alarm is raised' }),
  );
  const nextLevel = new sfn.Pass(scope, ESCALATION_STATES.next, {
    stateName: ESCALATION_STATES.next,
    parameters: {
      'caseId.$': '$.caseId',
      'escalationId.$': '$.escalationId',
      'level.$': 'States.MathAdd($.level, 1)',
    },
  });

  const decide = new sfn.Choice(scope, ESCALATION_STATES.decide, { stateName: ESCALATION_STATES.decide })
    .when(
      sfn.Condition.or(
        sfn.Condition.booleanEquals('$.acknowledged', true),
        sfn.Condition.booleanEquals('$.ended', true),
      ),
      acknowledged,
    )
    .when(sfn.Condition.numberLessThan('$.level', MAX_ESCALATION_LEVEL), nextLevel.next(notify))
    .otherwise(unacknowledged);

  // A level that was already answered while its SMS went out skips the wait.
  const afterNotify = new sfn.Choice(scope, 'AlreadyEnded?')
    .when(sfn.Condition.booleanEquals('$.ended', true), acknowledged)
    .otherwise(wait.next(check).next(decide));

  return notify.next(afterNotify);
}

// The follow-up reminder schedule and the escalation workflow, as deployed: the schedule's time, time zone,
// retry and dead-letter queue; the state machine's type, logging, tracing and each task's retry and catch
// (read from the parsed definition, not compared as a string); the stream dispatcher's filter and DLQ; and
// what each of their roles may do.
import { describe, expect, it } from 'vitest';
import type { HandlerFunction } from '../../infra/constructs/handler-function.ts';
import { TEMPLATES } from '../../shared/notifications/sms.ts';
import {
  actionsOfRole,
  emittedMetrics,
  joinedJson,
  joinedText,
  logicalIdOf,
  resourcesOf,
  STAFF_ACCOUNT_ACTIONS,
  statementsOfRole,
  synthStage,
  WITHOUT_CFN_VALIDATION,
} from './synth.ts';

const stage = 'prod';
const s = () => synthStage(stage, WITHOUT_CFN_VALIDATION);
const props = (id: string) => s().template.toJSON().Resources[id].Properties;
/** The event source mapping that feeds a handler. */
const mappingOf = (h: HandlerFunction): Record<string, any> => {
  const found = Object.values(resourcesOf(s().template, 'AWS::Lambda::EventSourceMapping'))
    .map((m) => m.Properties as Record<string, any>)
    .filter((m) => JSON.stringify(m.FunctionName) === JSON.stringify({ Ref: logicalIdOf(h.fn) }));
  expect(found, h.handlerId).toHaveLength(1);
  return found[0];
};
const services = (actions: string[]) => [...new Set(actions.map((a) => a.split(':')[0]))].sort();
/** EventBridge Scheduler's placeholder for the time a run was due: the handlers work from it, not from now. */
const SCHEDULED_TIME_INPUT = { scheduledTime: '<aws.scheduler.scheduled-time>' };
/** The escalation workflow's state names, as its execution history shows them. */
const STATES = {
  notify: 'NotifyLevel',
  wait: 'WaitForAcknowledgement',
  recordFailure: 'RecordFailure',
  tasks: ['CheckAcknowledgement', 'MarkUnacknowledged', 'NotifyLevel', 'RecordFailure'],
};
/** The stream items a consumer gets: new items (INSERT) of the given types. */
const newItemsOf = (...types: string[]) => ({ eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: types } } } });

/**
 * The DLT template ids a handler is given: one per message of shared/notifications/sms.ts and language (the
 * messages the code sends, listed here from those, not from the stage config), each a 19-digit DLT id; the
 * stage config holds the placeholders 1007000000000000001...
 */
function expectTemplateIds(json: string) {
  const ids = JSON.parse(json) as Record<string, string>;
  const messages = Object.entries(TEMPLATES).flatMap(([name, langs]) => Object.keys(langs).map((l) => `${name}.${l}`));
  expect(Object.keys(ids).sort()).toEqual(messages.sort());
  expect(Object.values(ids).sort()).toEqual(messages.map((_, i) => String(1007000000000000001n + BigInt(i))));
}
/** What every handler has anyway: its table grant (with the table key), its own logs, X-Ray. */
const BASE_SERVICES = ['dynamodb', 'kms', 'logs', 'xray'];

describe('follow-up reminder schedule', () => {
  const sweep = () => s().stack.reminders.sweep;

  it('fires the sweep every day at 09:00 Asia/Kolkata with its scheduled time as input', () => {
    const schedule = props(logicalIdOf(s().stack.reminders.schedule));
    expect(schedule).toMatchObject({
      ScheduleExpression: 'cron(0 9 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Kolkata',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: { Arn: { 'Fn::GetAtt': [logicalIdOf(sweep().fn), 'Arn'] } },
    });
    expect(JSON.parse(schedule.Target.Input)).toEqual(SCHEDULED_TIME_INPUT);
  });

  it('retries, then parks the event in an encrypted dead-letter queue that raises an alarm', () => {
    const dlqId = logicalIdOf(s().stack.reminders.dlq);
    const target = props(logicalIdOf(s().stack.reminders.schedule)).Target;
    expect(target.RetryPolicy.MaximumRetryAttempts).toBeGreaterThanOrEqual(3);
    expect(target.RetryPolicy.MaximumEventAgeInSeconds).toBeLessThanOrEqual(24 * 3600);
    expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [dlqId, 'Arn'] } });
    expect(props(dlqId)).toMatchObject({ SqsManagedSseEnabled: true });
    expect(props(logicalIdOf(s().stack.reminders.dlqAlarm))).toMatchObject({
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
      AlarmActions: [{ Ref: logicalIdOf(s().stack.opsTopic.topic) }],
    });
  });

  it('runs the schedule with its own role, which may invoke only the sweep and write only to the DLQ', () => {
    const roleId = props(logicalIdOf(s().stack.reminders.schedule)).Target.RoleArn['Fn::GetAtt'][0];
    const statements = statementsOfRole(s().template, roleId);
    expect(statements.flatMap((st) => [st.Action].flat()).sort()).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
    expect(JSON.stringify(statements)).toContain(logicalIdOf(sweep().fn));
  });

  it('lets the sweep read and write the table, send SMS and report a failed run, and nothing else', () => {
    const roleId = logicalIdOf(sweep().role);
    const actions = actionsOfRole(s().template, roleId);
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:PutItem', 'sns:Publish']),
    );
    expect(services(actions)).toEqual([...BASE_SERVICES, 'sns', 'sqs'].sort());
    // Allowed on phone numbers ("*"), denied on every topic.
    const sns = statementsOfRole(s().template, roleId).filter((st) => [st.Action].flat().includes('sns:Publish'));
    expect(sns.map((st) => [st.Effect, st.Action, joinedText(st.Resource)])).toEqual([
      ['Allow', 'sns:Publish', '*'],
      ['Deny', 'sns:Publish', 'arn:<Ref:AWS::Partition>:sns:*:*:*'],
    ]);
  });

  it("gives the sweep the stage's SMS sender, DLT entity and one template id per template and language", () => {
    const env = props(logicalIdOf(sweep().fn)).Environment.Variables;
    expect(env).toMatchObject({ SMS_SENDER_ID: 'SAKHIO', SMS_ENTITY_ID: '1001000000000000001' });
    expectTemplateIds(env.SMS_TEMPLATE_IDS);
  });
});

describe('escalation workflow', () => {
  const esc = () => s().stack.escalation;
  const machine = () => props(logicalIdOf(esc().stateMachine));
  const definition = () =>
    joinedJson(machine().DefinitionString) as { StartAt: string; States: Record<string, Record<string, any>> };

  it('is a Standard state machine with full logging (no execution data) and X-Ray', () => {
    expect(machine()).toMatchObject({
      StateMachineType: 'STANDARD',
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
      TracingConfiguration: { Enabled: true },
    });
  });

  it('starts by notifying the first level and waits for acknowledgement between levels', () => {
    const d = definition();
    expect(d.StartAt).toBe(STATES.notify);
    expect(d.States[STATES.notify]).toMatchObject({ Type: 'Task' });
    expect(d.States[STATES.wait]).toMatchObject({ Type: 'Wait', SecondsPath: '$.waitSeconds' });
  });

  it('runs each task on the workflow function, with a backoff retry and, but for the failure recorder, a catch', () => {
    const fnId = logicalIdOf(esc().workflowFunction.fn);
    const tasks = Object.entries(definition().States).filter(([, st]) => st.Type === 'Task');
    expect(tasks.map(([name]) => name).sort()).toEqual(STATES.tasks);
    for (const [name, task] of tasks) {
      expect(JSON.stringify(task.Parameters?.FunctionName ?? task.Resource), name).toContain(fnId);
      expect(task.Retry, name).toEqual([
        expect.objectContaining({
          ErrorEquals: ['States.ALL'],
          BackoffRate: expect.any(Number),
          IntervalSeconds: expect.any(Number),
          MaxAttempts: expect.any(Number),
        }),
      ]);
      expect(task.Retry[0].BackoffRate, name).toBeGreaterThan(1);
      // The failure recorder is where every catch leads; its own failure fails the execution (and alarms).
      if (name === STATES.recordFailure) continue;
      expect(task.Catch, name).toEqual([
        expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: STATES.recordFailure }),
      ]);
    }
  });

  it('lets the state machine invoke only the workflow function', () => {
    const roleId = machine().RoleArn['Fn::GetAtt'][0];
    const invoke = statementsOfRole(s().template, roleId).filter((st) =>
      [st.Action].flat().includes('lambda:InvokeFunction'),
    );
    expect(invoke).toHaveLength(1);
    const fnId = logicalIdOf(esc().workflowFunction.fn);
    for (const r of [invoke[0].Resource].flat()) expect(JSON.stringify(r)).toContain(fnId);
  });

  it('gives the task function the escalation windows, the SMS settings and table and SMS access only', () => {
    const env = props(logicalIdOf(esc().workflowFunction.fn)).Environment.Variables;
    // Centre admin, district officer, state: 24, 48 and 72 hours to acknowledge.
    expect(env.ESCALATION_WINDOWS_HOURS).toBe('24,48,72');
    expect(env.ESCALATION_SMS_DAILY_CAP).toBe('100');
    expectTemplateIds(env.SMS_TEMPLATE_IDS);
    const actions = actionsOfRole(s().template, logicalIdOf(esc().workflowFunction.role));
    expect(services(actions)).toEqual([...BASE_SERVICES, 'sns'].sort());
    expect(actions).toContain('dynamodb:UpdateItem');
  });

  it('lets the stream dispatcher start executions of this state machine, and tells it which', () => {
    const machineId = logicalIdOf(esc().stateMachine);
    const env = props(logicalIdOf(esc().dispatcher.fn)).Environment.Variables;
    expect(env.ESCALATION_STATE_MACHINE_ARN).toEqual({ Ref: machineId });
    const start = statementsOfRole(s().template, logicalIdOf(esc().dispatcher.role)).filter((st) =>
      [st.Action].flat().includes('states:StartExecution'),
    );
    expect(start).toEqual([expect.objectContaining({ Effect: 'Allow', Resource: { Ref: machineId } })]);
    const actions = actionsOfRole(s().template, logicalIdOf(esc().dispatcher.role));
    expect(services(actions)).toEqual([...BASE_SERVICES, 'sns', 'sqs', 'states'].sort());
  });

  it('feeds the dispatcher only new ESCALATION, NOTIFICATION and ACCOUNT items of the stream, with a DLQ', () => {
    const m = mappingOf(esc().dispatcher);
    expect(m).toMatchObject({
      FunctionName: { Ref: logicalIdOf(esc().dispatcher.fn) },
      EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(s().stack.table), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalIdOf(esc().dispatchDlq), 'Arn'] } } },
    });
    expect(m.MaximumRetryAttempts).toBeGreaterThan(0);
    expect(m.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern))).toEqual([
      newItemsOf('ESCALATION', 'NOTIFICATION', 'ACCOUNT'),
    ]);
  });

  it('alarms the operators on an unacknowledged or failed escalation and an undispatched record', () => {
    const topic = { Ref: logicalIdOf(s().stack.opsTopic.topic) };
    const alarms = esc().alarms.map((a) => props(logicalIdOf(a)));
    for (const a of alarms) expect(a.AlarmActions).toEqual([topic]);
    const metrics = alarms.map((a) => `${a.Namespace}/${a.MetricName}`);
    expect(metrics).toEqual(
      expect.arrayContaining([
        'SakhiOsc/EscalationUnacknowledged',
        'SakhiOsc/EscalationFailed',
        'SakhiOsc/EscalationSmsCapped',
        'AWS/States/ExecutionsFailed',
        'AWS/SQS/ApproximateNumberOfMessagesVisible',
      ]),
    );
    const unack = alarms.find((a) => a.MetricName === 'EscalationUnacknowledged');
    expect(unack.Dimensions).toEqual([{ Name: 'service', Value: 'sakhi-osc' }]);
    // Each alarm on the handlers' own namespace watches a metric their code emits.
    for (const a of alarms.filter((x) => x.Namespace === 'SakhiOsc')) expect(emittedMetrics()).toContain(a.MetricName);
  });
});

describe('staff sign-in sync (account-sync)', () => {
  const sync = () => s().stack.accountSync;

  it('is no stream consumer: the dispatcher alone reads the stream and forwards ACCOUNT items to its queue', () => {
    const consumers = Object.values(resourcesOf(s().template, 'AWS::Lambda::EventSourceMapping'))
      .map((m) => m.Properties as Record<string, any>)
      .filter((m) => JSON.stringify(m.EventSourceArn).includes('StreamArn'))
      .map((m) => m.FunctionName.Ref as string);
    // Named by the role of each consuming function (functions/<id>).
    const roleOf = (fnId: string) => props(props(fnId).Role['Fn::GetAtt'][0]).Description;
    expect(consumers.map(roleOf)).toEqual(['Sakhi OSC stream-dispatcher handler']);
    expect(sync().handler.handlerId).toBe('account-sync');
  });

  it('consumes its own encrypted FIFO queue (TLS only, a DLQ that alarms); only the dispatcher may send to it', () => {
    const queueId = logicalIdOf(sync().queue);
    expect(mappingOf(sync().handler)).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(props(queueId)).toMatchObject({
      FifoQueue: true,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [logicalIdOf(sync().dlq), 'Arn'] } },
    });
    const tls = Object.values(resourcesOf(s().template, 'AWS::SQS::QueuePolicy')).find((p) =>
      JSON.stringify(p.Properties?.Queues).includes(queueId),
    );
    expect(JSON.stringify(tls?.Properties?.PolicyDocument)).toContain('aws:SecureTransport');
    expect(props(logicalIdOf(sync().dlqAlarm)).AlarmActions).toEqual([{ Ref: logicalIdOf(s().stack.opsTopic.topic) }]);
    const senders = Object.values(resourcesOf(s().template, 'AWS::IAM::Policy')).filter((p) => {
      const doc = JSON.stringify(p.Properties?.PolicyDocument);
      return doc.includes('sqs:SendMessage') && doc.includes(queueId);
    });
    expect(senders.map((p) => p.Properties?.Roles)).toEqual([
      [{ Ref: logicalIdOf(s().stack.escalation.dispatcher.role) }],
    ]);
    const env = props(logicalIdOf(s().stack.escalation.dispatcher.fn)).Environment.Variables;
    expect(env.ACCOUNT_QUEUE_URL).toEqual({ Ref: queueId });
  });

  it('manages staff accounts of this pool and consumes its queue; reads neither the table nor its stream', () => {
    const roleId = logicalIdOf(sync().handler.role);
    const statements = statementsOfRole(s().template, roleId);
    const cognito = statements.filter((st) => [st.Action].flat().some((a) => a.startsWith('cognito-idp:')));
    expect(cognito).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [logicalIdOf(s().stack.userPool), 'Arn'] },
      }),
    ]);
    expect([cognito[0].Action].flat().sort()).toEqual(STAFF_ACCOUNT_ACTIONS);
    const actions = actionsOfRole(s().template, roleId);
    expect(services(actions)).toEqual(['cognito-idp', 'logs', 'sqs', 'xray']);
    expect(JSON.stringify(statements)).not.toContain(logicalIdOf(s().stack.table));
    const env = props(logicalIdOf(sync().handler.fn)).Environment.Variables;
    expect(env.USER_POOL_ID).toEqual({ Ref: logicalIdOf(s().stack.userPool) });
    expect(env.TABLE_NAME).toBeUndefined();
  });
});

// The reminder sweep with DynamoDB and SNS mocked (aws-sdk-client-mock): the sweep itself is real.

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SnsNotifier } from '#shared/aws/sns-notifier.ts';
import { CaseStore } from '#shared/cases/store.ts';
import { sweepReminders } from '#shared/follow-ups/reminder-sweep.ts';
import { CentreStore } from '#shared/network/centre-store.ts';

const TABLE = 'unit-table';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'ap-south-1' }));
const ddb = mockClient(doc);
const sns = mockClient(SNSClient);
const settings = {
  senderId: 'SAKHIO',
  entityId: '1001000000000000001',
  templateIds: {
    'followUpDue.hi': '1007000000000000011',
    'followUpDue.en': '1007000000000000012',
    'followUpOverdue.en': '1007000000000000013',
    'followUpVisit.hi': '1007000000000000014',
  },
};

const due = (n: number, dueDate: string, workerId: string) => ({
  caseId: `case-${n}`,
  caseNumber: `PAT1/2026-27/0000${n}`,
  centreId: 'osc-patna-1',
  followUpId: '1-01',
  dueDate,
  workerId,
  status: 'PENDING',
  dueSk: `${dueDate}#case-${n}#1-01`,
});

const roster = [
  {
    staffId: 'w-hi',
    centreId: 'osc-patna-1',
    name: 'Worker Hindi',
    role: 'CASE_WORKER',
    phone: '+919000000001',
    language: 'hi',
    active: true,
  },
  {
    staffId: 'w-en',
    centreId: 'osc-patna-1',
    name: 'Worker English',
    role: 'CASE_WORKER',
    phone: '+919000000002',
    language: 'en',
    active: true,
  },
];

function sweep(at: string) {
  const centres = new CentreStore(doc, TABLE);
  return sweepReminders(
    {
      doc,
      table: TABLE,
      centres,
      cases: new CaseStore(doc, TABLE, centres),
      notifier: new SnsNotifier(settings, new SNSClient({ region: 'ap-south-1' })),
      missedAfterDays: 3,
    },
    new Date(at),
  );
}

describe('the reminder sweep (unit)', () => {
  beforeEach(() => {
    // Prepare
    ddb.reset();
    sns.reset();
    ddb
      .on(QueryCommand, { IndexName: 'dueFollowUps' })
      .resolves({ Items: [due(1, '2026-12-07', 'w-hi'), due(2, '2026-12-06', 'w-en')] });
    ddb
      .on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'CENTRE#osc-patna-1', ':s': 'STAFF#' } })
      .resolves({ Items: roster });
    ddb.on(UpdateCommand).resolves({});
    // Both women agreed to phone calls on numbers safe to call, unless a test says otherwise.
    ddb.on(GetCommand).resolves({ Item: { consent: { contactByPhone: true }, survivor: { safeToContact: true } } });
  });

  it('tells the worker to meet her in person, not to phone, when her consent to calls is withdrawn', async () => {
    // Prepare: the first woman has said no to phone calls since her plan was made.
    ddb
      .on(GetCommand, { Key: { pk: 'CASE#case-1', sk: 'CASE' } })
      .resolves({ Item: { consent: { contactByPhone: false }, survivor: { safeToContact: true } } });
    // Act
    const result = await sweep('2026-12-07T03:30:00Z');
    // Assess: the consent was read as it is now, from the case, and the visit template went to her worker.
    expect(result).toMatchObject({ sent: 2, failed: 0 });
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { Key: { pk: 'CASE#case-1', sk: 'CASE' }, ConsistentRead: true });
    const hindi = sns.commandCalls(PublishCommand).find((c) => c.args[0].input.PhoneNumber === '+919000000001')!;
    expect(hindi.args[0].input.Message).toBe('सखी: केस PAT1/2026-27/00001 फॉलो-अप 07/12/2026 मिलकर करें, फ़ोन नहीं');
    expect(hindi.args[0].input.MessageAttributes?.['AWS.MM.SMS.TemplateId']?.StringValue).toBe('1007000000000000014');
    // The other woman still agrees: her worker gets the usual overdue reminder.
    const english = sns.commandCalls(PublishCommand).find((c) => c.args[0].input.PhoneNumber === '+919000000002')!;
    expect(english.args[0].input.Message).toMatch(/was due on 06\/12\/2026/);
  });

  it('tells the worker to meet her in person when her number is not safe to call, though she agreed', async () => {
    ddb
      .on(GetCommand, { Key: { pk: 'CASE#case-1', sk: 'CASE' } })
      .resolves({ Item: { consent: { contactByPhone: true }, survivor: { safeToContact: false } } });
    await sweep('2026-12-07T03:30:00Z');
    const first = sns.commandCalls(PublishCommand).find((c) => c.args[0].input.PhoneNumber === '+919000000001')!;
    expect(first.args[0].input.Message).toBe('सखी: केस PAT1/2026-27/00001 फॉलो-अप 07/12/2026 मिलकर करें, फ़ोन नहीं');
  });

  it('queries only what is due by today; one SMS per follow-up, in the worker language, DLT attributes', async () => {
    // Act
    const result = await sweep('2026-12-07T03:30:00Z');
    // Assess
    expect(result).toMatchObject({ today: '2026-12-07', due: 2, sent: 2, failed: 0 });
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      IndexName: 'dueFollowUps',
      ExpressionAttributeValues: { ':pk': 'FOLLOWUP#PENDING', ':tomorrow': '2026-12-08' },
    });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 2);
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      PhoneNumber: '+919000000001',
      Message: expect.stringContaining('PAT1/2026-27/00001'),
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'SAKHIO' },
        'AWS.MM.SMS.EntityId': { DataType: 'String', StringValue: '1001000000000000001' },
        'AWS.MM.SMS.TemplateId': { DataType: 'String', StringValue: '1007000000000000011' },
      },
    });
    const hindi = sns.commandCalls(PublishCommand).find((c) => c.args[0].input.PhoneNumber === '+919000000001')!;
    expect(hindi.args[0].input.Message).toMatch(/सखी/);
    // The overdue one (due yesterday) gets the overdue template, in English.
    const english = sns.commandCalls(PublishCommand).find((c) => c.args[0].input.PhoneNumber === '+919000000002')!;
    expect(english.args[0].input.Message).toMatch(/was due on 06\/12\/2026/);
    // Each was claimed for today before sending.
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      UpdateExpression: 'SET remindedOn = :today',
      ExpressionAttributeValues: expect.objectContaining({ ':today': '2026-12-07' }),
    });
  });

  it('a throttled publish releases its claim for the next run and does not stop the others', async () => {
    sns
      .on(PublishCommand, { PhoneNumber: '+919000000001' })
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    sns.on(PublishCommand, { PhoneNumber: '+919000000002' }).resolves({ MessageId: 'm-2' });
    const result = await sweep('2026-12-07T03:30:00Z');
    expect(result).toMatchObject({ sent: 1, failed: 1 });
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      Key: { pk: 'CASE#case-1', sk: 'FOLLOWUP#1-01' },
      UpdateExpression: 'REMOVE remindedOn',
    });
    expect(ddb).not.toHaveReceivedCommandWith(UpdateCommand, {
      Key: { pk: 'CASE#case-2', sk: 'FOLLOWUP#1-01' },
      UpdateExpression: 'REMOVE remindedOn',
    });
  });

  it('sends nothing for a follow-up whose claim another run already holds', async () => {
    ddb.on(UpdateCommand).rejects(Object.assign(new Error('conditional'), { name: 'ConditionalCheckFailedException' }));
    const result = await sweep('2026-12-07T03:30:00Z');
    expect(result).toMatchObject({ sent: 0, alreadySent: 2 });
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  it('sends to the centre administrators when the assigned worker has left', async () => {
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'CENTRE#osc-patna-1', ':s': 'STAFF#' } }).resolves({
      Items: [
        { ...roster[0], active: false },
        roster[1],
        {
          staffId: 'adm',
          centreId: 'osc-patna-1',
          name: 'Admin',
          role: 'CENTRE_ADMINISTRATOR',
          phone: '+919000000009',
          language: 'en',
          active: true,
        },
      ],
    });
    await sweep('2026-12-07T03:30:00Z');
    expect(sns).toHaveReceivedCommandWith(PublishCommand, { PhoneNumber: '+919000000009' });
    expect(sns).not.toHaveReceivedCommandWith(PublishCommand, { PhoneNumber: '+919000000001' });
  });
});

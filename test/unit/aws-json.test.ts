// The Step Functions and SQS adapters without their SDK clients (aws-json.ts), held against the SDK clients:
// the request each sends is the one the SDK would send (operation, content type, body), it is signed as
// SigV4 requires for that service, a name already taken is no error, and throttling is tried again.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { verifySigV4 } from '../../infra/local/sigv4.ts';
import { AwsJsonClient } from '../../shared/aws/aws-json.ts';
import { signingOf } from '../../shared/aws/signed-http.ts';
import { SqsAccountRequests } from '../../shared/aws/sqs-account-requests.ts';
import { StepFunctionsStarter } from '../../shared/aws/step-functions.ts';
import { accountRequestGroup } from '../../shared/network/account-requests.ts';
import type { AccountAction } from '../../shared/network/roster.ts';

const region = 'ap-south-1';
const credentials = { accessKeyId: 'AKLOCAL', secretAccessKey: 'local-secret' };
const MACHINE = 'arn:aws:states:ap-south-1:000000000000:stateMachine:escalation';
const QUEUE = 'https://sqs.ap-south-1.amazonaws.com/000000000000/accounts.fifo';

const signing = () => signingOf(new DynamoDBClient({ region, credentials }).config);

interface Seen {
  method?: string;
  url?: string;
  headers: Record<string, string>;
  body: string;
}

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** A server answering each request with the next [status, body], keeping what it was sent. */
async function answering(replies: Array<[number, string]>) {
  const seen: Seen[] = [];
  const listening = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      seen.push({ method: req.method, url: req.url, headers, body: Buffer.concat(chunks).toString() });
      const [status, body] = replies[Math.min(seen.length - 1, replies.length - 1)];
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' }).end(body);
    });
  });
  server = listening;
  await new Promise<void>((ok) => listening.listen(0, '127.0.0.1', ok));
  return { seen, endpoint: `http://127.0.0.1:${(listening.address() as AddressInfo).port}` };
}

/** The request an SDK client would send, captured instead of sent. */
async function sdkRequest(send: (handler: unknown) => Promise<unknown>) {
  let captured: { method: string; path: string; headers: Record<string, string>; body: string } | undefined;
  await send({
    handle: async (req: typeof captured) => {
      captured = req;
      throw new Error('captured, not sent');
    },
  }).catch(() => undefined);
  if (!captured) throw new Error('the SDK sent nothing');
  const headers = Object.fromEntries(Object.entries(captured.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: captured.method, path: captured.path, headers, body: JSON.parse(captured.body) };
}

function signatureCheck(seen: Seen, service: string) {
  return verifySigV4(
    { method: seen.method ?? '', rawUrl: seen.url ?? '', headers: seen.headers },
    { credentials: new Map([[credentials.accessKeyId, credentials.secretAccessKey]]), region, service },
  );
}

const states = (endpoint: string) =>
  new AwsJsonClient({ service: 'states', targetPrefix: 'AWSStepFunctions', endpoint }, signing());

describe('StartExecution without the SDK client', () => {
  it('sends what the SDK sends, signed for states, with the hash of its body', async () => {
    // Prepare
    const { seen, endpoint } = await answering([[200, '{"executionArn":"arn:x","startDate":1}']]);
    const input = { caseId: 'c1', escalationId: 'e1', level: 1 };
    // Act
    await new StepFunctionsStarter(MACHINE, states(endpoint)).start('esc-e1', input);
    // Assess
    const sdk = await sdkRequest((requestHandler) =>
      new SFNClient({ region, credentials, endpoint, requestHandler: requestHandler as never }).send(
        new StartExecutionCommand({ stateMachineArn: MACHINE, name: 'esc-e1', input: JSON.stringify(input) }),
      ),
    );
    expect(seen).toHaveLength(1);
    const [ours] = seen;
    expect({ method: ours.method, path: ours.url, body: JSON.parse(ours.body) }).toEqual({
      method: sdk.method,
      path: sdk.path,
      body: sdk.body,
    });
    expect(ours.headers['x-amz-target']).toBe(sdk.headers['x-amz-target']);
    expect(ours.headers['content-type']).toBe(sdk.headers['content-type']);
    expect(signatureCheck(ours, 'states')).toMatchObject({ ok: true });
    expect(ours.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(ours.body).digest('hex'));
    expect(
      signatureCheck(
        { ...ours, headers: { ...ours.headers, 'x-amz-target': 'AWSStepFunctions.StopExecution' } },
        'states',
      ),
    ).toMatchObject({ ok: false });
  });

  it('reads a name already taken (a redelivered record) as started, and tries throttling again', async () => {
    // Prepare
    const { seen, endpoint } = await answering([
      [400, '{"__type":"com.amazonaws.swf.service.v2.model#ThrottlingException","message":"slow down"}'],
      [400, '{"__type":"com.amazonaws.swf.base.model#ExecutionAlreadyExists","message":"taken"}'],
    ]);
    // Act
    await new StepFunctionsStarter(MACHINE, states(endpoint)).start('esc-e1', { caseId: 'c1' });
    // Assess
    expect(seen).toHaveLength(2);
  });

  it('fails on any other refusal, at once', async () => {
    const { seen, endpoint } = await answering([[400, '{"__type":"StateMachineDoesNotExist","message":"no"}']]);
    await expect(new StepFunctionsStarter(MACHINE, states(endpoint)).start('esc-e1', {})).rejects.toMatchObject({
      status: 400,
      code: 'StateMachineDoesNotExist',
    });
    expect(seen).toHaveLength(1);
  });
});

describe('SendMessage without the SDK client', () => {
  it('sends what the SDK sends: the FIFO group per user and the deduplication id of the request', async () => {
    // Prepare
    const { seen, endpoint } = await answering([[200, '{"MessageId":"m1","MD5OfMessageBody":"x"}']]);
    const request: AccountAction = { action: 'disable', username: 'staff.patna1' };
    const sqs = new AwsJsonClient({ service: 'sqs', targetPrefix: 'AmazonSQS', endpoint }, signing());
    // Act
    await new SqsAccountRequests(QUEUE, sqs).send(request, 'ACCOUNT#1');
    // Assess
    const [ours] = seen;
    const sdk = await sdkRequest((requestHandler) =>
      new SQSClient({ region, credentials, endpoint, requestHandler: requestHandler as never }).send(
        new SendMessageCommand({
          QueueUrl: QUEUE,
          MessageBody: JSON.stringify(request),
          MessageGroupId: accountRequestGroup(request),
          MessageDeduplicationId: createHash('sha256').update('ACCOUNT#1').digest('hex'),
        }),
      ),
    );
    expect(JSON.parse(ours.body)).toEqual(sdk.body);
    expect(ours.headers['x-amz-target']).toBe(sdk.headers['x-amz-target']);
    expect(ours.headers['content-type']).toBe(sdk.headers['content-type']);
    expect(signatureCheck(ours, 'sqs')).toMatchObject({ ok: true });
  });
});

// The idempotency module: key checks, claims bound to the body, replay of a spent key, and what is kept.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { changeClaim, claim, IdempotencyStore, idempotencyKeyOf, spendItem } from '#shared/core/idempotency.ts';
import { Transaction } from '#shared/core/transactions.ts';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'ap-south-1' }));
const ddb = mockClient(doc);
const now = new Date('2026-12-01T10:00:00Z');
const seconds = now.getTime() / 1000;

describe('idempotency', () => {
  beforeEach(() => ddb.reset());

  it('accepts 8–128 safe characters and names the header otherwise', () => {
    expect(idempotencyKeyOf(undefined)).toBeUndefined();
    expect(idempotencyKeyOf('abcd-1234_XY')).toBe('abcd-1234_XY');
    for (const bad of ['short', 'has space in it', 'x'.repeat(129), 'semi;colon1']) {
      expect(() => idempotencyKeyOf(bad)).toThrowError(expect.objectContaining({ statusCode: 400 }));
      try {
        idempotencyKeyOf(bad);
      } catch (err) {
        expect((err as { errors: Array<{ path: string }> }).errors[0].path).toBe('header.Idempotency-Key');
      }
    }
  });

  it('scopes a change key to the caller, the route and its path, and binds it to the body', () => {
    const a = changeClaim('record-service', 'u1', { caseId: 'c1' }, { type: 'MEDICAL' }, 'key-12345', now, 60);
    const otherCase = changeClaim('record-service', 'u1', { caseId: 'c2' }, { type: 'MEDICAL' }, 'key-12345', now, 60);
    const otherUser = changeClaim('record-service', 'u2', { caseId: 'c1' }, { type: 'MEDICAL' }, 'key-12345', now, 60);
    const otherBody = changeClaim(
      'record-service',
      'u1',
      { caseId: 'c1' },
      { type: 'LEGAL_AID' },
      'key-12345',
      now,
      60,
    );
    expect(new Set([a.key.pk, otherCase.key.pk, otherUser.key.pk]).size).toBe(3);
    expect(otherBody.key).toEqual(a.key);
    expect(otherBody.requestHash).not.toBe(a.requestHash);
    expect(a.expiresAt).toBe(seconds + 60);
    expect(claim('REFERRAL#HELPLINE_181', 'ref-1', {}, now).expiresAt).toBeUndefined();
  });

  it('replays the first answer, refuses another body with 422, and forgets an expired key', async () => {
    const c = claim('u1', 'key-12345', { a: 1 }, now, 60);
    const store = new IdempotencyStore(doc, 'T');
    ddb.on(GetCommand).resolves({
      Item: {
        ...c.key,
        requestHash: c.requestHash,
        expiresAt: seconds + 60,
        statusCode: 201,
        response: { caseId: 'x' },
      },
    });
    expect(await store.replay(c, now)).toMatchObject({ statusCode: 201, body: { caseId: 'x' } });
    await expect(store.replay(claim('u1', 'key-12345', { a: 2 }, now, 60), now)).rejects.toMatchObject({
      statusCode: 422,
    });
    ddb.on(GetCommand).resolves({ Item: { ...c.key, requestHash: c.requestHash, expiresAt: seconds - 1 } });
    expect(await store.replay(c, now)).toBeUndefined();
  });

  it('keeps only ids of an answer that carries the survivor', async () => {
    ddb.on(UpdateCommand).resolves({});
    const c = claim('u1', 'key-12345', {}, now, 60);
    await new IdempotencyStore(doc, 'T').remember(
      c,
      200,
      {},
      {
        caseId: 'c1',
        version: 3,
        survivor: { name: 'Someone' },
      },
    );
    const kept = ddb.commandCalls(UpdateCommand)[0].args[0].input.ExpressionAttributeValues?.[':b'];
    expect(kept).toEqual({ caseId: 'c1', version: 3 });
  });

  it("keeps no staff's words or milestone reference, at any depth, nor a presigned URL", async () => {
    ddb.on(UpdateCommand).resolves({});
    const c = claim('u1', 'key-12345', {}, now, 60);
    await new IdempotencyStore(doc, 'T').remember(
      c,
      201,
      {},
      {
        caseId: 'c1',
        service: { type: 'MEDICAL', note: 'staying with her sister in Danapur' },
        milestones: [{ type: 'FIR_REGISTERED', reference: { number: '12/2026', policeStation: 'Kotwali' } }],
        uploadUrl: 'https://bucket/x?X-Amz-Signature=abc',
      },
    );
    const kept = ddb.commandCalls(UpdateCommand)[0].args[0].input.ExpressionAttributeValues?.[':b'];
    expect(kept).toEqual({ caseId: 'c1', service: { type: 'MEDICAL' }, milestones: [{ type: 'FIR_REGISTERED' }] });
  });

  it('tells by name which guarded item failed in a cancelled transaction', () => {
    const c = claim('u1', 'key-12345', {}, now, 60);
    const tx = new Transaction()
      .add({ Put: { TableName: 'T', Item: { pk: 'a', sk: 'a' } } })
      .add({ name: 'idempotency', item: spendItem('T', c, now) });
    const cancelled = {
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
    };
    expect(tx.failed(cancelled, 'idempotency')).toBe(true);
    expect(tx.failedNames(cancelled)).toEqual(['idempotency']);
    expect(
      tx.failed(
        { name: 'TransactionCanceledException', CancellationReasons: [{ Code: 'ConditionalCheckFailed' }] },
        'idempotency',
      ),
    ).toBe(false);
  });
  it('answers a retry sent while the first attempt is in flight with its answer, once it is kept', async () => {
    const c = claim('u1', 'key-12345', { name: 'A' }, now, 60);
    const spent = { ...c.key, requestHash: c.requestHash, expiresAt: seconds + 60 };
    // The change is made; its answer is kept a moment later (the first attempt is still answering).
    ddb
      .on(GetCommand)
      .resolvesOnce({ Item: spent })
      .resolvesOnce({ Item: spent })
      .resolves({ Item: { ...spent, statusCode: 201, headers: {}, response: { staffId: 's1' } } });
    const answer = await new IdempotencyStore(doc, 'unit-table').answerOf(c, now);
    expect(answer).toMatchObject({ statusCode: 201, body: { staffId: 's1' }, kept: true });
    expect(ddb.commandCalls(GetCommand)).toHaveLength(3);
  });
});

// The read audit: every read leaves an item with who, what and when, and ids only (never the survivor's data).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '#shared/core/principal.ts';
import { ReadAudit } from '#shared/privacy/audit.ts';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'ap-south-1' }));
const ddb = mockClient(doc);
const caller: Principal = { userId: 'sub-1', username: 'staff.patna1', role: 'centre-staff', centreId: 'osc-patna-1' };
const now = new Date('2026-12-01T20:00:00Z'); // 02 Dec, 01:30 IST

describe('read audit', () => {
  beforeEach(() => {
    ddb.reset();
    ddb.on(PutCommand).resolves({});
  });

  it('writes a case read beside the case, stamped in Indian time, with the actor and the action', async () => {
    await new ReadAudit(doc, 'T').caseRead('case-1', caller, 'CASE_READ', now);
    const item = ddb.commandCalls(PutCommand)[0].args[0].input.Item as Record<string, unknown>;
    expect(item.pk).toBe('READS#case-1');
    expect(String(item.sk)).toMatch(/^2026-12-02T01:30:00\.000\+05:30#/);
    expect(item).toMatchObject({
      type: 'READ',
      caseId: 'case-1',
      action: 'CASE_READ',
      actor: { userId: 'sub-1', username: 'staff.patna1', role: 'centre-staff' },
      // The reader's key in the sparse queue index: what one user read is one query (GET /access-log).
      q1pk: 'ACTOR#sub-1',
    });
    expect(String(item.q1sk)).toMatch(/^2026-12-02T01:30:00\.000\+05:30#case-1$/);
  });

  it('writes a list read under its IST day with the filters and the count only', async () => {
    await new ReadAudit(doc, 'T').listRead(caller, { status: 'REGISTERED' }, 7, now);
    const item = ddb.commandCalls(PutCommand)[0].args[0].input.Item as Record<string, unknown>;
    expect(item.pk).toBe('AUDIT#2026-12-02');
    expect(item).toMatchObject({
      type: 'LIST_READ',
      action: 'LIST_READ',
      query: { status: 'REGISTERED' },
      count: 7,
      q1pk: 'ACTOR#sub-1',
    });
    expect(Object.keys(item).sort()).toEqual([
      'action',
      'actor',
      'at',
      'count',
      'pk',
      'q1pk',
      'q1sk',
      'query',
      'sk',
      'type',
    ]);
  });
});

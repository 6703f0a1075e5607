// What each warm Lambda remembers of centres and rosters, measured with an injected clock: two CentreStore
// instances stand for two Lambda processes, so nothing is shared between them but the table (mocked).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { CaseRegistry } from '#shared/cases/registration.ts';
import { CentreStore } from '#shared/network/centre-store.ts';
import { UserAccess } from '#shared/network/user-access.ts';

const TABLE = 'unit-table';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'ap-south-1' }));
const ddb = mockClient(doc);

const centre = (status: string) => ({
  pk: 'CENTRE#osc-patna-9',
  sk: 'CENTRE',
  centreId: 'osc-patna-9',
  code: 'PAT9',
  name: 'Barh',
  district: 'Patna',
  status,
});
const staff = (active: boolean) => ({
  pk: 'CENTRE#osc-patna-1',
  sk: 'STAFF#w1',
  staffId: 'w1',
  centreId: 'osc-patna-1',
  name: 'Worker',
  role: 'CASE_WORKER',
  phone: '+919000000001',
  language: 'hi',
  active,
});

/** A read the test holds until it says so: a change can come while the read is under way. */
function gate() {
  let release = () => {};
  const slow = new Promise<void>((r) => {
    release = r;
  });
  return { slow, release };
}

describe('cache lifetimes of a warm Lambda', () => {
  let now = 0;
  const clock = { centreTtlMs: 60_000, staffTtlMs: 15_000, now: () => now };
  beforeEach(() => {
    ddb.reset();
    now = 1_000_000;
  });

  it('refuses a deactivated member in another Lambda once the staff lifetime has passed, not before', async () => {
    // Prepare: Lambda B has read her roster entry while she was active.
    const lambdaB = new CentreStore(doc, TABLE, clock);
    ddb.on(GetCommand).resolves({ Item: staff(true) });
    expect((await lambdaB.staffMember('osc-patna-1', 'w1'))?.active).toBe(true);
    // Act: Lambda A deactivates her (the table now says inactive).
    ddb.on(GetCommand).resolves({ Item: staff(false) });
    now += clock.staffTtlMs - 1;
    // Assess: B still trusts what it read, for at most the staff lifetime…
    expect((await lambdaB.staffMember('osc-patna-1', 'w1'))?.active).toBe(true);
    now += 1;
    // …and then reads the table again.
    expect((await lambdaB.staffMember('osc-patna-1', 'w1'))?.active).toBe(false);
  });

  it('keeps a centre for its lifetime, then reads it again', async () => {
    const lambdaB = new CentreStore(doc, TABLE, clock);
    ddb.on(GetCommand).resolves({ Item: centre('OPERATIONAL') });
    await lambdaB.get('osc-patna-9');
    ddb.on(GetCommand).resolves({ Item: centre('CLOSED') });
    now += clock.centreTtlMs - 1;
    expect((await lambdaB.get('osc-patna-9'))?.status).toBe('OPERATIONAL');
    now += 1;
    expect((await lambdaB.get('osc-patna-9'))?.status).toBe('CLOSED');
    expect(ddb.commandCalls(GetCommand)).toHaveLength(2);
  });

  it('does not remember a list read that began before a change and ended after it', async () => {
    // Prepare: the list read is slow; meanwhile (another request of the same process) a centre is added.
    const centres = new CentreStore(doc, TABLE, clock);
    const { slow, release } = gate();
    ddb.on(QueryCommand).callsFakeOnce(async () => {
      await slow;
      return { Items: [centre('OPERATIONAL')] };
    });
    const straddling = centres.list();
    centres.forget('osc-patna-10');
    release();
    expect(await straddling).toHaveLength(1);
    // Act: the next list, well inside the lifetime.
    ddb
      .on(QueryCommand)
      .resolves({ Items: [centre('OPERATIONAL'), { ...centre('PLANNED'), centreId: 'osc-patna-10' }] });
    // Assess: read from the table, with the new centre.
    expect(await centres.list()).toHaveLength(2);
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(2);
  });

  it('registers at a centre opened a moment ago, although this Lambda remembers it as planned', async () => {
    // Prepare: Lambda B has read the centre while it was planned; then the state opens it.
    const centres = new CentreStore(doc, TABLE, clock);
    ddb.on(GetCommand).resolves({ Item: centre('PLANNED') });
    expect((await centres.get('osc-patna-9'))?.status).toBe('PLANNED');
    ddb.on(GetCommand).resolves({ Item: centre('OPERATIONAL') });
    // Act: B picks the centre for a registration well inside the centre lifetime.
    const registry = new CaseRegistry(doc, TABLE, centres);
    const picked = await (
      registry as unknown as { pickCentre(i: unknown, p: unknown): Promise<{ status: string }> }
    ).pickCentre({ centreId: 'osc-patna-9' }, { role: 'state-admin', userId: 'u', username: 'state' });
    // Assess: it asked the table again instead of refusing.
    expect(picked.status).toBe('OPERATIONAL');
    const consistent = ddb.commandCalls(GetCommand).filter((c) => c.args[0].input.ConsistentRead);
    expect(consistent).toHaveLength(1);
  });
});

describe('disabled sign-ins in a warm Lambda', () => {
  let now = 0;
  const clock = { ttlMs: 15_000, now: () => now };
  beforeEach(() => {
    ddb.reset();
    now = 1_000_000;
  });

  it('refuses a district officer the state disabled once the check’s lifetime has passed, not later', async () => {
    // Prepare: Lambda B has seen her as not disabled.
    const lambdaB = new UserAccess(doc, TABLE, clock);
    ddb.on(GetCommand).resolves({});
    expect(await lambdaB.isRevoked('officer.x')).toBe(false);
    // Act: Lambda A disables her (the table now holds her REVOKED item).
    ddb.on(GetCommand).resolves({ Item: { pk: 'USER#officer.x', sk: 'REVOKED' } });
    now += clock.ttlMs - 1;
    expect(await lambdaB.isRevoked('officer.x')).toBe(false);
    now += 1;
    // Assess: within the lifetime, every warm Lambda refuses her.
    expect(await lambdaB.isRevoked('officer.x')).toBe(true);
    expect(ddb.commandCalls(GetCommand).map((c) => c.args[0].input.Key)).toEqual([
      { pk: 'USER#officer.x', sk: 'REVOKED' },
      { pk: 'USER#officer.x', sk: 'REVOKED' },
    ]);
  });

  it('does not remember a check that began before she was disabled in this process and ended after', async () => {
    const checks = new UserAccess(doc, TABLE, clock);
    const { slow, release } = gate();
    ddb.on(GetCommand).callsFakeOnce(async () => {
      await slow;
      return {};
    });
    const straddling = checks.isRevoked('officer.y');
    checks.forget('officer.y');
    release();
    expect(await straddling).toBe(false);
    ddb.on(GetCommand).resolves({ Item: { pk: 'USER#officer.y', sk: 'REVOKED' } });
    expect(await checks.isRevoked('officer.y')).toBe(true);
  });
});

// Centres and their staff rosters. Centres change a few times a year, so a warm Lambda keeps them for a
// minute instead of reading them on every request.
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as keys from '../core/keys.ts';
import { queryAll } from '../core/query.ts';
import { INDEXES } from '../core/table.ts';
import type { Language } from '../core/vocabulary.ts';
import type { CentreSeed } from './geography.ts';

export type Centre = CentreSeed;

export interface Staff {
  staffId: string;
  centreId: string;
  name: string;
  role: string;
  phone: string;
  language: Language;
  active: boolean;
  /** The Cognito username of a staff member with system access. */
  username?: string;
  /** Her sign-in's role, when she has one. */
  access?: 'centre-staff' | 'centre-admin';
}

/**
 * How long one process (a warm Lambda) trusts what it read: centres change a few times a year; a roster
 * entry decides whether a staff member's token still works, so a deactivated member loses access within
 * `staffTtlMs` on every warm Lambda. `now` is the clock the lifetimes are measured with.
 */
export interface CacheLifetimes {
  centreTtlMs: number;
  staffTtlMs: number;
  now: () => number;
}

export const DEFAULT_CACHE: CacheLifetimes = { centreTtlMs: 60_000, staffTtlMs: 15_000, now: Date.now };

export class CentreStore {
  private cache = new Map<string, { at: number; centre: Centre | undefined }>();
  private all: { at: number; centres: Centre[] } | undefined;
  private staffCache = new Map<string, { at: number; staff: Staff | undefined }>();
  /**
   * Moves on with every forget(): a read that began before a change and ends after it is not remembered (the
   * local runtime serves requests side by side in one process, so a list read can straddle a new centre).
   */
  private generation = 0;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly cacheLife: CacheLifetimes = DEFAULT_CACHE,
  ) {}

  private now(): number {
    return this.cacheLife.now();
  }

  async get(centreId: string, fresh = false): Promise<Centre | undefined> {
    const hit = this.cache.get(centreId);
    if (!fresh && hit && this.now() - hit.at < this.cacheLife.centreTtlMs) return hit.centre;
    const began = this.generation;
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.centre(centreId), ConsistentRead: fresh }),
    );
    const centre = Item ? toCentre(Item) : undefined;
    if (began === this.generation) this.cache.set(centreId, { at: this.now(), centre });
    return centre;
  }

  /** After a change: the next read of this centre, its roster or the list goes to the table. */
  forget(centreId: string): void {
    this.generation++;
    this.cache.delete(centreId);
    this.all = undefined;
    for (const k of this.staffCache.keys()) if (k.startsWith(`${centreId}#`)) this.staffCache.delete(k);
  }

  async list(fresh = false): Promise<Centre[]> {
    if (!fresh && this.all && this.now() - this.all.at < this.cacheLife.centreTtlMs) return this.all.centres;
    const began = this.generation;
    const items = await queryAll(this.doc, {
      TableName: this.table,
      IndexName: INDEXES.byState.name,
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.byState('CENTRE') },
    });
    const centres = items.map(toCentre);
    if (began === this.generation) this.all = { at: this.now(), centres };
    return centres;
  }

  /** The centre that takes referrals for a district: its first operating centre. */
  async operatingCentreOf(district: string): Promise<Centre | undefined> {
    const wanted = district.trim().toLowerCase();
    const pick = (all: Centre[]) =>
      all
        .filter((c) => c.district.toLowerCase() === wanted && c.status === 'OPERATIONAL')
        .sort((a, b) => a.centreId.localeCompare(b.centreId))[0];
    // None remembered: one may have opened since this process last listed them.
    return pick(await this.list()) ?? pick(await this.list(true));
  }

  async staff(centreId: string): Promise<Staff[]> {
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
        ExpressionAttributeValues: { ':pk': keys.centrePartition(centreId), ':s': 'STAFF#' },
      }),
    );
    return (Items ?? []).map(toStaff);
  }

  async staffMember(centreId: string, staffId: string, fresh = false): Promise<Staff | undefined> {
    const key = `${centreId}#${staffId}`;
    const hit = this.staffCache.get(key);
    if (!fresh && hit && this.now() - hit.at < this.cacheLife.staffTtlMs) return hit.staff;
    const began = this.generation;
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.staff(centreId, staffId), ConsistentRead: fresh }),
    );
    const staff = Item ? toStaff(Item) : undefined;
    if (began === this.generation) this.staffCache.set(key, { at: this.now(), staff });
    return staff;
  }
}

// Seeding, outside the class: only the seed handler writes centres this way, so no other bundle carries it.
async function putIfAbsent(doc: DynamoDBDocumentClient, table: string, Item: Record<string, unknown>) {
  try {
    await doc.send(new PutCommand({ TableName: table, Item, ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (err) {
    if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}

/** Seeds a centre if it is not there yet (never overwrites a centre the state has changed). */
export const seedCentre = (doc: DynamoDBDocumentClient, table: string, c: Centre): Promise<boolean> =>
  putIfAbsent(doc, table, centreItem(c));

export const seedStaff = (doc: DynamoDBDocumentClient, table: string, s: Staff): Promise<boolean> =>
  putIfAbsent(doc, table, staffItem(s));

/** A centre as stored (listed state-wide through the byState index). */
export const centreItem = (c: Centre) => ({
  ...keys.centre(c.centreId),
  type: 'CENTRE',
  ...c,
  gsi3pk: keys.byState('CENTRE'),
  gsi3sk: c.centreId,
});
export const staffItem = (s: Staff) => ({ ...keys.staff(s.centreId, s.staffId), type: 'STAFF', ...s });

function toCentre(i: Record<string, unknown>): Centre {
  return {
    centreId: i.centreId as string,
    code: i.code as string,
    name: i.name as string,
    district: i.district as string,
    ...(i.subdivision ? { subdivision: i.subdivision as string } : {}),
    status: i.status as Centre['status'],
  };
}

function toStaff(i: Record<string, unknown>): Staff {
  return {
    staffId: i.staffId as string,
    centreId: i.centreId as string,
    name: i.name as string,
    role: i.role as string,
    phone: i.phone as string,
    language: i.language as Language,
    active: i.active !== false,
    ...(i.username ? { username: i.username as string } : {}),
    ...(i.access === 'centre-staff' || i.access === 'centre-admin' ? { access: i.access } : {}),
  };
}

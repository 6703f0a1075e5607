// The resource directory of referral partners per district (the 2017 guidelines' Annexure X): police
// stations, hospitals, the DLSA, Protection Officers, the CWC, shelter homes, other OSCs and NGOs. One
// partition per district, read whole (a district has tens of entries, not thousands). The state keeps any
// district's entries; a centre administrator and a district officer keep their own district's. Entries are
// deactivated, never deleted, so an old referral still names its partner.
import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { badRequest, forbidden, notFound } from '../core/errors.ts';
import * as keys from '../core/keys.ts';
import type { Principal } from '../core/principal.ts';
import { queryAll } from '../core/query.ts';
import { istTimestamp } from '../core/time.ts';
import { type ChangeOptions, ConditionFailed, named, RETRY, retryingRaces, Transaction } from '../core/transactions.ts';
import { adminAuditItem } from '../network/centre-admin.ts';
import type { CentreStore } from '../network/centre-store.ts';
import { DISTRICTS, type District, findDistrict } from '../network/geography.ts';
import { type PartnerKind, subtypesOf } from './rules.ts';
import type { CreatePartnerInput, ListPartnersQuery, UpdatePartnerInput } from './schemas.ts';

export interface Partner {
  partnerId: string;
  name: string;
  kind: PartnerKind;
  subtype?: string;
  district: string;
  phone?: string;
  address?: string;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const field = (path: string, message: string, code = 'invalid') => badRequest(message, [{ path, code, message }]);

/** The district a partner id is filed under: ids are `<district-slug>-<8 hex>`. */
export function districtOfPartner(partnerId: string): District | undefined {
  const m = /^([a-z][a-z-]*)-[0-9a-f]{8}$/.exec(partnerId);
  return m ? DISTRICTS.find((d) => d.slug === m[1]) : undefined;
}

/** A partner as the API answers it (no storage keys). */
export function toPartner(i: Record<string, unknown>): Partner {
  return {
    partnerId: i.partnerId as string,
    name: i.name as string,
    kind: i.kind as PartnerKind,
    ...(i.subtype ? { subtype: i.subtype as string } : {}),
    district: i.district as string,
    ...(i.phone ? { phone: i.phone as string } : {}),
    ...(i.address ? { address: i.address as string } : {}),
    active: i.active !== false,
    version: (i.version as number | undefined) ?? 1,
    createdAt: i.createdAt as string,
    updatedAt: i.updatedAt as string,
  };
}

/** The item of a directory entry (also what the local seed writes). */
export const partnerItem = (p: Partner, slug: string) => ({
  ...keys.partner(slug, p.partnerId),
  type: 'PARTNER',
  ...p,
});

export class PartnerDirectory {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly centres: CentreStore,
  ) {}

  /** The district whose directory the caller reads by default: her centre's, or her own. */
  private async homeDistrict(caller: Principal): Promise<string | undefined> {
    if (caller.role === 'district-officer') return caller.district;
    if (caller.centreId) return (await this.centres.get(caller.centreId))?.district;
    return undefined;
  }

  /**
   * A district's partners, by kind then name. Any reader may look at any district's directory (a woman is
   * often referred near her family, not near the centre); without `district`, the caller's own.
   */
  async list(q: ListPartnersQuery, caller: Principal): Promise<Partner[]> {
    const asked = q.district ?? (await this.homeDistrict(caller));
    if (!asked) throw field('query.district', 'Say which district', 'required');
    const district = findDistrict(asked);
    if (!district) throw field('query.district', 'Not a district of the state');
    const items = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.partnerPartition(district.slug) },
    });
    return items
      .map(toPartner)
      .filter((p) => (!q.kind || p.kind === q.kind) && (q.includeInactive === 'true' || p.active))
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  }

  async get(partnerId: string, consistent = false): Promise<Partner | undefined> {
    const district = districtOfPartner(partnerId);
    if (!district) return undefined;
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.table,
        Key: keys.partner(district.slug, partnerId),
        ConsistentRead: consistent,
      }),
    );
    return Item ? toPartner(Item) : undefined;
  }

  /** The state keeps every district's entries; a centre administrator and a district officer their own. */
  private async assertKeeps(caller: Principal, district: string): Promise<void> {
    if (caller.role === 'state-admin') return;
    const own =
      caller.role === 'centre-admin' || caller.role === 'district-officer' ? await this.homeDistrict(caller) : '';
    if (own !== district) throw forbidden(`You keep the directory of your own district only`);
  }

  /** Adds an entry to a district's directory. */
  async create(input: CreatePartnerInput, caller: Principal, now: Date, opts: ChangeOptions = {}): Promise<Partner> {
    const district = findDistrict(input.district);
    if (!district) throw field('district', 'Not a district of the state');
    await this.assertKeeps(caller, district.name);
    const at = istTimestamp(now);
    const partner: Partner = {
      partnerId: `${district.slug}-${randomUUID().replace(/-/g, '').slice(0, 8)}`,
      name: input.name,
      kind: input.kind,
      ...(input.subtype ? { subtype: input.subtype } : {}),
      district: district.name,
      ...(input.phone ? { phone: input.phone } : {}),
      ...(input.address ? { address: input.address } : {}),
      active: true,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const tx = new Transaction().add(
      {
        Put: {
          TableName: this.table,
          Item: partnerItem(partner, district.slug),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      adminAuditItem(this.table, caller, 'PARTNER_ADDED', { partnerId: partner.partnerId, kind: input.kind }, at),
    );
    await tx.sendSpending(this.doc, this.table, opts, now);
    return partner;
  }

  /** Edits or deactivates an entry. A new kind drops a subtype that does not fit it. */
  async update(
    partnerId: string,
    input: UpdatePartnerInput,
    caller: Principal,
    now: Date,
    opts: ChangeOptions = {},
  ): Promise<Partner> {
    const district = districtOfPartner(partnerId);
    if (!district) throw notFound();
    const at = istTimestamp(now);
    return retryingRaces(async () => {
      const current = await this.get(partnerId, true);
      if (!current) throw notFound();
      await this.assertKeeps(caller, current.district);
      const kind = input.kind ?? current.kind;
      const subtype = input.subtype ?? current.subtype;
      if (input.subtype && !subtypesOf(kind).includes(input.subtype)) {
        throw field('subtype', 'Not a kind of this partner');
      }
      const { version: _v, ...base } = current;
      const next: Partner = {
        ...base,
        ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
        kind,
        version: current.version + 1,
        updatedAt: at,
      } as Partner;
      if (subtype && subtypesOf(kind).includes(subtype)) next.subtype = subtype;
      else delete next.subtype;
      const tx = new Transaction().add(
        named('partner', {
          Put: {
            TableName: this.table,
            Item: partnerItem(next, district.slug),
            ConditionExpression: '#v = :v',
            ExpressionAttributeNames: { '#v': 'version' },
            ExpressionAttributeValues: { ':v': current.version },
          },
        }),
        adminAuditItem(
          this.table,
          caller,
          input.active === false ? 'PARTNER_DEACTIVATED' : 'PARTNER_UPDATED',
          { partnerId, fields: Object.keys(input) },
          at,
        ),
      );
      try {
        await tx.sendSpending(this.doc, this.table, opts, now);
      } catch (err) {
        // Someone else edited it between our read and our write: read it again and apply this edit on top.
        if (err instanceof ConditionFailed && err.item === 'partner') return RETRY;
        throw err;
      }
      return next;
    });
  }
}

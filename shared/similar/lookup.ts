// The lookup keys of her earlier visits: one item per case under a keyed hash of her phone, and one under a
// keyed hash of her normalised name (with her age in the item), at her centre:
//   SIMILAR#<centreId>#PHONE#<hmac> / <registeredAt>#<caseId>
//   SIMILAR#<centreId>#NAME#<hmac>  / <registeredAt>#<caseId>   (+ age)
// Finding her earlier cases is then a query per key, never a scan. The hashes are HMAC-SHA256 with the
// stage's secret (LOOKUP_KEY_SECRET), so neither the phone nor the name is ever in a key, and a copy of the
// table alone cannot be searched for a known number. The case keeps its hashes (`lookupHashes`), so a
// correction, a transfer or an erasure removes exactly the items it wrote, whatever the rules were then.
// Written at registration, on correction and on a transfer's accept (the contributors below), in those
// transactions; an erasure removes them with lookupDeletes.
import { createHmac } from 'node:crypto';
import type { CorrectionContributor } from '../cases/correction-parts.ts';
import type { CaseRecord } from '../cases/model.ts';
import { nameKey } from '../cases/names.ts';
import type { RegistrationContributor } from '../cases/registration-parts.ts';
import { config, ENV, required } from '../core/config.ts';
import * as keys from '../core/keys.ts';
import type { TransactItem } from '../core/transactions.ts';
import type { MoveContributor } from '../transfers/move-parts.ts';

export type LookupKind = 'PHONE' | 'NAME';
export type LookupHashes = NonNullable<CaseRecord['lookupHashes']>;

const hmac = (secret: string, value: string) => createHmac('sha256', secret).update(value).digest('base64url');

/** The keyed hashes of a survivor's phone and normalised name (a name with nothing left has none). */
export function lookupHashesOf(survivor: CaseRecord['survivor'], secret: string): LookupHashes {
  const name = nameKey(survivor.name);
  return {
    // Domain-separated, so a phone and a name can never hash alike.
    ...(survivor.phone ? { phone: hmac(secret, `phone:${survivor.phone}`) } : {}),
    ...(name ? { name: hmac(secret, `name:${name}`) } : {}),
  };
}

/** The stage's secret: a handler that writes lookup keys without it is a deployment mistake, said by name. */
const secret = () => required(config().lookupKeySecret, ENV.lookupKeySecret);

const kinds = (h: LookupHashes): Array<[LookupKind, string | undefined]> => [
  ['PHONE', h.phone],
  ['NAME', h.name],
];

type Keyed = Pick<CaseRecord, 'caseId' | 'caseNumber' | 'centreId' | 'registeredAt' | 'survivor'>;

function put(table: string, c: Keyed, kind: LookupKind, hash: string): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: {
        ...keys.similar(c.centreId, kind, hash, c.registeredAt, c.caseId),
        type: 'SIMILAR',
        caseId: c.caseId,
        caseNumber: c.caseNumber,
        registeredAt: c.registeredAt,
        ...(kind === 'NAME' ? { age: c.survivor.age } : {}),
      },
    },
  };
}

const del = (table: string, c: Keyed, kind: LookupKind, hash: string): TransactItem => ({
  Delete: { TableName: table, Key: keys.similar(c.centreId, kind, hash, c.registeredAt, c.caseId) },
});

/** The lookup items of a case (to write them, e.g. at the centre a case moves to). */
export const lookupPuts = (table: string, c: Keyed, h: LookupHashes): TransactItem[] =>
  kinds(h).flatMap(([kind, hash]) => (hash ? [put(table, c, kind, hash)] : []));

/** Removes the lookup items a case wrote (a transfer away, an erasure). */
export const lookupDeletes = (table: string, c: Keyed, h: LookupHashes | undefined): TransactItem[] =>
  kinds(h ?? {}).flatMap(([kind, hash]) => (hash ? [del(table, c, kind, hash)] : []));

export const similarOnRegistration: RegistrationContributor = ({ table, record }) => {
  const hashes = lookupHashesOf(record.survivor, secret());
  return { items: lookupPuts(table, record, hashes), set: { lookupHashes: hashes } };
};

/**
 * A corrected phone, name or age: the items of the old values go and the new ones are written (a key that
 * stays is overwritten, as the item carries her age). A case from before the lookup gets its items now.
 */
export const similarOnCorrection: CorrectionContributor = ({ table, before, after, changed }) => {
  const relevant = changed.some((f) => f === 'phone' || f === 'name' || f === 'age');
  if (!relevant && before.lookupHashes) return undefined;
  const old = before.lookupHashes ?? {};
  const hashes = lookupHashesOf(after.survivor, secret());
  const items: TransactItem[] = [];
  for (const kind of ['PHONE', 'NAME'] as const) {
    const [was, now] = kind === 'PHONE' ? [old.phone, hashes.phone] : [old.name, hashes.name];
    // A value changed or taken out (her phone removed): the old item goes.
    if (was && was !== now) items.push(del(table, before, kind, was));
    if (now) items.push(put(table, after, kind, now));
  }
  return { items, set: { lookupHashes: hashes } };
};

/**
 * A case moved to another centre (a transfer accepted): its lookup items go with it, so her later visits at
 * the new centre find it and the old centre's lookups no longer do. Reads the case item (sort key CASE).
 */
export const similarOnMove: MoveContributor = {
  name: 'lookupKeys',
  prefixes: ['CASE'],
  move: (ctx, records) => {
    const c = records.find((r) => r.sk === 'CASE') as (CaseRecord & Record<string, unknown>) | undefined;
    if (!c?.lookupHashes) return { items: [], moved: 0 };
    const items = [
      ...lookupDeletes(ctx.table, { ...c, centreId: ctx.from.centreId }, c.lookupHashes),
      ...lookupPuts(ctx.table, { ...c, centreId: ctx.to.centreId }, c.lookupHashes),
    ];
    return { items, moved: items.length / 2 };
  },
};

// The statistics counters, kept in the same transaction as every change they count, so the figures can
// never drift from the cases. Reading them costs O(centres × months), never O(cases).
//   STATS#<fy> / <centreId>#<yyyy-mm>   flows per centre and IST month (registered, resolved, categories…)
//   DAY#<yyyy-mm-dd> / <centreId>       the same flows per IST day, for the weekly review
//   OPEN / <centreId>                   cases open now, by IST registration day (d<yyyymmdd>), for ages
//   SHELTER / <centreId>                who is in the centre's shelter now: inShelter, children, overdue

import * as keys from '../core/keys.ts';
import { financialYear, istDate, istMonth } from '../core/time.ts';
import type { TransactItem } from '../core/transactions.ts';

export interface CounterScope {
  centreId: string;
  district: string;
}

function adder(
  table: string,
  key: Record<string, string>,
  scope: CounterScope,
  add: Record<string, number>,
  extra: Record<string, string>,
): TransactItem {
  const names: Record<string, string> = { '#c': 'centreId', '#d': 'district' };
  const values: Record<string, unknown> = { ':c': scope.centreId, ':d': scope.district };
  const sets = ['#c = :c', '#d = :d'];
  Object.entries(extra).forEach(([k, v], i) => {
    names[`#e${i}`] = k;
    values[`:e${i}`] = v;
    sets.push(`#e${i} = :e${i}`);
  });
  const adds = Object.entries(add).map(([field, n], i) => {
    names[`#f${i}`] = field;
    values[`:v${i}`] = n;
    return `#f${i} :v${i}`;
  });
  return {
    Update: {
      TableName: table,
      Key: key,
      UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** Adds to the monthly and daily counters of a centre, for the caller's transaction. */
export function counterItems(
  table: string,
  at: Date,
  scope: CounterScope,
  add: Record<string, number>,
): TransactItem[] {
  return counterItemsAt(table, scope, [{ at, add }]);
}

/**
 * Counts that happened at several moments (an imported case: registered in one month, resolved in another),
 * for one transaction: each counter item appears once, with the counts of every moment that falls in it.
 */
export function counterItemsAt(
  table: string,
  scope: CounterScope,
  moments: Array<{ at: Date; add: Record<string, number> }>,
): TransactItem[] {
  const merged = new Map<
    string,
    { key: Record<string, string>; extra: Record<string, string>; add: Record<string, number> }
  >();
  const put = (key: { pk: string; sk: string }, extra: Record<string, string>, add: Record<string, number>) => {
    const id = `${key.pk}|${key.sk}`;
    const entry = merged.get(id) ?? { key, extra, add: {} as Record<string, number> };
    merged.set(id, entry);
    for (const [k, n] of Object.entries(add)) entry.add[k] = (entry.add[k] ?? 0) + n;
  };
  for (const { at, add } of moments) {
    const month = istMonth(at);
    const fy = financialYear(at);
    put(keys.counter(fy, scope.centreId, month), { month, fy }, add);
  }
  for (const { at, add } of moments) {
    const day = istDate(at);
    put(keys.dailyCounter(day, scope.centreId), { day }, add);
  }
  return [...merged.values()].map((e) => adder(table, e.key, scope, e.add, e.extra));
}

/**
 * Opens (+1) or closes (-1) a case in the open-cases counter, under its IST registration day (a batch of
 * registrations of one day opens several at once).
 */
export function openCaseItem(table: string, c: CounterScope & { registeredAt: string }, delta: number): TransactItem {
  const day = c.registeredAt.slice(0, 10).replace(/-/g, '');
  return adder(table, keys.openCases(c.centreId), c, { [`d${day}`]: delta }, {});
}

/** Changes who is in a centre's shelter now (admission +1, discharge -1, a stay marked overdue...). */
export function occupancyItem(
  table: string,
  scope: CounterScope,
  add: Partial<Record<'inShelter' | 'children' | 'overdue', number>>,
): TransactItem {
  const nonZero = Object.fromEntries(Object.entries(add).filter(([, n]) => n !== 0)) as Record<string, number>;
  return adder(
    table,
    keys.occupancy(scope.centreId),
    scope,
    Object.keys(nonZero).length ? nonZero : { inShelter: 0 },
    {},
  );
}

/** Counter field names, in one place: the writers above and the statistics reader use these. */
export const field = {
  category: (c: string) => `cat_${c}`,
  source: (s: string) => `src_${s}`,
  risk: (r: string) => `risk_${r}`,
  service: (s: string) => `svc_${s}`,
  followUp: (o: string) => `followup_${o}`,
  escalationEnded: (status: string) => `esc_${status}`,
  /** Her home district at registration (a district slug, `other` or `unknown`): see home-district.ts. */
  home: (code: string) => `home_${code}`,
  /** Onward referrals by status and partner kind: `pref_SENT_POLICE_STATION` (a status has no underscore). */
  partnerReferral: (status: string, kind: string) => `pref_${status}_${kind}`,
  /** Cases handed to another centre (at the sender) and taken over from one (at the receiver). */
  transfer: (direction: 'in' | 'out') => (direction === 'in' ? 'transferredIn' : 'transferredOut'),
  /** Shelter stays: admitted, discharged, marked overdue, and the children admitted with the women. */
  shelterAdmitted: 'shelter_admitted',
  shelterDischarged: 'shelter_discharged',
  shelterOverdue: 'shelter_overdue',
  shelterChildren: 'shelter_children',
  shelterDestination: (d: string) => `shelter_dest_${d}`,
};

/**
 * The centre whose counters of the registration month and day hold a case's registration (and what a
 * correction moves there): the centre that registered it, i.e. the sender of its first transfer, or where it
 * is now. The recount counts the registration at the same centre (recount.ts, firstScope).
 */
export const registrationCentre = (c: { centreId: string; transferredFrom?: string[] }): string =>
  c.transferredFrom?.[0] ?? c.centreId;

/** An addition to a counter item that already exists (its labels are left as they are). */
function addOnly(table: string, key: Record<string, string>, add: Record<string, number>): TransactItem {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const adds = Object.entries(add).map(([f, n], i) => {
    names[`#f${i}`] = f;
    values[`:v${i}`] = n;
    return `#f${i} :v${i}`;
  });
  return {
    Update: {
      TableName: table,
      Key: key,
      UpdateExpression: `ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * Counter items for several additions at once (e.g. a move in the registration's counters and a flow of
 * today): additions that land on the same counter item (same month or day, same centre) are merged into one
 * update, as a transaction may touch an item only once. An addition without a scope adds to items that exist
 * (the registration's, at a centre whose district the caller need not know); with one, the labels are set.
 */
export function mergedCounterItems(
  table: string,
  additions: Array<{ at: Date; centreId: string; scope?: CounterScope; add: Record<string, number> }>,
): TransactItem[] {
  const merged = new Map<
    string,
    { key: Record<string, string>; scope?: CounterScope; labels: Record<string, string> }
  >();
  const sums = new Map<string, Record<string, number>>();
  for (const { at, centreId, scope, add } of additions) {
    if (!Object.keys(add).length) continue;
    const month = istMonth(at);
    const fy = financialYear(at);
    const day = istDate(at);
    const items: Array<[Record<string, string>, Record<string, string>]> = [
      [keys.counter(fy, centreId, month), { month, fy }],
      [keys.dailyCounter(day, centreId), { day }],
    ];
    for (const [key, labels] of items) {
      const id = `${key.pk}|${key.sk}`;
      const entry = merged.get(id) ?? { key, labels };
      entry.scope ??= scope;
      merged.set(id, entry);
      const sum = sums.get(id) ?? {};
      for (const [f, n] of Object.entries(add)) sum[f] = (sum[f] ?? 0) + n;
      sums.set(id, sum);
    }
  }
  return [...merged].map(([id, { key, scope, labels }]) =>
    scope ? adder(table, key, scope, sums.get(id) ?? {}, labels) : addOnly(table, key, sums.get(id) ?? {}),
  );
}

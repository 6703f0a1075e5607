// What one registration writes once it has its number: the case, its history, the idempotency record, a
// high-risk case's escalation, the registration parts of other features and a referral's notice, and what it
// adds to the centre's counters. Built from a Registration, the request as it was checked, so that whichever
// process numbers it (its own, or another one numbering a burst) writes exactly the same case.

import { type IdempotencyClaim, spendItem } from '../core/idempotency.ts';
import * as keys from '../core/keys.ts';
import { financialYear } from '../core/time.ts';
import { type NamedItem, named, type TransactItem } from '../core/transactions.ts';
import { escalationRequest } from '../escalations/store.ts';
import type { Centre } from '../network/centre-store.ts';
import { SLOT_WORDS } from '../notifications/sms.ts';
import { field } from '../oversight/counters.ts';
import { type Actor, type CaseRecord, caseIndexKeys, historyPut } from './model.ts';
import { registrationParts } from './registration-parts.ts';
import type { CreateCaseInput } from './schemas.ts';
import { type CaseSummary, toSummary } from './views.ts';

/** A registration as the request made it, before it has a number. */
export interface Registration {
  caseId: string;
  centre: Centre;
  input: CreateCaseInput;
  actor: Actor;
  /** From a 181 / 112 control room: the centre administrator is told at once. */
  referral: boolean;
  /** IST timestamp of the request: the case's registeredAt, and the order a burst is numbered in. */
  at: string;
  /** The request's time, ISO (counters are counted on its IST day and month). */
  now: string;
  idem?: Omit<IdempotencyClaim, 'spent'>;
}

export interface RegistrationItems {
  record: CaseRecord;
  summary: CaseSummary;
  items: Array<TransactItem | NamedItem>;
  /** To add to the centre's counters of the request's day and month. */
  counts: Record<string, number>;
}

const pad = (n: number) => String(n).padStart(5, '0');

/** The name of a registration's idempotency item in a transaction (a batch holds several). */
export const idempotencyItemName = (caseId: string) => `idempotency:${caseId}`;

/** A case number: the centre's code, the financial year, and the number within them (PAT1/2026-27/00042). */
export const caseNumberOf = (centre: Pick<Centre, 'code'>, fy: string, n: number) => `${centre.code}/${fy}/${pad(n)}`;

/** The case item as registered: a new case of a centre under its number. */
export function newCaseRecord(p: {
  caseId: string;
  caseNumber: string;
  centre: Centre;
  input: CreateCaseInput;
  fy: string;
  at: string;
  actor: Actor;
}): CaseRecord {
  const { input } = p;
  return {
    caseId: p.caseId,
    caseNumber: p.caseNumber,
    centreId: p.centre.centreId,
    district: p.centre.district,
    status: 'REGISTERED',
    version: 1,
    riskLevel: input.riskLevel,
    fy: p.fy,
    registeredAt: p.at,
    registeredBy: p.actor,
    updatedAt: p.at,
    survivor: input.survivor,
    incident: input.incident,
    referral: input.referral,
    servicesNeeded: input.servicesNeeded,
    consent: input.consent,
  };
}

/** The put of a new case item, with the index keys that list it (never overwriting). */
export function casePut(table: string, record: CaseRecord): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: { ...keys.case(record.caseId), type: 'CASE', ...record, ...caseIndexKeys(record) },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export function registrationItems(table: string, r: Registration, number: number): RegistrationItems {
  const now = new Date(r.now);
  const fy = financialYear(now);
  const caseNumber = caseNumberOf(r.centre, fy, number);
  const { input, actor, at } = r;
  const record = newCaseRecord({ caseId: r.caseId, caseNumber, centre: r.centre, input, fy, at, actor });
  // A high-risk case escalates from the moment it is registered, in the same transaction.
  const highRisk = input.riskLevel === 'HIGH' ? escalationRequest(table, record, 'HIGH_RISK', actor, at) : undefined;
  Object.assign(record, highRisk?.set);
  const parts = registrationParts({ table, record, input, actor, at, now });
  Object.assign(record, parts.set);
  const summary = toSummary(record);
  const items: Array<TransactItem | NamedItem> = [];
  if (r.idem) {
    const claim = { ...r.idem, spent: false };
    items.push(
      named(idempotencyItemName(r.caseId), spendItem(table, claim, now, { statusCode: 201, response: summary })),
    );
  }
  items.push(
    casePut(table, record),
    historyPut(table, r.caseId, actor, 'CASE_REGISTERED', at, {
      to: 'REGISTERED',
      details: { caseNumber, referralSource: input.referral.source, ...parts.details },
    }),
    ...(highRisk?.items ?? []),
    ...parts.items,
  );
  if (r.referral) items.push(referralNotification(table, record, at));
  const counts = registrationCounts(input);
  for (const extra of [highRisk?.counts ?? {}, parts.counts]) {
    for (const [k, n] of Object.entries(extra)) counts[k] = (counts[k] ?? 0) + n;
  }
  return { record, summary, items, counts };
}

/** The outbox item that makes the stream dispatcher SMS the centre's administrators about a referral. */
function referralNotification(table: string, c: CaseRecord, at: string): TransactItem {
  const source = c.referral.source;
  return {
    Put: {
      TableName: table,
      Item: {
        ...keys.notification(c.caseId, at, 'referral'),
        type: 'NOTIFICATION',
        caseId: c.caseId,
        centreId: c.centreId,
        district: c.district,
        audience: 'centre-admins',
        template: 'referral',
        slots: { en: [c.caseNumber, SLOT_WORDS.en[source]], hi: [c.caseNumber, SLOT_WORDS.hi[source]] },
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** What a registration adds to the counters: one case, its referral source, risk and categories. */
export function registrationCounts(
  input: Pick<CreateCaseInput, 'referral' | 'riskLevel' | 'incident'>,
): Record<string, number> {
  const add: Record<string, number> = {
    registered: 1,
    [field.source(input.referral.source)]: 1,
    [field.risk(input.riskLevel)]: 1,
  };
  for (const c of input.incident.categories) add[field.category(c)] = 1;
  return add;
}

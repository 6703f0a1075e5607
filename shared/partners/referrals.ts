// Onward referrals of a case to partners (a Mahila Thana, the DLSA lawyer, a Swadhar Greh...): each one rests
// on her consent for that kind of partner, or, for a girl under 18, on the law's duty to report. A referral
// lives in the case's partition and changes with the case's version, its history and its counters in one
// transaction. It never closes the case: the lifecycle's REFERRED is for a case handed over for good.
import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { isTerminal } from '../cases/lifecycle.ts';
import { type Actor, actorOf, historyPut } from '../cases/model.ts';
import type { CaseChanges } from '../cases/store.ts';
import { clean } from '../cases/views.ts';
import { badRequest, conflict, HttpError, notFound } from '../core/errors.ts';
import * as keys from '../core/keys.ts';
import { type Principal, seesSurvivorDetails } from '../core/principal.ts';
import { istTimestamp } from '../core/time.ts';
import { type ChangeOptions, named } from '../core/transactions.ts';
import { counterItems, field } from '../oversight/counters.ts';
import type { PartnerDirectory } from './directory.ts';
import { type PartnerKind, type ReferralBasis, type ReferralStatus, referralMoves, referralRefusal } from './rules.ts';
import type { CreatePartnerReferralInput, UpdatePartnerReferralInput } from './schemas.ts';

export interface PartnerReferral {
  referralId: string;
  caseId: string;
  partnerId: string;
  partnerName: string;
  partnerKind: PartnerKind;
  partnerDistrict: string;
  basis: ReferralBasis;
  status: ReferralStatus;
  purpose?: string;
  note?: string;
  sentAt: string;
  sentBy: Actor;
  updatedAt: string;
  /** Each status it has had after SENT: when and by whom (the notes are in the case's history). */
  updates: Array<{ status: ReferralStatus; at: string; by: string }>;
}

/**
 * What a caller may see of a referral. District and state oversight see which kind of partner (by id), on
 * which basis, and how it stands; never the purpose or the notes, which are in staff's words about her.
 */
export function referralView(r: PartnerReferral, caller: Principal): Record<string, unknown> {
  const all = clean(r as unknown as Record<string, unknown>);
  if (seesSurvivorDetails(caller)) return all;
  return {
    referralId: r.referralId,
    caseId: r.caseId,
    partnerId: r.partnerId,
    partnerKind: r.partnerKind,
    basis: r.basis,
    status: r.status,
    sentAt: r.sentAt,
    updatedAt: r.updatedAt,
  };
}

/**
 * What a change answers: the referral without the words staff wrote (the answer is also kept beside the
 * request's Idempotency-Key for a replay; her story is not copied there).
 */
export function referralAnswer(r: PartnerReferral) {
  const { purpose: _p, note: _n, ...rest } = r;
  return rest;
}

/** A 409 that says, at a field, what rules the referral out (the form words it by its code). */
const refused = (detail: string, path: string, code: string) =>
  new HttpError(409, 'Conflict', detail, [{ path, code, message: detail }]);

export class PartnerReferralStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly cases: CaseChanges,
    private readonly partners: PartnerDirectory,
  ) {}

  async list(caseId: string, caller: Principal): Promise<Record<string, unknown>[]> {
    await this.cases.getCaseItem(caseId, caller);
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)',
        ExpressionAttributeValues: { ':pk': keys.casePartition(caseId), ':r': 'PREFERRAL#' },
        ConsistentRead: true,
      }),
    );
    return ((Items ?? []) as unknown as PartnerReferral[])
      .sort((a, b) => a.sentAt.localeCompare(b.sentAt))
      .map((r) => referralView(r, caller));
  }

  /**
   * Sends a referral.
   * 1. The case must be in the caller's scope (404), the partner an active entry of the directory (400 at
   *    partnerId), and the case open to work (not closed, withdrawn or handed over: 409).
   * 2. Its basis must hold now: her consent for that kind of partner, or mandatory reporting of a child to
   *    the police or the CWC (409 naming the consent or the fact that is missing).
   * 3. One transaction: the referral, the history event, the counters (by kind), the case's version.
   */
  async create(
    caseId: string,
    caller: Principal,
    input: CreatePartnerReferralInput,
    now: Date,
    opts: ChangeOptions = {},
  ): Promise<PartnerReferral> {
    const at = istTimestamp(now);
    const actor = actorOf(caller);
    const referralId = randomUUID();
    let referral: PartnerReferral | undefined;
    await this.cases.change(caseId, caller, opts, async (c) => {
      // Read after the case, so a case outside the caller's scope is 404 whatever the body says.
      const partner = await this.partners.get(input.partnerId);
      if (!partner?.active) {
        throw badRequest('Choose an active partner from the directory', [
          { path: 'partnerId', code: 'invalid', message: 'Not an active partner of the directory' },
        ]);
      }
      if (isTerminal(c.status)) throw conflict(`A ${c.status} case is not referred any more`);
      const refusal = referralRefusal(c, partner.kind, input.basis);
      if (refusal) throw refused(refusal.message, refusal.path, refusal.code);
      referral = {
        referralId,
        caseId,
        partnerId: partner.partnerId,
        partnerName: partner.name,
        partnerKind: partner.kind,
        partnerDistrict: partner.district,
        basis: input.basis,
        status: 'SENT',
        ...(input.purpose ? { purpose: input.purpose } : {}),
        ...(input.note ? { note: input.note } : {}),
        sentAt: at,
        sentBy: actor,
        updatedAt: at,
        updates: [],
      };
      return {
        set: { updatedAt: at },
        items: [
          {
            Put: {
              TableName: this.table,
              Item: { ...keys.partnerReferral(caseId, referralId), type: 'PARTNER_REFERRAL', ...referral },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          historyPut(this.table, caseId, actor, 'PARTNER_REFERRAL_SENT', at, {
            details: {
              referralId,
              partnerId: partner.partnerId,
              partnerKind: partner.kind,
              basis: input.basis,
              status: 'SENT',
              ...(input.purpose ? { purpose: input.purpose } : {}),
              ...(input.note ? { note: input.note } : {}),
            },
          }),
          ...counterItems(this.table, now, c, { [field.partnerReferral('SENT', partner.kind)]: 1 }),
        ],
      };
    });
    if (!referral) throw new Error('The referral was sent without its record');
    return referral;
  }

  /** Records how a referral stands: only the moves of REFERRAL_MOVES (409 otherwise), each in history. */
  async update(
    caseId: string,
    referralId: string,
    caller: Principal,
    input: UpdatePartnerReferralInput,
    now: Date,
    opts: ChangeOptions = {},
  ): Promise<PartnerReferral> {
    const at = istTimestamp(now);
    const actor = actorOf(caller);
    let updated: PartnerReferral | undefined;
    await this.cases.change(caseId, caller, opts, async (c) => {
      const { Item } = await this.doc.send(
        new GetCommand({
          TableName: this.table,
          Key: keys.partnerReferral(caseId, referralId),
          ConsistentRead: true,
        }),
      );
      const r = Item as PartnerReferral | undefined;
      if (!r) throw notFound('No such referral');
      if (!referralMoves(r.status).includes(input.status)) {
        throw conflict(`A ${r.status} referral cannot become ${input.status}`);
      }
      const entry = { status: input.status, at, by: actor.username };
      updated = { ...r, status: input.status, updatedAt: at, updates: [...(r.updates ?? []), entry] };
      return {
        set: { updatedAt: at },
        items: [
          named('referral', {
            Update: {
              TableName: this.table,
              Key: keys.partnerReferral(caseId, referralId),
              UpdateExpression: 'SET #s = :to, updatedAt = :at, updates = list_append(if_not_exists(updates, :e), :u)',
              ConditionExpression: '#s = :was',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':to': input.status, ':was': r.status, ':at': at, ':e': [], ':u': [entry] },
            },
          }),
          historyPut(this.table, caseId, actor, 'PARTNER_REFERRAL_UPDATED', at, {
            details: {
              referralId,
              partnerId: r.partnerId,
              partnerKind: r.partnerKind,
              previous: r.status,
              status: input.status,
              ...(input.note ? { note: input.note } : {}),
            },
          }),
          ...counterItems(this.table, now, c, { [field.partnerReferral(input.status, r.partnerKind)]: 1 }),
        ],
      };
    });
    if (!updated) throw new Error('The referral was updated without its record');
    return updated;
  }
}

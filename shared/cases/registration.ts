// Registering a case: the case number, the case, its history, the counters, the idempotency record and (for
// a high-risk case or a control-room referral) the outbox items, in one transaction.
import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { badRequest, forbidden } from '../core/errors.ts';
import { type IdempotencyClaim, IdempotencyStore, spendItem } from '../core/idempotency.ts';
import { keys } from '../core/keys.ts';
import { isCentreRole, type Principal } from '../core/principal.ts';
import { financialYear, istTimestamp } from '../core/time.ts';
import { named, RETRY, retryingRaces, type TransactItem, Transaction } from '../core/transactions.ts';
import { escalationRequest } from '../escalations/store.ts';
import type { Centre, CentreStore } from '../network/centre-store.ts';
import { SLOT_WORDS } from '../notifications/sms.ts';
import { counterItems, field, openCaseItem } from '../oversight/counters.ts';
import { type Actor, actorOf, type CaseRecord, caseIndexKeys, historyPut } from './model.ts';
import { registrationParts } from './registration-parts.ts';
import type { CreateCaseInput } from './schemas.ts';
import { type CaseSummary, toSummary } from './views.ts';

const pad = (n: number) => String(n).padStart(5, '0');

/** One numbered case's transaction (without the sequence item), and what it answers. */
export interface NumberedWrite<T> {
  tx: Transaction;
  done: () => T;
  /** A failure the builder recognises by its named items: its answer (or RETRY); undefined if not its own. */
  failed?: (err: unknown) => Promise<T | typeof RETRY | undefined>;
}

export interface CreateResult {
  statusCode: number;
  body: CaseSummary;
  replayed: boolean;
}

export class CaseRegistry {
  /** Last case-number sequence this process wrote per centre and year: saves a read on the warm path. */
  private readonly sequences = new Map<string, number>();

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    readonly table: string,
    private readonly centres: CentreStore,
  ) {}

  /**
   * Registers a case.
   * In: validated input, the caller, optional idempotency claim. Out: the case summary (201), or the first
   * response again for a repeated key.
   * 1. Pick the centre (the caller's, the named one, or the district's operating centre) and check it takes cases.
   * 2. Take the next case number of that centre and financial year (guarded by a condition, no extra read
   *    while this process holds the latest number).
   * 3. One transaction: idempotency record, case, sequence, history, counters. A lost race on the sequence
   *    is tried again (with jitter, until a deadline); a spent idempotency key replays the stored response.
   */
  async createCase(
    input: CreateCaseInput,
    caller: Principal,
    now: Date,
    idem?: IdempotencyClaim,
  ): Promise<CreateResult> {
    const centre = await this.pickCentre(input, caller);
    const fy = financialYear(now);
    const at = istTimestamp(now);
    const caseId = randomUUID();
    const actor = actorOf(caller);

    return this.writeNumbered<CreateResult>(centre, fy, (caseNumber) => {
      const record = newCaseRecord({ caseId, caseNumber, centre, input, fy, at, actor });
      // A high-risk case escalates from the moment it is registered, in the same transaction.
      const highRisk =
        input.riskLevel === 'HIGH' ? escalationRequest(this.table, record, 'HIGH_RISK', actor, at) : undefined;
      Object.assign(record, highRisk?.set);
      const parts = registrationParts({ table: this.table, record, input, actor, at, now });
      Object.assign(record, parts.set);
      const summary = toSummary(record);
      const tx = new Transaction();
      if (idem) tx.add(named('idempotency', spendItem(this.table, idem, now, { statusCode: 201, response: summary })));
      tx.add(
        casePut(this.table, record),
        historyPut(this.table, caseId, actor, 'CASE_REGISTERED', at, {
          to: 'REGISTERED',
          details: { caseNumber, referralSource: input.referral.source },
        }),
        ...counterItems(this.table, now, centre, {
          ...registrationCounts(input),
          ...highRisk?.counts,
          ...parts.counts,
        }),
        openCaseItem(this.table, record, 1),
        ...(highRisk?.items ?? []),
        ...parts.items,
      );
      // A control room's referral: the centre administrator is told at once (case number only).
      if (caller.role === 'helpline') tx.add(referralNotification(this.table, record, at));
      return {
        tx,
        done: () => ({ statusCode: 201, body: summary, replayed: false }),
        // A spent key: the first request made this case; answer as it was answered.
        failed: async (err) => (idem && tx.failed(err, 'idempotency') ? this.replay(idem, now) : undefined),
      };
    });
  }

  /**
   * Writes a new case under the next number of its centre's sequence for a financial year: `build` makes the
   * case's transaction for the number offered, and the sequence's guarded update joins it. Another process
   * that took the number first makes it try again with the next (no gaps, no duplicates); a failure `build`
   * recognises (its own named item) is answered by its `failed`.
   */
  async writeNumbered<T>(centre: Centre, fy: string, build: (caseNumber: string) => NumberedWrite<T>): Promise<T> {
    const seqKey = `${centre.centreId}#${fy}`;
    return retryingRaces(async () => {
      const prev = this.sequences.get(seqKey) ?? (await this.readSequence(centre.centreId, fy));
      const next = prev + 1;
      const write = build(`${centre.code}/${fy}/${pad(next)}`);
      write.tx.add(
        named('sequence', {
          Update: {
            TableName: this.table,
            Key: keys.sequence(centre.centreId, fy),
            UpdateExpression: 'SET #last = :next',
            ConditionExpression: prev === 0 ? 'attribute_not_exists(#last)' : '#last = :prev',
            ExpressionAttributeNames: { '#last': 'last' },
            ExpressionAttributeValues: prev === 0 ? { ':next': next } : { ':next': next, ':prev': prev },
          },
        }),
      );
      try {
        await write.tx.send(this.doc);
      } catch (err) {
        const answer = await write.failed?.(err);
        if (answer !== undefined) return answer;
        if (write.tx.failed(err, 'sequence')) {
          // Another process took this number: read the sequence again.
          this.sequences.delete(seqKey);
          return RETRY;
        }
        throw err;
      }
      this.sequences.set(seqKey, next);
      return write.done();
    });
  }

  private async replay(idem: IdempotencyClaim, now: Date): Promise<CreateResult | typeof RETRY> {
    const answer = await new IdempotencyStore(this.doc, this.table).replay(idem, now);
    // Spent a moment ago by a request still in flight, or just expired: try the registration again.
    if (!answer) return RETRY;
    return { statusCode: answer.statusCode, body: answer.body as CaseSummary, replayed: true };
  }

  private async readSequence(centreId: string, fy: string): Promise<number> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.sequence(centreId, fy), ConsistentRead: true }),
    );
    return (Item?.last as number | undefined) ?? 0;
  }

  private async pickCentre(input: CreateCaseInput, caller: Principal): Promise<Centre> {
    let centreId = input.centreId;
    if (isCentreRole(caller)) {
      if (centreId && centreId !== caller.centreId) throw forbidden('You can register cases only at your own centre');
      centreId = caller.centreId;
    } else if (caller.role === 'helpline' && !centreId) {
      const district = input.survivor.district;
      if (!district) {
        throw badRequest('Say which centre or district the referral is for', [
          { path: 'survivor.district', code: 'required', message: 'Required when centreId is not given' },
        ]);
      }
      const routed = await this.centres.operatingCentreOf(district);
      if (!routed)
        throw badRequest('No operating centre in that district', [
          { path: 'survivor.district', code: 'invalid', message: 'No operating centre in this district' },
        ]);
      return routed;
    } else if (caller.role === 'district-officer') {
      throw forbidden('District officers do not register cases');
    }
    if (!centreId)
      throw badRequest('Say which centre registers the case', [
        { path: 'centreId', code: 'required', message: 'This field is required' },
      ]);
    // A centre this process remembers as not yet open may have opened since: ask the table before refusing.
    let centre = await this.centres.get(centreId);
    if (centre?.status !== 'OPERATIONAL') centre = await this.centres.get(centreId, true);
    if (centre?.status !== 'OPERATIONAL') {
      throw badRequest('That centre does not take cases', [
        { path: 'centreId', code: 'invalid', message: 'Not an operating centre' },
      ]);
    }
    return centre;
  }
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

/** What a registration adds to the counters: one case, its referral source, risk and categories. */
export function registrationCounts(input: Pick<CreateCaseInput, 'referral' | 'riskLevel' | 'incident'>) {
  const add: Record<string, number> = {
    registered: 1,
    [field.source(input.referral.source)]: 1,
    [field.risk(input.riskLevel)]: 1,
  };
  for (const c of input.incident.categories) add[field.category(c)] = 1;
  return add;
}

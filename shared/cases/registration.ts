// Registering a case: the case number, the case, its history, the counters, the idempotency record and (for
// a high-risk case or a control-room referral) the outbox items, in one transaction. How numbers stay
// gapless when many register at one centre at once: case-numbers.ts.
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { badRequest, forbidden } from '../core/errors.ts';
import { type IdempotencyClaim, IdempotencyStore } from '../core/idempotency.ts';
import * as keys from '../core/keys.ts';
import { isCentreRole, type Principal } from '../core/principal.ts';
import { financialYear, istTimestamp } from '../core/time.ts';
import { busy, named, RETRY, retryingRaces, type Transaction } from '../core/transactions.ts';
import type { Centre, CentreStore } from '../network/centre-store.ts';
import { CaseNumbers } from './case-numbers.ts';
import { actorOf } from './model.ts';
import { caseNumberOf, type Registration } from './registration-items.ts';
import type { CreateCaseInput } from './schemas.ts';
import type { CaseSummary } from './views.ts';

export { casePut, newCaseRecord, registrationCounts } from './registration-items.ts';

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

/** How long a registration may wait for its number before it gives up (503): inside the Lambda's 10 s. */
const DEADLINE_MS = 7_000;
/** After losing the quick way at a centre, how long this process queues there directly. */
const BUSY_MS = 2_000;

export class CaseRegistry {
  /** Last case-number sequence this process wrote per centre and year: saves a read on the warm path. */
  private readonly sequences = new Map<string, number>();
  private readonly numbers: CaseNumbers;
  /** Centres this process is registering at right now, or lost the quick way at a moment ago. */
  private readonly busy = new Map<string, { inFlight: number; until: number }>();

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    readonly table: string,
    private readonly centres: CentreStore,
  ) {
    this.numbers = new CaseNumbers(doc, table);
  }

  /**
   * Registers a case.
   * In: validated input, the caller, optional idempotency claim. Out: the case summary (201), or the first
   * response again for a repeated key.
   * 1. Pick the centre (the caller's, the named one, or the district's operating centre) and check it takes cases.
   * 2. Alone at the centre: take the next number in one transaction with the case (no extra read while this
   *    process holds the latest number). A spent idempotency key replays the stored response.
   * 3. In a burst (the number was taken meanwhile): queue, and be numbered in a batch (case-numbers.ts); 503
   *    with Retry-After, nothing written, if that takes longer than the deadline.
   */
  async createCase(
    input: CreateCaseInput,
    caller: Principal,
    now: Date,
    idem?: IdempotencyClaim,
  ): Promise<CreateResult> {
    const deadline = Date.now() + DEADLINE_MS;
    const centre = await this.pickCentre(input, caller);
    const r: Registration = {
      caseId: randomUUID(),
      centre,
      input,
      actor: actorOf(caller),
      referral: caller.role === 'helpline',
      at: istTimestamp(now),
      now: now.toISOString(),
      ...(idem
        ? {
            idem: {
              key: idem.key,
              requestHash: idem.requestHash,
              ...(idem.expiresAt === undefined ? {} : { expiresAt: idem.expiresAt }),
            },
          }
        : {}),
    };
    const busyHere = this.busy.get(centre.centreId) ?? { inFlight: 0, until: 0 };
    this.busy.set(centre.centreId, busyHere);
    busyHere.inFlight++;
    try {
      // The quick way, unless the centre is busy: this process is registering there already or lost the quick
      // way there a moment ago (racing for the number would only cost a failed transaction), or registrations
      // wait in its queue (they go first).
      const alone =
        busyHere.inFlight === 1 && Date.now() > busyHere.until && (await this.numbers.queueEmpty(centre.centreId));
      const quick = alone ? await this.quick(r, centre, now, idem) : undefined;
      if (quick) return quick;
      busyHere.until = Date.now() + BUSY_MS;
      // Others are registering at this centre right now: wait in its queue for a batch to number this one.
      await this.numbers.enqueue(r);
      return await this.queued(r, deadline, now, idem);
    } finally {
      busyHere.inFlight--;
      if (busyHere.inFlight === 0 && Date.now() > busyHere.until) this.busy.delete(centre.centreId);
    }
  }

  /** One transaction with the number this process last wrote, then once more with the table's. */
  private async quick(
    r: Registration,
    centre: Centre,
    now: Date,
    idem?: IdempotencyClaim,
  ): Promise<CreateResult | undefined> {
    const fy = financialYear(now);
    const seqKey = `${centre.centreId}#${fy}`;
    const cached = this.sequences.get(seqKey);
    for (const prev of cached === undefined ? [undefined] : [cached, undefined]) {
      const last = prev ?? (await this.numbers.lastNumber(centre.centreId, fy));
      const quick = await this.numbers.commit(centre, [r], last, false);
      if (quick.outcome === 'committed') {
        this.sequences.set(seqKey, quick.last);
        return { statusCode: 201, body: quick.summaries.get(r.caseId) as CaseSummary, replayed: false };
      }
      this.sequences.delete(seqKey);
      if (quick.outcome === 'spent' && idem) {
        const answer = await this.replay(idem, now);
        if (answer) return answer;
      }
    }
    return undefined;
  }

  private async queued(r: Registration, deadline: number, now: Date, idem?: IdempotencyClaim): Promise<CreateResult> {
    const end = await this.numbers.await(r, deadline);
    if (end.state === 'numbered') return { statusCode: 201, body: end.summary, replayed: false };
    // Taken out of the queue: an earlier attempt of the same request was applied first.
    const answer = idem ? await this.replay(idem, now) : undefined;
    if (!answer) throw busy();
    return answer;
  }

  /**
   * Writes a new case under the next number of its centre's sequence for a financial year, one at a time (an
   * import's cases): `build` makes the case's transaction for the number offered, and the sequence's guarded
   * update joins it. Another writer that took the number first (a registration, a batch of a burst) makes it
   * try again with the next (no gaps, no duplicates); a failure `build` recognises (its own named item) is
   * answered by its `failed`.
   */
  async writeNumbered<T>(centre: Centre, fy: string, build: (caseNumber: string) => NumberedWrite<T>): Promise<T> {
    const seqKey = `${centre.centreId}#${fy}`;
    return retryingRaces(async () => {
      const prev = this.sequences.get(seqKey) ?? (await this.numbers.lastNumber(centre.centreId, fy));
      const next = prev + 1;
      const write = build(caseNumberOf(centre, fy, next));
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
          // Another writer took this number: read the sequence again.
          this.sequences.delete(seqKey);
          return RETRY;
        }
        throw err;
      }
      this.sequences.set(seqKey, next);
      return write.done();
    });
  }

  private async replay(idem: IdempotencyClaim, now: Date): Promise<CreateResult | undefined> {
    const answer = await new IdempotencyStore(this.doc, this.table).replay(idem, now);
    if (!answer) return undefined;
    return { statusCode: answer.statusCode, body: answer.body as CaseSummary, replayed: true };
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

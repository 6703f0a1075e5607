// Shelter stays at the OSC: admission by the centre administrator (with the children who stay with her),
// discharge with a destination, the occupancy of a centre, and the deadline check's overdue mark. A stay is
// an item in its case's partition (STAY#<id>); while open and not yet overdue it sits in the sparse queue
// index under DUE#SHELTER, ordered by its due-out date. The case item holds the open stay (one at a time,
// guarded by the case's version); the centre's occupancy is a counter item (SHELTER/<centreId>) kept in the
// same transactions, so reading it never counts stays.
import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { takesServices } from '../cases/lifecycle.ts';
import { type Actor, actorOf, historyPut, SYSTEM_ACTOR } from '../cases/model.ts';
import type { CaseChanges } from '../cases/store.ts';
import { badRequest, conflict, notFound } from '../core/errors.ts';
import * as keys from '../core/keys.ts';
import { assertInScope, type Principal } from '../core/principal.ts';
import { istDate, istTimestamp } from '../core/time.ts';
import { type ChangeOptions, named, retryingRaces, Transaction } from '../core/transactions.ts';
import type { ShelterDestination } from '../core/vocabulary.ts';
import type { CentreStore } from '../network/centre-store.ts';
import { counterItems, field, occupancyItem } from '../oversight/counters.ts';
import { dueOutDate, type ShelterSettings, stayDays } from './rules.ts';
import type { AdmitShelterInput, DischargeShelterInput } from './schemas.ts';

export interface ShelterStay {
  stayId: string;
  caseId: string;
  caseNumber: string;
  centreId: string;
  district: string;
  status: 'OPEN' | 'DISCHARGED';
  admittedAt: string;
  admittedBy: Actor;
  days: number;
  dueOutDate: string;
  children: Array<{ age: number; sex: 'F' | 'M' }>;
  note?: string;
  extendedReason?: string;
  overdue?: boolean;
  overdueAt?: string;
  dischargedAt?: string;
  dischargedBy?: Actor;
  destination?: ShelterDestination;
  dischargeNote?: string;
  q1pk?: string;
  q1sk?: string;
}

export interface Occupancy {
  centreId: string;
  inShelter: number;
  children: number;
  overdue: number;
}

export class ShelterStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly cases: CaseChanges,
    private readonly centres: CentreStore,
    private readonly settings: ShelterSettings,
  ) {}

  private async get(caseId: string, stayId: string): Promise<ShelterStay | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.shelterStay(caseId, stayId), ConsistentRead: true }),
    );
    return Item as ShelterStay | undefined;
  }

  /**
   * Admits her to the centre's shelter.
   * 1. The length: the stage's default, or up to its maximum with a reason (else 400 at the field).
   * 2. The case is read (404 outside scope); a case the centre has let go of, or one with an open stay, is 409.
   * 3. One transaction: the stay (queued by its due-out date), the case's open stay, history, the month's
   *    counters and the centre's occupancy.
   */
  async admit(caseId: string, caller: Principal, input: AdmitShelterInput, now: Date, opts: ChangeOptions = {}) {
    const length = stayDays(input, this.settings);
    if ('problem' in length) {
      throw badRequest('The stay is too long', [{ ...length.problem, code: 'invalid' }]);
    }
    const at = istTimestamp(now);
    const actor = actorOf(caller);
    const stayId = randomUUID();
    const children = input.children ?? [];
    const due = dueOutDate(istDate(now), length.days);
    await this.cases.change(caseId, caller, opts, (c) => {
      if (!takesServices(c.status)) throw conflict(`A ${c.status} case takes no shelter stay`);
      if (c.openStayId) throw conflict('She already has an open shelter stay: discharge it first');
      const stay: ShelterStay = {
        stayId,
        caseId,
        caseNumber: c.caseNumber,
        centreId: c.centreId,
        district: c.district,
        status: 'OPEN',
        admittedAt: at,
        admittedBy: actor,
        days: length.days,
        dueOutDate: due,
        children,
        ...(input.note ? { note: input.note } : {}),
        ...(input.extendedReason ? { extendedReason: input.extendedReason } : {}),
        q1pk: keys.dueStays(),
        q1sk: keys.dueStaySort(due, caseId, stayId),
      };
      return {
        set: { openStayId: stayId, updatedAt: at },
        items: [
          {
            Put: {
              TableName: this.table,
              Item: { ...keys.shelterStay(caseId, stayId), type: 'SHELTER_STAY', ...stay },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          historyPut(this.table, caseId, actor, 'SHELTER_ADMITTED', at, {
            details: {
              stayId,
              days: length.days,
              dueOutDate: due,
              children: children.length,
              extended: Boolean(input.extendedReason),
            },
          }),
          ...counterItems(this.table, now, c, {
            [field.shelterAdmitted]: 1,
            ...(children.length ? { [field.shelterChildren]: children.length } : {}),
          }),
          occupancyItem(this.table, c, { inShelter: 1, children: children.length }),
        ],
      };
    });
    return { stayId, admittedAt: at, dueOutDate: due, days: length.days, children };
  }

  /** Discharges an open stay with where she went; 404 for a stay the case does not have, 409 once discharged. */
  async discharge(
    caseId: string,
    stayId: string,
    caller: Principal,
    input: DischargeShelterInput,
    now: Date,
    opts: ChangeOptions = {},
  ) {
    const at = istTimestamp(now);
    const actor = actorOf(caller);
    let result: Record<string, unknown> = {};
    await this.cases.change(caseId, caller, opts, async (c) => {
      const stay = await this.get(caseId, stayId);
      if (!stay) throw notFound();
      if (stay.status !== 'OPEN' || c.openStayId !== stayId) throw conflict('This stay has already ended');
      result = { stayId, status: 'DISCHARGED', dischargedAt: at, destination: input.destination };
      return {
        set: { openStayId: null, updatedAt: at },
        items: [
          named('stay', {
            Update: {
              TableName: this.table,
              Key: keys.shelterStay(caseId, stayId),
              UpdateExpression: `SET #s = :discharged, dischargedAt = :at, dischargedBy = :by, destination = :d${
                input.note ? ', dischargeNote = :note' : ''
              } REMOVE q1pk, q1sk`,
              ConditionExpression: '#s = :open',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: {
                ':discharged': 'DISCHARGED',
                ':open': 'OPEN',
                ':at': at,
                ':by': actor,
                ':d': input.destination,
                ...(input.note ? { ':note': input.note } : {}),
              },
            },
          }),
          historyPut(this.table, caseId, actor, 'SHELTER_DISCHARGED', at, {
            details: { stayId, destination: input.destination, overdue: Boolean(stay.overdue) },
          }),
          ...counterItems(this.table, now, c, {
            [field.shelterDischarged]: 1,
            [field.shelterDestination(input.destination)]: 1,
          }),
          occupancyItem(this.table, stay, {
            inShelter: -1,
            children: -stay.children.length,
            overdue: stay.overdue ? -1 : 0,
          }),
        ],
      };
    });
    return result;
  }

  /** Who is in a centre's shelter now: centre roles of that centre, its district's officers, the state. */
  async occupancy(centreId: string, caller: Principal): Promise<Occupancy> {
    const centre = await this.centres.get(centreId);
    assertInScope(caller, centre);
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.occupancy(centreId), ConsistentRead: true }),
    );
    const n = (k: string) => Math.max(0, Number(Item?.[k] ?? 0));
    return { centreId, inShelter: n('inShelter'), children: n('children'), overdue: n('overdue') };
  }

  /**
   * The deadline check: a stay past its due-out date is marked overdue once (a conditional write on the stay
   * still being queued at that date), with its history, the month's count and the centre's occupancy.
   * Returns false when someone else marked or discharged it meanwhile.
   */
  async markOverdue(
    stay: Pick<ShelterStay, 'caseId' | 'stayId' | 'centreId' | 'district' | 'dueOutDate'> & { q1sk: string },
    now: Date,
  ) {
    const at = istTimestamp(now);
    const tx = new Transaction().add(
      named('stay', {
        Update: {
          TableName: this.table,
          Key: keys.shelterStay(stay.caseId, stay.stayId),
          UpdateExpression: 'SET overdue = :t, overdueAt = :at REMOVE q1pk, q1sk',
          ConditionExpression: '#s = :open AND q1sk = :sk',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':t': true, ':at': at, ':open': 'OPEN', ':sk': stay.q1sk },
        },
      }),
      historyPut(this.table, stay.caseId, SYSTEM_ACTOR, 'SHELTER_STAY_OVERDUE', at, {
        details: { stayId: stay.stayId, dueOutDate: stay.dueOutDate },
      }),
      ...counterItems(this.table, now, stay, { [field.shelterOverdue]: 1 }),
      occupancyItem(this.table, stay, { overdue: 1 }),
    );
    return retryingRaces(async () => {
      try {
        await tx.send(this.doc);
        return true;
      } catch (err) {
        if (tx.failed(err, 'stay')) return false;
        throw err;
      }
    });
  }
}

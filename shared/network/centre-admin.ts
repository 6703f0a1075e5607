// The centre network as the state runs it: centres added as PLANNED, opened when staffed, closed; the
// district and sub-division always the state's own (the geography file).
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CENTRE_MOVES } from '../cases/lifecycle.ts';
import { actorOf } from '../cases/model.ts';
import { badRequest, conflict, notFound } from '../core/errors.ts';
import * as keys from '../core/keys.ts';
import type { Principal } from '../core/principal.ts';
import { istTimestamp } from '../core/time.ts';
import { type ChangeOptions, ConditionFailed, named, type TransactItem, Transaction } from '../core/transactions.ts';
import type { CentreStore } from './centre-store.ts';
import { type CentreSeed, districtCode, findDistrict, slug } from './geography.ts';
import type { CreateCentreInput, UpdateCentreInput } from './schemas.ts';

const field = (path: string, message: string) => badRequest(message, [{ path, code: 'invalid', message }]);

/** An audit entry for a change to the network (centres, rosters): who, what, when; ids only. */
export function adminAuditItem(
  table: string,
  caller: Principal,
  action: string,
  details: Record<string, unknown>,
  at: string,
): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: {
        ...keys.userAudit(at.slice(0, 10), at, randomUUID()),
        type: 'ADMIN_CHANGE',
        at,
        actor: actorOf(caller),
        action,
        details,
      },
    },
  };
}

export class CentreAdmin {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly centres: CentreStore,
  ) {}

  /**
   * Adds a centre. The district and sub-division must be the state's (the geography file); the id and the
   * case-number code follow the district's existing centres (osc-patna-3, PAT3).
   */
  async createCentre(
    input: CreateCentreInput,
    caller: Principal,
    now: Date,
    opts: ChangeOptions = {},
  ): Promise<CentreSeed> {
    const district = findDistrict(input.district);
    if (!district) throw field('district', 'Not a district of the state');
    const subdivision = district.subdivisions.find((s) => s.toLowerCase() === input.subdivision.trim().toLowerCase());
    if (!subdivision) throw field('subdivision', `Not a sub-division of ${district.name}`);
    for (let attempt = 0; attempt < 5; attempt++) {
      const existing = (await this.centres.list(true)).filter((c) => c.district === district.name);
      const n = Math.max(0, ...existing.map((c) => Number(/-(\d+)$/.exec(c.centreId)?.[1] ?? 0))) + 1;
      const centre: CentreSeed = {
        centreId: `osc-${slug(district.name)}-${n}`,
        code: `${districtCode(district.name)}${n}`,
        name: input.name,
        district: district.name,
        subdivision,
        status: input.status,
      };
      const tx = new Transaction().add(
        named('centre', {
          Put: {
            TableName: this.table,
            Item: {
              ...keys.centre(centre.centreId),
              type: 'CENTRE',
              ...centre,
              gsi3pk: keys.byState('CENTRE'),
              gsi3sk: centre.centreId,
              createdAt: istTimestamp(now),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }),
        adminAuditItem(
          this.table,
          caller,
          'CENTRE_CREATED',
          { centreId: centre.centreId, status: centre.status },
          istTimestamp(now),
        ),
      );
      try {
        await tx.sendSpending(this.doc, this.table, opts, now);
      } catch (err) {
        // Another centre took this number a moment ago: count again.
        if (err instanceof ConditionFailed && err.item === 'centre') continue;
        throw err;
      }
      this.centres.forget(centre.centreId);
      return centre;
    }
    throw conflict('Another centre was being added in this district; please retry');
  }

  async updateCentre(
    centreId: string,
    input: UpdateCentreInput,
    caller: Principal,
    now: Date,
    opts: ChangeOptions = {},
  ): Promise<CentreSeed> {
    const centre = await this.centres.get(centreId, true);
    if (!centre) throw notFound();
    const next = { ...centre };
    if (input.status && input.status !== centre.status) {
      if (!CENTRE_MOVES[centre.status]?.includes(input.status))
        throw conflict(`A ${centre.status} centre cannot become ${input.status}`);
      next.status = input.status;
    }
    const wanted = input.subdivision?.trim().toLowerCase();
    if (wanted) {
      const d = findDistrict(centre.district);
      if (!d) throw field('subdivision', `${centre.district} is not a district of this state`);
      const sub = d.subdivisions.find((s) => s.toLowerCase() === wanted);
      if (!sub) throw field('subdivision', `Not a sub-division of ${d.name}`);
      next.subdivision = sub;
    }
    if (input.name) next.name = input.name;
    const tx = new Transaction().add(
      named('centre', {
        Update: {
          TableName: this.table,
          Key: keys.centre(centreId),
          UpdateExpression: 'SET #s = :s, #n = :n, subdivision = :sub, updatedAt = :at',
          ConditionExpression: '#s = :was',
          ExpressionAttributeNames: { '#s': 'status', '#n': 'name' },
          ExpressionAttributeValues: {
            ':s': next.status,
            ':n': next.name,
            ':sub': next.subdivision,
            ':at': istTimestamp(now),
            ':was': centre.status,
          },
        },
      }),
      adminAuditItem(
        this.table,
        caller,
        'CENTRE_UPDATED',
        { centreId, from: centre.status, to: next.status },
        istTimestamp(now),
      ),
    );
    try {
      await tx.sendSpending(this.doc, this.table, opts, now);
    } catch (err) {
      if (err instanceof ConditionFailed && err.item === 'centre') {
        throw conflict('The centre was changed meanwhile; reload and try again');
      }
      throw err;
    }
    this.centres.forget(centreId);
    return next;
  }
}

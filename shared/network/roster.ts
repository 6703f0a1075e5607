// Rosters kept by centre administrators (and the state): staff added with or without a sign-in, changed,
// and deactivated with her pending follow-ups handed to a colleague in the same request. A sign-in account
// is requested by an ACCOUNT item written with the roster change (forwarded by the stream dispatcher to
// account-sync's queue), so the change and the request to Cognito can never part; access ends at once
// anyway, because every request checks that the caller's staff record is active.
import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { actorOf, historyPut } from '../cases/model.ts';
import { badRequest, conflict, notFound } from '../core/errors.ts';
import * as keys from '../core/keys.ts';
import { inScope, type Principal } from '../core/principal.ts';
import { queryAll } from '../core/query.ts';
import { INDEXES } from '../core/table.ts';
import { istTimestamp } from '../core/time.ts';
import { type ChangeOptions, type NamedItem, type TransactItem, Transaction } from '../core/transactions.ts';
import { adminAuditItem } from './centre-admin.ts';
import type { CentreStore, Staff } from './centre-store.ts';
import type { NewAccount } from './identity.ts';
import { type CreateStaffInput, SIGN_IN_MISMATCH, signInFitsRole, type UpdateStaffInput } from './schemas.ts';

const field = (path: string, message: string) => badRequest(message, [{ path, code: 'invalid', message }]);

export type AccountAction =
  | { action: 'create'; account: NewAccount }
  | { action: 'enable' | 'disable'; username: string };

function accountItem(table: string, centreId: string, at: string, request: AccountAction): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: { ...keys.accountRequest(centreId, at, randomUUID()), type: 'ACCOUNT', ...request },
    },
  };
}

export class Roster {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly centres: CentreStore,
  ) {}

  private async centreInScope(centreId: string, caller: Principal) {
    const centre = await this.centres.get(centreId, true);
    if (!centre || !inScope(caller, centre)) throw notFound();
    return centre;
  }

  /**
   * Adds a staff member to a centre's roster; with system access, also requests her sign-in account. `extra`
   * items join the same transaction (an import's marker); one whose condition fails throws ConditionFailed.
   */
  async createStaff(
    centreId: string,
    input: CreateStaffInput,
    caller: Principal,
    now: Date,
    opts: ChangeOptions = {},
    extra: NamedItem[] = [],
  ): Promise<Staff> {
    const centre = await this.centreInScope(centreId, caller);
    if (centre.status === 'CLOSED') throw conflict('A closed centre takes no new staff');
    const at = istTimestamp(now);
    const staffId = `${centreId.replace(/^osc-/, '')}-${randomUUID().slice(0, 8)}`;
    const access = input.systemAccess && input.systemAccess !== 'none' ? input.systemAccess : undefined;
    const staff: Staff = {
      staffId,
      centreId,
      name: input.name,
      role: input.role,
      phone: input.phone,
      language: input.language,
      active: true,
      ...(access ? { username: staffId, access } : {}),
    };
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.table,
          Item: {
            ...keys.staff(centreId, staffId),
            type: 'STAFF',
            ...staff,
            ...(access ? { email: input.email } : {}),
            createdAt: at,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      adminAuditItem(
        this.table,
        caller,
        'STAFF_ADDED',
        { centreId, staffId, role: input.role, access: access ?? 'none' },
        at,
      ),
    ];
    if (access) {
      items.push(
        accountItem(this.table, centreId, at, {
          action: 'create',
          account: {
            username: staffId,
            role: access,
            centreId,
            district: centre.district,
            staffId,
            phone: input.phone,
            ...(input.email ? { email: input.email } : {}),
          },
        }),
      );
    }
    await this.write([...items, ...extra], opts, now);
    this.centres.forget(centreId);
    return staff;
  }

  /**
   * Changes a staff member. Deactivating her: her pending follow-ups move to `reassignTo` (active staff of
   * the same centre with a phone), each case with a history event; then she is marked inactive and her
   * sign-in disabled. Retrying the same request finishes what a failure left.
   */
  async updateStaff(
    centreId: string,
    staffId: string,
    input: UpdateStaffInput,
    caller: Principal,
    now: Date,
    opts: ChangeOptions = {},
  ): Promise<Staff & { reassigned: number }> {
    await this.centreInScope(centreId, caller);
    const current = await this.centres.staffMember(centreId, staffId, true);
    if (!current) throw notFound();
    if (input.role && !signInFitsRole(input.role, current.access)) throw field('role', SIGN_IN_MISMATCH);
    const at = istTimestamp(now);
    let reassigned = 0;
    if (input.active === false && current.active) {
      const pending = await this.pendingFollowUpsOf(staffId, centreId);
      if (pending.length) {
        if (!input.reassignTo)
          throw field(
            'reassignTo',
            `She has ${pending.length} pending follow-ups: name the colleague who takes them over`,
          );
        const to = await this.centres.staffMember(centreId, input.reassignTo, true);
        if (!to?.active || !to.phone || to.staffId === staffId)
          throw field('reassignTo', 'Must be another active staff member of this centre with a phone');
        reassigned = await this.reassign(pending, staffId, to.staffId, caller, at);
      }
    }
    const next: Staff = {
      ...current,
      ...(input.name ? { name: input.name } : {}),
      ...(input.role ? { role: input.role } : {}),
      ...(input.phone ? { phone: input.phone } : {}),
      ...(input.language ? { language: input.language } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    };
    const items: TransactItem[] = [
      {
        Update: {
          TableName: this.table,
          Key: keys.staff(centreId, staffId),
          UpdateExpression: 'SET #n = :n, #r = :r, phone = :p, #l = :l, active = :a, updatedAt = :at',
          ExpressionAttributeNames: { '#n': 'name', '#r': 'role', '#l': 'language' },
          ExpressionAttributeValues: {
            ':n': next.name,
            ':r': next.role,
            ':p': next.phone,
            ':l': next.language,
            ':a': next.active,
            ':at': at,
          },
        },
      },
      adminAuditItem(
        this.table,
        caller,
        input.active === false ? 'STAFF_DEACTIVATED' : 'STAFF_UPDATED',
        { centreId, staffId, reassigned, ...(input.reassignTo ? { reassignTo: input.reassignTo } : {}) },
        at,
      ),
    ];
    if (next.username && input.active !== undefined && input.active !== current.active) {
      items.push(
        accountItem(this.table, centreId, at, { action: input.active ? 'enable' : 'disable', username: next.username }),
      );
    }
    await this.write(items, opts, now);
    this.centres.forget(centreId);
    return { ...next, reassigned };
  }

  /** One roster change in one transaction, with the request's Idempotency-Key spent in it. */
  private async write(items: Array<TransactItem | NamedItem>, opts: ChangeOptions, now: Date): Promise<void> {
    const tx = new Transaction().add(...items);
    await tx.sendSpending(this.doc, this.table, opts, now);
  }

  /**
   * Her open follow-ups: pending ones from the sparse due index, and those waiting for a decision since an
   * import from the centre's decision queue (what is open, not every case stored).
   */
  private async pendingFollowUpsOf(
    workerId: string,
    centreId: string,
  ): Promise<Array<{ caseId: string; followUpId: string }>> {
    const [pending, deciding] = await Promise.all([
      queryAll(this.doc, {
        TableName: this.table,
        IndexName: INDEXES.dueFollowUps.name,
        KeyConditionExpression: 'duePk = :pk',
        FilterExpression: 'workerId = :w AND centreId = :c',
        ExpressionAttributeValues: { ':pk': keys.due(), ':w': workerId, ':c': centreId },
      }),
      queryAll(this.doc, {
        TableName: this.table,
        IndexName: INDEXES.queue.name,
        KeyConditionExpression: 'q1pk = :pk',
        FilterExpression: 'workerId = :w',
        ExpressionAttributeValues: { ':pk': keys.decisionQueue(centreId), ':w': workerId },
      }),
    ]);
    return [...pending, ...deciding].map((i) => ({ caseId: i.caseId as string, followUpId: i.followUpId as string }));
  }

  private async reassign(
    followUps: Array<{ caseId: string; followUpId: string }>,
    from: string,
    to: string,
    caller: Principal,
    at: string,
  ): Promise<number> {
    const actor = actorOf(caller);
    const byCase = new Map<string, string[]>();
    for (const f of followUps) byCase.set(f.caseId, [...(byCase.get(f.caseId) ?? []), f.followUpId]);
    let moved = 0;
    for (const [caseId, ids] of byCase) {
      const items: TransactItem[] = ids.map((followUpId) => ({
        Update: {
          TableName: this.table,
          Key: keys.followUp(caseId, followUpId),
          UpdateExpression: 'SET workerId = :to',
          ConditionExpression: 'workerId = :from',
          ExpressionAttributeValues: { ':to': to, ':from': from },
        },
      }));
      items.push(
        historyPut(this.table, caseId, actor, 'FOLLOW_UPS_REASSIGNED', at, { details: { followUpIds: ids, from, to } }),
      );
      try {
        await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
        moved += ids.length;
      } catch (err) {
        // Recorded or reassigned by someone else meanwhile: leave that case as it now is.
        if ((err as { name?: string }).name !== 'TransactionCanceledException') throw err;
      }
    }
    return moved;
  }
}

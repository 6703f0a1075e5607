// The centre network as the state runs it: centres added as PLANNED and opened when staffed, rosters kept by
// each centre administrator, and a staff member who leaves losing access and her follow-ups in one step.
import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys.ts';
import { INDEXES } from './table.ts';
import { badRequest, conflict, notFound } from './errors.ts';
import { districtCode, findDistrict, slug, type CentreSeed } from './geography.ts';
import { actorOf, historyPut, type TransactItem } from './case-store.ts';
import { inScope, type Principal } from './principal.ts';
import { istTimestamp } from './time.ts';
import type { CentreStore, Staff } from './centre-store.ts';
import type { IdentityPort } from './identity.ts';
import type { CreateCentreInput, CreateStaffInput, UpdateCentreInput, UpdateStaffInput } from './schemas.ts';

const field = (path: string, message: string) => badRequest(message, [{ path, code: 'invalid', message }]);

/** Moves a centre may make: a planned centre opens when staffed; a closed one can reopen. */
const CENTRE_MOVES: Record<string, string[]> = {
  PLANNED: ['OPERATIONAL', 'CLOSED'],
  OPERATIONAL: ['CLOSED'],
  CLOSED: ['OPERATIONAL'],
};

export class Network {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly centres: CentreStore,
    private readonly identity: () => IdentityPort,
  ) {}

  private async audit(caller: Principal, action: string, details: Record<string, unknown>, now: Date): Promise<void> {
    const at = istTimestamp(now);
    await this.doc.send(new PutCommand({
      TableName: this.table,
      Item: { ...keys.userAudit(at.slice(0, 10), at, randomUUID()), type: 'ADMIN_CHANGE', at, actor: actorOf(caller), action, details },
    }));
  }

  /**
   * Adds a centre. The district and sub-division must be the state's (the geography file); the id and the
   * case-number code follow the district's existing centres (osc-patna-3, PAT3).
   */
  async createCentre(input: CreateCentreInput, caller: Principal, now: Date): Promise<CentreSeed> {
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
      try {
        await this.doc.send(new PutCommand({
          TableName: this.table,
          Item: { ...keys.centre(centre.centreId), type: 'CENTRE', ...centre, gsi3pk: keys.byState('CENTRE'), gsi3sk: centre.centreId, createdAt: istTimestamp(now) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }));
      } catch (err) {
        if ((err as { name?: string }).name === 'ConditionalCheckFailedException') continue;
        throw err;
      }
      this.centres.forget(centre.centreId);
      await this.audit(caller, 'CENTRE_CREATED', { centreId: centre.centreId, status: centre.status }, now);
      return centre;
    }
    throw conflict('Another centre was being added in this district; please retry');
  }

  async updateCentre(centreId: string, input: UpdateCentreInput, caller: Principal, now: Date): Promise<CentreSeed> {
    const centre = await this.centres.get(centreId, true);
    if (!centre) throw notFound();
    const next = { ...centre };
    if (input.status && input.status !== centre.status) {
      if (!CENTRE_MOVES[centre.status]?.includes(input.status)) throw conflict(`A ${centre.status} centre cannot become ${input.status}`);
      next.status = input.status;
    }
    if (input.subdivision) {
      const d = findDistrict(centre.district)!;
      const sub = d.subdivisions.find((s) => s.toLowerCase() === input.subdivision!.trim().toLowerCase());
      if (!sub) throw field('subdivision', `Not a sub-division of ${d.name}`);
      next.subdivision = sub;
    }
    if (input.name) next.name = input.name;
    await this.doc.send(new UpdateCommand({
      TableName: this.table,
      Key: keys.centre(centreId),
      UpdateExpression: 'SET #s = :s, #n = :n, subdivision = :sub, updatedAt = :at',
      ConditionExpression: '#s = :was',
      ExpressionAttributeNames: { '#s': 'status', '#n': 'name' },
      ExpressionAttributeValues: { ':s': next.status, ':n': next.name, ':sub': next.subdivision, ':at': istTimestamp(now), ':was': centre.status },
    }));
    this.centres.forget(centreId);
    await this.audit(caller, 'CENTRE_UPDATED', { centreId, from: centre.status, to: next.status }, now);
    return next;
  }

  private async centreInScope(centreId: string, caller: Principal) {
    const centre = await this.centres.get(centreId, true);
    if (!centre || !inScope(caller, centre)) throw notFound();
    return centre;
  }

  /** Adds a staff member to a centre's roster; with system access, also her sign-in account. */
  async createStaff(centreId: string, input: CreateStaffInput, caller: Principal, now: Date): Promise<Staff> {
    const centre = await this.centreInScope(centreId, caller);
    if (centre.status === 'CLOSED') throw conflict('A closed centre takes no new staff');
    const short = centreId.replace(/^osc-/, '');
    const staffId = `${short}-${randomUUID().slice(0, 8)}`;
    const access = input.systemAccess && input.systemAccess !== 'none' ? input.systemAccess : undefined;
    const staff: Staff = {
      staffId,
      centreId,
      name: input.name,
      role: input.role,
      phone: input.phone,
      language: input.language,
      active: true,
      ...(access ? { username: `${staffId}` } : {}),
    };
    await this.doc.send(new PutCommand({
      TableName: this.table,
      Item: { ...keys.staff(centreId, staffId), type: 'STAFF', ...staff, ...(access ? { access, email: input.email } : {}), createdAt: istTimestamp(now) },
      ConditionExpression: 'attribute_not_exists(pk)',
    }));
    if (access) {
      await this.identity().createAccount({ username: staff.username!, role: access, centreId, district: centre.district, staffId, phone: input.phone, email: input.email });
    }
    this.centres.forget(centreId);
    await this.audit(caller, 'STAFF_ADDED', { centreId, staffId, role: input.role, access: access ?? 'none' }, now);
    return staff;
  }

  /**
   * Changes a staff member. Deactivating her: her pending follow-ups move to `reassignTo` (active staff of
   * the same centre with a phone), each with a history event on its case; then she is marked inactive and
   * her sign-in disabled. Retrying the same request finishes what a failure left.
   */
  async updateStaff(centreId: string, staffId: string, input: UpdateStaffInput, caller: Principal, now: Date): Promise<Staff & { reassigned: number }> {
    await this.centreInScope(centreId, caller);
    const current = await this.centres.staffMember(centreId, staffId, true);
    if (!current) throw notFound();
    let reassigned = 0;
    if (input.active === false && current.active) {
      const pending = await this.pendingFollowUpsOf(staffId, centreId);
      if (pending.length) {
        if (!input.reassignTo) throw field('reassignTo', `She has ${pending.length} pending follow-ups: name the colleague who takes them over`);
        const to = await this.centres.staffMember(centreId, input.reassignTo, true);
        if (!to || !to.active || !to.phone || to.staffId === staffId) throw field('reassignTo', 'Must be another active staff member of this centre with a phone');
        reassigned = await this.reassign(pending, staffId, to.staffId, caller, now);
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
    await this.doc.send(new UpdateCommand({
      TableName: this.table,
      Key: keys.staff(centreId, staffId),
      UpdateExpression: 'SET #n = :n, #r = :r, phone = :p, #l = :l, active = :a, updatedAt = :at',
      ExpressionAttributeNames: { '#n': 'name', '#r': 'role', '#l': 'language' },
      ExpressionAttributeValues: { ':n': next.name, ':r': next.role, ':p': next.phone, ':l': next.language, ':a': next.active, ':at': istTimestamp(now) },
    }));
    this.centres.forget(centreId);
    if (next.username && input.active !== undefined && input.active !== current.active) await this.identity().setEnabled(next.username, input.active);
    await this.audit(caller, input.active === false ? 'STAFF_DEACTIVATED' : 'STAFF_UPDATED', { centreId, staffId, reassigned, reassignTo: input.reassignTo }, now);
    return { ...next, reassigned };
  }

  /** Her pending follow-ups, from the sparse due index (what is pending, not every case stored). */
  private async pendingFollowUpsOf(workerId: string, centreId: string): Promise<Array<{ caseId: string; followUpId: string }>> {
    const out: Array<{ caseId: string; followUpId: string }> = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(new QueryCommand({
        TableName: this.table,
        IndexName: INDEXES.dueFollowUps.name,
        KeyConditionExpression: 'duePk = :pk',
        FilterExpression: 'workerId = :w AND centreId = :c',
        ExpressionAttributeValues: { ':pk': keys.due(), ':w': workerId, ':c': centreId },
        ExclusiveStartKey,
      }));
      for (const i of page.Items ?? []) out.push({ caseId: i.caseId as string, followUpId: i.followUpId as string });
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return out;
  }

  private async reassign(followUps: Array<{ caseId: string; followUpId: string }>, from: string, to: string, caller: Principal, now: Date): Promise<number> {
    const at = istTimestamp(now);
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
      items.push(historyPut(this.table, caseId, actor, 'FOLLOW_UPS_REASSIGNED', at, { details: { followUpIds: ids, from, to } }));
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

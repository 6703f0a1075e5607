// Escalation centre → district → state. A request is written as an ESCALATION item in the same transaction
// as whatever caused it (registration of a high-risk case, a staff request, a missed follow-up): that item is
// the durable "start" signal. A stream consumer starts the workflow from it, named after the case, the reason
// and a sequence, so a retried request, sweep or stream delivery never starts two.
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Actor, type CaseRecord, historyPut } from '../cases/model.ts';
import { conflict, forbidden, notFound } from '../core/errors.ts';
import * as keys from '../core/keys.ts';
import { inScope, type Principal } from '../core/principal.ts';
import { queryAll } from '../core/query.ts';
import { INDEXES } from '../core/table.ts';
import type { TransactItem } from '../core/transactions.ts';
import type { EscalationReason, Language } from '../core/vocabulary.ts';
import type { CentreStore } from '../network/centre-store.ts';
import { counterItems, field } from '../oversight/counters.ts';

export type EscalationStatus = 'OPEN' | 'ACKNOWLEDGED' | 'UNACKNOWLEDGED' | 'FAILED';

export interface EscalationRecord {
  escalationId: string;
  caseId: string;
  caseNumber: string;
  centreId: string;
  district: string;
  reason: EscalationReason;
  note?: string;
  status: EscalationStatus;
  /** The level currently notified: 1 centre administrator, 2 district officer, 3 state. 0 until started. */
  level: number;
  requestedAt: string;
  requestedBy: Actor;
  executionName: string;
  started?: boolean;
  followUpId?: string;
  /** The legal milestone whose deadline passed (DEADLINE_MISSED). */
  milestoneId?: string;
  notifiedLevels?: Array<{ level: number; at: string; recipients: number }>;
  acknowledgedBy?: Actor;
  acknowledgedAt?: string;
  acknowledgedAtLevel?: number;
  endedAt?: string;
  failure?: string;
}

export const MAX_LEVEL = 3;

/**
 * The items and case changes that request an escalation, for the caller's transaction.
 * Returns undefined when an escalation for this reason is already open (one at a time per case and reason).
 */
export function escalationRequest(
  table: string,
  c: CaseRecord,
  reason: EscalationReason,
  actor: Actor,
  at: string,
  extra: { note?: string; followUpId?: string; milestoneId?: string } = {},
):
  | { set: Partial<CaseRecord>; items: TransactItem[]; escalation: EscalationRecord; counts: Record<string, number> }
  | undefined {
  if (c.openEscalations?.[reason]) return undefined;
  const seq = (c.escalationSeq ?? 0) + 1;
  const escalationId = `${reason.toLowerCase().replace(/_/g, '-')}-${seq}`;
  const escalation: EscalationRecord = {
    escalationId,
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    centreId: c.centreId,
    district: c.district,
    reason,
    ...(extra.note ? { note: extra.note } : {}),
    ...(extra.followUpId ? { followUpId: extra.followUpId } : {}),
    ...(extra.milestoneId ? { milestoneId: extra.milestoneId } : {}),
    status: 'OPEN',
    level: 0,
    requestedAt: at,
    requestedBy: actor,
    executionName: `${c.caseId}--${escalationId}`,
    started: false,
  };
  return {
    set: { escalationSeq: seq, openEscalations: { ...c.openEscalations, [reason]: escalationId } },
    escalation,
    // For the caller to add to its own counter update: one transaction may touch a counter item only once.
    counts: { esc_opened: 1, [`esc_reason_${reason}`]: 1 },
    items: [
      {
        Put: {
          TableName: table,
          Item: {
            ...keys.escalation(c.caseId, escalationId),
            type: 'ESCALATION',
            ...escalation,
            gsi3pk: keys.byState('ESCALATION'),
            gsi3sk: `${at}#${c.caseId}`,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      historyPut(table, c.caseId, actor, 'ESCALATION_REQUESTED', at, {
        details: {
          escalationId,
          reason,
          ...(extra.followUpId ? { followUpId: extra.followUpId } : {}),
          ...(extra.milestoneId ? { milestoneId: extra.milestoneId } : {}),
        },
      }),
    ],
  };
}

export interface Recipient {
  phone: string;
  language: Language;
}

/**
 * May this caller acknowledge at the escalation's current level? The level notified or above:
 * level 1 → the centre's administrator, the district officer or the state; level 2 → district or state;
 * level 3 → the state only. Staff of other centres and officers of other districts never.
 */
export function mayAcknowledge(p: Principal, e: EscalationRecord): boolean {
  if (!inScope(p, e)) return false;
  const level = Math.max(1, e.level);
  switch (p.role) {
    case 'state-admin':
      return true;
    case 'district-officer':
      return level <= 2;
    case 'centre-admin':
      return level <= 1;
    default:
      return false;
  }
}

export class EscalationStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly centres: CentreStore,
  ) {}

  async get(caseId: string, escalationId: string): Promise<EscalationRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.escalation(caseId, escalationId), ConsistentRead: true }),
    );
    return Item as EscalationRecord | undefined;
  }

  async listForCase(caseId: string): Promise<EscalationRecord[]> {
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
        ExpressionAttributeValues: { ':pk': keys.casePartition(caseId), ':e': 'ESCALATION#' },
        ConsistentRead: true,
      }),
    );
    return (Items ?? []) as EscalationRecord[];
  }

  /** Open escalations across the state (sparse index: only open ones carry its keys). */
  async listOpen(): Promise<
    Array<Pick<EscalationRecord, 'caseId' | 'caseNumber' | 'centreId' | 'district' | 'status'>>
  > {
    const items = await queryAll(this.doc, {
      TableName: this.table,
      IndexName: INDEXES.byState.name,
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.byState('ESCALATION') },
    });
    return items as Array<Pick<EscalationRecord, 'caseId' | 'caseNumber' | 'centreId' | 'district' | 'status'>>;
  }

  /** Marks that the workflow was started for this request (the stream consumer, after StartExecution). */
  async markStarted(e: Pick<EscalationRecord, 'caseId' | 'escalationId'>): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.escalation(e.caseId, e.escalationId),
        UpdateExpression: 'SET started = :t',
        ExpressionAttributeValues: { ':t': true },
      }),
    );
  }

  /** The people a level notifies: the centre's administrators, the district's officers, the state's contacts. */
  async recipients(e: Pick<EscalationRecord, 'centreId' | 'district'>, level: number): Promise<Recipient[]> {
    if (level === 1) {
      const staff = await this.centres.staff(e.centreId);
      return staff
        .filter((s) => s.active && s.role === 'CENTRE_ADMINISTRATOR' && s.phone)
        .map((s) => ({ phone: s.phone, language: s.language }));
    }
    const pk = level === 2 ? keys.contact('DISTRICT', e.district, '').pk : keys.contact('STATE', 'state', '').pk;
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
      }),
    );
    // A contact added by hand without a language gets Hindi, the state's default.
    return (Items ?? [])
      .filter((i) => i.active !== false && i.phone)
      .map((i) => ({ phone: i.phone as string, language: i.language === 'en' ? 'en' : 'hi' }));
  }

  /**
   * Records that a level was notified. Returns the escalation as it now stands; if it was acknowledged or
   * ended meanwhile, nothing changes and the workflow sees that.
   */
  async recordLevel(
    caseId: string,
    escalationId: string,
    level: number,
    recipients: number,
    at: string,
  ): Promise<EscalationRecord> {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.escalation(caseId, escalationId),
          UpdateExpression:
            'SET #level = :level, notifiedLevels = list_append(if_not_exists(notifiedLevels, :empty), :entry)',
          ConditionExpression: '#status = :open AND #level < :level',
          ExpressionAttributeNames: { '#level': 'level', '#status': 'status' },
          ExpressionAttributeValues: {
            ':level': level,
            ':open': 'OPEN',
            ':empty': [],
            ':entry': [{ level, at, recipients }],
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes as EscalationRecord;
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
      const current = await this.get(caseId, escalationId);
      if (!current) throw notFound();
      return current;
    }
  }

  /** Ends an open escalation (acknowledged, unacknowledged or failed) with its history, and frees its reason. */
  endItems(
    e: EscalationRecord,
    status: Exclude<EscalationStatus, 'OPEN'>,
    actor: Actor,
    at: string,
    extra: Record<string, unknown> = {},
  ): TransactItem[] {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = { ':open': 'OPEN', ':status': status, ':at': at };
    const sets = ['#status = :status', 'endedAt = :at'];
    Object.entries(extra).forEach(([k, v], i) => {
      names[`#x${i}`] = k;
      values[`:x${i}`] = v;
      sets.push(`#x${i} = :x${i}`);
    });
    return [
      {
        Update: {
          TableName: this.table,
          Key: keys.escalation(e.caseId, e.escalationId),
          UpdateExpression: `SET ${sets.join(', ')} REMOVE gsi3pk, gsi3sk`,
          ConditionExpression: '#status = :open',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      historyPut(this.table, e.caseId, actor, `ESCALATION_${status}`, at, {
        details: { escalationId: e.escalationId, level: e.level, ...(extra.failure ? { failure: extra.failure } : {}) },
      }),
      ...counterItems(this.table, new Date(at), e, { [field.escalationEnded(status)]: 1 }),
    ];
  }
}

/** Throws unless the caller may acknowledge; 404 outside scope, 403 inside scope but below the level. */
export function assertMayAcknowledge(p: Principal, e: EscalationRecord | undefined): asserts e is EscalationRecord {
  if (!e || !inScope(p, e)) throw notFound();
  if (!mayAcknowledge(p, e)) throw forbidden('Only the level currently notified, or a level above it, may acknowledge');
  if (e.status !== 'OPEN') throw conflict(`This escalation is already ${e.status}`);
}

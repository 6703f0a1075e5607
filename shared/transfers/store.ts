// Transfers of a case between centres (she moved near her parents, a new sub-divisional centre opened): the
// sending centre's administrator asks, the receiving centre's administrator accepts or declines, and until
// then the case is the sending centre's alone. A transfer is found by its id; while it waits it sits in two
// sparse queues of the `queue` index (incoming at the receiver, outgoing at the sender), and once answered it
// leaves both and is logged in each centre's partition. Nothing about her identity is on a transfer: the
// receiving administrator sees the case number, categories and risk, and the sender's reason.
import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { isTerminal } from '../cases/lifecycle.ts';
import { type Actor, actorOf, type CaseRecord, historyPut } from '../cases/model.ts';
import type { CaseChanges } from '../cases/store.ts';
import { badRequest, conflict, notFound } from '../core/errors.ts';
import * as keys from '../core/keys.ts';
import { ownCentre, type Principal } from '../core/principal.ts';
import { queryAll } from '../core/query.ts';
import { INDEXES } from '../core/table.ts';
import { istTimestamp } from '../core/time.ts';
import { type ChangeOptions, ConditionFailed, type NamedItem, named, type TransactItem } from '../core/transactions.ts';
import type { CentreStore } from '../network/centre-store.ts';
import type {
  CancelTransferInput,
  DeclineTransferInput,
  ListTransfersQuery,
  RequestTransferInput,
  TransferStatus,
} from './schemas.ts';

export interface Transfer {
  transferId: string;
  caseId: string;
  caseNumber: string;
  fromCentreId: string;
  fromDistrict: string;
  toCentreId: string;
  toDistrict: string;
  status: TransferStatus;
  reason: string;
  riskLevel: string;
  categories: string[];
  requestedAt: string;
  requestedBy: Actor;
  decidedAt?: string;
  decidedBy?: Actor;
  declineReason?: string;
  cancelReason?: string;
  followUpWorkerId?: string;
}

/** What an inbox shows of a transfer: the case by its number, never who she is. */
export function transferView(t: Transfer) {
  return {
    transferId: t.transferId,
    caseId: t.caseId,
    caseNumber: t.caseNumber,
    fromCentreId: t.fromCentreId,
    toCentreId: t.toCentreId,
    status: t.status,
    reason: t.reason,
    riskLevel: t.riskLevel,
    categories: t.categories,
    requestedAt: t.requestedAt,
    requestedBy: t.requestedBy.username,
    ...(t.decidedAt ? { decidedAt: t.decidedAt, decidedBy: t.decidedBy?.username } : {}),
    ...(t.declineReason ? { declineReason: t.declineReason } : {}),
    ...(t.cancelReason ? { cancelReason: t.cancelReason } : {}),
  };
}

/** What answering a transfer returns (and keeps beside its Idempotency-Key): ids and dates, no reasons. */
export const answerOf = (t: Transfer) => ({
  transferId: t.transferId,
  status: t.status,
  caseId: t.caseId,
  caseNumber: t.caseNumber,
  fromCentreId: t.fromCentreId,
  toCentreId: t.toCentreId,
  decidedAt: t.decidedAt,
});

const TRANSFER_FIELDS = [
  'transferId',
  'caseId',
  'caseNumber',
  'fromCentreId',
  'fromDistrict',
  'toCentreId',
  'toDistrict',
  'status',
  'reason',
  'riskLevel',
  'categories',
  'requestedAt',
  'requestedBy',
  'decidedAt',
  'decidedBy',
  'declineReason',
  'cancelReason',
  'followUpWorkerId',
] as const;

/** What answering a transfer sets on it. */
const ANSWER_FIELDS = [
  'status',
  'decidedAt',
  'decidedBy',
  'declineReason',
  'cancelReason',
  'followUpWorkerId',
] as const;

const toTransfer = (i: Record<string, unknown>): Transfer =>
  Object.fromEntries(TRANSFER_FIELDS.filter((k) => i[k] !== undefined).map((k) => [k, i[k]])) as unknown as Transfer;

/**
 * Accepting and declining are done by the receiving centre, which may not read the case until it is hers:
 * the transfer itself is the authority. The case is read for the change as the system reads it; the history
 * still names the administrator who answered.
 */
export const actingOnTransfer = (caller: Principal): Principal => ({
  userId: caller.userId,
  username: caller.username,
  role: 'state-admin',
});

export class TransferStore {
  constructor(
    readonly doc: DynamoDBDocumentClient,
    readonly table: string,
    readonly cases: CaseChanges,
    readonly centres: CentreStore,
  ) {}

  async get(transferId: string): Promise<Transfer | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.transfer(transferId), ConsistentRead: true }),
    );
    return Item ? toTransfer(Item) : undefined;
  }

  /** A transfer the caller's centre answers for (`to`: the receiver, `from`: the sender); 404 for anyone else. */
  async forCentre(transferId: string, caller: Principal, side: 'to' | 'from'): Promise<Transfer> {
    const t = await this.get(transferId);
    const centreId = side === 'to' ? t?.toCentreId : t?.fromCentreId;
    if (!t || centreId !== caller.centreId) throw notFound();
    if (t.status !== 'PENDING') throw conflict(`This transfer is already ${t.status}`);
    return t;
  }

  /**
   * Asks another centre to take the case.
   * 1. The receiving centre must be another operating centre (400 at toCentreId).
   * 2. The case must be open to work and have no transfer waiting (409): the case item carries the pending
   *    transfer, written in the same transaction under the case's version, so two requests never both win.
   * 3. One transaction: the transfer (in the receiver's incoming queue), its outgoing entry, the history.
   */
  async request(
    caseId: string,
    caller: Principal,
    input: RequestTransferInput,
    now: Date,
    opts: ChangeOptions = {},
  ): Promise<Transfer> {
    const to = await this.centres.get(input.toCentreId, true);
    if (to?.status !== 'OPERATIONAL') {
      throw badRequest('Choose an operating centre', [
        { path: 'toCentreId', code: 'invalid', message: 'Not an operating centre' },
      ]);
    }
    const at = istTimestamp(now);
    const actor = actorOf(caller);
    const transferId = randomUUID();
    let transfer: Transfer | undefined;
    await this.cases.change(caseId, caller, opts, (c) => {
      if (c.centreId === to.centreId) {
        throw badRequest('The case is already at that centre', [
          { path: 'toCentreId', code: 'invalid', message: 'The case is already at this centre' },
        ]);
      }
      if (isTerminal(c.status)) throw conflict(`A ${c.status} case is not transferred`);
      if (c.pendingTransfer) throw conflict('A transfer of this case is already waiting for an answer');
      transfer = {
        transferId,
        caseId,
        caseNumber: c.caseNumber,
        fromCentreId: c.centreId,
        fromDistrict: c.district,
        toCentreId: to.centreId,
        toDistrict: to.district,
        status: 'PENDING',
        reason: input.reason,
        riskLevel: c.riskLevel,
        categories: [...c.incident.categories],
        requestedAt: at,
        requestedBy: actor,
      };
      const sort = keys.transferQueueSort(at, transferId);
      return {
        set: { updatedAt: at, pendingTransfer: { transferId, toCentreId: to.centreId, requestedAt: at } },
        items: [
          {
            Put: {
              TableName: this.table,
              Item: {
                ...keys.transfer(transferId),
                type: 'TRANSFER',
                ...transfer,
                q1pk: keys.transferQueue('IN', to.centreId),
                q1sk: sort,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: this.table,
              Item: {
                ...keys.transferOutgoing(transferId),
                type: 'TRANSFER_OUT',
                ...transfer,
                q1pk: keys.transferQueue('OUT', c.centreId),
                q1sk: sort,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          historyPut(this.table, caseId, actor, 'TRANSFER_REQUESTED', at, {
            details: { transferId, fromCentreId: c.centreId, toCentreId: to.centreId, transferReason: input.reason },
          }),
        ],
      };
    });
    if (!transfer) throw new Error('The transfer was requested without its record');
    return transfer;
  }

  /**
   * The caller's centre's transfers in one direction: those waiting (from the queue) and the latest answered
   * ones (from the centre's log), newest first.
   */
  async list(caller: Principal, q: ListTransfersQuery): Promise<ReturnType<typeof transferView>[]> {
    const centreId = ownCentre(caller);
    const direction = q.direction === 'outgoing' ? 'OUT' : 'IN';
    const [waiting, answered] = await Promise.all([
      q.status && q.status !== 'PENDING'
        ? []
        : queryAll(this.doc, {
            TableName: this.table,
            IndexName: INDEXES.queue.name,
            KeyConditionExpression: 'q1pk = :q',
            ExpressionAttributeValues: { ':q': keys.transferQueue(direction, centreId) },
          }),
      q.status === 'PENDING'
        ? { Items: [] }
        : this.doc.send(
            new QueryCommand({
              TableName: this.table,
              KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
              ExpressionAttributeValues: {
                ':pk': keys.centrePartition(centreId),
                ':p': keys.transferLogPrefix(direction),
              },
              ScanIndexForward: false,
              Limit: 50,
            }),
          ),
    ]);
    return [...waiting, ...(answered.Items ?? [])]
      .map(toTransfer)
      .filter((t) => !q.status || t.status === q.status)
      .sort((a, b) => (b.decidedAt ?? b.requestedAt).localeCompare(a.decidedAt ?? a.requestedAt))
      .map(transferView);
  }

  /**
   * The items that close a waiting transfer, whatever the answer: the transfer leaves the incoming queue
   * (guarded: only a transfer still pending), its outgoing entry goes, and each centre logs the answer.
   */
  closingItems(t: Transfer, answered: Transfer): Array<TransactItem | NamedItem> {
    const at = answered.decidedAt ?? '';
    const names: Record<string, string> = { '#s': 'status' };
    const values: Record<string, unknown> = { ':pending': 'PENDING' };
    const assignments = ANSWER_FIELDS.filter((k) => answered[k] !== undefined).map((k, i) => {
      names[`#f${i}`] = k;
      values[`:f${i}`] = answered[k];
      return `#f${i} = :f${i}`;
    });
    const log = (centreId: string, direction: 'IN' | 'OUT'): TransactItem => ({
      Put: {
        TableName: this.table,
        Item: { ...keys.transferLog(centreId, direction, at, t.transferId), type: 'TRANSFER_LOG', ...answered },
      },
    });
    return [
      named('transfer', {
        Update: {
          TableName: this.table,
          Key: keys.transfer(t.transferId),
          UpdateExpression: `SET ${assignments.join(', ')} REMOVE q1pk, q1sk`,
          ConditionExpression: '#s = :pending',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      }),
      { Delete: { TableName: this.table, Key: keys.transferOutgoing(t.transferId) } },
      log(t.fromCentreId, 'OUT'),
      log(t.toCentreId, 'IN'),
    ];
  }

  /**
   * Declined by the receiving centre, or cancelled by the sender, while it waits: the case stays where it is,
   * free to be transferred again; each in the case's history with the reason.
   */
  async close(
    transferId: string,
    caller: Principal,
    answer: { kind: 'DECLINED'; input: DeclineTransferInput } | { kind: 'CANCELLED'; input: CancelTransferInput },
    now: Date,
    opts: ChangeOptions = {},
  ): Promise<Transfer> {
    const declining = answer.kind === 'DECLINED';
    const t = await this.forCentre(transferId, caller, declining ? 'to' : 'from');
    const at = istTimestamp(now);
    const actor = actorOf(caller);
    const reason = answer.input.reason;
    const answered: Transfer = {
      ...t,
      status: answer.kind,
      decidedAt: at,
      decidedBy: actor,
      ...(reason ? (declining ? { declineReason: reason } : { cancelReason: reason }) : {}),
    };
    await this.onCase(t, declining ? actingOnTransfer(caller) : caller, opts, (c) => ({
      set: { updatedAt: at },
      remove: ['pendingTransfer'],
      items: [
        ...this.closingItems(t, answered),
        historyPut(this.table, c.caseId, actor, declining ? 'TRANSFER_DECLINED' : 'TRANSFER_CANCELLED', at, {
          details: {
            transferId,
            toCentreId: t.toCentreId,
            ...(reason ? (declining ? { declineReason: reason } : { cancelReason: reason }) : {}),
          },
        }),
      ],
    }));
    return answered;
  }

  /** A change to the case a transfer is about, as long as that transfer is the one waiting on it. */
  async onCase(
    t: Transfer,
    as: Principal,
    opts: ChangeOptions,
    build: Parameters<CaseChanges['change']>[3],
  ): Promise<CaseRecord> {
    try {
      return await this.cases.change(t.caseId, as, opts, async (c) => {
        if (c.pendingTransfer?.transferId !== t.transferId) throw conflict('This transfer is no longer waiting');
        return build(c);
      });
    } catch (err) {
      if (err instanceof ConditionFailed && err.item === 'transfer') {
        throw conflict('This transfer was answered meanwhile');
      }
      throw err;
    }
  }
}

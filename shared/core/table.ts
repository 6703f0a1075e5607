// The one table's shape: key names and indexes. The CDK data construct and the local runtime's CreateTable
// are both built from this, so the two never drift.
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;
export const TTL_ATTRIBUTE = 'expiresAt';

export interface IndexDef {
  name: string;
  partitionKey: string;
  sortKey: string;
  /** Attributes copied to the index besides the keys (INCLUDE projection), or every attribute. */
  include: string[] | 'ALL';
}

/** An index's projection as DynamoDB's API spells it (CreateTable, UpdateTable, CloudFormation). */
export function projectionOf(ix: IndexDef): { ProjectionType: 'ALL' | 'INCLUDE'; NonKeyAttributes?: string[] } {
  return ix.include === 'ALL'
    ? { ProjectionType: 'ALL' }
    : { ProjectionType: 'INCLUDE', NonKeyAttributes: [...ix.include] };
}

const CASE_SUMMARY = [
  'caseId',
  'caseNumber',
  'centreId',
  'district',
  'status',
  'riskLevel',
  'registeredAt',
  'updatedAt',
  'version',
  'fy',
];

export const INDEXES = {
  /** Cases of a centre, newest first: what a centre's staff list. */
  byCentre: { name: 'byCentre', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', include: CASE_SUMMARY },
  /** Cases of a district: what a District Operation Committee lists. */
  byDistrict: { name: 'byDistrict', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', include: CASE_SUMMARY },
  /** Cases of the state, and other state-wide lists (centres, open escalations). */
  byState: {
    name: 'byState',
    partitionKey: 'gsi3pk',
    sortKey: 'gsi3sk',
    include: [
      ...CASE_SUMMARY,
      'name',
      'code',
      'subdivision',
      'escalationId',
      'level',
      'reason',
      'executionName',
      'started',
    ],
  },
  /**
   * Sparse: only pending follow-ups carry these keys, so the reminder sweep's query cost follows what is due,
   * never what is stored.
   */
  dueFollowUps: {
    name: 'dueFollowUps',
    partitionKey: 'duePk',
    sortKey: 'dueSk',
    include: [
      'caseId',
      'caseNumber',
      'centreId',
      'district',
      'followUpId',
      'dueDate',
      'workerId',
      'status',
      'remindedOn',
      'attempts',
    ],
  },
  /**
   * Sparse work queues and secondary lookups, one overloaded index (q1pk names the queue, q1sk orders it):
   * due milestones and shelter stays for the deadline check, cases that become due for retention, reads by
   * actor for the access log, transfers waiting at a centre. An item carries these keys only while it is
   * in a queue, so each query costs what is due, never what is stored. (CloudFormation adds one index per
   * deploy: new queues go here, not into new indexes.)
   */
  queue: { name: 'queue', partitionKey: 'q1pk', sortKey: 'q1sk', include: 'ALL' },
} as const satisfies Record<string, IndexDef>;

/** The table's stream carries new items; the stream dispatcher starts workflows and sends notifications. */
export const STREAM_VIEW_TYPE = 'NEW_IMAGE' as const;

/**
 * The table's stream consumers (the transactional outbox): which new items each one carries out. The CDK
 * event source filters and the local stream poller are both built from this.
 *   stream-dispatcher  ESCALATION → start the workflow; NOTIFICATION → SMS the centre administrators;
 *                      ACCOUNT → forward to the account request queue, which account-sync consumes
 * account-sync (Cognito admin rights) is deliberately no stream consumer: the stream carries survivors'
 * records, and a stream consumer's role may read all of it, whatever its event filter passes.
 */
export const STREAM_CONSUMERS = {
  'stream-dispatcher': ['ESCALATION', 'NOTIFICATION', 'ACCOUNT'],
} as const satisfies Record<string, readonly string[]>;

export type StreamConsumer = keyof typeof STREAM_CONSUMERS;

/** The event source filter pattern of a consumer: new items of its types only. */
export function streamFilterPattern(consumer: StreamConsumer) {
  return { eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: [...STREAM_CONSUMERS[consumer]] } } } };
}

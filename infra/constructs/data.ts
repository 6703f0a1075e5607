// The data of the system: one DynamoDB table and the customer-managed KMS key that encrypts it. Built from
// shared/table.ts, the same key and index definition the local runtime creates in DynamoDB Local.
//
// Kept in its own construct with fixed ids (Data/Key, Data/Table) so the logical ids never move: a code
// deploy changes functions and the API, never these. Encryption with a rotating CMK and point-in-time
// recovery are not options here; what a stage chooses is only how hard the data is to delete.
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { INDEXES, STREAM_VIEW_TYPE, TABLE_KEYS, TTL_ATTRIBUTE } from '#shared/core/table.ts';

export interface DataProps {
  /** RETAIN in prod: `cdk destroy` or a replacement leaves the table and its key in place. */
  removalPolicy: RemovalPolicy;
  deletionProtection: boolean;
  /** Required, not defaulted: a stage has to say so to turn it off (and prod's config refuses). */
  pointInTimeRecovery: boolean;
}

const str = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

export class Data extends Construct {
  readonly table: dynamodb.Table;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);

    this.key = new kms.Key(this, 'Key', {
      description: 'Sakhi OSC case data: encrypts the case table (survivor records)',
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      pendingWindow: Duration.days(30),
      removalPolicy: props.removalPolicy,
    });

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: str(TABLE_KEYS.partitionKey),
      sortKey: str(TABLE_KEYS.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: props.pointInTimeRecovery },
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removalPolicy,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      // New items feed the stream dispatcher (escalation starts, notifications).
      stream: dynamodb.StreamViewType[STREAM_VIEW_TYPE],
    });

    for (const ix of Object.values(INDEXES)) {
      this.table.addGlobalSecondaryIndex({
        indexName: ix.name,
        partitionKey: str(ix.partitionKey),
        sortKey: str(ix.sortKey),
        ...(ix.include === 'ALL'
          ? { projectionType: dynamodb.ProjectionType.ALL }
          : { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...ix.include] }),
      });
    }
  }
}

// The data of the system: one DynamoDB table and the customer-managed KMS key that encrypts it. Built from
// shared/table.ts, the same key and index definition the local runtime creates in DynamoDB Local.
//
// Kept in its own construct with fixed ids (Data/Key, Data/Table) so the logical ids never move: a code
// deploy changes functions and the API, never these. Encryption with a rotating CMK and point-in-time
// recovery are not options here; what a stage chooses is only how hard the data is to delete.
//
// The key's policy names who may use it. The account administers it (describe, enable, rotate, schedule
// deletion, change the policy) but may not encrypt or decrypt with it; data use is allowed only to the
// roles named in it: each Lambda role that reads or writes the table (registered by HandlerFunction when it
// is granted table access), CloudFormation's execution role (it creates the table, which gives DynamoDB its
// grant), and any operator roles the stage lists. An IAM policy elsewhere in the account is not enough.
// The roles are named by aws:PrincipalArn, not as principals: KMS checks a principal exists when the policy
// is set, and a role created in the same deploy may not be visible to it yet.
import { DefaultStackSynthesizer, Duration, Fn, Lazy, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { INDEXES, STREAM_VIEW_TYPE, TABLE_KEYS, TTL_ATTRIBUTE } from '#shared/core/table.ts';

/** What the account may do with the data key: administer it, never use it on data. */
export const KEY_ADMIN_ACTIONS = [
  'kms:Describe*',
  'kms:Enable*',
  'kms:Disable*',
  'kms:List*',
  'kms:Get*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Delete*',
  'kms:CreateAlias',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:RotateKeyOnDemand',
];
export const KEY_READ_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
export const KEY_WRITE_ACTIONS = [...KEY_READ_ACTIONS, 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'];

/** The roles that use a data key, by what they do with the table; filled while the stack is built. */
const keyUsers = new WeakMap<kms.IKey, { read: Set<string>; readWrite: Set<string> }>();

/**
 * Names a role in the policy of the table's key (a no-op for a table without a key of this construct), by an
 * ARN built from its name and pseudo parameters: a reference to the role itself would make the key depend on
 * the role, and the role's nested stack on the key.
 */
export function registerKeyUser(key: kms.IKey | undefined, roleArn: string, access: 'read' | 'readWrite'): void {
  const users = key ? keyUsers.get(key) : undefined;
  users?.[access].add(roleArn);
}

export interface DataProps {
  /** RETAIN in prod: `cdk destroy` or a replacement leaves the table and its key in place. */
  removalPolicy: RemovalPolicy;
  deletionProtection: boolean;
  /** Required, not defaulted: a stage has to say so to turn it off (and prod's config refuses). */
  pointInTimeRecovery: boolean;
  /** Roles people assume for operations on the data (the counter backfill, a restore): named in the key policy. */
  operatorRoleArns?: string[];
}

const str = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

export class Data extends Construct {
  readonly table: dynamodb.Table;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);

    const users = { read: new Set<string>(), readWrite: new Set<string>() };
    this.key = new kms.Key(this, 'Key', {
      description: 'Sakhi OSC case data: encrypts the case table (survivor records)',
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      pendingWindow: Duration.days(30),
      removalPolicy: props.removalPolicy,
      policy: this.keyPolicy(users, props.operatorRoleArns ?? []),
    });
    keyUsers.set(this.key, users);

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

  private keyPolicy(users: { read: Set<string>; readWrite: Set<string> }, operators: string[]): iam.PolicyDocument {
    const account = new iam.AccountRootPrincipal();
    const named = (sid: string, actions: string[], arns: () => string[]) =>
      new iam.PolicyStatement({
        sid,
        principals: [account],
        actions,
        resources: ['*'],
        conditions: { ArnEquals: { 'aws:PrincipalArn': Lazy.list({ produce: arns }) } },
      });
    const synthesizer = Stack.of(this).synthesizer;
    // The bootstrap's execution role ("${AWS::AccountId}"-style placeholders, resolved by Fn::Sub).
    const deployer =
      synthesizer instanceof DefaultStackSynthesizer ? [Fn.sub(synthesizer.cloudFormationExecutionRoleArn)] : [];
    return new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          sid: 'Administration',
          principals: [account],
          actions: KEY_ADMIN_ACTIONS,
          resources: ['*'],
        }),
        named('TableReaders', KEY_READ_ACTIONS, () => [...users.read].sort()),
        named('TableWriters', KEY_WRITE_ACTIONS, () => [...users.readWrite].sort()),
        named('DeployAndOperate', [...KEY_WRITE_ACTIONS, 'kms:CreateGrant'], () => [...deployer, ...operators]),
      ],
    });
  }
}

// One Lambda handler from functions/<id>/handler.ts, wired the one way every handler is wired: Node 24 on
// ARM, the shared esbuild settings (infra/bundling.ts), X-Ray, its own log group with the stage's retention,
// and, in the same call, the table access it asks for and the TABLE_NAME that goes with it (so the grant and
// the environment can never drift apart).
//
// The role is this construct's own: the function may write to its own log group and nothing else besides
// what it is granted here. (The default role would carry AWSLambdaBasicExecutionRole, which may write to
// every log group in the account.)

import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Aws, type CfnElement, Duration, Names, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ENV } from '#shared/core/config.ts';
import { functionEntry, LAMBDA_BUNDLING } from '../bundling.ts';
import { KEY_READ_ACTIONS, KEY_WRITE_ACTIONS, registerKeyUser } from './data.ts';

/**
 * The table actions of each access level, named one by one: never Scan (every read is a key lookup or a
 * Query of an index, shared/core/query.ts), and nothing of the stream (only stream consumers get that).
 */
export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
export const TABLE_WRITE_ACTIONS = [
  ...TABLE_READ_ACTIONS,
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/** The repository root: entries, the lock file and package.json "imports" are resolved from here. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * What a handler may do with the table. `none` also means it gets no TABLE_NAME. `readAudited`: a read route,
 * which also writes the record of its read (shared/privacy/audit.ts), and nothing else: PutItem only into the
 * read-record partitions (AUDIT_PARTITIONS), by IAM's leading-key condition.
 */
export type TableAccess = 'none' | 'read' | 'readAudited' | 'readWrite';

/** The partitions of the read records (shared/core/keys.ts `read` and `userAudit`). */
export const AUDIT_PARTITIONS = ['READS#*', 'AUDIT#*'];

/** What every handler of a stage shares; the stack builds it once from the stage config. */
export interface HandlerDefaults {
  table: dynamodb.ITable;
  logRetention: logs.RetentionDays;
  /** For the log group: RETAIN in prod keeps the logs of a deleted function until they expire. */
  removalPolicy: RemovalPolicy;
  /** Environment common to every handler (stage, service name and metrics namespace, follow-up plan...). */
  sharedEnvironment: Record<string, string>;
}

export interface HandlerOptions {
  tableAccess: TableAccess;
  /** Default 10 s: an API call must answer well inside API Gateway's 29 s. */
  timeout?: Duration;
  /** Default 512 MB: on Lambda, memory also buys CPU, and cold starts are shorter. */
  memorySize?: number;
  environment?: Record<string, string>;
  description?: string;
  /** Further permissions of this handler (e.g. Cognito admin actions on the user pool), with its env above. */
  policyStatements?: iam.PolicyStatement[];
}

export interface HandlerFunctionProps extends HandlerDefaults, HandlerOptions {
  /** The folder under functions/ (for API handlers, the route id). */
  handlerId: string;
}

/** The stack a construct belongs to at the top: a nested stack's parent, or the stack itself. */
function rootStack(stack: Stack): Stack {
  let s = stack;
  while (s.nestedStackParent) s = s.nestedStackParent;
  return s;
}

/** `<stack>-<handler>`, at most IAM's 64 characters (a long one keeps a hash of the whole). */
export function handlerRoleName(stack: Stack, handlerId: string): string {
  const name = `${rootStack(stack).stackName}-${handlerId}`;
  if (name.length <= 64) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, 55)}-${hash}`;
}

export class HandlerFunction extends Construct {
  readonly fn: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly roleName: string;
  readonly logGroup: logs.LogGroup;
  readonly tableAccess: TableAccess;
  /** The folder under functions/ this Lambda is built from. */
  readonly handlerId: string;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    this.handlerId = props.handlerId;
    this.tableAccess = props.tableAccess;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });

    // Named after the stack and the handler, so the data key's policy can name it without a reference (the
    // route handlers live in a nested stack whose parameters already depend on the key).
    this.roleName = handlerRoleName(Stack.of(this), props.handlerId);
    this.role = new iam.Role(this, 'Role', {
      roleName: this.roleName,
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Sakhi OSC ${props.handlerId} handler`,
    });
    this.logGroup.grantWrite(this.role);

    const b = LAMBDA_BUNDLING;
    this.fn = new nodejs.NodejsFunction(this, 'Function', {
      entry: resolve(REPO_ROOT, functionEntry(props.handlerId)),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: resolve(REPO_ROOT, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: lambda.Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      // Lambda's own filter stays at INFO: the handlers' metric lines (EMF) carry no level and would be dropped
      // above it. How much the handlers log is LOG_LEVEL's (functions/lib/observability.ts).
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      description: props.description,
      // Stage-wide variables first, then this handler's own.
      environment: { ...props.sharedEnvironment, ...props.environment },
      bundling: {
        format: b.format === 'esm' ? nodejs.OutputFormat.ESM : nodejs.OutputFormat.CJS,
        target: b.target,
        minify: b.minify,
        sourceMap: b.sourcemap,
        sourcesContent: b.sourcesContent,
        mainFields: [...b.mainFields],
        banner: b.banner,
        externalModules: [...b.external],
      },
    });
    // X-Ray's PutTraceSegments / PutTelemetryRecords have no resource-level permissions: "*" is the only form.
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level ' +
        'permissions, so AWS requires Resource "*".',
    });

    this.grantTable(props.table, props.tableAccess);
    for (const statement of props.policyStatements ?? []) this.role.addToPolicy(statement);
  }

  /**
   * Lets this handler send SMS through SNS, with the sender and DLT settings it needs (SMS_SENDER_ID,
   * SMS_ENTITY_ID, SMS_TEMPLATE_IDS) set in the same call.
   */
  allowSms(smsEnvironment: Record<string, string>): void {
    for (const [k, v] of Object.entries(smsEnvironment)) this.fn.addEnvironment(k, v);
    // Publishing straight to a phone number has no resource ARN: SNS authorizes it against "*" only. The
    // Deny on every topic ARN keeps that "*" to phone numbers: this role can publish to no topic at all.
    const { partition } = Stack.of(this);
    this.role.addToPolicy(
      new iam.PolicyStatement({ sid: 'SmsToPhoneNumbers', actions: ['sns:Publish'], resources: ['*'] }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'NoTopics',
        effect: iam.Effect.DENY,
        actions: ['sns:Publish'],
        resources: [`arn:${partition}:sns:*:*:*`],
      }),
    );
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'SMS: sns:Publish to a phone number (PhoneNumber parameter) has no resource ARN to name; SNS accepts only ' +
        'Resource "*" for it, and an explicit Deny on every topic ARN keeps it to phone numbers. Only this action ' +
        'is granted on "*" besides X-Ray.',
    });
  }

  private grantTable(table: dynamodb.ITable, access: TableAccess): void {
    if (access === 'none') return;
    const writes = access !== 'read';
    table.grant(this.fn, ...(access === 'readWrite' ? TABLE_WRITE_ACTIONS : TABLE_READ_ACTIONS));
    if (access === 'readAudited') {
      this.fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['dynamodb:PutItem'],
          resources: [table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': AUDIT_PARTITIONS } },
        }),
      );
    }
    if (table.encryptionKey) {
      table.encryptionKey.grant(this.fn, ...(writes ? KEY_WRITE_ACTIONS : KEY_READ_ACTIONS));
      const roleArn = `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/${this.roleName}`;
      registerKeyUser(table.encryptionKey, roleArn, writes ? 'readWrite' : 'read');
    }
    this.fn.addEnvironment(ENV.tableName, table.tableName);

    // The grant names the table's own indexes as <table ARN>/index/*: the handlers query the GSIs of
    // shared/table.ts, and the wildcard never reaches beyond this one table.
    const cfnTable = table.node.defaultChild as CfnElement | undefined;
    if (cfnTable) {
      // In a nested stack the table's ARN arrives as a parameter CDK names after the table's unique id.
      const tableArn =
        Stack.of(cfnTable) === Stack.of(this)
          ? `${Stack.of(cfnTable).getLogicalId(cfnTable)}.Arn`
          : `referenceto${Names.nodeUniqueId(cfnTable.node)}Arn`;
      Validations.of(this).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${tableArn}>/index/*]`,
        reason:
          'Access to the GSIs of this one table (byCentre, byDistrict, byState, dueFollowUps); the wildcard covers ' +
          'only index names under the table ARN.',
      });
    }
    if (writes && table.encryptionKey) {
      // Writing through a customer-managed key needs new data keys; both wildcards are action-name suffixes
      // (GenerateDataKeyWithoutPlaintext, ReEncryptFrom/To) on the one table key, not other resources.
      for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*']) {
        Validations.of(this).acknowledge({
          id: `AwsSolutions-IAM5[Action::${action}]`,
          reason: `DynamoDB writes with a customer-managed key: ${action} is granted on the table's own KMS key only.`,
        });
      }
    }
  }
}

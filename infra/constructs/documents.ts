// Case documents in AWS: FIR copies, medical reports, court orders. A leaked one can put a woman in danger,
// so the bucket is private by every means S3 has, and no role may do more with it than its one job.
//
//   Bucket    its own customer-managed key (rotating) with the bucket key on; TLS 1.2+ only; Block Public
//             Access; bucket-owner-enforced ownership (no ACLs); versioned, old versions expire and unfinished
//             multipart uploads are aborted; CORS for the form's origin only (PUT with Content-Type, GET);
//             server access logs to a log bucket (kept for the stage's log retention).
//   Keys      objects are `cases/<caseId>/<documentId>`: ids only, never a file name.
//   Checker   every object created under cases/ goes to functions/document-check (S3 event notification):
//             it may read an object's first bytes and size, delete it, and update the case. Failed events
//             are retried, then parked in a dead-letter queue with an alarm.
//   Sweep     hourly (functions/document-sweep): uploads whose window has ended are checked or EXPIRED.
//   Grants    the upload route may only PUT (it presigns), the download route may only GET (it presigns),
//             both on cases/* and through S3 only (kms:ViaService); nothing in the API may list the bucket.
//
// Why the bucket has a name of our making: the form's CSP (on CloudFront) must name the bucket's origin, and
// the bucket's CORS must name CloudFront's: each referring to the other would be a dependency cycle. The name
// is the stack's own unique id (unguessable, never taken by anyone else), known before either resource exists.
// For the same reason the notification is set on the bucket itself, and every grant names the bucket's ARN
// built from that name: no custom resource, no Lambda that runs at deploy time.
//
// Access records: every download link is written to the case's read audit (who, when) before it is given;
// the server access logs add the requests themselves (source IP, key, status). CloudTrail data events would
// duplicate those at a cost per request: not enabled.
import { Aws, Duration, Fn, RemovalPolicy as Removal, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '#shared/core/config.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';
import { type HandlerDefaults, HandlerFunction } from './handler-function.ts';
import { ScheduledJob } from './scheduled-job.ts';

/** Objects live under this prefix only; every grant and the notification are limited to it. */
export const DOCUMENTS_PREFIX = 'cases/';

export interface DocumentsProps {
  defaults: HandlerDefaults;
  removalPolicy: RemovalPolicy;
  /** Days a version that is no longer current is kept before S3 expires it. */
  noncurrentVersionDays: number;
  /** Days the bucket's access logs are kept. */
  accessLogDays: number;
  /** DOCUMENT_UPLOAD_SECONDS, DOCUMENT_DOWNLOAD_SECONDS (stage-config.ts handlerEnvironment). */
  environment: Record<string, string>;
  alarmTopic?: sns.ITopic;
}

export class Documents extends Construct {
  readonly key: kms.Key;
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  /** The bucket's name and ARN, known without the bucket resource (see above). */
  readonly bucketName: string;
  readonly bucketArn: string;
  /** https://<bucket>.s3.<region>.amazonaws.com: where presigned URLs point, for the form's CSP. */
  readonly origin: string;
  readonly checker: HandlerFunction;
  readonly checkerDlq: sqs.Queue;
  readonly checkerDlqAlarm: cloudwatch.Alarm;
  readonly sweep: ScheduledJob;
  private readonly environment: Record<string, string>;

  constructor(scope: Construct, id: string, props: DocumentsProps) {
    super(scope, id);
    const destroy = props.removalPolicy === Removal.DESTROY;
    this.environment = props.environment;
    this.bucketName = `sakhi-osc-documents-${Fn.select(2, Fn.split('/', Aws.STACK_ID))}`;
    this.bucketArn = Stack.of(this).formatArn({ service: 's3', region: '', account: '', resource: this.bucketName });
    this.origin = `https://${this.bucketName}.s3.${Aws.REGION}.${Aws.URL_SUFFIX}`;

    this.key = new kms.Key(this, 'Key', {
      description: 'Sakhi OSC case documents: encrypts the documents bucket (FIR copies, medical reports)',
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      pendingWindow: Duration.days(30),
      removalPolicy: props.removalPolicy,
    });

    // Request records of the documents bucket (ids and paths only: keys and URLs never carry a name).
    // Server access logs can only be delivered to a bucket encrypted with S3-managed keys, and (without the
    // app-wide flag that switches every log bucket to a bucket policy) with the log-delivery ACL.
    this.logBucket = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(props.accessLogDays) }],
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: destroy,
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: this.bucketName,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [
        {
          id: 'old-versions-and-unfinished-uploads',
          noncurrentVersionExpiration: Duration.days(props.noncurrentVersionDays),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        { id: 'lone-delete-markers', expiredObjectDeleteMarker: true },
      ],
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'documents/',
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: destroy,
    });

    // ---- the checker, notified of every object created under cases/
    this.checkerDlq = deadLetterQueue(this, 'the upload checker (its failed S3 events)');
    this.checker = new HandlerFunction(this, 'Checker', {
      ...props.defaults,
      handlerId: 'document-check',
      tableAccess: 'readWrite',
      timeout: Duration.seconds(30),
      description: 'Checks an uploaded case document: first bytes and size against what was declared',
      environment: { [ENV.documentsBucket]: this.bucketName },
    });
    this.grantCheck(this.checker);
    this.checker.fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new destinations.SqsDestination(this.checkerDlq),
    });
    const invoke = new lambda.CfnPermission(this, 'BucketInvokesChecker', {
      action: 'lambda:InvokeFunction',
      functionName: this.checker.fn.functionArn,
      principal: 's3.amazonaws.com',
      sourceArn: this.bucketArn,
      sourceAccount: Aws.ACCOUNT_ID,
    });
    const cfnBucket = this.bucket.node.defaultChild as s3.CfnBucket;
    cfnBucket.notificationConfiguration = {
      lambdaConfigurations: [
        {
          event: 's3:ObjectCreated:*',
          function: this.checker.fn.functionArn,
          filter: { s3Key: { rules: [{ name: 'prefix', value: DOCUMENTS_PREFIX }] } },
        },
      ],
    };
    cfnBucket.addResourceDependency(invoke, 'S3 checks that it may invoke the checker');

    this.checkerDlqAlarm = new cloudwatch.Alarm(this, 'CheckerDlqAlarm', {
      metric: this.checkerDlq.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription:
        'document-check failed an upload event after its retries: the document stays PENDING until the hourly ' +
        'sweep checks it. Its event waits in the dead-letter queue.',
    });
    if (props.alarmTopic) this.checkerDlqAlarm.addAlarmAction(new cwActions.SnsAction(props.alarmTopic));

    // ---- the hourly sweep of uploads whose window has ended
    this.sweep = new ScheduledJob(this, 'Sweep', {
      defaults: props.defaults,
      handlerId: 'document-sweep',
      tableAccess: 'readWrite',
      timeout: Duration.minutes(5),
      description: 'Checks or expires case document uploads whose window has ended',
      environment: { [ENV.documentsBucket]: this.bucketName },
      cron: { minute: '7' },
      retryAttempts: 3,
      maxEventAge: Duration.hours(1),
      alarmTopic: props.alarmTopic,
      failureMeaning: 'uploads left PENDING were not checked or expired this hour (the next run does it).',
    });
    this.grantCheck(this.sweep.handler);
  }

  /** The bucket and the links' lifetimes, set with the grant that needs them (so they cannot drift apart). */
  private setEnvironment(h: HandlerFunction): void {
    h.fn.addEnvironment(ENV.documentsBucket, this.bucketName);
    for (const [k, v] of Object.entries(this.environment)) h.fn.addEnvironment(k, v);
  }

  /** The object ARN pattern every grant is limited to. */
  private get objects(): string {
    return `${this.bucketArn}/${DOCUMENTS_PREFIX}*`;
  }

  /** The key may be used only by S3 on this bucket's behalf (never directly to decrypt anything). */
  private keyStatement(action: string): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: `DocumentsKey${action.split(':')[1]}`,
      actions: [action],
      resources: [this.key.keyArn],
      conditions: {
        StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.${Aws.URL_SUFFIX}` },
        StringLike: { 'kms:EncryptionContext:aws:s3:arn': [this.bucketArn, `${this.bucketArn}/*`] },
      },
    });
  }

  /** POST /cases/{caseId}/documents: sign PUTs (the browser's upload is authorized as this role's). */
  grantUpload(h: HandlerFunction): void {
    this.setEnvironment(h);
    h.role.addToPolicy(
      new iam.PolicyStatement({ sid: 'PutDocuments', actions: ['s3:PutObject'], resources: [this.objects] }),
    );
    h.role.addToPolicy(this.keyStatement('kms:GenerateDataKey'));
    this.acknowledgeObjects(h, 'signs upload URLs (PUT) for new documents');
  }

  /** GET /cases/{caseId}/documents/{documentId}: sign GETs of one version. */
  grantDownload(h: HandlerFunction): void {
    this.setEnvironment(h);
    h.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'GetDocuments',
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [this.objects],
      }),
    );
    h.role.addToPolicy(this.keyStatement('kms:Decrypt'));
    this.acknowledgeObjects(h, 'signs download URLs (GET of the checked version)');
  }

  /** The checker and the sweep: the first bytes and size of an object, and deleting a version. No listing. */
  private grantCheck(h: HandlerFunction): void {
    h.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'CheckDocuments',
        actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [this.objects],
      }),
    );
    h.role.addToPolicy(this.keyStatement('kms:Decrypt'));
    this.acknowledgeObjects(h, 'reads the first bytes of uploaded documents and deletes rejected ones');
  }

  /**
   * For the retention job (DocumentStore.deleteAllForCase): every version of a case's objects, found by
   * listing the case's prefix and deleted for good. The only role that may list, and only under cases/.
   */
  grantCaseRemoval(h: HandlerFunction): void {
    this.setEnvironment(h);
    h.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ListCaseDocumentVersions',
        actions: ['s3:ListBucketVersions'],
        resources: [this.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${DOCUMENTS_PREFIX}*`] } },
      }),
    );
    h.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'DeleteCaseDocuments',
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [this.objects],
      }),
    );
    this.acknowledgeObjects(h, 'removes every version of an anonymised case’s documents');
  }

  /** CORS for the staff form's origins only: the browser PUTs with its Content-Type and GETs. */
  allowOrigins(origins: string[]): void {
    this.bucket.addCorsRule({
      allowedOrigins: origins,
      allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET],
      allowedHeaders: ['content-type'],
      exposedHeaders: ['ETag'],
      maxAge: 600,
    });
  }

  private acknowledgeObjects(h: HandlerFunction, what: string): void {
    Validations.of(h).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${this.nagName}/${DOCUMENTS_PREFIX}*]`,
      reason:
        `The objects under cases/ of the documents bucket only (cases/<caseId>/<documentId>): this role ${what}; ` +
        "a document's key is made when it is requested, so no finer resource exists in advance.",
    });
  }

  /** How cdk-nag writes the bucket's name (made from the stack id) in a finding's resource. */
  private get nagName(): string {
    return 'sakhi-osc-documents-{"Fn::Select":[2,{"Fn::Split":["/",{"Ref":"AWS::StackId"}]}]}';
  }
}

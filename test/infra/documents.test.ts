// The case documents bucket as deployed (prod): its own rotating key with the bucket key, TLS 1.2+ only,
// Block Public Access, no ACLs, versioned with lifecycle rules, CORS for the form's origin only, access logs,
// the notification to the upload checker; and what each role may do with it (the API roles only sign, no
// role in the API lists, the checker reads and deletes).
import { describe, expect, it } from 'vitest';
import { DOCUMENTS_PREFIX } from '../../infra/constructs/documents.ts';
import { loadStageConfig } from '../../infra/stage-config.ts';
import {
  joinedText,
  logicalIdOf,
  resourcesOf,
  type Statement,
  statementsOfRole,
  synthStage,
  WITHOUT_CFN_VALIDATION,
} from './synth.ts';

const stage = 'prod';
const config = loadStageConfig(stage);
const s = () => synthStage(stage, WITHOUT_CFN_VALIDATION);
const resource = (id: string) => s().template.toJSON().Resources[id];
const docs = () => s().stack.documents;
const bucket = () => resource(logicalIdOf(docs().bucket));
const text = (v: unknown) => joinedText(s().stack.resolve(v));
const bucketArn = () => text(docs().bucketArn);
const objectsArn = () => `${bucketArn()}/${DOCUMENTS_PREFIX}*`;
const statementsOf = (h: { role: unknown }) => statementsOfRole(s().template, logicalIdOf(h.role as never));
const s3Statements = (sts: Statement[]) => sts.filter((st) => [st.Action].flat().some((a) => a.startsWith('s3:')));
const actions = (sts: Statement[]) => sts.flatMap((st) => [st.Action].flat()).sort();
const route = (id: string) => s().stack.api.handlers.get(id)!;
/** The alarm on Lambda errors whose group of handlers names this one (operations.ts groups up to ten). */
const errorAlarmOf = (handlerId: string) =>
  Object.values(resourcesOf(s().template, 'AWS::CloudWatch::Alarm'))
    .map((a) => a.Properties as { AlarmDescription?: string; Metrics?: unknown })
    .find(
      (a) =>
        JSON.stringify(a.Metrics ?? '').includes('"Errors"') &&
        new RegExp(`[:,] ${handlerId}(,|\\.)`).test(a.AlarmDescription ?? ''),
    );

describe('the documents bucket', () => {
  it('is encrypted with its own rotating customer-managed key, the bucket key on, and kept in prod', () => {
    const enc = bucket().Properties.BucketEncryption.ServerSideEncryptionConfiguration[0];
    expect(enc).toEqual({
      BucketKeyEnabled: true,
      ServerSideEncryptionByDefault: {
        SSEAlgorithm: 'aws:kms',
        KMSMasterKeyID: { 'Fn::GetAtt': [logicalIdOf(docs().key), 'Arn'] },
      },
    });
    expect(resource(logicalIdOf(docs().key)).Properties.EnableKeyRotation).toBe(true);
    expect(logicalIdOf(docs().key)).not.toBe(logicalIdOf(s().stack.key));
    expect(bucket().DeletionPolicy).toBe('Retain');
    expect(resource(logicalIdOf(docs().key)).DeletionPolicy).toBe('Retain');
  });

  it('takes TLS 1.2 or newer only: its policy denies every request without TLS or with an older one', () => {
    const policy = Object.values(resourcesOf(s().template, 'AWS::S3::BucketPolicy')).find(
      (p) => JSON.stringify(p.Properties?.Bucket) === JSON.stringify({ Ref: logicalIdOf(docs().bucket) }),
    );
    const statements = (policy!.Properties!.PolicyDocument as { Statement: Array<Record<string, any>> }).Statement;
    const denies = statements.filter((st) => st.Effect === 'Deny');
    expect(denies.map((d) => d.Condition)).toEqual([
      { Bool: { 'aws:SecureTransport': 'false' } },
      { NumericLessThan: { 's3:TlsVersion': 1.2 } },
    ]);
    for (const d of denies) {
      expect(d).toMatchObject({ Action: 's3:*', Principal: { AWS: '*' } });
      expect(d.Resource).toHaveLength(2); // the bucket and every object in it
    }
    // Nothing is allowed by the bucket policy in prod: access is by IAM role only.
    expect(statements.filter((st) => st.Effect === 'Allow')).toEqual([]);
  });

  it('blocks all public access and takes no ACLs (the bucket owner owns every object)', () => {
    expect(bucket().Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket().Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(bucket().Properties.AccessControl).toBeUndefined();
  });

  const days = config.documents.noncurrentVersionDays;
  it(`is versioned; old versions expire after ${days} days, unfinished multipart uploads after 1`, () => {
    expect(bucket().Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const rules = bucket().Properties.LifecycleConfiguration.Rules as Array<Record<string, unknown>>;
    expect(rules).toContainEqual(
      expect.objectContaining({
        Status: 'Enabled',
        NoncurrentVersionExpiration: { NoncurrentDays: config.documents.noncurrentVersionDays },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
      }),
    );
    // Objects themselves never expire by lifecycle: the retention job removes an anonymised case's documents.
    for (const r of rules) expect(r.ExpirationInDays).toBeUndefined();
  });

  it("allows CORS from the form's origin only: PUT with Content-Type, and GET", () => {
    const cors = bucket().Properties.CorsConfiguration.CorsRules;
    expect(cors).toHaveLength(1);
    expect(cors[0]).toMatchObject({ AllowedMethods: ['PUT', 'GET'], AllowedHeaders: ['content-type'] });
    expect(cors[0].AllowedOrigins.map(joinedText)).toEqual([
      `https://<GetAtt:${logicalIdOf(s().stack.web.distribution)}.DomainName>`,
    ]);
  });

  it('logs every request to a private log bucket kept for the stage log retention', () => {
    const logging = bucket().Properties.LoggingConfiguration;
    expect(logging.DestinationBucketName).toEqual({ Ref: logicalIdOf(docs().logBucket) });
    const logs = resource(logicalIdOf(docs().logBucket)).Properties;
    expect(logs.PublicAccessBlockConfiguration.BlockPublicPolicy).toBe(true);
    expect(logs.LifecycleConfiguration.Rules).toEqual([
      { ExpirationInDays: config.logRetentionDays, Status: 'Enabled' },
    ]);
  });

  it('notifies the upload checker of every object created under cases/, which S3 may invoke', () => {
    const checkerArn = { 'Fn::GetAtt': [logicalIdOf(docs().checker.fn), 'Arn'] };
    expect(bucket().Properties.NotificationConfiguration).toEqual({
      LambdaConfigurations: [
        {
          Event: 's3:ObjectCreated:*',
          Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'cases/' }] } },
          Function: checkerArn,
        },
      ],
    });
    const [permissionId, permission] = Object.entries(resourcesOf(s().template, 'AWS::Lambda::Permission')).find(
      ([, p]) => p.Properties?.Principal === 's3.amazonaws.com',
    )!;
    expect(permission.Properties).toMatchObject({ FunctionName: checkerArn, SourceAccount: { Ref: 'AWS::AccountId' } });
    expect(joinedText(permission.Properties?.SourceArn)).toBe(bucketArn());
    expect(bucket().DependsOn).toContain(permissionId);
    // The bucket's name is the one every grant and the form's CSP name.
    expect(text(bucket().Properties.BucketName)).toBe(text(docs().bucketName));
  });
});

describe('who may do what with it', () => {
  it('lets the checker and the sweep read and delete objects under cases/, decrypt through S3 only, never list', () => {
    for (const h of [docs().checker, docs().sweep.handler]) {
      const sts = statementsOf(h);
      const s3s = s3Statements(sts);
      expect(actions(s3s), h.handlerId).toEqual(
        ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:GetObject', 's3:GetObjectVersion'].sort(),
      );
      for (const st of s3s) expect(joinedText(st.Resource)).toBe(objectsArn());
      const key = sts.find((st) => JSON.stringify(st.Resource).includes(logicalIdOf(docs().key)));
      expect(key).toMatchObject({ Action: 'kms:Decrypt' });
      expect(JSON.stringify(key?.Condition)).toContain('kms:ViaService');
      expect(h.tableAccess).toBe('readWrite');
    }
  });

  it('lets the upload route only PUT (it signs upload URLs) and the download route only GET', () => {
    const up = statementsOf(route('create-document'));
    expect(actions(s3Statements(up))).toEqual(['s3:PutObject']);
    expect(actions(up.filter((st) => JSON.stringify(st.Resource).includes(logicalIdOf(docs().key))))).toEqual([
      'kms:GenerateDataKey',
    ]);
    const down = statementsOf(route('get-document'));
    expect(actions(s3Statements(down))).toEqual(['s3:GetObject', 's3:GetObjectVersion']);
    for (const st of [...s3Statements(up), ...s3Statements(down)]) expect(joinedText(st.Resource)).toBe(objectsArn());
    expect(s3Statements(statementsOf(route('list-documents')))).toEqual([]);
  });

  it('lets no API role list the bucket, and no other API role touch it', () => {
    for (const [id, h] of s().stack.api.handlers) {
      const s3s = s3Statements(statementsOf(h));
      expect(
        actions(s3s).filter((a) => a.startsWith('s3:List')),
        id,
      ).toEqual([]);
      if (id !== 'create-document' && id !== 'get-document') expect(s3s, id).toEqual([]);
    }
  });

  it('gives the bucket name and the link lifetimes to the routes that sign, with their grant', () => {
    for (const id of ['create-document', 'get-document']) {
      const env = resource(logicalIdOf(route(id).fn)).Properties.Environment.Variables;
      expect(text(env.DOCUMENTS_BUCKET), id).toBe(text(docs().bucketName));
      expect(env.DOCUMENT_UPLOAD_SECONDS).toBe(String(config.documents.uploadUrlMinutes * 60));
      expect(env.DOCUMENT_DOWNLOAD_SECONDS).toBe(String(config.documents.downloadUrlSeconds));
    }
    expect(Number(String(config.documents.downloadUrlSeconds))).toBeLessThanOrEqual(60);
    const list = resource(logicalIdOf(route('list-documents').fn)).Properties.Environment.Variables;
    expect(list.DOCUMENTS_BUCKET).toBeUndefined();
  });

  it("names exactly the bucket's origin in the form's connect-src", () => {
    const config = resource(logicalIdOf(s().stack.web.securityHeaders)).Properties.ResponseHeadersPolicyConfig;
    const csp = joinedText(config.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    const connect = csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .find(([k]) => k === 'connect-src');
    const origin = text(docs().origin);
    expect(origin).toMatch(/^https:\/\/sakhi-osc-documents-.+\.s3\.<Ref:AWS::Region>\.<Ref:AWS::URLSuffix>$/);
    expect(connect).toContain(origin);
    expect(connect?.some((c) => c.includes('*'))).toBe(false);
  });
});

describe('when a check fails', () => {
  it('retries a failed event twice, then parks it in an encrypted dead-letter queue that raises an alarm', () => {
    const invoke = Object.values(resourcesOf(s().template, 'AWS::Lambda::EventInvokeConfig')).find(
      (c) => JSON.stringify(c.Properties?.FunctionName) === JSON.stringify({ Ref: logicalIdOf(docs().checker.fn) }),
    );
    expect(invoke?.Properties).toMatchObject({
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalIdOf(docs().checkerDlq), 'Arn'] } } },
    });
    const alarm = resource(logicalIdOf(docs().checkerDlqAlarm)).Properties;
    expect(alarm.AlarmActions).toEqual([{ Ref: logicalIdOf(s().stack.opsTopic.topic) }]);
    expect(errorAlarmOf(docs().checker.handlerId), 'an alarm on the checker errors').toBeDefined();
  });

  it('sweeps uploads that never came every hour, in Indian time, with its own dead-letter queue', () => {
    const schedule = resource(logicalIdOf(docs().sweep.schedule)).Properties;
    expect(schedule.ScheduleExpression).toBe('cron(7 * * * ? *)');
    expect(schedule.ScheduleExpressionTimezone).toBe('Asia/Kolkata');
    expect(errorAlarmOf(docs().sweep.handler.handlerId), 'an alarm on the sweep errors').toBeDefined();
  });
});

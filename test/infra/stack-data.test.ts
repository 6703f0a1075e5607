// Each stage's stack and its data as synthesized: the stack's name, region and protection, the table (keys,
// indexes, encryption, recovery) and what happens to the data when the stack goes. Each stage is synthesized
// once per file; the CloudFormation and cdk-nag validation of every stage runs in nag.test.ts.
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { STAGES } from '../../infra/stage-config.ts';
import { INDEXES, projectionOf } from '../../shared/core/table.ts';
import { logicalIdOf, resourceCounts, synthStage, WITHOUT_CFN_VALIDATION } from './synth.ts';

/** Properties that would fix a physical name and stop two stages sharing an account. */
const PHYSICAL_NAMES = [
  'TableName',
  'FunctionName',
  'RoleName',
  'UserPoolName',
  'LogGroupName',
  'QueueName',
  'TopicName',
  'BucketName',
  'StateMachineName',
  'AliasName',
  'ManagedPolicyName',
  'ScheduleGroupName',
];

/**
 * The key attributes of the table and its indexes, written out: the stored items carry these names, and
 * changing one replaces the table (or the index) in AWS. shared/table.ts builds both the table and the local
 * runtime's, so comparing with it would pass whatever it said.
 */
const TABLE_KEY_SCHEMA = [
  { AttributeName: 'pk', KeyType: 'HASH' },
  { AttributeName: 'sk', KeyType: 'RANGE' },
];
const INDEX_KEYS: Record<string, [string, string]> = {
  byCentre: ['gsi1pk', 'gsi1sk'],
  byDistrict: ['gsi2pk', 'gsi2sk'],
  byState: ['gsi3pk', 'gsi3sk'],
  dueFollowUps: ['duePk', 'dueSk'],
  queue: ['q1pk', 'q1sk'],
};

describe.each(STAGES)('stage %s', (stage) => {
  const s = () => synthStage(stage, WITHOUT_CFN_VALIDATION);
  const prod = stage === 'prod';

  it('is the stack SakhiOsc-<stage> in Mumbai (ap-south-1), protected from termination in prod', () => {
    expect(s().stack.stackName).toBe(`SakhiOsc-${stage}`);
    // Mumbai: the data of Indian survivors stays in India.
    expect(s().stack.region).toBe('ap-south-1');
    expect(s().stack.terminationProtection).toBe(prod);
  });

  describe('data', () => {
    it('encrypts the table with a rotating customer-managed key', () => {
      const keyId = logicalIdOf(s().stack.key);
      s().template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
      s().template.hasResourceProperties('AWS::DynamoDB::Table', {
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
      });
    });

    it('has point-in-time recovery, on-demand billing, TTL and the stream', () => {
      s().template.hasResourceProperties('AWS::DynamoDB::Table', {
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        // The stream consumers read the new item (NewImage) and filter on it.
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      });
    });

    it('has the keys and indexes of the stored data, projecting what shared/table.ts reads from each index', () => {
      s().template.hasResourceProperties('AWS::DynamoDB::Table', {
        KeySchema: TABLE_KEY_SCHEMA,
        GlobalSecondaryIndexes: Object.entries(INDEX_KEYS).map(([name, [pk, sk]]) => ({
          IndexName: name,
          KeySchema: [
            { AttributeName: pk, KeyType: 'HASH' },
            { AttributeName: sk, KeyType: 'RANGE' },
          ],
          // What the queries read back from the index: the handlers' side of the contract.
          Projection: projectionOf(INDEXES[name as keyof typeof INDEXES]),
        })),
      });
    });

    it(
      prod
        ? 'retains the table, key and user pool, with deletion protection'
        : 'lets the table, key and user pool be destroyed',
      () => {
        const policy = prod ? 'Retain' : 'Delete';
        s().template.hasResource('AWS::DynamoDB::Table', {
          DeletionPolicy: policy,
          UpdateReplacePolicy: policy,
          Properties: Match.objectLike({ DeletionProtectionEnabled: prod }),
        });
        s().template.hasResource('AWS::KMS::Key', { DeletionPolicy: policy });
        s().template.hasResource('AWS::Cognito::UserPool', {
          DeletionPolicy: policy,
          Properties: Match.objectLike({ DeletionProtection: prod ? 'ACTIVE' : 'INACTIVE' }),
        });
      },
    );
  });

  it('keeps every template within CloudFormation limits, with room for more routes', () => {
    const counts = resourceCounts(s().assembly, s().stack);
    expect(Object.keys(counts).length).toBeGreaterThan(1);
    // 500 resources a template; stay clear of it, so a feature's routes never break a deploy.
    for (const [id, n] of Object.entries(counts)) expect(n, id).toBeLessThanOrEqual(450);
  });

  it('fixes no physical names but the handler roles, which carry the stage in theirs', () => {
    for (const [id, r] of Object.entries(
      s().template.toJSON().Resources as Record<string, { Properties?: Record<string, unknown> }>,
    )) {
      // A literal string is a fixed name; a reference (a Version's FunctionName: { Ref }) is not.
      const named = Object.entries(r.Properties ?? {})
        // SNS names its SMS delivery log groups itself (sns/<region>/<account>/...): the stack must use them.
        .filter(([k, v]) => PHYSICAL_NAMES.includes(k) && typeof v === 'string' && !v.startsWith('sns/'))
        // A handler's role is named <stack>-<handler> (the data key's policy names it): unique per stage.
        .filter(([k, v]) => !(k === 'RoleName' && String(v).startsWith(`SakhiOsc-${stage}-`)))
        .map(([k]) => k);
      expect(named, id).toEqual([]);
    }
  });
});

// Each stage's stack and its data as synthesized: the stack's name, region and protection, the table (keys,
// indexes, encryption, recovery) and what happens to the data when the stack goes. Each stage is synthesized
// once per file; the CloudFormation and cdk-nag validation of every stage runs in nag.test.ts.
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { loadStageConfig, STAGES } from '../../infra/stage-config.ts';
import { INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '../../shared/core/table.ts';
import { logicalIdOf, synthStage, WITHOUT_CFN_VALIDATION } from './synth.ts';

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

describe.each(STAGES)('stage %s', (stage) => {
  const config = loadStageConfig(stage);
  const s = () => synthStage(stage, WITHOUT_CFN_VALIDATION);
  const prod = stage === 'prod';

  it('is the stack SakhiOsc-<stage> in the configured region', () => {
    expect(s().stack.stackName).toBe(`SakhiOsc-${stage}`);
    expect(s().stack.region).toBe(config.region);
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
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
        StreamSpecification: { StreamViewType: Match.anyValue() },
      });
    });

    it('has the keys and indexes of shared/table.ts', () => {
      s().template.hasResourceProperties('AWS::DynamoDB::Table', {
        KeySchema: [
          { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: Object.values(INDEXES).map((ix) => ({
          IndexName: ix.name,
          KeySchema: [
            { AttributeName: ix.partitionKey, KeyType: 'HASH' },
            { AttributeName: ix.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...ix.include] },
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

  it('fixes no physical names, so stages can share an account', () => {
    for (const [id, r] of Object.entries(
      s().template.toJSON().Resources as Record<string, { Properties?: Record<string, unknown> }>,
    )) {
      // A literal string is a fixed name; a reference (a Version's FunctionName: { Ref }) is not.
      const named = Object.entries(r.Properties ?? {})
        .filter(([k, v]) => PHYSICAL_NAMES.includes(k) && typeof v === 'string')
        .map(([k]) => k);
      expect(named, id).toEqual([]);
    }
  });
});

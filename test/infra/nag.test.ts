// Proof that the cdk-nag check in stack.test.ts can fail: the app built by buildApp rejects a resource that
// breaks an AwsSolutions rule, errors and warnings alike, and accepts it once acknowledged with a reason.
import { Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { TEST_CONTEXT, WITHOUT_CFN_VALIDATION } from './synth.ts';

describe('cdk-nag on the app', () => {
  it('fails the synth on an AwsSolutions error (a queue without SSL, encryption or DLQ)', () => {
    // Prepare
    const { app, stack } = buildApp('dev', TEST_CONTEXT, WITHOUT_CFN_VALIDATION);
    new sqs.Queue(stack, 'Rogue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    // Act + Assess
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS4[\s\S]*Rogue|Rogue[\s\S]*AwsSolutions-SQS4/);
  });

  it('fails the synth on an AwsSolutions warning too (a table without point-in-time recovery)', () => {
    // Prepare
    const { app, stack } = buildApp('dev', TEST_CONTEXT, WITHOUT_CFN_VALIDATION);
    new dynamodb.Table(stack, 'NoPitr', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    // Act + Assess
    expect(() => app.synth()).toThrow(/AwsSolutions-DDB3/);
  });

  it('passes once the finding is acknowledged on that resource, with a reason', () => {
    // Prepare
    const { app, stack } = buildApp('dev', TEST_CONTEXT, WITHOUT_CFN_VALIDATION);
    const table = new dynamodb.Table(stack, 'NoPitr', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    });
    Validations.of(table).acknowledge({
      id: 'AwsSolutions-DDB3',
      reason: 'Throwaway table of this test: nothing to recover.',
    });
    // Act + Assess
    expect(() => app.synth()).not.toThrow();
  });
});

// A dead-letter queue as every one in this stack is made: TLS only, SQS-managed encryption, 14 days to look
// at what failed, and nothing kept past a teardown (it holds pointers and time stamps, never personal data).
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** `whatFails` names whose dead-letter queue this is, for the cdk-nag acknowledgement. */
export function deadLetterQueue(scope: Construct, whatFails: string): sqs.Queue {
  const dlq = new sqs.Queue(scope, 'Dlq', {
    retentionPeriod: Duration.days(14),
    enforceSSL: true,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  Validations.of(dlq).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      `This queue is itself the dead-letter queue of ${whatFails}; ` +
      'a DLQ for a DLQ would only move the problem. Its alarm pages the operators.',
  });
  return dlq;
}

// A dead-letter queue as every one in this stack is made: TLS only, SQS-managed encryption, 14 days to look
// at what failed, and nothing kept past a teardown (it holds pointers and time stamps, or an account request:
// never a survivor's data).
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * `whatFails` names whose dead-letter queue this is, for the cdk-nag acknowledgement. `ofQueue`: the DLQ of
 * another SQS queue (its redrive target), which cdk-nag recognises as a DLQ by itself;
 * the DLQs of event sources and schedules need the acknowledgement.
 */
export function deadLetterQueue(
  scope: Construct,
  whatFails: string,
  options: { fifo?: boolean; ofQueue?: boolean } = {},
): sqs.Queue {
  const dlq = new sqs.Queue(scope, 'Dlq', {
    ...(options.fifo ? { fifo: true } : {}),
    retentionPeriod: Duration.days(14),
    enforceSSL: true,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  if (options.ofQueue) return dlq;
  Validations.of(dlq).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      `This queue is itself the dead-letter queue of ${whatFails}; ` +
      'a DLQ for a DLQ would only move the problem. Its alarm pages the operators.',
  });
  return dlq;
}

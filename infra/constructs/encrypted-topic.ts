// An SNS topic for people (e-mail subscriptions): encrypted with its own customer-managed key, reachable only
// over TLS. Used for the operators' alarms and for the report announcements.
//
// A customer-managed key rather than alias/aws/sns: the AWS-managed key cannot be shared with service
// principals, so CloudWatch alarms could not publish to the topic.
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface EncryptedTopicProps {
  /** What the topic is for (the key and the topic say so in the console). */
  purpose: string;
  /** Each address gets a confirmation e-mail on the first deploy; nothing is delivered until confirmed. */
  emails: readonly string[];
  removalPolicy: RemovalPolicy;
  /** AWS services that publish to the topic themselves (e.g. cloudwatch.amazonaws.com for alarms). */
  servicePublishers?: readonly string[];
}

export class EncryptedTopic extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: EncryptedTopicProps) {
    super(scope, id);

    this.key = new kms.Key(this, 'Key', {
      description: `Sakhi OSC: encrypts the SNS topic for ${props.purpose}`,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      pendingWindow: Duration.days(7),
      removalPolicy: props.removalPolicy,
    });
    for (const service of props.servicePublishers ?? []) {
      // What a service needs to publish to an encrypted topic: a data key, and to decrypt it.
      this.key.addToResourcePolicy(
        new iam.PolicyStatement({
          principals: [new iam.ServicePrincipal(service)],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'], // in a key policy, "*" is this key
        }),
      );
    }

    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `Sakhi OSC ${props.purpose}`,
      masterKey: this.key,
      enforceSSL: true,
    });
    for (const email of props.emails) this.topic.addSubscription(new subscriptions.EmailSubscription(email));
  }
}

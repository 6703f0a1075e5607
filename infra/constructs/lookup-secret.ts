// The stage's secret for the keyed hashes (HMAC-SHA256) of a survivor's phone and name in the similar-case
// lookup keys (shared/similar/lookup.ts). The handlers that write those keys get it as LOOKUP_KEY_SECRET
// through a CloudFormation dynamic reference ({{resolve:secretsmanager:...}}), resolved at deploy time: no
// Secrets Manager call on a cold start, no SDK in the bundle, and no value in the template or the repository.
//
// It is never rotated: every stored key was made with it, and keys made with another secret no longer meet.
// It is kept as the table is (RETAIN in prod). A stage rebuilt around a retained table names the retained
// secret in its stage config (lookupKeySecretArn) instead of making a new one.
import { type RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ENV } from '#shared/core/config.ts';

export interface LookupSecretProps {
  removalPolicy: RemovalPolicy;
  /** An existing secret to use instead of a new one (its complete ARN). */
  existingSecretArn?: string;
}

export class LookupSecret extends Construct {
  readonly secret: secretsmanager.ISecret;
  /** LOOKUP_KEY_SECRET for the handlers that write lookup keys, as a dynamic reference. */
  readonly environment: Record<string, string>;

  constructor(scope: Construct, id: string, props: LookupSecretProps) {
    super(scope, id);
    if (props.existingSecretArn) {
      this.secret = secretsmanager.Secret.fromSecretCompleteArn(this, 'Secret', props.existingSecretArn);
    } else {
      const secret = new secretsmanager.Secret(this, 'Secret', {
        description:
          'Sakhi OSC: key of the hashed phone and name lookup keys (never rotate: the keys would stop meeting)',
        generateSecretString: { passwordLength: 64, excludePunctuation: true },
        removalPolicy: props.removalPolicy,
      });
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'The HMAC key of the similar-case lookup keys: every stored key was made with it, so rotating it ' +
          'would stop earlier visits from being found. It is not a credential to any system.',
      });
      this.secret = secret;
    }
    // The dynamic reference: CloudFormation puts the value into the function configuration at deploy time.
    this.environment = { [ENV.lookupKeySecret]: this.secret.secretValue.unsafeUnwrap() };
  }
}

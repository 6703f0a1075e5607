// The secret CloudFront adds to every request it sends the API (header x-origin-verify), and that the API's
// firewall requires: proof a request came through CloudFront. Generated per stage by Secrets Manager at
// deploy time (48 letters and digits), so no value is ever in the code, the template or cdk.out: the
// template holds only a dynamic reference that CloudFormation resolves while deploying.
//
// Rotation goes with the stage: raise `originSecretGeneration` in infra/stage-config.ts and deploy. That
// deploy creates generation N+1 (a new secret, a new value), points CloudFront at it, and keeps accepting
// generation N at the firewall, so no request is refused while CloudFront's edges pick up the new header
// (minutes); generation N-1 is deleted. The deploy after the next rotation stops accepting N.
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface OriginSecretProps {
  /** The current generation (>= 1); the previous one is still accepted. */
  generation: number;
}

export class OriginSecret extends Construct {
  /** The secret CloudFront sends now. */
  readonly current: secretsmanager.Secret;
  /** The generation before it, still accepted by the firewall. */
  readonly previous: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: OriginSecretProps) {
    super(scope, id);
    if (!Number.isInteger(props.generation) || props.generation < 1)
      throw new Error('OriginSecret: generation must be a whole number from 1');
    // The construct id carries the generation: a new generation is a new resource with a new value.
    const make = (generation: number) => {
      const secret = new secretsmanager.Secret(this, `Generation${generation}`, {
        description: `Sakhi OSC: CloudFront-to-API origin secret, generation ${generation}`,
        generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
        // A retired generation proves nothing any more: nothing to keep.
        removalPolicy: RemovalPolicy.DESTROY,
      });
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'Rotated with the stage, not by a rotation Lambda: raising originSecretGeneration and deploying replaces ' +
          'the value while the firewall accepts both the new and the previous generation, so CloudFront and WAF ' +
          'never disagree mid-rotation.',
      });
      return secret;
    };
    this.current = make(props.generation);
    this.previous = make(props.generation - 1);
  }

  /** What CloudFront sends (a dynamic reference, resolved by CloudFormation). */
  get headerValue(): string {
    return this.current.secretValue.unsafeUnwrap();
  }

  /** What the firewall accepts: the current generation and the one before. */
  get acceptedValues(): string[] {
    return [this.current, this.previous].map((s) => s.secretValue.unsafeUnwrap());
  }
}

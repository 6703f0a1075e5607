// The CDK app: `npx cdk synth -c stage=prod` (cdk.json runs this file). One stack per stage, named
// SakhiOsc-<stage>, checked by cdk-nag's AWS Solutions rules on every synth: an unacknowledged finding fails
// the synth. Acknowledgements sit next to the resource they concern, each with its reason.
import { pathToFileURL } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SakhiOscStack } from './stack.ts';
import { loadStageConfig } from './stage-config.ts';

/** What tests may change about the app: the built-in CloudFormation template validation (on by default). */
export interface BuildOptions {
  builtinCloudFormationValidation?: boolean;
}

export function buildApp(
  stage?: string,
  context?: Record<string, unknown>,
  options: BuildOptions = {},
): { app: App; stack: SakhiOscStack } {
  const app = new App({ context, builtinCloudFormationValidation: options.builtinCloudFormationValidation });
  const chosen = stage ?? (app.node.tryGetContext('stage') as string | undefined) ?? 'dev';
  const config = loadStageConfig(chosen);
  const stack = new SakhiOscStack(app, `SakhiOsc-${config.stage}`, {
    config,
    env: { account: config.account, region: config.region },
    description: `Sakhi One-Stop Centre case system (${config.stage})`,
  });
  // Acknowledged rules are also written to each resource's Metadata, so the template itself is the audit trail.
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }),
  );
  return { app, stack };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildApp().app.synth();
}

// Synthesizes the prod stage with bundling skipped (what the infra tests do) and prints its template as JSON
// on stdout, for inventory.ts. A process of its own: aws-cdk-lib is heavy, and the bench need not carry it.
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/app.ts';

const { app, stack } = buildApp(
  'prod',
  { 'aws:cdk:bundling-stacks': [], '@aws-cdk/core:appMode': 'inmemory' },
  { builtinCloudFormationValidation: false },
);
app.synth();
process.stdout.write(JSON.stringify(Template.fromStack(stack).toJSON()));

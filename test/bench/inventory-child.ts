// Synthesizes the prod stage with bundling skipped, as the infra tests do (test/infra/synth.ts: the stack and
// its nested stacks read as one template), and prints that template as JSON on stdout for inventory.ts. A
// process of its own: aws-cdk-lib is heavy, and the bench need not carry it.
import { synthStage, WITHOUT_CFN_VALIDATION } from '../infra/synth.ts';

process.stdout.write(JSON.stringify(synthStage('prod', WITHOUT_CFN_VALIDATION).template.toJSON()));

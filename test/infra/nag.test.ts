// cdk-nag (AwsSolutions) and CDK's CloudFormation validation on every stage: each stage is synthesized here
// with both, as `cdk synth` does (a finding neither fixed nor acknowledged throws from the synth), and its
// acknowledgements are checked. Then the proof that the check can fail: the app built by buildApp rejects a
// resource that breaks an AwsSolutions rule, errors and warnings alike, and accepts it once acknowledged with
// a reason.
import { Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { STAGES } from '../../infra/stage-config.ts';
import { synthStage, TEST_CONTEXT, validationReport, WITHOUT_CFN_VALIDATION } from './synth.ts';

describe.each(STAGES)('stage %s', (stage) => {
  // With CDK's built-in CloudFormation validation too (the default of buildApp).
  const s = () => synthStage(stage);

  describe('cdk-nag (AwsSolutions)', () => {
    it('synthesizes with no unacknowledged error or warning', () => {
      // synthStage would already have thrown with the report; the written report must be clean too.
      const report = validationReport(s().assembly);
      const nag = report.pluginReports.filter((r) => r.pluginName.includes('AwsSolutions'));
      expect(nag.flatMap((r) => r.violations.map((v) => `${v.severity} ${v.ruleName}`))).toEqual([]);
    });

    it('acknowledges findings only on the resources concerned, each with a reason', () => {
      const acks = s()
        .app.node.findAll()
        .flatMap((c) =>
          c.node.metadata
            .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
            .flatMap((m) =>
              Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
                path: c.node.path,
                id,
                reason,
              })),
            ),
        );
      expect(acks.length).toBeGreaterThan(0);
      for (const a of acks) {
        expect(a.path, a.id).toContain('/'); // never the app or the whole stack
        expect(a.reason.length, `${a.path} ${a.id}`).toBeGreaterThanOrEqual(40);
      }
    });

    it('acknowledges nothing that is not actually found (no stale suppressions)', () => {
      // Prepare: the same rules with every acknowledgement ignored.
      const raw = new AwsSolutionsChecks();
      (raw as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
      const found = new Set(
        raw
          .validateScope(s().app)
          .violations.flatMap((v) => v.violatingResources.map((r) => `${r.constructPath} ${v.ruleName}`)),
      );
      const acknowledged = s()
        .app.node.findAll()
        .flatMap((c) =>
          c.node.metadata
            .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
            .flatMap((m) =>
              Object.keys(m.data as Record<string, string>).map((id) => ({
                path: c.node.path,
                id: id.replace(/^annotation::/i, ''),
              })),
            ),
        )
        // CDK acknowledges some of its own CloudFormation-Validate findings: only cdk-nag's are looked at.
        .filter((a) => a.id.startsWith('AwsSolutions-'));
      // Assess: each acknowledgement covers at least one finding on its construct or below.
      for (const a of acknowledged) {
        const covers = [...found].some(
          (f) => f.endsWith(` ${a.id}`) && (f.startsWith(`${a.path}/`) || f.startsWith(`${a.path} `)),
        );
        expect(covers, `${a.path} ${a.id}`).toBe(true);
      }
    });
  });
});

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

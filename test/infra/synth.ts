// Synthesizes a stage once per test file and shares it. Bundling is skipped (`aws:cdk:bundling-stacks: []`):
// these tests look at the template, not the esbuild output, which `cdk synth` checks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { type BuildOptions, buildApp } from '../../infra/app.ts';
import type { SakhiOscStack } from '../../infra/stack.ts';

export interface Synthesized {
  app: App;
  stack: SakhiOscStack;
  assembly: CloudAssembly;
  template: Template;
}

export const TEST_CONTEXT = {
  'aws:cdk:bundling-stacks': [],
  // Validation failures throw from app.synth() with the full report (what NODE_ENV=test also selects).
  '@aws-cdk/core:appMode': 'inmemory',
};

const cache = new Map<string, Synthesized>();

/**
 * CDK's built-in CloudFormation validation (cycles, invalid properties) costs seconds per process;
 * nag.test.ts runs it (with cdk-nag) on every stage, so the files that look at one concern skip it.
 */
export const WITHOUT_CFN_VALIDATION = { builtinCloudFormationValidation: false } as const;

export function synthStage(stage: string, options: BuildOptions = {}): Synthesized {
  const key = `${stage} ${JSON.stringify(options)}`;
  let s = cache.get(key);
  if (!s) {
    const { app, stack } = buildApp(stage, TEST_CONTEXT, options);
    // Throws with cdk-nag's report when a finding is neither fixed nor acknowledged.
    const assembly = app.synth();
    s = { app, stack, assembly, template: Template.fromStack(stack) };
    cache.set(key, s);
  }
  return s;
}

interface ValidationReport {
  pluginReports: Array<{
    pluginName: string;
    conclusion: string;
    violations: Array<{ ruleName: string; severity: string }>;
  }>;
}

/** The validation report CDK wrote next to the templates (every plugin's violations). */
export function validationReport(assembly: CloudAssembly): ValidationReport {
  return JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8')) as ValidationReport;
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

export const resourcesOf = (template: Template, type: string): Resources => template.findResources(type) as Resources;

/** The logical id of a construct's resource (its default child) or of a Cfn element. */
export const logicalIdOf = (c: { node: { defaultChild?: unknown } } | CfnElement): string => {
  const el = ('logicalId' in c ? c : c.node.defaultChild) as CfnElement;
  return Stack.of(el).getLogicalId(el);
};

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** Every statement of every policy attached to a role (by the role's logical id). */
export function statementsOfRole(template: Template, roleId: string): Statement[] {
  const policies = Object.values(resourcesOf(template, 'AWS::IAM::Policy')).filter((p) =>
    ((p.Properties?.Roles ?? []) as Array<{ Ref: string }>).some((r) => r.Ref === roleId),
  );
  return policies.flatMap(
    (p) => (p.Properties?.PolicyDocument as { Statement: Statement[] } | undefined)?.Statement ?? [],
  );
}

/** Every action a role may take, from all the policies attached to it. */
export const actionsOfRole = (template: Template, roleId: string): string[] =>
  statementsOfRole(template, roleId).flatMap((st) => [st.Action].flat());

/**
 * A template string value with its Fn::Join resolved: each token becomes a readable placeholder such as
 * "<Ref:Table>" or "<GetAtt:Fn.Arn>".
 */
export function joinedText(value: unknown): string {
  if (typeof value === 'string') return value;
  const o = value as Record<string, any>;
  if (o['Fn::Join']) return (o['Fn::Join'][1] as unknown[]).map(joinedText).join(o['Fn::Join'][0]);
  if (o.Ref) return `<Ref:${o.Ref}>`;
  if (o['Fn::GetAtt']) return `<GetAtt:${[o['Fn::GetAtt']].flat().join('.')}>`;
  return `<${JSON.stringify(o)}>`;
}

/** A JSON document held in the template as a string (a state machine definition, a dashboard, an SDK call). */
export const joinedJson = (value: unknown): any => JSON.parse(joinedText(value));

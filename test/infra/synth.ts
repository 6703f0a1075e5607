// Synthesizes a stage once per test file and shares it. Bundling is skipped (`aws:cdk:bundling-stacks: []`):
// these tests look at the template, not the esbuild output, which `cdk synth` checks.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type App, type CfnElement, NestedStack, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { type BuildOptions, buildApp } from '../../infra/app.ts';
import type { SakhiOscStack } from '../../infra/stack.ts';

export interface Synthesized {
  app: App;
  stack: SakhiOscStack;
  assembly: CloudAssembly;
  template: Template;
  /**
   * The alarms and dashboard (the Monitoring nested stack), its parameters replaced by what the stack passes
   * them: a reference reads as in one template (`{ Ref: <the function's logical id> }`).
   */
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
    const template = Template.fromJSON(mergedTemplate(assembly, stack));
    s = { app, stack, assembly, template };
    cache.set(key, s);
  }
  return s;
}

type Json = unknown;
interface CfnTemplate {
  Resources: Record<string, { Type: string; Properties?: Record<string, Json>; Metadata?: Record<string, Json> }>;
  Parameters?: Record<string, Json>;
  Outputs?: Record<string, { Value: Json }>;
}

/**
 * The stack and its nested stacks as ONE template, as if they were a single stack: every reference across a
 * nested stack's boundary (a parameter inside, `Fn::GetAtt [nested, Outputs.X]` outside) is replaced by what
 * it stands for. The tests then follow references (a method to its function, a role to its policy) the same
 * way wherever CDK put the resources. Logical ids must not collide across the templates.
 */
export function mergedTemplate(assembly: CloudAssembly, stack: Stack): CfnTemplate {
  const read = (file: string) => JSON.parse(readFileSync(join(assembly.directory, file), 'utf8')) as CfnTemplate;
  const parent = read(assembly.getStackByName(stack.stackName).templateFile);
  const nested = new Map<string, CfnTemplate>();
  for (const [id, file] of nestedTemplates(stack)) nested.set(id, read(file));
  const outputOf = (stackId: string, name: string): Json => {
    const t = nested.get(stackId);
    if (!t?.Outputs?.[name]) throw new Error(`No output ${name} in nested stack ${stackId}`);
    return inside(stackId, t.Outputs[name].Value);
  };
  // A value in the parent: GetAtt of a nested stack's output becomes that output's value.
  const outside = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(outside);
    if (v && typeof v === 'object') {
      const att = (v as Record<string, Json>)['Fn::GetAtt'];
      if (Array.isArray(att) && nested.has(String(att[0])) && String(att[1]).startsWith('Outputs.')) {
        return outputOf(String(att[0]), String(att[1]).slice('Outputs.'.length));
      }
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, outside(x)]));
    }
    return v;
  };
  // A value in a nested stack: Ref of one of its parameters becomes what the parent passes.
  const inside = (stackId: string, v: Json): Json => {
    if (Array.isArray(v)) return v.map((x) => inside(stackId, x));
    if (v && typeof v === 'object') {
      const ref = (v as Record<string, Json>).Ref;
      const params = parent.Resources[stackId].Properties?.Parameters as Record<string, Json> | undefined;
      if (typeof ref === 'string' && params && ref in params) return outside(params[ref]);
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, inside(stackId, x)]));
    }
    return v;
  };
  const resources: CfnTemplate['Resources'] = {};
  const add = (id: string, r: CfnTemplate['Resources'][string]) => {
    if (resources[id]) throw new Error(`Logical id ${id} is in two templates`);
    resources[id] = r;
  };
  for (const [id, r] of Object.entries(parent.Resources)) add(id, outside(r) as CfnTemplate['Resources'][string]);
  for (const [stackId, t] of nested) {
    for (const [id, r] of Object.entries(t.Resources)) add(id, inside(stackId, r) as CfnTemplate['Resources'][string]);
  }
  return { ...parent, Resources: resources, Outputs: outside(parent.Outputs ?? {}) as CfnTemplate['Outputs'] };
}

/** The nested stacks of a stack: their resource's logical id in the parent, and their template file. */
function nestedTemplates(stack: Stack): Array<[string, string]> {
  return stack.node
    .findAll()
    .filter((c): c is NestedStack => c instanceof NestedStack && c.nestedStackParent === stack)
    .map((n) => [stack.getLogicalId(n.nestedStackResource as CfnElement), n.templateFile]);
}

/** Each template's own resource count (CloudFormation allows 500 per template). */
export function resourceCounts(assembly: CloudAssembly, stack: Stack): Record<string, number> {
  const read = (file: string) => JSON.parse(readFileSync(join(assembly.directory, file), 'utf8')) as CfnTemplate;
  const parent = read(assembly.getStackByName(stack.stackName).templateFile);
  const counts: Record<string, number> = { [stack.stackName]: Object.keys(parent.Resources).length };
  for (const [id, file] of nestedTemplates(stack)) counts[id] = Object.keys(read(file).Resources).length;
  return counts;
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

/** "METHOD /path" → the method's template properties; the path is rebuilt from the template's resources. */
export function methodsByRoute(template: Template): Map<string, Record<string, unknown>> {
  const resources = resourcesOf(template, 'AWS::ApiGateway::Resource');
  const pathOf = (ref: unknown): string => {
    const id = (ref as { Ref?: string }).Ref;
    if (!id) return ''; // { Fn::GetAtt: [RestApi, RootResourceId] }
    const r = resources[id].Properties as { PathPart: string; ParentId: unknown };
    return `${pathOf(r.ParentId)}/${r.PathPart}`;
  };
  const found = new Map<string, Record<string, unknown>>();
  for (const m of Object.values(resourcesOf(template, 'AWS::ApiGateway::Method'))) {
    const props = m.Properties as Record<string, unknown>;
    found.set(`${props.HttpMethod} ${pathOf(props.ResourceId) || '/'}`, props);
  }
  return found;
}

/** Routes every stage must serve without a sign-in, and those only a machine client's scope may call. */
export const PUBLIC_ROUTES = ['GET /openapi.json'];
export const SCOPED_ROUTES = ['POST /referrals'];

/**
 * What account-sync may do to staff sign-ins, written out (create, place in a group, disable, enable, sign
 * out, update attributes): never delete a user or set a password.
 */
export const STAFF_ACCOUNT_ACTIONS = [
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminUserGlobalSignOut',
];

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

/**
 * Every metric name the handlers' code emits (`metrics.addMetric('Name', ...)` under functions/), read from the
 * source: what a dashboard line or an alarm on the SakhiOsc namespace must name, or it watches nothing.
 */
export function emittedMetrics(): Set<string> {
  const root = new URL('../../functions/', import.meta.url);
  const names = new Set<string>();
  for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts')) continue;
    const source = readFileSync(new URL(file, root), 'utf8');
    // The name argument, up to the unit: a literal, or a choice between literals.
    for (const call of source.matchAll(/addMetric\(([^;]*?)MetricUnit/g))
      for (const name of call[1].matchAll(/'(\w+)'/g)) names.add(name[1]);
  }
  return names;
}

/** A JSON document held in the template as a string (a state machine definition, a dashboard, an SDK call). */
export const joinedJson = (value: unknown): any => JSON.parse(joinedText(value));

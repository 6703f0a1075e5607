// Synthesizes a stage once per test file and shares it. Bundling is skipped (`aws:cdk:bundling-stacks: []`):
// these tests look at the template, not the esbuild output, which `cdk synth` checks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { buildApp } from '../../infra/app.ts';
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

export function synthStage(stage: string): Synthesized {
  let s = cache.get(stage);
  if (!s) {
    const { app, stack } = buildApp(stage, TEST_CONTEXT);
    // Throws with cdk-nag's report when a finding is neither fixed nor acknowledged.
    const assembly = app.synth();
    s = { app, stack, assembly, template: Template.fromStack(stack) };
    cache.set(stage, s);
  }
  return s;
}

interface ValidationReport {
  pluginReports: Array<{ pluginName: string; conclusion: string; violations: Array<{ ruleName: string; severity: string }> }>;
}

/** The validation report CDK wrote next to the templates (every plugin's violations). */
export function validationReport(assembly: CloudAssembly): ValidationReport {
  return JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8')) as ValidationReport;
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

export const resourcesOf = (template: Template, type: string): Resources => template.findResources(type) as Resources;

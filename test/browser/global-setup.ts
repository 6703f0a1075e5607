// Builds the staff form and starts one local runtime (DynamoDB Local in memory, the real handlers, the real
// server that serves web/dist) for the browser tests; stops it, Java included, when they end.
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { type LocalRuntime, startLocal } from '../../infra/local/runtime.ts';
import { buildWeb } from '../../web/build.ts';
import { CHROMIUM } from './harness.ts';

let runtime: LocalRuntime | undefined;

export async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's with \`apt-get install -y chromium\` ` +
        '(or set CHROMIUM_PATH). Never `playwright install`.',
    );
  }
  await buildWeb();
  // An escalation waits at its level until a test advances it: a test sees it open, and acknowledges it at
  // the level it expects, however slowly the machine runs.
  runtime = await startLocal({ waitSeconds: Number.POSITIVE_INFINITY });
  project.provide('baseUrl', runtime.url);
}

export async function teardown() {
  await runtime?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

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
  // Each escalation level waits 20 s here (a minute in all before "unacknowledged"): long enough for a test to
  // see an escalation open on the oversight page, short of anything a test would wait for.
  runtime = await startLocal({ waitSeconds: 20 });
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

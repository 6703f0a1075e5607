// Starts one local runtime (DynamoDB Local in memory, the real handlers, the real server) for the
// integration tests, and stops it, Java included, when they end.
import type { TestProject } from 'vitest/node';
import { type LocalRuntime, startLocal } from '../../infra/local/runtime.ts';

let runtime: LocalRuntime | undefined;

export async function setup(project: TestProject) {
  // An escalation waits at its level until a test advances it (POST /_local/executions/advance): no test
  // depends on how long a level lasts.
  runtime = await startLocal({ waitSeconds: Number.POSITIVE_INFINITY });
  project.provide('baseUrl', runtime.url);
  project.provide('dynamoEndpoint', runtime.dynamoEndpoint);
  project.provide('tableName', runtime.tableName);
  project.provide('s3Endpoint', runtime.s3Endpoint);
}

export async function teardown() {
  await runtime?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dynamoEndpoint: string;
    tableName: string;
    s3Endpoint: string;
  }
}

// Starts one local runtime (DynamoDB Local in memory, the real handlers, the real server) for the
// integration tests, and stops it, Java included, when they end.
import type { TestProject } from 'vitest/node';
import { type LocalRuntime, startLocal } from '../../infra/local/runtime.ts';

let runtime: LocalRuntime | undefined;

export async function setup(project: TestProject) {
  runtime = await startLocal({ waitSeconds: 2 });
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

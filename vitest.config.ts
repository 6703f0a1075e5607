import { defineConfig } from 'vitest/config';

// Four projects: unit (pure domain + aws-sdk-client-mock), infra (CDK assertions + cdk-nag), integration
// (over HTTP against the local runtime on DynamoDB Local), browser (playwright-core on Debian's Chromium).
// Integration and browser each start a local runtime in their global setup, and a process holds one runtime
// at a time (its handlers' ports are per process): `npm test` runs those two projects in their own runs.
export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        // The files share one module graph: each synthesizes the stages once per process, not once per file.
        test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 120_000, isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 60_000,
          // One runtime and one clock of schedules for all files: run them one after another.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/global-setup.ts'],
          testTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

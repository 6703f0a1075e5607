// How every Lambda is bundled: the CDK functions and the benchmark both read these settings, so what is
// measured is what is deployed.
export const LAMBDA_BUNDLING = {
  format: 'esm',
  platform: 'node',
  target: 'node24',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  /** ESM first: lets esbuild drop what is not imported. */
  mainFields: ['module', 'main'],
  /** Some CommonJS dependencies call require(); in an ESM bundle it must exist. */
  banner: "import{createRequire}from'module';const require=createRequire(import.meta.url);",
  /** Everything is bundled, the AWS SDK included: pinned versions, not whatever the runtime ships. */
  external: [] as string[],
} as const;

export const functionEntry = (id: string) => `functions/${id}/handler.ts`;

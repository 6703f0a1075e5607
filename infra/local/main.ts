// `npm start`: the whole system on this machine. Prints one line containing "ready" and the URL once it
// accepts requests; Ctrl-C stops everything, DynamoDB Local's Java process included.

import { join } from 'node:path';
import { buildWeb } from '../../web/build.ts';
import { ROOT, startLocal } from './runtime.ts';

const started = performance.now();
const dataDir = process.env.OSC_DATA_DIR ?? join(ROOT, '.osc-local');
const port = Number(process.env.PORT ?? 3000);
const waitSeconds = process.env.OSC_LOCAL_WAIT_SECONDS ? Number(process.env.OSC_LOCAL_WAIT_SECONDS) : undefined;

try {
  // A fresh staff form on every start (esbuild, ~0.2 s), so / never serves a stale build.
  const [, runtime] = await Promise.all([buildWeb(), startLocal({ port, dataDir, waitSeconds })]);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => void stop('SIGHUP'));
  console.log(
    `Sakhi OSC local runtime ready at ${runtime.url} ` +
      `(${Math.round(performance.now() - started)} ms; data in ${dataDir})`,
  );
  console.log(`  users: ${runtime.url}/_local/users   form: ${runtime.url}/   API: ${runtime.url}/openapi.json`);
} catch (err) {
  console.error(`Could not start the local runtime: ${(err as Error).message}`);
  process.exit(1);
}

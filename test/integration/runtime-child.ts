// A local runtime in a process of its own, on a data folder, for the test that kills it in the middle of a
// burst (node and DynamoDB Local, SIGKILL) and starts it again on the same folder. Prints one JSON line
// once ready: its URL and the two process ids to kill. SIGTERM stops it cleanly.
import { startLocal } from '../../infra/local/runtime.ts';

const [dataDir, port] = process.argv.slice(2);
const runtime = await startLocal({
  dataDir,
  port: port ? Number(port) : undefined,
  waitSeconds: Number.POSITIVE_INFINITY,
});
process.stdout.write(`${JSON.stringify({ url: runtime.url, pid: process.pid, dynamoPid: runtime.dynamoPid })}\n`);
process.once('SIGTERM', () => {
  void runtime.stop().then(() => process.exit(0));
});

// Everything the benchmark starts (DynamoDB Local, the local runtime, `npm start` process groups, temp dirs)
// registers its stop here; the stops run once, on the normal end, on an error and on Ctrl-C / SIGTERM.
type Stop = () => Promise<void> | void;

const stops = new Map<number, { what: string; stop: Stop }>();
let next = 0;
let running: Promise<void> | undefined;

/** True once everything is being stopped: start nothing new. */
export const isStopping = () => running !== undefined;

/**
 * Registers a stop; returns a function that runs it now and unregisters it. Registered while everything is
 * already stopping (something started in the meantime), the stop runs at once.
 */
export function onCleanup(what: string, stop: Stop): () => Promise<void> {
  if (running) {
    const done = Promise.resolve()
      .then(stop)
      .catch(() => undefined);
    return () => done;
  }
  const id = next++;
  stops.set(id, { what, stop });
  return async () => {
    const entry = stops.get(id);
    if (!entry) return;
    stops.delete(id);
    await entry.stop();
  };
}

/** Runs every registered stop, newest first, each bounded in time; never throws. */
export function cleanupAll(): Promise<void> {
  running ??= (async () => {
    // Newest first; the map is re-read each time, so nothing registered before this started is missed.
    for (let id = [...stops.keys()].pop(); id !== undefined; id = [...stops.keys()].pop()) {
      const entry = stops.get(id)!;
      stops.delete(id);
      try {
        await Promise.race([entry.stop(), new Promise((r) => setTimeout(r, 10_000).unref())]);
      } catch (err) {
        process.stderr.write(`[bench] cleanup of ${entry.what} failed: ${(err as Error).message}\n`);
      }
    }
  })();
  return running;
}

let installed = false;
/** On a signal: stop everything, then exit with the conventional code. */
export function installSignalCleanup(): void {
  if (installed) return;
  installed = true;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      process.stderr.write(`[bench] ${sig}: stopping everything the benchmark started…\n`);
      void cleanupAll().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
    });
  }
}

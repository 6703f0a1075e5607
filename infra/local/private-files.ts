// The local data folder holds survivors' records (DynamoDB Local's files), the token secret and the lock:
// only the user running the runtime may read it. Folders 0700, files 0600, on every start, so a folder made
// by an older version (or copied with a loose umask) is tightened too.
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the folder (and its parents) if needed and makes it, and everything already in it, private. */
export function privateDir(path: string): string {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  tighten(path);
  return path;
}

function tighten(path: string): void {
  const st = statSync(path);
  if (st.isDirectory()) {
    chmodSync(path, PRIVATE_DIR_MODE);
    for (const entry of readdirSync(path)) tighten(join(path, entry));
  } else if (st.isFile()) {
    chmodSync(path, PRIVATE_FILE_MODE);
  }
}

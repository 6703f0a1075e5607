// The local S3 stand-in's storage: a folder per bucket under the runtime's data folder, owner-only (folders
// 0700, files 0600, as the documents are survivors' papers). Versioned, as the documents bucket is in AWS:
// every PUT is a new version, a DELETE without a version id leaves a delete marker, with one it removes that
// version for good.
//   <root>/<bucket>/<sha256(key)>.json              the key and its versions, oldest first
//   <root>/<bucket>/<sha256(key)>.<versionId>.bin   the bytes of one version
// A key never becomes a path (it is hashed), so no key can reach outside its bucket's folder. Writes go to a
// temporary file that is renamed into place, and changes to one key are serialised.
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ObjectVersion {
  versionId: string;
  size: number;
  /** Quoted MD5 of the bytes, as S3 gives it for a single-part upload. */
  etag: string;
  contentType: string;
  lastModified: string;
  deleteMarker?: boolean;
}

interface Entry {
  key: string;
  versions: ObjectVersion[];
}

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

const newVersionId = () => randomBytes(24).toString('base64url');

export class LocalObjects {
  private readonly locks = new Map<string, Promise<unknown>>();

  private constructor(private readonly root: string) {}

  /** Opens (or makes) the buckets' folders, owner-only even when they existed before. */
  static async open(root: string, buckets: string[]): Promise<LocalObjects> {
    await mkdir(root, { recursive: true, mode: DIR_MODE });
    await chmod(root, DIR_MODE);
    for (const b of buckets) {
      await mkdir(join(root, b), { recursive: true, mode: DIR_MODE });
      await chmod(join(root, b), DIR_MODE);
    }
    return new LocalObjects(root);
  }

  private base(bucket: string, key: string): string {
    return join(this.root, bucket, createHash('sha256').update(key, 'utf8').digest('hex'));
  }

  /** Where an upload is written before it becomes a version. */
  tempFile(bucket: string): string {
    return join(this.root, bucket, `.upload-${randomBytes(12).toString('hex')}.tmp`);
  }

  /** Runs changes to one key one at a time (two PUTs of a key must not lose a version). */
  private serial<T>(bucket: string, key: string, work: () => Promise<T>): Promise<T> {
    const id = `${bucket}/${key}`;
    const run = (this.locks.get(id) ?? Promise.resolve()).then(work, work);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.locks.set(id, settled);
    void settled.then(() => {
      if (this.locks.get(id) === settled) this.locks.delete(id);
    });
    return run;
  }

  private async entry(bucket: string, key: string): Promise<Entry | undefined> {
    try {
      return JSON.parse(await readFile(`${this.base(bucket, key)}.json`, 'utf8')) as Entry;
    } catch {
      return undefined;
    }
  }

  private async save(bucket: string, key: string, e: Entry): Promise<void> {
    const file = `${this.base(bucket, key)}.json`;
    if (e.versions.length === 0) {
      await rm(file, { force: true });
      return;
    }
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, JSON.stringify(e), { mode: FILE_MODE });
    await rename(tmp, file);
  }

  /** Makes a written temporary file the key's newest version. */
  put(bucket: string, key: string, tmp: string, v: Omit<ObjectVersion, 'versionId'>): Promise<ObjectVersion> {
    return this.serial(bucket, key, async () => {
      const version: ObjectVersion = { ...v, versionId: newVersionId() };
      await chmod(tmp, FILE_MODE);
      await rename(tmp, `${this.base(bucket, key)}.${version.versionId}.bin`);
      const e = (await this.entry(bucket, key)) ?? { key, versions: [] };
      e.versions.push(version);
      await this.save(bucket, key, e);
      return version;
    });
  }

  /** One version (or the current one) with its file; undefined when absent or a delete marker. */
  async get(bucket: string, key: string, versionId?: string) {
    const e = await this.entry(bucket, key);
    const v = versionId ? e?.versions.find((x) => x.versionId === versionId) : e?.versions.at(-1);
    if (!v || v.deleteMarker) return undefined;
    return { version: v, file: `${this.base(bucket, key)}.${v.versionId}.bin` };
  }

  /** With a version id: removes that version for good. Without: adds a delete marker. */
  remove(bucket: string, key: string, versionId?: string): Promise<{ versionId?: string; deleteMarker: boolean }> {
    return this.serial(bucket, key, async () => {
      const e = (await this.entry(bucket, key)) ?? { key, versions: [] };
      if (!versionId) {
        const marker = {
          versionId: newVersionId(),
          size: 0,
          etag: '',
          contentType: '',
          lastModified: new Date().toUTCString(),
          deleteMarker: true,
        };
        e.versions.push(marker);
        await this.save(bucket, key, e);
        return { versionId: marker.versionId, deleteMarker: true };
      }
      const v = e.versions.find((x) => x.versionId === versionId);
      if (!v) return { versionId, deleteMarker: false };
      e.versions = e.versions.filter((x) => x !== v);
      await rm(`${this.base(bucket, key)}.${versionId}.bin`, { force: true });
      await this.save(bucket, key, e);
      return { versionId, deleteMarker: Boolean(v.deleteMarker) };
    });
  }

  /** Every version and delete marker of the keys under a prefix, newest first within a key. */
  async list(bucket: string, prefix: string): Promise<Array<{ key: string; version: ObjectVersion; latest: boolean }>> {
    const out: Array<{ key: string; version: ObjectVersion; latest: boolean }> = [];
    const files = (await readdir(join(this.root, bucket))).filter((f) => /^[0-9a-f]{64}\.json$/.test(f)).sort();
    for (const f of files) {
      let e: Entry;
      try {
        e = JSON.parse(await readFile(join(this.root, bucket, f), 'utf8')) as Entry;
      } catch {
        continue; // removed meanwhile
      }
      if (!e.key.startsWith(prefix)) continue;
      const versions = [...e.versions].reverse();
      versions.forEach((version, i) => {
        out.push({ key: e.key, version, latest: i === 0 });
      });
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}

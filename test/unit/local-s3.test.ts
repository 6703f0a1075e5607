// The local S3 stand-in with the real S3 adapter and the real presigned URLs: what the checker, the download
// and the retention job do against S3, here on 127.0.0.1 with a temporary folder. Versions, ranges, events,
// CORS for the form's origin only, and owner-only files.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalS3, type S3EventRecord, startLocalS3 } from '../../infra/local/s3.ts';
import { S3DocumentStorage } from '../../shared/aws/s3.ts';
import { signingOf } from '../../shared/aws/signed-http.ts';

const BUCKET = 'docs-test';
const ORIGIN = 'http://127.0.0.1:3999';
let root: string;
let s3: LocalS3;
let storage: S3DocumentStorage;
const records: S3EventRecord[] = [];
const pdf = (n: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(n, 0x41)]);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'local-s3-test-'));
  s3 = await startLocalS3({
    root: join(root, 's3'),
    region: 'ap-south-1',
    credentials: new Map([['local', 'local']]),
    buckets: [BUCKET],
    corsOrigins: [ORIGIN],
  });
  s3.onRecord((r) => records.push(r));
  // Signed as the handlers sign: with an AWS client's region, credentials and hash.
  const local = { region: 'ap-south-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  storage = new S3DocumentStorage({ bucket: BUCKET, endpoint: s3.url }, signingOf(new DynamoDBClient(local).config));
});
afterAll(async () => {
  await s3?.close();
  rmSync(root, { recursive: true, force: true });
});

const upload = async (key: string, body: Buffer<ArrayBuffer>, type = 'application/pdf') => {
  const url = await storage.presignUpload(key, type, body.length, new Date(), 60);
  return fetch(url, { method: 'PUT', headers: { 'content-type': type }, body });
};
const eventFor = async (key: string, n: number) => {
  const deadline = Date.now() + 5000;
  while (records.filter((r) => r.s3.object.key === key).length < n && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  return records.filter((r) => r.s3.object.key === key);
};

describe('the local S3 stand-in with the S3 adapter', () => {
  it('stores an upload as a version, tells of it as S3 would, and gives back its size and first bytes', async () => {
    // Act
    const put = await upload('cases/c1/d 1', pdf(100));
    // Assess
    expect(put.status).toBe(200);
    const versionId = put.headers.get('x-amz-version-id') as string;
    const [event] = await eventFor('cases/c1/d+1', 1);
    expect(event).toMatchObject({
      eventName: 'ObjectCreated:Put',
      s3: { bucket: { name: BUCKET }, object: { key: 'cases/c1/d+1', size: 109, versionId } },
    });
    expect(await storage.head('cases/c1/d 1')).toEqual({ size: 109, contentType: 'application/pdf', versionId });
    expect(Buffer.from(await storage.firstBytes('cases/c1/d 1', versionId, 8)).toString()).toBe('%PDF-1.7');
    expect(await storage.head('cases/c1/nothing')).toBeUndefined();
  });

  it('keeps the first version when the same URL is used again, and removes one version for good', async () => {
    // Prepare
    const url = await storage.presignUpload('cases/c2/d', 'application/pdf', 50, new Date(), 60);
    const first = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/pdf' }, body: pdf(41) });
    const second = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/pdf' }, body: pdf(41) });
    const [v1, v2] = [first, second].map((r) => r.headers.get('x-amz-version-id') as string);
    expect(v1).not.toBe(v2);
    // Act
    await storage.deleteVersion('cases/c2/d', v2);
    // Assess
    expect((await storage.head('cases/c2/d'))?.versionId).toBe(v1);
    expect(await storage.head('cases/c2/d', v2)).toBeUndefined();
  });

  it('serves exactly one version as an attachment through a presigned GET, for the form origin only', async () => {
    // Prepare
    const body = pdf(300);
    const put = await upload('cases/c3/d', body);
    const versionId = put.headers.get('x-amz-version-id') as string;
    await upload('cases/c3/d', pdf(5)); // a later version must not be what is downloaded
    const url = await storage.presignDownload(
      'cases/c3/d',
      { versionId, filename: 'pat1-fir-copy-1.pdf', contentType: 'application/pdf' },
      new Date(),
      60,
    );
    // Act
    const res = await fetch(url, { headers: { origin: ORIGIN } });
    // Assess
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(body)).toBe(true);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="pat1-fir-copy-1.pdf"');
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const other = await fetch(url, { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a preflight for a PUT with Content-Type from the form, and refuses any other origin', async () => {
    const ask = (origin: string, headers = 'content-type') =>
      fetch(`${s3.url}/${BUCKET}/cases/c4/d`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': headers },
      });
    expect((await ask(ORIGIN)).status).toBe(200);
    expect((await ask('https://evil.example')).status).toBe(403);
    expect((await ask(ORIGIN, 'content-type, x-custom')).status).toBe(403);
  });

  it('removes every version under a prefix for the retention job, and leaves other cases alone', async () => {
    // Prepare
    await upload('cases/c5/a', pdf(10));
    await upload('cases/c5/a', pdf(11));
    await upload('cases/c5/b', pdf(12));
    await upload('cases/c6/a', pdf(13));
    // Act
    const removed = await storage.deleteEverything('cases/c5/');
    // Assess
    expect(removed).toBe(3);
    expect(await storage.head('cases/c5/a')).toBeUndefined();
    expect(await storage.head('cases/c5/b')).toBeUndefined();
    expect(await storage.head('cases/c6/a')).toMatchObject({ size: 22 });
    expect(await storage.deleteEverything('cases/c5/')).toBe(0);
  });

  it('keeps its files owner-only: folders 0700, files 0600', async () => {
    await upload('cases/c7/d', pdf(1));
    const dir = join(root, 's3', BUCKET);
    expect(statSync(join(root, 's3')).mode & 0o777).toBe(0o700);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(statSync(join(dir, f)).mode & 0o777, f).toBe(0o600);
  });
});

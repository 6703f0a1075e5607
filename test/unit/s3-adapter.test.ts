// The S3 adapter without the S3 client (shared/aws/s3.ts), held against the SDK's S3 client: its presigned
// URLs address and scope exactly what the SDK's do (AWS addressing, no endpoint), they pass the SigV4 check
// the stand-in makes, a page of versions reads as S3 writes it, and the calls are tried again on 5xx only.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterEach, describe, expect, it } from 'vitest';
import { verifySigV4 } from '../../infra/local/sigv4.ts';
import { parseVersionPage, S3DocumentStorage } from '../../shared/aws/s3.ts';
import { AwsRequestError, signingOf } from '../../shared/aws/signed-http.ts';

const region = 'ap-south-1';
const credentials = { accessKeyId: 'AKLOCAL', secretAccessKey: 'local-secret' };
const signingDate = new Date('2026-11-20T06:30:00Z');
const signing = () => signingOf(new DynamoDBClient({ region, credentials }).config);
const sdk = new S3Client({
  region,
  credentials,
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});

/** Everything a presigned URL says except its signature and the SDK's own `x-id` marker. */
function scope(url: string) {
  const u = new URL(url);
  const params = [...u.searchParams].filter(([k]) => k !== 'X-Amz-Signature' && k !== 'x-id').sort();
  return { host: u.host, path: u.pathname, params };
}

function check(url: string, method: string, headers: Record<string, string>, now: Date) {
  const u = new URL(url);
  return verifySigV4(
    { method, rawUrl: url.slice(u.origin.length), headers: { host: u.host, ...headers } },
    { credentials: new Map([[credentials.accessKeyId, credentials.secretAccessKey]]), region, now },
  );
}

describe('presigned URLs', () => {
  const storage = new S3DocumentStorage({ bucket: 'sakhi-docs' }, signing());

  it("scopes an upload as the SDK's PutObject URL does: host, key, type, length, expiry", async () => {
    // Act
    const ours = await storage.presignUpload('cases/c1/d 1', 'application/pdf', 5, signingDate, 300);
    const theirs = await getSignedUrl(
      sdk,
      new PutObjectCommand({
        Bucket: 'sakhi-docs',
        Key: 'cases/c1/d 1',
        ContentType: 'application/pdf',
        ContentLength: 5,
      }),
      { expiresIn: 300, signingDate, signableHeaders: new Set(['content-type']) },
    );
    // Assess
    expect(scope(ours)).toEqual(scope(theirs));
    expect(new URL(ours).host).toBe('sakhi-docs.s3.ap-south-1.amazonaws.com');
    expect(new URL(ours).searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    const put = { 'content-type': 'application/pdf', 'content-length': '5' };
    expect(check(ours, 'PUT', put, new Date(signingDate.getTime() + 1000))).toMatchObject({ ok: true });
    expect(check(ours, 'PUT', { ...put, 'content-type': 'text/html' }, signingDate)).toMatchObject({ ok: false });
    expect(check(ours, 'PUT', put, new Date(signingDate.getTime() + 300_001))).toMatchObject({ ok: false });
  });

  it("scopes a download as the SDK's GetObject URL does: version, attachment name, type, no caching", async () => {
    // Act
    const object = { versionId: 'v1', filename: 'pat1-fir-copy.pdf', contentType: 'application/pdf' };
    const ours = await storage.presignDownload('cases/c1/d1', object, signingDate, 60);
    const theirs = await getSignedUrl(
      sdk,
      new GetObjectCommand({
        Bucket: 'sakhi-docs',
        Key: 'cases/c1/d1',
        VersionId: 'v1',
        ResponseContentDisposition: 'attachment; filename="pat1-fir-copy.pdf"',
        ResponseContentType: 'application/pdf',
        ResponseCacheControl: 'no-store',
      }),
      { expiresIn: 60, signingDate },
    );
    // Assess
    expect(scope(ours)).toEqual(scope(theirs));
    expect(check(ours, 'GET', {}, new Date(signingDate.getTime() + 1000))).toMatchObject({ ok: true });
    expect(check(ours.replace('versionId=v1', 'versionId=v2'), 'GET', {}, signingDate)).toMatchObject({ ok: false });
  });
});

describe('a page of ListObjectVersions', () => {
  it('gives versions and delete markers with their ids, decoded, and the markers of the next page', () => {
    // Act
    const page = parseVersionPage(
      '<?xml version="1.0" encoding="UTF-8"?><ListVersionsResult><IsTruncated>true</IsTruncated>' +
        '<NextKeyMarker>cases/c1/d&amp;2</NextKeyMarker><NextVersionIdMarker>v&#43;9</NextVersionIdMarker>' +
        '<Version><Key>cases/c1/d1</Key><VersionId>v1</VersionId><IsLatest>true</IsLatest></Version>' +
        '<DeleteMarker><Key>cases/c1/d&#60;1</Key><VersionId>m1</VersionId></DeleteMarker>' +
        '<Version><Key>cases/c1/d3</Key><VersionId>null</VersionId></Version></ListVersionsResult>',
    );
    // Assess
    expect(page).toEqual({
      entries: [
        { key: 'cases/c1/d1', versionId: 'v1' },
        { key: 'cases/c1/d<1', versionId: 'm1' },
        { key: 'cases/c1/d3', versionId: 'null' },
      ],
      next: { keyMarker: 'cases/c1/d&2', versionIdMarker: 'v+9' },
    });
  });

  it('has no next page when the list is complete', () => {
    expect(parseVersionPage('<ListVersionsResult><IsTruncated>false</IsTruncated></ListVersionsResult>')).toEqual({
      entries: [],
    });
  });
});

describe('calls', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

  type Reply = (req: IncomingMessage) => [number, string];
  /** A server that answers each request with the next status (or as `body` says), keeping what it was asked. */
  async function answering(statuses: number[], body: string | Reply = '') {
    const seen: Array<{ method?: string; url?: string; authorization?: string }> = [];
    const listening = createServer((req, res) => {
      seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization });
      const [status, text] =
        typeof body === 'function' ? body(req) : [statuses[Math.min(seen.length - 1, statuses.length - 1)], body];
      res
        .writeHead(status, { 'content-type': 'application/xml' })
        .end(status >= 300 || typeof body === 'function' ? text : undefined);
    });
    server = listening;
    await new Promise<void>((ok) => listening.listen(0, '127.0.0.1', ok));
    const endpoint = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
    const close = (done: () => void) => listening.close(() => done());
    return { seen, close, storage: new S3DocumentStorage({ bucket: 'b', endpoint }, signing()) };
  }

  it('tries a call again after a 5xx, signed afresh, and succeeds', async () => {
    // Prepare
    const { seen, storage } = await answering([503, 500, 204]);
    // Act
    await storage.deleteVersion('cases/c1/d1', 'v1');
    // Assess
    expect(seen).toHaveLength(3);
    expect(seen.every((s) => s.method === 'DELETE' && s.url === '/b/cases/c1/d1?versionId=v1')).toBe(true);
    expect(seen[0].authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKLOCAL\/\d{8}\/ap-south-1\/s3\/aws4_request/);
  });

  it('gives up after three 5xx answers with the status and code S3 gave', async () => {
    const { seen, storage } = await answering([503], '<Error><Code>SlowDown</Code></Error>');
    await expect(storage.deleteVersion('cases/c1/d1', undefined)).rejects.toMatchObject({
      status: 503,
      code: 'SlowDown',
    });
    expect(seen).toHaveLength(3);
  });

  it('does not try a 4xx again, and names the error after the code S3 gave', async () => {
    const denied = await answering([403], '<Error><Code>AccessDenied</Code></Error>');
    const err = await denied.storage.firstBytes('cases/c1/d1', undefined, 8).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsRequestError);
    expect(err).toMatchObject({ status: 403, code: 'AccessDenied', name: 'AccessDenied' });
    expect(denied.seen).toHaveLength(1);
  });

  it('reads HEAD 404, a delete marker (405) and a 403 that a GET says is AccessDenied as no such object', async () => {
    for (const status of [404, 405]) {
      const gone = await answering([status]);
      expect(await gone.storage.head('cases/c1/d1', 'v1')).toBeUndefined();
      expect(gone.seen).toHaveLength(1);
      await new Promise<void>((done) => gone.close(done));
    }
    const denied = await answering([403], '<Error><Code>AccessDenied</Code></Error>');
    expect(await denied.storage.head('cases/c1/d1')).toBeUndefined();
    expect(denied.seen.map((s) => s.method)).toEqual(['HEAD', 'GET']);
  });

  it('reads any other 403 on HEAD (a signature, an expired token) as a fault, never as a missing upload', async () => {
    const expired = await answering([403], '<Error><Code>ExpiredToken</Code></Error>');
    await expect(expired.storage.head('cases/c1/d1')).rejects.toMatchObject({ status: 403, code: 'ExpiredToken' });
  });

  it('removes every version and delete marker under a prefix, page after page', async () => {
    // Prepare: two pages of versions, then the deletes.
    const page1 =
      '<ListVersionsResult><IsTruncated>true</IsTruncated><NextKeyMarker>cases/c1/d2</NextKeyMarker>' +
      '<NextVersionIdMarker>v2</NextVersionIdMarker><Version><Key>cases/c1/d1</Key><VersionId>v1</VersionId>' +
      '</Version><DeleteMarker><Key>cases/c1/d2</Key><VersionId>v2</VersionId></DeleteMarker></ListVersionsResult>';
    const page2 =
      '<ListVersionsResult><IsTruncated>false</IsTruncated><Version><Key>cases/c1/d2</Key>' +
      '<VersionId>v3</VersionId></Version></ListVersionsResult>';
    const { seen, storage } = await answering([200], (req) =>
      req.method === 'GET' ? [200, req.url?.includes('key-marker') ? page2 : page1] : [204, ''],
    );
    // Act
    const removed = await storage.deleteEverything('cases/c1/');
    // Assess
    expect(removed).toBe(3);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'GET /b?versions=&prefix=cases%2Fc1%2F',
      'DELETE /b/cases/c1/d1?versionId=v1',
      'DELETE /b/cases/c1/d2?versionId=v2',
      'GET /b?versions=&prefix=cases%2Fc1%2F&key-marker=cases%2Fc1%2Fd2&version-id-marker=v2',
      'DELETE /b/cases/c1/d2?versionId=v3',
    ]);
  });
});

describe('what the calls ask for, and what they try again', () => {
  /** A transport that answers from a list, keeping each request; what fetch would be given, no network. */
  function recording(answers: Array<() => Response>) {
    const sent: Array<{ url: string; init: RequestInit }> = [];
    const transport = async (url: string, init: RequestInit) => {
      sent.push({ url, init });
      return answers[Math.min(sent.length - 1, answers.length - 1)]();
    };
    return {
      sent,
      storage: new S3DocumentStorage({ bucket: 'b', endpoint: 'http://127.0.0.1:9' }, signing(), transport),
    };
  }
  const xml = (status: number, code: string) => () =>
    new Response(`<Error><Code>${code}</Code></Error>`, { status, headers: { 'content-type': 'application/xml' } });

  it('asks for the first bytes as stored (the uploader’s encoding undecoded), never following redirects', async () => {
    const { sent, storage } = recording([() => new Response('%PDF-1.7', { status: 206 })]);
    expect(Buffer.from(await storage.firstBytes('cases/c1/d1', 'v1', 5)).toString()).toBe('%PDF-');
    const url = new URL(sent[0].url);
    expect(url.searchParams.get('response-content-encoding')).toBe('identity');
    expect(url.searchParams.get('versionId')).toBe('v1');
    expect(sent[0].init.redirect).toBe('manual');
    expect((sent[0].init.headers as Record<string, string>).range).toBe('bytes=0-4');
  });

  it('tries 429 and a request timeout again, not 501', async () => {
    const again = recording([
      xml(429, 'TooManyRequests'),
      xml(400, 'RequestTimeout'),
      () => new Response(null, { status: 204 }),
    ]);
    await again.storage.deleteVersion('cases/c1/d1', 'v1');
    expect(again.sent).toHaveLength(3);
    const never = recording([xml(501, 'NotImplemented')]);
    await expect(never.storage.deleteVersion('cases/c1/d1', 'v1')).rejects.toMatchObject({ status: 501 });
    expect(never.sent).toHaveLength(1);
  });

  it('reads a 403 on HEAD of a version S3 said it stored as a fault, without asking again', async () => {
    const { sent, storage } = recording([() => new Response(null, { status: 403 })]);
    await expect(storage.head('cases/c1/d1', 'v1')).rejects.toMatchObject({ status: 403 });
    expect(sent).toHaveLength(1);
  });

  it('looks again when the object came between the HEAD and the one-byte GET', async () => {
    const found = () =>
      new Response(null, { status: 200, headers: { 'content-length': '109', 'x-amz-version-id': 'v7' } });
    const { sent, storage } = recording([
      () => new Response(null, { status: 403 }),
      () => new Response('%', { status: 206 }),
      found,
    ]);
    expect(await storage.head('cases/c1/d1')).toEqual({ size: 109, versionId: 'v7' });
    expect(sent.map((r) => r.init.method)).toEqual(['HEAD', 'GET', 'HEAD']);
  });
});

describe('signed calls in AWS', () => {
  /** What the SDK's S3 client sends for a HEAD, captured instead of sent. */
  async function sdkHead(key: string, sessionToken: string) {
    let captured:
      | { hostname: string; path: string; query: Record<string, string>; headers: Record<string, string> }
      | undefined;
    const client = new S3Client({
      region,
      credentials: { ...credentials, sessionToken },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 1,
      requestHandler: {
        handle: async (req: typeof captured) => {
          captured = req;
          throw new Error('captured, not sent');
        },
      } as never,
    });
    await client
      .send(new HeadObjectCommand({ Bucket: 'sakhi-docs', Key: key, VersionId: 'v1' }))
      .catch(() => undefined);
    if (!captured) throw new Error('the SDK sent nothing');
    return captured;
  }

  it('addresses and signs a call as the SDK does: virtual host, key escaped once, session token', async () => {
    // Prepare: a key with a space, a plus and Devanagari; Lambda's credentials carry a session token.
    const key = 'cases/c1/d 1+क';
    const sessionToken = 'lambda-session-token';
    const sent: Array<{ url: string; headers: Record<string, string> }> = [];
    const config = new DynamoDBClient({ region, credentials: { ...credentials, sessionToken } }).config;
    const storage = new S3DocumentStorage({ bucket: 'sakhi-docs' }, signingOf(config), async (url, init) => {
      sent.push({ url, headers: init.headers as Record<string, string> });
      return new Response(null, { status: 404 });
    });
    // Act
    await storage.head(key, 'v1');
    // Assess
    const theirs = await sdkHead(key, sessionToken);
    const [ours] = sent;
    const url = new URL(ours.url);
    expect(url.host).toBe(theirs.hostname);
    expect(url.pathname).toBe(theirs.path);
    expect(Object.fromEntries(url.searchParams)).toEqual(theirs.query);
    // The SDK also signs its own bookkeeping headers (invocation id, attempt, user agent); the rest must agree.
    const signedHeaders = (auth: string) =>
      /SignedHeaders=([^,]+)/
        .exec(auth)?.[1]
        .split(';')
        .filter((h) => !h.startsWith('amz-sdk-') && h !== 'x-amz-user-agent');
    expect(signedHeaders(ours.headers.authorization)).toEqual(signedHeaders(theirs.headers.authorization));
    expect(ours.headers['x-amz-security-token']).toBe(sessionToken);
    expect(ours.headers['x-amz-content-sha256']).toBe(theirs.headers['x-amz-content-sha256']);
    const check = verifySigV4(
      { method: 'HEAD', rawUrl: ours.url.slice(url.origin.length), headers: { host: url.host, ...ours.headers } },
      { credentials: new Map([[credentials.accessKeyId, credentials.secretAccessKey]]), region },
    );
    expect(check).toMatchObject({ ok: true, pathSegments: ['cases', 'c1', 'd 1+क'] });
  });
});

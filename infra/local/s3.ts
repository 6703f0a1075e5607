// The local S3 stand-in: what the documents bucket is in AWS, on 127.0.0.1, for `npm start` and the tests.
// The handlers reach it through the very same S3 adapter (shared/aws/s3.ts, AWS_ENDPOINT_URL_S3), and the
// browser through the very same presigned URLs. It checks every request's SigV4 signature (sigv4.ts) as S3
// does, so a tampered, expired or re-hosted URL is refused here too (s3rver, the npm S3 server, does not
// check signatures at all). Never deployed.
//
// What it does: presigned PUT (bound to its signed Content-Type and Content-Length), presigned GET with the
// response-* overrides (Content-Disposition), HEAD, ranged GET, DELETE of a version or with a delete marker,
// ListObjectVersions; versioned storage (s3-objects.ts); CORS for the form's origin; object-created events
// in the shape S3 sends them (the key URL-encoded), delivered after the response as S3 delivers them.
// What it does not: multipart uploads, copy, POST forms, other bucket operations, lifecycle, encryption at
// rest (the folder is owner-only instead), PUT with header auth (the server side never uploads).
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LocalObjects, type ObjectVersion } from './s3-objects.ts';
import { type Credentials, verifySigV4 } from './sigv4.ts';

export interface LocalS3Options {
  /** The folder of the buckets (under OSC_DATA_DIR, or a temporary one). */
  root: string;
  region: string;
  credentials: Credentials;
  buckets: string[];
  port?: number;
  /** Origins allowed by CORS (the form's), and the request headers they may send. */
  corsOrigins?: string[];
  corsHeaders?: string[];
  maxObjectBytes?: number;
}

/** One record of an S3 event notification, as S3 sends it (the key URL-encoded, + for a space). */
export interface S3EventRecord {
  eventVersion: '2.1';
  eventSource: 'aws:s3';
  awsRegion: string;
  eventTime: string;
  eventName: 'ObjectCreated:Put' | 'ObjectRemoved:Delete' | 'ObjectRemoved:DeleteMarkerCreated';
  s3: {
    s3SchemaVersion: '1.0';
    bucket: { name: string; arn: string };
    object: { key: string; size?: number; eTag?: string; versionId?: string; sequencer: string };
  };
}

export interface LocalS3 {
  /** http://127.0.0.1:<port>: what the handlers' AWS_ENDPOINT_URL_S3 and the form's CSP name. */
  url: string;
  /** Receives each event record after the request that caused it has been answered. */
  onRecord(listener: (record: S3EventRecord) => void): void;
  /** Seconds added to the clock the signatures are checked against (tests: an expired URL, now). */
  clock: { offsetSeconds: number };
  close(): Promise<void>;
}

class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const RESPONSE_OVERRIDES: Record<string, string> = {
  'response-content-type': 'content-type',
  'response-content-disposition': 'content-disposition',
  'response-content-language': 'content-language',
  'response-content-encoding': 'content-encoding',
  'response-cache-control': 'cache-control',
  'response-expires': 'expires',
};
const xml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
const eventKey = (key: string) =>
  key
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/%20/g, '+'))
    .join('/');

/** A single `bytes=a-b`, `bytes=a-` or `bytes=-n` range of an object of `size` bytes. */
function byteRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  const start = m[1] === '' ? Math.max(0, size - Number(m[2])) : Number(m[1]);
  const end = m[1] === '' || m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || start > end) throw new S3Error(416, 'InvalidRange', 'The requested range is not satisfiable');
  return { start, end };
}

function listVersionsXml(bucket: string, prefix: string, rows: Awaited<ReturnType<LocalObjects['list']>>): string {
  const entry = ({ key, version: v, latest }: (typeof rows)[number]) =>
    v.deleteMarker
      ? `<DeleteMarker><Key>${xml(key)}</Key><VersionId>${v.versionId}</VersionId><IsLatest>${latest}</IsLatest>` +
        `<LastModified>${new Date(v.lastModified).toISOString()}</LastModified></DeleteMarker>`
      : `<Version><Key>${xml(key)}</Key><VersionId>${v.versionId}</VersionId><IsLatest>${latest}</IsLatest>` +
        `<LastModified>${new Date(v.lastModified).toISOString()}</LastModified><ETag>${xml(v.etag)}</ETag>` +
        `<Size>${v.size}</Size><StorageClass>STANDARD</StorageClass></Version>`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
    `<Name>${xml(bucket)}</Name><Prefix>${xml(prefix)}</Prefix><KeyMarker></KeyMarker><VersionIdMarker>` +
    `</VersionIdMarker><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>${rows.map(entry).join('')}` +
    '</ListVersionsResult>'
  );
}

export async function startLocalS3(opts: LocalS3Options): Promise<LocalS3> {
  const objects = await LocalObjects.open(opts.root, opts.buckets);
  const buckets = new Set(opts.buckets);
  const maxBytes = opts.maxObjectBytes ?? 16 * 1024 * 1024;
  const allowedHeaders = new Set((opts.corsHeaders ?? ['content-type']).map((h) => h.toLowerCase()));
  const clock = { offsetSeconds: 0 };
  const listeners: Array<(r: S3EventRecord) => void> = [];

  const emit = (eventName: S3EventRecord['eventName'], bucket: string, key: string, v: Partial<ObjectVersion>) => {
    const record: S3EventRecord = {
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: opts.region,
      eventTime: new Date().toISOString(),
      eventName,
      s3: {
        s3SchemaVersion: '1.0',
        bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` },
        object: {
          key: eventKey(key),
          ...(v.size !== undefined && !v.deleteMarker ? { size: v.size, eTag: v.etag?.replace(/"/g, '') } : {}),
          versionId: v.versionId,
          sequencer: process.hrtime.bigint().toString(16).toUpperCase(),
        },
      },
    };
    // After the response, as S3 delivers events: a failing consumer never fails the upload.
    setImmediate(() => {
      for (const l of listeners) {
        try {
          l(record);
        } catch (err) {
          console.error('[local-s3] event consumer failed:', err);
        }
      }
    });
  };

  /** CORS as the bucket's rule says: the form's origin only; PUT and GET; the Content-Type header. */
  function cors(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    if (!origin || !opts.corsOrigins?.includes(origin)) return false;
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'Origin');
    res.setHeader('access-control-expose-headers', 'ETag, x-amz-version-id');
    return true;
  }

  function preflight(req: IncomingMessage, res: ServerResponse): void {
    const method = String(req.headers['access-control-request-method'] ?? '');
    const asked = String(req.headers['access-control-request-headers'] ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean);
    if (!cors(req, res) || !['GET', 'PUT', 'HEAD'].includes(method) || asked.some((h) => !allowedHeaders.has(h))) {
      throw new S3Error(403, 'AccessForbidden', 'CORSResponse: This CORS request is not allowed.');
    }
    res.setHeader('access-control-allow-methods', 'GET, PUT, HEAD');
    if (asked.length) res.setHeader('access-control-allow-headers', asked.join(', '));
    res.setHeader('access-control-max-age', '600');
    res.statusCode = 200;
    res.end();
  }

  async function put(req: IncomingMessage, res: ServerResponse, bucket: string, key: string, payloadHash: string) {
    if (req.headers['x-amz-copy-source']) throw new S3Error(501, 'NotImplemented', 'CopyObject is not supported');
    const declared = req.headers['content-length'];
    if (declared === undefined) throw new S3Error(411, 'MissingContentLength', 'Content-Length is required');
    if (Number(declared) > maxBytes) throw new S3Error(400, 'EntityTooLarge', 'The upload is too large');
    const md5 = createHash('md5');
    const sha = /^[0-9a-f]{64}$/.test(payloadHash) ? createHash('sha256') : undefined;
    let size = 0;
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new S3Error(400, 'EntityTooLarge', 'The upload is too large'));
        md5.update(chunk);
        sha?.update(chunk);
        done(null, chunk);
      },
    });
    const tmp = objects.tempFile(bucket);
    try {
      await pipeline(req, count, createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
      // Node stops at Content-Length; a body that ended early is incomplete, and nothing is stored.
      if (size !== Number(declared) || !req.complete) {
        throw new S3Error(400, 'IncompleteBody', 'You did not provide the number of bytes in Content-Length');
      }
      if (sha && sha.digest('hex') !== payloadHash) {
        throw new S3Error(400, 'XAmzContentSHA256Mismatch', 'The body does not match x-amz-content-sha256');
      }
      const version = await objects.put(bucket, key, tmp, {
        size,
        etag: `"${md5.digest('hex')}"`,
        contentType: String(req.headers['content-type'] ?? 'binary/octet-stream'),
        lastModified: new Date().toUTCString(),
      });
      res.writeHead(200, { etag: version.etag, 'x-amz-version-id': version.versionId });
      res.end();
      emit('ObjectCreated:Put', bucket, key, version);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err instanceof S3Error
        ? err
        : new S3Error(400, 'IncompleteBody', `Upload failed: ${(err as Error).message}`);
    }
  }

  async function read(req: IncomingMessage, res: ServerResponse, bucket: string, key: string, q: Map<string, string>) {
    const found = await objects.get(bucket, key, q.get('versionId'));
    if (!found) throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    const { version: v, file } = found;
    const range = byteRange(String(req.headers.range ?? '') || undefined, v.size);
    const headers: Record<string, string | number> = {
      'content-type': v.contentType,
      'content-length': range ? range.end - range.start + 1 : v.size,
      etag: v.etag,
      'last-modified': v.lastModified,
      'accept-ranges': 'bytes',
      'x-amz-version-id': v.versionId,
      ...(range ? { 'content-range': `bytes ${range.start}-${range.end}/${v.size}` } : {}),
    };
    for (const [param, header] of Object.entries(RESPONSE_OVERRIDES)) {
      const value = q.get(param);
      if (value !== undefined) headers[header] = value;
    }
    res.writeHead(range ? 206 : 200, headers);
    if (req.method === 'HEAD') return void res.end();
    await pipeline(createReadStream(file, range ? { start: range.start, end: range.end } : {}), res);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') return preflight(req, res);
    cors(req, res);
    if (!['GET', 'HEAD', 'PUT', 'DELETE'].includes(method)) {
      throw new S3Error(405, 'MethodNotAllowed', 'The specified method is not allowed');
    }
    const now = new Date(Date.now() + clock.offsetSeconds * 1000);
    const v = verifySigV4(
      { method, rawUrl: req.url ?? '/', headers: req.headers },
      { credentials: opts.credentials, region: opts.region, now },
    );
    if (!v.ok) throw new S3Error(v.status, v.code, v.message);
    const [bucket = '', ...parts] = v.pathSegments;
    const key = parts.join('/');
    if (!buckets.has(bucket)) throw new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (key === '') {
      if (method !== 'GET' || !v.query.has('versions')) {
        throw new S3Error(501, 'NotImplemented', 'Only ListObjectVersions is supported on a bucket');
      }
      const prefix = v.query.get('prefix') ?? '';
      const body = listVersionsXml(bucket, prefix, await objects.list(bucket, prefix));
      res.writeHead(200, { 'content-type': 'application/xml' });
      return void res.end(body);
    }
    if (Buffer.byteLength(key) > 1024) throw new S3Error(400, 'KeyTooLongError', 'Your key is too long');
    if (method === 'PUT') {
      if (v.mode !== 'query') throw new S3Error(501, 'NotImplemented', 'Only presigned uploads are supported');
      return put(req, res, bucket, key, v.payloadHash);
    }
    if (method === 'DELETE') {
      const removed = await objects.remove(bucket, key, v.query.get('versionId'));
      res.writeHead(204, {
        ...(removed.versionId ? { 'x-amz-version-id': removed.versionId } : {}),
        ...(removed.deleteMarker ? { 'x-amz-delete-marker': 'true' } : {}),
      });
      res.end();
      const what =
        removed.deleteMarker && !v.query.get('versionId')
          ? 'ObjectRemoved:DeleteMarkerCreated'
          : 'ObjectRemoved:Delete';
      return emit(what, bucket, key, { versionId: removed.versionId });
    }
    return read(req, res, bucket, key, v.query);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const e = err instanceof S3Error ? err : new S3Error(500, 'InternalError', 'We encountered an internal error');
      if (e.status >= 500 && e.status !== 501) console.error('[local-s3]', err);
      if (res.headersSent) return void res.destroy();
      // An unread body must not be taken for the next request on a kept-alive connection.
      if (!req.complete) res.setHeader('connection', 'close');
      const body =
        `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${e.code}</Code>` +
        `<Message>${xml(e.message)}</Message></Error>`;
      res.writeHead(e.status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  });
  server.requestTimeout = 5 * 60 * 1000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    onRecord: (l) => void listeners.push(l),
    clock,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

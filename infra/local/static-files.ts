// The staff form's files as CloudFront serves them in AWS (web.ts), so what a centre's slow link would see
// can be measured locally: brotli or gzip by the browser's Accept-Encoding (CloudFront compresses files of
// 1,000 bytes to 10 MB on the fly, brotli first), an ETag so a revalidated page answers 304, the hashed
// assets cached for a year as immutable and index.html revalidated every time, and the security headers.
//
// And the API's answers as API Gateway sends them with the stage's minimum compression size (api.ts):
// gzip when the client accepts it and the body is at least 1 KB. (CloudFront does not compress the API: its
// behaviour has caching disabled, and CloudFront compresses only what its cache policy lets it cache.)
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

/** What CloudFront compresses: text types, between 1,000 bytes and 10 MB. */
const COMPRESSIBLE = /^(?:text\/|application\/(?:json|javascript|manifest\+json)|image\/svg\+xml)/;
const MIN_COMPRESS = 1000;
const MAX_COMPRESS = 10_000_000;
/** API Gateway's minimum compression size as the stack sets it (api.ts). */
export const API_MIN_COMPRESSION_BYTES = 1024;

export type Encoding = 'br' | 'gzip';

/** The encoding to answer with: brotli if the browser takes it, else gzip, else none (q=0 refuses one). */
export function negotiate(
  acceptEncoding: string | undefined,
  offer: readonly Encoding[] = ['br', 'gzip'],
): Encoding | undefined {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const wildcard = accepted.get('*');
  return offer.find((e) => (accepted.get(e) ?? wildcard ?? 0) > 0);
}

interface Entry {
  mtimeMs: number;
  size: number;
  raw: Buffer;
  hash: string;
  variants: Partial<Record<Encoding, Buffer>>;
}

/** Files read and compressed once (until they change on disk): a rebuild under `npm start` is picked up. */
const files = new Map<string, Entry>();

function entryOf(file: string): Entry {
  const st = statSync(file);
  const known = files.get(file);
  if (known && known.mtimeMs === st.mtimeMs && known.size === st.size) return known;
  const raw = readFileSync(file);
  const entry: Entry = {
    mtimeMs: st.mtimeMs,
    size: st.size,
    raw,
    hash: createHash('sha256').update(raw).digest('base64url').slice(0, 16),
    variants: {},
  };
  files.set(file, entry);
  return entry;
}

function variant(entry: Entry, encoding: Encoding): Buffer {
  entry.variants[encoding] ??=
    encoding === 'br'
      ? brotliCompressSync(entry.raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
      : gzipSync(entry.raw, { level: 9 });
  return entry.variants[encoding];
}

/** The headers CloudFront's response policy adds; `connectSources` besides 'self' (the local S3 stand-in). */
const securityHeaders = (connectSources: readonly string[]) => ({
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy': [
    "default-src 'self'",
    "img-src 'self' data:",
    "style-src 'self'",
    "script-src 'self'",
    ["connect-src 'self'", ...connectSources].join(' '),
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; '),
});

/** The form's files, with the cache, compression and security headers CloudFront gives them in AWS. */
export function serveStatic(
  webDir: string,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  connectSources: readonly string[] = [],
): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Bad path');
    return;
  }
  const rel = normalize(decoded).replace(/^(\.\.[/\\])+/, '');
  let file = join(webDir, rel);
  if (!file.startsWith(webDir) || !existsSync(file) || statSync(file).isDirectory()) file = join(webDir, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The staff form is not built yet: run `npm run build:web`.');
    return;
  }
  const entry = entryOf(file);
  const type = MIME[extname(file)] ?? 'application/octet-stream';
  const compressible = COMPRESSIBLE.test(type) && entry.size >= MIN_COMPRESS && entry.size <= MAX_COMPRESS;
  const encoding = compressible ? negotiate(req.headers['accept-encoding']) : undefined;
  const etag = `"${entry.hash}${encoding ? `-${encoding}` : ''}"`;
  const headers: Record<string, string> = {
    'content-type': type,
    // index.html names the assets by content hash: it is revalidated every time, they never are.
    'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
    etag,
    ...(compressible ? { vary: 'Accept-Encoding' } : {}),
    ...securityHeaders(connectSources),
  };
  const match = String(req.headers['if-none-match'] ?? '')
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''));
  if (match.includes(etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const body = encoding ? variant(entry, encoding) : entry.raw;
  res.writeHead(200, {
    ...headers,
    ...(encoding ? { 'content-encoding': encoding } : {}),
    'content-length': String(body.length),
  });
  res.end(body);
}

/** An API answer as API Gateway sends it with a minimum compression size: gzip when accepted and big enough. */
export function sendApiResult(
  req: IncomingMessage,
  res: ServerResponse,
  result: { statusCode: number; headers?: Record<string, unknown>; body?: string },
): void {
  const headers = { ...(result.headers ?? {}) } as Record<string, string>;
  const body = Buffer.from(result.body ?? '', 'utf8');
  const already = Object.keys(headers).some((h) => h.toLowerCase() === 'content-encoding');
  if (!already && body.length >= API_MIN_COMPRESSION_BYTES && negotiate(req.headers['accept-encoding'], ['gzip'])) {
    const gz = gzipSync(body);
    res.writeHead(result.statusCode, { ...headers, 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
    res.end(gz);
    return;
  }
  res.writeHead(result.statusCode, headers);
  res.end(body);
}

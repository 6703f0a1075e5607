// AWS Signature Version 4 as S3 checks it, for the local S3 stand-in (s3.ts): presigned URLs (the signature in
// the query string, what the browser uses) and the Authorization header (what the SDK's own calls send: the
// checker's HEAD, ranged GET and DELETE, the retention job's listing). A request the stand-in accepts is one
// S3 would accept, so a tampered, expired or re-hosted URL is refused here as it would be in AWS.
//
// Canonical request, S3's flavour (the path is encoded once, never twice):
//   METHOD \n canonical URI \n canonical query \n canonical headers \n signed headers \n payload hash
// String to sign: AWS4-HMAC-SHA256 \n <X-Amz-Date> \n <yyyymmdd>/<region>/s3/aws4_request \n hex(sha256(CR))
// Signing key: HMAC("AWS4" + secret, yyyymmdd) → region → "s3" → "aws4_request".
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Access key id → secret access key. */
export type Credentials = ReadonlyMap<string, string>;

export interface SignedRequest {
  method: string;
  /** The request target as received ("/bucket/cases/a/b?X-Amz-..."). */
  rawUrl: string;
  /** Node's lower-cased header map. */
  headers: Record<string, string | string[] | undefined>;
}

export interface VerifyOptions {
  credentials: Credentials;
  region: string;
  now?: Date;
  /** The signing name the scope must carry: s3 (the stand-in), or another service's in the adapters' tests. */
  service?: string;
}

export type Verified =
  | {
      ok: true;
      mode: 'query' | 'header';
      accessKeyId: string;
      /** Decoded query parameters (the last value of a repeated one). */
      query: Map<string, string>;
      /** Decoded path segments after the leading "/": the bucket, then the key's parts. */
      pathSegments: string[];
      /** The payload hash the signature covers: UNSIGNED-PAYLOAD or a hex SHA-256 the body must match. */
      payloadHash: string;
    }
  | { ok: false; status: number; code: string; message: string };

const fail = (status: number, code: string, message: string): Verified => ({ ok: false, status, code, message });

/** Fifteen minutes either way for a header-signed request, as S3 allows (RequestTimeTooSkewed beyond). */
const MAX_SKEW_MS = 15 * 60 * 1000;

/** RFC 3986 encoding exactly as the SDK's escapeUri does it. */
export function escapeUri(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// A "+" in a query is a space (a URL re-serialised by URLSearchParams still verifies, as on S3).
const decodeQueryPart = (s: string) => decodeURIComponent(s.replace(/\+/g, '%20'));

/** The query as ordered, decoded [key, value] pairs. Throws URIError on a bad escape. */
export function parseRawQuery(rawQuery: string): Array<[string, string]> {
  return rawQuery
    .split('&')
    .filter((p) => p.length > 0)
    .map((p) => {
      const i = p.indexOf('=');
      return i === -1 ? [decodeQueryPart(p), ''] : [decodeQueryPart(p.slice(0, i)), decodeQueryPart(p.slice(i + 1))];
    });
}

export function canonicalQueryString(pairs: Array<[string, string]>): string {
  return pairs
    .filter(([k]) => k !== 'X-Amz-Signature')
    .map(([k, v]) => [escapeUri(k), escapeUri(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

export function canonicalHeaderValue(v: string | string[] | undefined): string | undefined {
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v.join(',') : v)
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();
const sha256hex = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');

export function signingKey(secret: string, shortDate: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, shortDate), region), service), 'aws4_request');
}

/** yyyyMMddTHHmmssZ → Date, or undefined. */
export function parseAmzDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

interface AuthParts {
  mode: 'query' | 'header';
  credential: string;
  amzDate: string;
  signedHeaders: string;
  signature: string;
  payloadHash: string;
  expires?: string;
}

/** The signature's parts, from the query (presigned URL) or the Authorization header, never both. */
function authParts(req: SignedRequest, query: Map<string, string>): AuthParts | Verified {
  const header = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
  const presigned = query.has('X-Amz-Algorithm') || query.has('X-Amz-Signature');
  if (header && presigned) return fail(400, 'InvalidArgument', 'Only one auth mechanism allowed');
  if (presigned) {
    if (query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') {
      return fail(400, 'AuthorizationQueryParametersError', 'X-Amz-Algorithm must be AWS4-HMAC-SHA256');
    }
    for (const p of ['X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature']) {
      if (!query.get(p)) return fail(400, 'AuthorizationQueryParametersError', `Missing ${p}`);
    }
    return {
      mode: 'query',
      credential: query.get('X-Amz-Credential') as string,
      amzDate: query.get('X-Amz-Date') as string,
      signedHeaders: query.get('X-Amz-SignedHeaders') as string,
      signature: query.get('X-Amz-Signature') as string,
      payloadHash: query.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD',
      expires: query.get('X-Amz-Expires') as string,
    };
  }
  if (!header) return fail(403, 'AccessDenied', 'Access Denied');
  const m = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=(\S+)$/.exec(header.trim());
  if (!m) return fail(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed');
  const amzDate = canonicalHeaderValue(req.headers['x-amz-date']);
  const payloadHash = canonicalHeaderValue(req.headers['x-amz-content-sha256']);
  if (!amzDate) return fail(403, 'AccessDenied', 'AWS authentication requires a valid x-amz-date header');
  if (!payloadHash)
    return fail(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  return { mode: 'header', credential: m[1], signedHeaders: m[2], signature: m[3], amzDate, payloadHash };
}

export function verifySigV4(req: SignedRequest, opts: VerifyOptions): Verified {
  const now = opts.now ?? new Date();
  const q = req.rawUrl.indexOf('?');
  const rawPath = q === -1 ? req.rawUrl : req.rawUrl.slice(0, q);
  if (!rawPath.startsWith('/')) return fail(400, 'InvalidURI', 'The request target must be a path');
  let pairs: Array<[string, string]>;
  let pathSegments: string[];
  try {
    pairs = parseRawQuery(q === -1 ? '' : req.rawUrl.slice(q + 1));
    pathSegments = rawPath.slice(1).split('/').map(decodeURIComponent);
  } catch {
    return fail(400, 'InvalidURI', 'Could not parse the specified URI');
  }
  const query = new Map<string, string>();
  for (const [k, v] of pairs) {
    if (query.has(k) && k.startsWith('X-Amz-')) return fail(400, 'AuthorizationQueryParametersError', `Duplicate ${k}`);
    query.set(k, v);
  }
  const auth = authParts(req, query);
  if ('ok' in auth) return auth;

  // Credential scope: <akid>/<yyyymmdd>/<region>/<service>/aws4_request.
  const scope = auth.credential.split('/');
  if (scope.length !== 5) return fail(400, 'AuthorizationQueryParametersError', 'Malformed credential');
  const [accessKeyId, shortDate, region, service, terminator] = scope;
  const secret = opts.credentials.get(accessKeyId);
  if (secret === undefined) {
    return fail(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  }
  if (service !== (opts.service ?? 's3') || terminator !== 'aws4_request')
    return fail(400, 'AuthorizationHeaderMalformed', 'Bad scope');
  if (region !== opts.region) {
    return fail(400, 'AuthorizationHeaderMalformed', `The region '${region}' is wrong; expecting '${opts.region}'`);
  }

  // Time: a URL is valid from its date until date + X-Amz-Expires; a signed header within the skew.
  const signedAt = parseAmzDate(auth.amzDate);
  if (!signedAt || auth.amzDate.slice(0, 8) !== shortDate) {
    return fail(400, 'AuthorizationQueryParametersError', 'X-Amz-Date is malformed or not the credential date');
  }
  if (auth.mode === 'query') {
    if (!/^\d{1,6}$/.test(auth.expires ?? '') || Number(auth.expires) < 1 || Number(auth.expires) > 604800) {
      return fail(400, 'AuthorizationQueryParametersError', 'X-Amz-Expires must be 1 to 604800 seconds');
    }
    if (signedAt.getTime() - now.getTime() > MAX_SKEW_MS) return fail(403, 'AccessDenied', 'Request is not valid yet');
    if (now.getTime() > signedAt.getTime() + Number(auth.expires) * 1000) {
      return fail(403, 'AccessDenied', 'Request has expired');
    }
  } else if (Math.abs(now.getTime() - signedAt.getTime()) > MAX_SKEW_MS) {
    return fail(
      403,
      'RequestTimeTooSkewed',
      'The difference between the request time and the server time is too large',
    );
  }

  // Signed headers: lower case, sorted, host among them, each present; no x-amz-* header left unsigned.
  const signed = auth.signedHeaders.split(';');
  if (signed.some((h, i) => !h || h !== h.toLowerCase() || (i > 0 && signed[i - 1] >= h)) || !signed.includes('host')) {
    return fail(400, 'AuthorizationQueryParametersError', 'SignedHeaders must be sorted, lower case and name host');
  }
  const unsigned = Object.keys(req.headers).filter((h) => h.startsWith('x-amz-') && !signed.includes(h));
  if (unsigned.length) {
    return fail(403, 'AccessDenied', `There were headers present in the request which were not signed: ${unsigned}`);
  }
  const lines: string[] = [];
  for (const h of signed) {
    const v = canonicalHeaderValue(req.headers[h]);
    if (v === undefined) return fail(403, 'SignatureDoesNotMatch', `Signed header '${h}' is missing from the request`);
    lines.push(`${h}:${v}\n`);
  }

  const canonicalRequest = [
    req.method.toUpperCase(),
    `/${pathSegments.map(escapeUri).join('/')}`,
    canonicalQueryString(pairs),
    lines.join(''),
    auth.signedHeaders,
    auth.payloadHash,
  ].join('\n');
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    auth.amzDate,
    `${shortDate}/${region}/${service}/aws4_request`,
    sha256hex(canonicalRequest),
  ].join('\n');
  const expected = createHmac('sha256', signingKey(secret, shortDate, region, service))
    .update(stringToSign, 'utf8')
    .digest();
  // Constant-time comparison, after refusing anything that is not 64 hex digits.
  if (!/^[0-9a-f]{64}$/.test(auth.signature) || !timingSafeEqual(expected, Buffer.from(auth.signature, 'hex'))) {
    return fail(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.',
    );
  }
  return { ok: true, mode: auth.mode, accessKeyId, query, pathSegments, payloadHash: auth.payloadHash };
}

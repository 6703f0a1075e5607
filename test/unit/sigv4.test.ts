// The local S3 stand-in's SigV4 check against what the real SDK signs: presigned URLs (getSignedUrl) and the
// Authorization header of its own calls. Good requests pass; a tampered or expired one is refused, as S3
// refuses it. Pure: no server, the clock is given.
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { describe, expect, it } from 'vitest';
import { escapeUri, parseAmzDate, type Verified, verifySigV4 } from '../../infra/local/sigv4.ts';

const credentials = new Map([['AKLOCAL', 'local-secret']]);
const region = 'ap-south-1';
const signingDate = new Date('2026-11-20T06:30:00Z');
const at = (ms: number) => new Date(signingDate.getTime() + ms);

function client(requestHandler?: unknown) {
  return new S3Client({
    region,
    endpoint: 'http://127.0.0.1:4569',
    forcePathStyle: true,
    credentials: { accessKeyId: 'AKLOCAL', secretAccessKey: 'local-secret' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
    ...(requestHandler ? { requestHandler: requestHandler as never } : {}),
  });
}

/** Checks a URL as the stand-in would receive it from a browser at `now`. */
function check(url: string, method: string, headers: Record<string, string>, now: Date): Verified {
  const u = new URL(url);
  return verifySigV4(
    { method, rawUrl: url.slice(u.origin.length), headers: { host: u.host, ...headers } },
    { credentials, region, now },
  );
}

const uploadUrl = () =>
  getSignedUrl(
    client(),
    new PutObjectCommand({ Bucket: 'docs', Key: 'cases/c1/d1', ContentType: 'application/pdf', ContentLength: 5 }),
    { expiresIn: 300, signingDate, signableHeaders: new Set(['content-type']) },
  );
const downloadUrl = () =>
  getSignedUrl(
    client(),
    new GetObjectCommand({
      Bucket: 'docs',
      Key: 'cases/c1/d1',
      VersionId: 'v1',
      ResponseContentDisposition: 'attachment; filename="pat1-fir-copy.pdf"',
    }),
    { expiresIn: 60, signingDate },
  );
const PUT = { 'content-type': 'application/pdf', 'content-length': '5' };

describe('presigned URLs (what the browser sends)', () => {
  it('accepts a good upload URL with its own type and length, and a good download URL', async () => {
    expect(check(await uploadUrl(), 'PUT', PUT, at(1000))).toMatchObject({ ok: true, mode: 'query' });
    const get = check(await downloadUrl(), 'GET', {}, at(1000));
    expect(get).toMatchObject({ ok: true, pathSegments: ['docs', 'cases', 'c1', 'd1'] });
  });

  it('refuses a tampered signature, key, version, disposition or expiry', async () => {
    const url = await downloadUrl();
    const tampered = [
      url.replace(/X-Amz-Signature=([0-9a-f])/, (_m, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`),
      url.replace('/cases/c1/d1', '/cases/c2/d1'),
      url.replace('versionId=v1', 'versionId=v2'),
      url.replace('pat1-fir-copy.pdf', 'setup.exe'),
      url.replace('X-Amz-Expires=60', 'X-Amz-Expires=600'),
    ];
    for (const t of tampered) expect(check(t, 'GET', {}, at(1000)), t).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses an upload of another length or type, a URL used for another method or host', async () => {
    const url = await uploadUrl();
    expect(check(url, 'PUT', { ...PUT, 'content-length': '6' }, at(1000))).toMatchObject({
      ok: false,
      code: 'SignatureDoesNotMatch',
    });
    expect(check(url, 'PUT', { ...PUT, 'content-type': 'image/png' }, at(1000))).toMatchObject({ ok: false });
    expect(check(url, 'PUT', { 'content-length': '5' }, at(1000))).toMatchObject({ ok: false });
    expect(check(url, 'GET', {}, at(1000))).toMatchObject({ ok: false });
    expect(check(url.replace('127.0.0.1', 'localhost'), 'PUT', PUT, at(1000))).toMatchObject({ ok: false });
  });

  it('is valid up to X-Amz-Date + X-Amz-Expires and expired one millisecond later', async () => {
    const url = await downloadUrl();
    expect(check(url, 'GET', {}, at(60_000)).ok).toBe(true);
    expect(check(url, 'GET', {}, at(60_001))).toMatchObject({ ok: false, status: 403, message: 'Request has expired' });
    expect(check(await uploadUrl(), 'PUT', PUT, at(300_001))).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses a wrong secret, an unknown key, another region, and no signature at all', async () => {
    const url = await downloadUrl();
    const other = verifySigV4(
      { method: 'GET', rawUrl: url.slice(new URL(url).origin.length), headers: { host: '127.0.0.1:4569' } },
      { credentials: new Map([['AKLOCAL', 'another-secret']]), region, now: at(1000) },
    );
    expect(other).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
    expect(check(url.replace('AKLOCAL', 'AKOTHER'), 'GET', {}, at(1000))).toMatchObject({
      code: 'InvalidAccessKeyId',
    });
    expect(check(url.replace('ap-south-1', 'us-east-1'), 'GET', {}, at(1000))).toMatchObject({ ok: false });
    expect(check('http://127.0.0.1:4569/docs/cases/c1/d1', 'GET', {}, at(1000))).toMatchObject({
      ok: false,
      code: 'AccessDenied',
    });
  });

  it('refuses an x-amz-* header the signature does not cover', async () => {
    const res = check(await downloadUrl(), 'GET', { 'x-amz-server-side-encryption': 'AES256' }, at(1000));
    expect(res).toMatchObject({ ok: false, status: 403 });
  });
});

describe('the Authorization header (what the SDK sends for the checker and the retention job)', () => {
  /** The request the SDK would send (signed now, by its own clock), captured instead of sent. */
  async function signedHead(): Promise<{ rawUrl: string; headers: Record<string, string> }> {
    let captured: { path: string; query: Record<string, string>; headers: Record<string, string> } | undefined;
    const handler = {
      handle: async (req: typeof captured) => {
        captured = req;
        throw new Error('captured, not sent');
      },
    };
    // A space in the key: the path must be encoded exactly once on both sides.
    await client(handler)
      .send(new HeadObjectCommand({ Bucket: 'docs', Key: 'cases/c1/d1 x', VersionId: 'v1' }))
      .catch(() => undefined);
    if (!captured) throw new Error('the SDK sent nothing');
    const qs = Object.entries(captured.query)
      .map(([k, v]) => `${escapeUri(k)}=${escapeUri(v)}`)
      .join('&');
    const headers = Object.fromEntries(Object.entries(captured.headers).map(([k, v]) => [k.toLowerCase(), v]));
    return { rawUrl: `${captured.path}${qs ? `?${qs}` : ''}`, headers };
  }

  it("accepts the SDK's own signed HEAD, and refuses it tampered or replayed an hour later", async () => {
    const req = await signedHead();
    const signedAt = parseAmzDate(req.headers['x-amz-date']) as Date;
    const verify = (r: typeof req, now: Date) =>
      verifySigV4({ method: 'HEAD', rawUrl: r.rawUrl, headers: r.headers }, { credentials, region, now });
    expect(verify(req, signedAt)).toMatchObject({
      ok: true,
      mode: 'header',
      pathSegments: ['docs', 'cases', 'c1', 'd1 x'],
    });
    expect(verify({ ...req, rawUrl: req.rawUrl.replace('versionId=v1', 'versionId=v2') }, signedAt)).toMatchObject({
      ok: false,
      code: 'SignatureDoesNotMatch',
    });
    expect(verify(req, new Date(signedAt.getTime() + 3_600_000))).toMatchObject({
      ok: false,
      code: 'RequestTimeTooSkewed',
    });
  });
});

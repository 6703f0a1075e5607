// The S3 adapter of the document storage port, without the S3 client. The documents feature needs two
// presigned URLs and four plain calls (HEAD, a ranged GET, DELETE of one version, the versions under a
// prefix); the S3 client would add some 0.4× of a whole handler to each of the six handlers that use it
// (bench section 1). So the URLs come from the SDK's own S3 presigner and the calls are signed HTTP
// (signed-http.ts), both with the region, credentials and hash of the process's DynamoDB client.
//
// Addressed as S3 is: in AWS, the bucket's virtual host in the region (https://<bucket>.s3.<region>.amazonaws
// .com/<key>); with an endpoint (AWS_ENDPOINT_URL_S3: the local S3 stand-in), by path (<endpoint>/<bucket>/<key>).
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import type { HttpRequest } from '@smithy/types';
import type { DocumentStorage, StoredObject } from '../documents/storage.ts';
import {
  AwsRequestError,
  type AwsSigning,
  errorCode,
  origin,
  regionOf,
  SignedHttp,
  type Transport,
  uriEscape,
  urlOf,
} from './signed-http.ts';

export interface S3Location {
  bucket: string;
  /** An S3-compatible endpoint, addressed by path (the local stand-in); absent in AWS. */
  endpoint?: string;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unxml = (s: string) =>
  s.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (all, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : (XML_ENTITIES[e] ?? all),
  );
const tag = (xml: string, name: string) => {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  return m ? unxml(m[1]) : undefined;
};

export interface VersionPage {
  /** Versions and delete markers alike: each is removed by key and version id. */
  entries: Array<{ key: string; versionId?: string }>;
  next?: { keyMarker: string; versionIdMarker?: string };
}

/** One page of ListObjectVersions (`ListVersionsResult`): what retention needs of it, nothing more. */
export function parseVersionPage(xml: string): VersionPage {
  const entries: VersionPage['entries'] = [];
  for (const m of xml.matchAll(/<(Version|DeleteMarker)>([\s\S]*?)<\/\1>/g)) {
    const key = tag(m[2], 'Key');
    const versionId = tag(m[2], 'VersionId');
    if (key !== undefined) entries.push({ key, ...(versionId ? { versionId } : {}) });
  }
  const keyMarker = tag(xml, 'NextKeyMarker');
  const truncated = tag(xml, 'IsTruncated') === 'true' && keyMarker;
  return truncated ? { entries, next: { keyMarker, versionIdMarker: tag(xml, 'NextVersionIdMarker') } } : { entries };
}

export class S3DocumentStorage implements DocumentStorage {
  private readonly presigner: S3RequestPresigner;
  private readonly http: SignedHttp;

  constructor(
    private readonly location: S3Location,
    signing: AwsSigning,
    transport?: Transport,
  ) {
    this.presigner = new S3RequestPresigner({ ...signing, service: 's3' });
    this.http = new SignedHttp('s3', signing, transport);
  }

  /** The request for an object (or, with no key, for the bucket), before signing. */
  private async request(
    method: string,
    key: string | undefined,
    query: Record<string, string | undefined> = {},
    headers: Record<string, string> = {},
  ): Promise<HttpRequest> {
    const { bucket, endpoint } = this.location;
    const objectPath = key === undefined ? '' : `/${key.split('/').map(uriEscape).join('/')}`;
    const defined = Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
    // By path at an endpoint; in AWS, the bucket's own virtual host.
    const host = endpoint ? undefined : `${bucket}.s3.${await regionOf(this.http.signing)}.amazonaws.com`;
    const { host: hostHeader, base, ...at } = origin(endpoint, host ?? '');
    const path = endpoint ? `${base}/${uriEscape(bucket)}${objectPath}` : objectPath || '/';
    return { method, ...at, path, query: defined, headers: { host: hostHeader, ...headers } };
  }

  async presignUpload(key: string, contentType: string, size: number, at: Date, expiresIn: number): Promise<string> {
    const request = await this.request('PUT', key, {}, { 'content-type': contentType, 'content-length': String(size) });
    // Content-Type is signed too (the presigner leaves it out by default): a PUT with another type fails.
    return urlOf(
      await this.presigner.presign(request, { expiresIn, signingDate: at, signableHeaders: new Set(['content-type']) }),
    );
  }

  async presignDownload(
    key: string,
    object: { versionId?: string; filename: string; contentType: string },
    at: Date,
    expiresIn: number,
  ): Promise<string> {
    const request = await this.request('GET', key, {
      versionId: object.versionId,
      'response-cache-control': 'no-store',
      'response-content-disposition': `attachment; filename="${object.filename}"`,
      'response-content-type': object.contentType,
    });
    return urlOf(await this.presigner.presign(request, { expiresIn, signingDate: at }));
  }

  /**
   * The object, or undefined when there is none. Without s3:ListBucket (no role that reads documents may
   * list them), S3 answers 403 AccessDenied, not 404, for a key that does not exist; a version that is a
   * delete marker answers 405. With a version id (S3's event names the version it stored) the object was
   * there, so a 403 is a fault. Without one (the sweep asks whether an upload ever came), a HEAD answer has no
   * body to say which 403 it is, so a one-byte GET asks: AccessDenied is "no such object", any other 403 (a
   * signature, an expired token) is a fault, never a missing upload.
   */
  async head(key: string, versionId?: string): Promise<StoredObject | undefined> {
    for (let looked = 0; ; looked++) {
      const res = await this.http.send(
        'HeadObject',
        () => this.request('HEAD', key, { versionId }),
        [200, 403, 404, 405],
      );
      if (res.status === 404 || res.status === 405) return undefined;
      if (res.status === 200) return this.storedObject(res);
      if (versionId) throw new AwsRequestError(403, undefined, 'HeadObject');
      const probe = await this.http.send(
        'GetObject',
        () => this.request('GET', key, {}, { range: 'bytes=0-0' }),
        [200, 206, 403, 404],
      );
      const code = probe.status === 403 ? errorCode(probe, await probe.text()) : undefined;
      if (probe.status !== 403) await probe.body?.cancel();
      if (probe.status === 404 || code === 'AccessDenied') return undefined;
      // The object came between the two calls: look once more.
      if (probe.status !== 403 && looked === 0) continue;
      throw new AwsRequestError(403, code, 'HeadObject');
    }
  }

  private storedObject(res: Response): StoredObject {
    const type = res.headers.get('content-type');
    const version = res.headers.get('x-amz-version-id');
    return {
      size: Number(res.headers.get('content-length') ?? 0),
      ...(type ? { contentType: type } : {}),
      ...(version ? { versionId: version } : {}),
    };
  }

  async firstBytes(key: string, versionId: string | undefined, count: number): Promise<Uint8Array> {
    const res = await this.http.send(
      'GetObject',
      // The bytes as stored: with Content-Encoding set by the uploader, fetch would otherwise decode them.
      () =>
        this.request(
          'GET',
          key,
          { versionId, 'response-content-encoding': 'identity' },
          { range: `bytes=0-${count - 1}` },
        ),
      [200, 206],
    );
    return new Uint8Array(await res.arrayBuffer()).subarray(0, count);
  }

  async deleteVersion(key: string, versionId: string | undefined): Promise<void> {
    const res = await this.http.send('DeleteObject', () => this.request('DELETE', key, { versionId }), [200, 204]);
    await res.body?.cancel();
  }

  async deleteEverything(prefix: string): Promise<number> {
    let removed = 0;
    let next: VersionPage['next'];
    do {
      const marker = next;
      const res = await this.http.send(
        'ListObjectVersions',
        () =>
          this.request('GET', undefined, {
            versions: '',
            prefix,
            'key-marker': marker?.keyMarker,
            'version-id-marker': marker?.versionIdMarker,
          }),
        [200],
      );
      const page = parseVersionPage(await res.text());
      for (const entry of page.entries) {
        await this.deleteVersion(entry.key, entry.versionId);
        removed++;
      }
      next = page.next;
    } while (next);
    return removed;
  }
}

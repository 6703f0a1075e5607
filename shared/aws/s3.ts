// The S3 adapter of the document storage port. One client per process; the endpoint comes from the standard
// AWS_ENDPOINT_URL_S3 variable, which is how the local runtime points the very same code at its S3 stand-in
// (addressed by path there, as S3_FORCE_PATH_STYLE says).
//
// Checksums only when an operation requires one: otherwise the SDK bakes the CRC32 of an empty body into
// presigned PUT URLs, which some S3-compatible stores then hold the real body to.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { DocumentStorage, StoredObject } from '../documents/storage.ts';

let client: S3Client | undefined;

export function s3Client(forcePathStyle = false): S3Client {
  client ??= new S3Client({
    forcePathStyle,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return client;
}

/**
 * Without s3:ListBucket (no role that reads documents may list them), S3 answers 403, not 404, for a key
 * that does not exist: both mean "no such object" to the code that asks.
 */
function isMissing(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  return (
    e.name === 'NotFound' || e.name === 'NoSuchKey' || e.name === 'NoSuchVersion' || status === 404 || status === 403
  );
}

export class S3DocumentStorage implements DocumentStorage {
  constructor(
    private readonly bucket: string,
    private readonly s3: S3Client = s3Client(),
  ) {}

  presignUpload(key: string, contentType: string, size: number, at: Date, expiresIn: number): Promise<string> {
    return getSignedUrl(
      this.s3,
      new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: contentType, ContentLength: size }),
      // Content-Type is signed too (the presigner leaves it out by default): a PUT with another type fails.
      { expiresIn, signingDate: at, signableHeaders: new Set(['content-type']) },
    );
  }

  presignDownload(
    key: string,
    object: { versionId?: string; filename: string; contentType: string },
    at: Date,
    expiresIn: number,
  ): Promise<string> {
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        VersionId: object.versionId,
        ResponseContentDisposition: `attachment; filename="${object.filename}"`,
        ResponseContentType: object.contentType,
        ResponseCacheControl: 'no-store',
      }),
      { expiresIn, signingDate: at },
    );
  }

  async head(key: string, versionId?: string): Promise<StoredObject | undefined> {
    try {
      const out = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }));
      return { size: out.ContentLength ?? 0, contentType: out.ContentType, versionId: out.VersionId };
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  async firstBytes(key: string, versionId: string | undefined, count: number): Promise<Uint8Array> {
    const out = await this.s3.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId, Range: `bytes=0-${count - 1}` }),
    );
    const bytes = (await out.Body?.transformToByteArray()) ?? new Uint8Array();
    return bytes.subarray(0, count);
  }

  async deleteVersion(key: string, versionId: string | undefined): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }));
  }

  async deleteEverything(prefix: string): Promise<number> {
    let removed = 0;
    let KeyMarker: string | undefined;
    let VersionIdMarker: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectVersionsCommand({ Bucket: this.bucket, Prefix: prefix, KeyMarker, VersionIdMarker }),
      );
      for (const v of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) {
        if (!v.Key) continue;
        await this.deleteVersion(v.Key, v.VersionId);
        removed++;
      }
      KeyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      VersionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
    } while (KeyMarker);
    return removed;
  }
}

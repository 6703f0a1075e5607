// The port between the documents feature and where the bytes live: S3 in AWS, and the local S3 stand-in
// through the very same adapter (shared/aws/s3.ts). The bytes never pass through the API: the browser puts
// and gets them with presigned URLs, and the server side only reads the first bytes, sizes and deletes.

export interface StoredObject {
  size: number;
  contentType?: string;
  versionId?: string;
}

export interface DocumentStorage {
  /** A PUT URL bound to this content type and this exact length (both are signed headers). */
  presignUpload(key: string, contentType: string, size: number, at: Date, expiresInSeconds: number): Promise<string>;
  /** A GET URL for one version, answered as an attachment with this file name and type. */
  presignDownload(
    key: string,
    object: { versionId?: string; filename: string; contentType: string },
    at: Date,
    expiresInSeconds: number,
  ): Promise<string>;
  /** The object (one version, or the current one), or undefined when there is none. */
  head(key: string, versionId?: string): Promise<StoredObject | undefined>;
  /** The first `count` bytes (fewer when the object is shorter). */
  firstBytes(key: string, versionId: string | undefined, count: number): Promise<Uint8Array>;
  /** Removes one version for good (with no version id: the current one, as S3 does). */
  deleteVersion(key: string, versionId: string | undefined): Promise<void>;
  /** Removes every version and delete marker under a prefix for good; returns how many went. */
  deleteEverything(prefix: string): Promise<number>;
}

import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  checkedKey,
  IMMUTABLE_CACHE_CONTROL,
  type MediaBody,
  type MediaStore,
  PUBLIC_PREFIX,
  type StoredObject,
} from './media-store.js';

export interface S3Settings {
  bucket: string;
  region: string;
  /** For S3-compatible services (MinIO, Cloudflare R2, Scaleway); AWS's own when absent. */
  endpoint: string | undefined;
  forcePathStyle: boolean;
  /** When absent, the SDK's default chain (environment, instance role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** Where clients fetch `images/…` from: the bucket's public URL or a CDN in front of it. */
  publicUrl: string;
}

/** S3's DeleteObjects takes at most this many keys. */
const DELETE_BATCH = 1_000;

/**
 * Images in S3-compatible object storage, shared by every server instance. The bucket should let anyone
 * read `images/` (or a CDN serve it) and keep `originals/` private.
 */
export class S3Store implements MediaStore {
  readonly #client: S3Client;

  constructor(private readonly settings: S3Settings) {
    this.#client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
      // Checksums only where S3 requires them: S3-compatible services do not all know the newer ones.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: MediaBody, contentType: string): Promise<void> {
    const checked = checkedKey(key);
    await this.#client.send(
      new PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: checked,
        Body: Buffer.isBuffer(body) ? body : createReadStream(body.path),
        ContentLength: Buffer.isBuffer(body) ? body.length : body.size,
        ContentType: contentType,
        CacheControl: checked.startsWith(PUBLIC_PREFIX) ? IMMUTABLE_CACHE_CONTROL : 'private, no-store',
      }),
    );
  }

  async read(key: string): Promise<Readable> {
    const answer = await this.#client.send(
      new GetObjectCommand({ Bucket: this.settings.bucket, Key: checkedKey(key) }),
    );
    if (!(answer.Body instanceof Readable)) throw new Error(`no body for ${key}`);
    return answer.Body;
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (let start = 0; start < keys.length; start += DELETE_BATCH) {
      const batch = keys.slice(start, start + DELETE_BATCH).map((key) => ({ Key: checkedKey(key) }));
      const answer = await this.#client.send(
        new DeleteObjectsCommand({ Bucket: this.settings.bucket, Delete: { Objects: batch, Quiet: true } }),
      );
      const failed = answer.Errors?.[0];
      if (failed) throw new Error(`could not delete ${failed.Key}: ${failed.Code} ${failed.Message}`);
    }
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    const pages = paginateListObjectsV2(
      { client: this.#client },
      { Bucket: this.settings.bucket, Prefix: prefix },
    );
    for await (const page of pages) {
      for (const item of page.Contents ?? []) {
        if (item.Key) yield { key: item.Key, modifiedAt: item.LastModified ?? new Date(0) };
      }
    }
  }

  src(key: string): string {
    return `${this.settings.publicUrl}/${checkedKey(key)}`;
  }

  close(): void {
    this.#client.destroy();
  }
}

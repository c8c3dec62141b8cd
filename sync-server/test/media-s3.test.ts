import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app.js';
import type { Config } from '../src/config.js';
import {
  IMMUTABLE_CACHE_CONTROL,
  imagePrefix,
  ORIGINALS_PREFIX,
  originalKey,
  renditionKey,
} from '../src/media/media-store.js';
import { S3Store } from '../src/media/s3-store.js';
import { call, dataOf, listen } from './auth-helper.js';
import { type Catalog, catalogFixtures } from './catalog-helper.js';
import { testConfig } from './helper.js';
import { phoneJpeg } from './image-files.js';
import { settled, upload } from './media-helper.js';
import { S3RVER_CREDENTIALS, type S3Server, startS3Server } from './s3-server.js';

// The S3 media store against a real S3-compatible server (s3rver, in this process): the store on its own,
// then the whole app with MEDIA_STORE=s3, from upload to renditions clients fetch from the bucket, to delete.

let s3: S3Server;
/** The bucket as an operator sees it, through a client of our own rather than the store under test. */
let bucketClient: S3Client;
let store: S3Store;
let publicUrl: string;
let scratch: string;
let config: Config;
let app: App;
let base: string;
let catalog: Catalog;
let categoryId: string;

beforeAll(async () => {
  s3 = await startS3Server();
  publicUrl = `${s3.endpoint}/${s3.bucket}`;
  const connection = {
    region: 'us-east-1',
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
  };
  bucketClient = new S3Client(connection);
  store = new S3Store({ ...connection, bucket: s3.bucket, publicUrl });
  scratch = await mkdtemp(join(tmpdir(), 'allure-s3-test-'));

  config = testConfig({
    MEDIA_STORE: 's3',
    S3_BUCKET: s3.bucket,
    S3_ENDPOINT: s3.endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    MEDIA_PUBLIC_URL: publicUrl,
    RATE_LIMIT_PER_MINUTE: '100000',
    LOG_LEVEL: 'error',
  });
  app = await buildApp(config);
  base = await listen(app);
  catalog = await catalogFixtures(app);
  categoryId = (await catalog.category('robes')).id;
});

afterAll(async () => {
  await catalog?.remove();
  await app?.close();
  store?.close();
  bucketClient?.destroy();
  await s3?.stop();
  await Promise.all(
    [scratch, config?.media.dir, config?.media.tmpDir]
      .filter((folder): folder is string => folder !== undefined)
      .map((folder) => rm(folder, { recursive: true, force: true })),
  );
});

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function keysIn(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of paginateListObjectsV2(
    { client: bucketClient },
    { Bucket: s3.bucket, Prefix: prefix },
  )) {
    for (const item of page.Contents ?? []) if (item.Key) keys.push(item.Key);
  }
  return keys.sort();
}

async function listed(prefix: string) {
  const objects = [];
  for await (const object of store.list(prefix)) objects.push(object);
  return objects.sort((a, b) => a.key.localeCompare(b.key));
}

describe('the S3 store', () => {
  it('stores bytes and files, reads them back, lists them and deletes them', async () => {
    const imageId = randomUUID();
    const rendition = renditionKey(imageId, '320', 'aaaa', 'webp');
    const original = originalKey(imageId, 'bbbb', 'jpg');
    const inMemory = Buffer.from('a rendition held in memory');
    // Larger than one stream chunk, so the file is sent in several pieces.
    const onDisk = Buffer.alloc(300_000, 7);
    const path = join(scratch, 'upload');
    await writeFile(path, onDisk);
    const before = Date.now();

    await store.put(rendition, inMemory, 'image/webp');
    await store.put(original, { path, size: onDisk.length }, 'image/jpeg');

    expect(await bytesOf(await store.read(rendition))).toEqual(inMemory);
    expect(await bytesOf(await store.read(original))).toEqual(onDisk);
    await expect(store.read(renditionKey(imageId, '640', 'cccc', 'webp'))).rejects.toThrow();

    const renditions = await listed(imagePrefix(imageId));
    expect(renditions.map((object) => object.key)).toEqual([rendition]);
    // S3 dates are to the second.
    const modifiedAt = renditions[0]?.modifiedAt.getTime() ?? 0;
    expect(modifiedAt).toBeGreaterThanOrEqual(Math.floor(before / 1_000) * 1_000);
    expect(modifiedAt).toBeLessThanOrEqual(Date.now());
    expect((await listed(ORIGINALS_PREFIX)).map((object) => object.key)).toContain(original);

    // A key that is not there is no error, and does not stop the others going.
    await store.delete([rendition, renditionKey(imageId, '1280', 'dddd', 'avif')]);
    expect(await listed(imagePrefix(imageId))).toEqual([]);
    expect(await keysIn(ORIGINALS_PREFIX)).toContain(original);
    await store.delete([original]);
    expect(await keysIn(original)).toEqual([]);
  });

  it('names public objects under the public URL, cacheable for a year; originals stay private', async () => {
    const imageId = randomUUID();
    const rendition = renditionKey(imageId, '640', 'eeee', 'avif');
    const original = originalKey(imageId, 'ffff', 'png');
    await store.put(rendition, Buffer.from('avif bytes'), 'image/avif');
    await store.put(original, Buffer.from('png bytes'), 'image/png');

    expect(store.src(rendition)).toBe(`${publicUrl}/${rendition}`);
    const fetched = await fetch(store.src(rendition), { method: 'HEAD' });
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('image/avif');
    expect(fetched.headers.get('cache-control')).toBe(IMMUTABLE_CACHE_CONTROL);

    const head = await bucketClient.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: original }));
    expect(head.ContentType).toBe('image/png');
    expect(head.CacheControl).toBe('private, no-store');

    await store.delete([rendition, original]);
  });

  it('refuses a key it did not make', async () => {
    await expect(store.put('../escape', Buffer.from('x'), 'image/png')).rejects.toThrow(/bad media key/);
    expect(() => store.src('originals/../images/x')).toThrow(/bad media key/);
  });
});

describe('the app with MEDIA_STORE=s3', () => {
  it('uploads to the bucket, serves renditions from the public URL, and deletes every object of the image', async () => {
    const product = await catalog.product({ categoryId });
    const photo = await phoneJpeg(1400, 900);
    const answer = await upload(base, catalog.token, product.id, [
      { name: 'phone.jpg', type: 'image/jpeg', bytes: photo },
    ]);
    expect(answer.status).toBe(201);
    const imageId = answer.body.images?.[0]?.id ?? '';

    const [image] = await settled(app, catalog.token, product.id);
    expect(image?.status).toBe('ready');
    const renditions = image?.renditions ?? [];
    // Turned upright (900 wide): two widths in both formats.
    expect(renditions.map((item) => [item.format, item.width]).sort()).toEqual([
      ['avif', 320],
      ['avif', 640],
      ['webp', 320],
      ['webp', 640],
    ]);
    for (const rendition of renditions) {
      expect(rendition.src.startsWith(`${publicUrl}/${imagePrefix(imageId)}`)).toBe(true);
      const fetched = await fetch(rendition.src);
      expect(fetched.status).toBe(200);
      expect(fetched.headers.get('content-type')).toBe(`image/${rendition.format}`);
      expect(fetched.headers.get('cache-control')).toBe(IMMUTABLE_CACHE_CONTROL);
      const metadata = await sharp(Buffer.from(await fetched.arrayBuffer())).metadata();
      expect([metadata.width, metadata.height]).toEqual([rendition.width, rendition.height]);
    }

    // The bucket holds the original exactly as it was sent, and the renditions.
    const originals = await keysIn(`${ORIGINALS_PREFIX}${imageId}-`);
    expect(originals).toHaveLength(1);
    const stored = await bucketClient.send(
      new GetObjectCommand({ Bucket: s3.bucket, Key: originals[0] as string }),
    );
    expect(Buffer.from((await stored.Body?.transformToByteArray()) ?? [])).toEqual(photo);
    expect(await keysIn(imagePrefix(imageId))).toEqual(
      renditions.map((item) => item.src.slice(publicUrl.length + 1)).sort(),
    );

    const deleted = await call(
      app,
      'media.images.delete',
      { id: imageId },
      { token: catalog.token, type: 'mutation' },
    );
    expect(dataOf(deleted)).toEqual({ id: imageId });
    expect((await keysIn('')).filter((key) => key.includes(imageId))).toEqual([]);
    expect((await fetch(renditions[0]?.src ?? '')).status).toBe(404);
  });
});

import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Database } from '@allure/db/client';
import { MAX_PRODUCT_IMAGES } from '@allure/shared/product-image';
import type { FastifyBaseLogger } from 'fastify';
import sharp, { type Metadata } from 'sharp';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  PayloadTooLargeError,
  UnprocessableError,
  UnsupportedMediaTypeError,
} from '../errors.js';
import type { Jobs } from '../queue/jobs.js';
import { uprightSize } from './image-renditions.js';
import { acceptedImageTypes, type ImageType, SNIFF_BYTES, sniffImageType } from './image-type.js';
import { type MediaStore, originalKey } from './media-store.js';

/**
 * An upload, step by step, each undone if a later one fails (nothing half-done is left behind):
 *
 * 1. Every file streams to a temporary folder of its own, hashed as it arrives; nothing is held in memory.
 *    The bytes say what it is (never its name); its header says how many pixels it has, and a
 *    decompression bomb is refused before a pixel is decoded.
 * 2. Only when every file of the request passed, the originals go to the media store.
 * 3. One transaction records them (pending), after the product's image count is checked under its lock.
 *    If it fails, the stored originals are deleted.
 * 4. A render job per image is queued; one that could not be is queued by the recovery sweep.
 *
 * The temporary folder is removed whatever happens, an interrupted upload included.
 */

export interface UploadLimits {
  maxBytes: number;
  maxPixels: number;
  maxFiles: number;
}

export interface UploadDeps {
  db: Database;
  store: MediaStore;
  jobs: Jobs;
  limits: UploadLimits;
  tmpDir: string;
  log: FastifyBaseLogger;
}

/** One file of the multipart body, as @fastify/multipart hands it over. */
export interface IncomingFile {
  file: Readable & { truncated?: boolean };
}

interface ReceivedFile {
  path: string;
  size: number;
  hash: string;
  type: ImageType;
}

export interface UploadedImage {
  id: string;
  productId: string;
  variantId: string | null;
  position: number;
  status: 'pending';
  contentType: string;
  byteSize: number;
}

export interface UploadTarget {
  productId: string;
  variantId: string | null;
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function receiveFile(
  incoming: IncomingFile,
  path: string,
  number: number,
  limits: UploadLimits,
): Promise<ReceivedFile> {
  const hash = createHash('sha256');
  let size = 0;
  await pipeline(
    incoming.file,
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        hash.update(chunk);
        size += chunk.length;
        yield chunk;
      }
    },
    createWriteStream(path),
  );
  const megabytes = (limits.maxBytes / 1024 / 1024).toFixed(0);
  if (incoming.file.truncated)
    throw new PayloadTooLargeError(`file ${number} is larger than ${megabytes} MB`);
  if (size === 0) throw new InvalidInputError(`file ${number} is empty`);
  const type = sniffImageType(await readHead(path));
  if (!type) {
    throw new UnsupportedMediaTypeError(
      `file ${number} is not an image we take (JPEG, PNG, WebP, AVIF, GIF or TIFF), whatever its name says`,
    );
  }
  let metadata: Metadata;
  try {
    metadata = await sharp(path, { limitInputPixels: false }).metadata();
  } catch {
    throw new UnprocessableError(`file ${number} looks like ${type.toUpperCase()} but cannot be read`);
  }
  const { width, height } = uprightSize(metadata);
  if (width === 0 || height === 0) throw new UnprocessableError(`file ${number} has no size`);
  if (width * height > limits.maxPixels) {
    const megapixels = (value: number) => (value / 1_000_000).toFixed(1);
    throw new UnprocessableError(
      `file ${number} is ${width}×${height} (${megapixels(width * height)} megapixels); ` +
        `the most we take is ${megapixels(limits.maxPixels)}`,
    );
  }
  return { path, size, hash: hash.digest('hex').slice(0, 16), type };
}

/** Checks before the body is read, so a request doomed to fail is refused without waiting for its files. */
export async function checkUploadTarget(db: Database, target: UploadTarget): Promise<void> {
  const product = await db.prisma.product.findUnique({
    where: { id: target.productId },
    select: {
      _count: { select: { images: true } },
      variants: target.variantId ? { where: { id: target.variantId }, select: { id: true } } : false,
    },
  });
  if (!product) throw new NotFoundError('Product', target.productId);
  if (target.variantId !== null && !product.variants?.length) {
    throw new InvalidInputError(`variant ${target.variantId} is not one of this product's`);
  }
  if (product._count.images >= MAX_PRODUCT_IMAGES) {
    throw new ConflictError(`a product has at most ${MAX_PRODUCT_IMAGES} images; delete one first`);
  }
}

export async function uploadImages(
  deps: UploadDeps,
  target: UploadTarget,
  files: AsyncIterable<IncomingFile>,
): Promise<UploadedImage[]> {
  await mkdir(deps.tmpDir, { recursive: true });
  const folder = await mkdtemp(join(deps.tmpDir, 'upload-'));
  try {
    const received: ReceivedFile[] = [];
    for await (const incoming of files) {
      received.push(
        await receiveFile(incoming, join(folder, String(received.length)), received.length + 1, deps.limits),
      );
    }
    if (received.length === 0)
      throw new InvalidInputError('send at least one image file (multipart/form-data)');
    const images = received.map((file) => {
      const id = randomUUID();
      const type = acceptedImageTypes[file.type];
      return { file, id, key: originalKey(id, file.hash, type.extension), contentType: type.contentType };
    });
    const keys = images.map((image) => image.key);
    try {
      await Promise.all(
        images.map(({ file, key, contentType }) =>
          deps.store.put(key, { path: file.path, size: file.size }, contentType),
        ),
      );
      const recorded = await record(
        deps.db,
        target,
        images.map(({ file, id, key, contentType }) => ({
          id,
          storageKey: key,
          contentType,
          byteSize: file.size,
        })),
      );
      for (const image of recorded) void deps.jobs.renderImage(image.id);
      return recorded;
    } catch (error) {
      await deps.store
        .delete(keys)
        .catch((cleanup: unknown) =>
          deps.log.warn({ err: cleanup }, 'originals of a failed upload not deleted; the orphan sweep will'),
        );
      throw error;
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function record(
  db: Database,
  target: UploadTarget,
  images: { id: string; storageKey: string; contentType: string; byteSize: number }[],
): Promise<UploadedImage[]> {
  return db.prisma.$transaction(async (tx) => {
    // The product's lock orders concurrent uploads to it: each sees the others' images in its count.
    const locked = await tx.$queryRaw<{ count: number; next: number }[]>`
      SELECT (SELECT count(*)::int FROM product_image WHERE product_id = p.id) AS count,
             (SELECT coalesce(max(position) + 1, 0)::int FROM product_image WHERE product_id = p.id) AS next
        FROM product p WHERE p.id = ${target.productId}::uuid FOR UPDATE`;
    const state = locked[0];
    if (!state) throw new NotFoundError('Product', target.productId);
    if (state.count + images.length > MAX_PRODUCT_IMAGES) {
      throw new ConflictError(
        `a product has at most ${MAX_PRODUCT_IMAGES} images; it has ${state.count}, and this upload holds ${images.length}`,
      );
    }
    const rows = images.map((image, index) => ({
      ...image,
      productId: target.productId,
      variantId: target.variantId,
      position: state.next + index,
    }));
    await tx.productImage.createMany({ data: rows });
    return rows.map(({ id, productId, variantId, position, contentType, byteSize }) => ({
      id,
      productId,
      variantId,
      position,
      status: 'pending' as const,
      contentType,
      byteSize,
    }));
  });
}

import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Database } from '@allure/db/client';
import type { Rendition } from '@allure/shared/product-image';
import type { FastifyBaseLogger } from 'fastify';
import type { Attempt } from '../queue/jobs.js';
import { renderImage, UndecodableImageError } from './image-renditions.js';
import { type MediaStore, renditionKey } from './media-store.js';

export interface ProcessingDeps {
  db: Database;
  store: MediaStore;
  tmpDir: string;
  maxPixels: number;
  log: FastifyBaseLogger;
  /** After an image's state changed: terminals and the shop's cache hear of its product. */
  publish: (productId: string) => Promise<void>;
}

export type RenderOutcome = 'ready' | 'gone' | 'already-done';

const MAX_ERROR_LENGTH = 500;
const contentTypes = { avif: 'image/avif', webp: 'image/webp' } as const;

/** Thrown when retrying cannot help: the job gives up at once (the image is marked failed first). */
export class PermanentImageError extends Error {}

/**
 * The render job: the original from the store, its renditions back to the store, then the row made ready,
 * unless the image was deleted meanwhile (its renditions are then deleted again). Safe to run twice: a
 * ready image is left alone, and renditions are named by their content, so a second run writes the same
 * keys.
 */
export async function renderUploadedImage(
  deps: ProcessingDeps,
  imageId: string,
  attempt: Attempt,
): Promise<RenderOutcome> {
  const image = await deps.db.prisma.productImage.findUnique({
    where: { id: imageId },
    select: { productId: true, storageKey: true, status: true },
  });
  if (!image) return 'gone';
  if (image.status !== 'pending') return 'already-done';
  await mkdir(deps.tmpDir, { recursive: true });
  const folder = await mkdtemp(join(deps.tmpDir, 'render-'));
  try {
    const original = join(folder, 'original');
    await pipeline(await deps.store.read(image.storageKey), createWriteStream(original));
    const rendered = await renderImage(original, deps.maxPixels);
    const stored = rendered.files.map((file) => ({
      file,
      key: renditionKey(imageId, String(file.width), file.hash, file.format),
    }));
    await Promise.all(
      stored.map(({ file, key }) => deps.store.put(key, file.bytes, contentTypes[file.format])),
    );
    const renditions: Rendition[] = stored.map(({ file, key }) => ({
      format: file.format,
      width: file.width,
      height: file.height,
      src: deps.store.src(key),
    }));
    const { count } = await deps.db.prisma.productImage.updateMany({
      where: { id: imageId, status: 'pending' },
      data: {
        status: 'ready',
        width: rendered.width,
        height: rendered.height,
        renditions,
        placeholder: rendered.placeholder,
        error: null,
      },
    });
    if (count === 0) {
      // Deleted while it rendered: what was just stored belongs to nothing.
      await deps.store.delete(stored.map(({ key }) => key));
      return 'gone';
    }
    await deps.publish(image.productId);
    return 'ready';
  } catch (error) {
    const permanent = error instanceof UndecodableImageError;
    if (permanent || attempt.final) {
      const reason = permanent
        ? error.message
        : `the renditions could not be made: ${(error as Error).message}`;
      await markFailed(deps, imageId, image.productId, reason);
      if (permanent) throw new PermanentImageError(reason, { cause: error });
    }
    throw error;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function markFailed(deps: ProcessingDeps, imageId: string, productId: string, reason: string) {
  await deps.db.prisma.productImage.updateMany({
    where: { id: imageId, status: 'pending' },
    data: { status: 'failed', error: reason.slice(0, MAX_ERROR_LENGTH) },
  });
  await deps.publish(productId);
}

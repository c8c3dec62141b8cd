import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '@allure/db/client';
import type { Rendition } from '@allure/shared/product-image';
import type { FastifyBaseLogger } from 'fastify';
import type { Jobs } from '../queue/jobs.js';
import {
  imageIdOf,
  type MediaStore,
  ORIGINALS_PREFIX,
  PUBLIC_PREFIX,
  type StoredObject,
} from './media-store.js';

/**
 * The hourly clean-up of images, for what a crash can leave behind:
 *
 * - stored files that belong to no image (a process killed between storing an upload and recording it, or
 *   between deleting a row and its files), or that the image no longer uses; only when older than an hour,
 *   so an upload still on its way is never touched;
 * - pending images whose render job was never queued (Redis was down) or gave up without saying so;
 * - temporary folders of uploads and renders a killed process did not remove.
 */

const GRACE_MS = 3_600_000;
/** A pending image this old has surely lost its job. */
const PENDING_STALE_MS = 120_000;
const BATCH = 500;

export interface SweepDeps {
  db: Database;
  store: MediaStore;
  jobs: Jobs;
  tmpDir: string;
  log: FastifyBaseLogger;
}

export interface SweepCounts {
  orphans: number;
  requeued: number;
  temporary: number;
}

export async function sweepMedia(deps: SweepDeps, now = Date.now()): Promise<SweepCounts> {
  return {
    orphans: await deleteOrphans(deps, now - GRACE_MS),
    requeued: await requeueStalled(deps, now - PENDING_STALE_MS),
    temporary: await removeStaleTemporary(deps.tmpDir, now - GRACE_MS),
  };
}

async function deleteOrphans(deps: SweepDeps, before: number): Promise<number> {
  let deleted = 0;
  for (const prefix of [ORIGINALS_PREFIX, PUBLIC_PREFIX]) {
    let batch: StoredObject[] = [];
    for await (const object of deps.store.list(prefix)) {
      if (object.modifiedAt.getTime() >= before) continue;
      batch.push(object);
      if (batch.length >= BATCH) {
        deleted += await deleteUnused(deps, batch);
        batch = [];
      }
    }
    deleted += await deleteUnused(deps, batch);
  }
  return deleted;
}

/** Of these stored objects, deletes those no image uses. */
async function deleteUnused(deps: SweepDeps, objects: readonly StoredObject[]): Promise<number> {
  if (objects.length === 0) return 0;
  const ids = [...new Set(objects.map((object) => imageIdOf(object.key)).filter((id) => id !== null))];
  const images = await deps.db.prisma.productImage.findMany({
    where: { id: { in: ids } },
    select: { id: true, storageKey: true, renditions: true },
  });
  const used = new Set<string>();
  for (const image of images) {
    used.add(image.storageKey);
    for (const rendition of (image.renditions ?? []) as Rendition[]) used.add(rendition.src);
  }
  const unused = objects
    .map((object) => object.key)
    .filter((key) => !used.has(key) && !used.has(deps.store.src(key)));
  if (unused.length > 0) {
    await deps.store.delete(unused);
    deps.log.info({ count: unused.length }, 'media sweep: deleted files no image uses');
  }
  return unused.length;
}

async function requeueStalled(deps: SweepDeps, before: number): Promise<number> {
  const stalled = await deps.db.prisma.productImage.findMany({
    where: { status: 'pending', createdAt: { lt: new Date(before) } },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
    take: BATCH,
  });
  for (const image of stalled) await deps.jobs.renderImage(image.id, true);
  return stalled.length;
}

/** Removes the temporary folders of uploads and renders older than `before`. */
export async function removeStaleTemporary(tmpDir: string, before: number): Promise<number> {
  const entries = await readdir(tmpDir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of entries) {
    if (!/^(upload|render)-/.test(name)) continue;
    const path = join(tmpDir, name);
    const info = await stat(path).catch(() => null);
    if (!info || info.mtimeMs >= before) continue;
    await rm(path, { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}

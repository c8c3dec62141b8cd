import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import {
  checkedKey,
  type MediaBody,
  type MediaStore,
  PUBLIC_PREFIX,
  type StoredObject,
} from './media-store.js';

/** The path the server's own disk serves public images under (see media.routes.ts). */
export const DISK_MEDIA_PATH = '/media/';

/**
 * Images on the server's own disk, under `root`. Public images are served by this server under
 * /media/images/ (media.routes.ts). Fine for one instance, or several sharing one volume; beyond that, S3.
 */
export class DiskStore implements MediaStore {
  constructor(readonly root: string) {}

  #path(key: string): string {
    return join(this.root, ...checkedKey(key).split('/'));
  }

  async put(key: string, body: MediaBody, _contentType: string): Promise<void> {
    const path = this.#path(key);
    await mkdir(dirname(path), { recursive: true });
    // Written beside its final name, then renamed: a reader sees the whole file or none.
    const partial = `${path}.${randomBytes(6).toString('hex')}.partial`;
    try {
      if (Buffer.isBuffer(body)) await writeFile(partial, body);
      else await copyFile(body.path, partial);
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async read(key: string): Promise<Readable> {
    const path = this.#path(key);
    await stat(path);
    return createReadStream(path);
  }

  async delete(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((key) => rm(this.#path(key), { force: true })));
    // Empty image folders go too; one still holding files stays.
    const folders = new Set(
      keys.filter((key) => key.startsWith(PUBLIC_PREFIX)).map((key) => dirname(this.#path(key))),
    );
    await Promise.all([...folders].map((folder) => rmdir(folder).catch(() => {})));
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    const top = prefix.slice(0, prefix.indexOf('/') + 1);
    const entries = await readdir(join(this.root, top), { recursive: true, withFileTypes: true }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      },
    );
    for (const entry of entries) {
      // Half-written files a crash left are listed too, for the orphan sweep to delete.
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      const key = relative(this.root, path).split(sep).join('/');
      if (!key.startsWith(prefix)) continue;
      const info = await stat(path).catch(() => null);
      if (info) yield { key, modifiedAt: info.mtime };
    }
  }

  src(key: string): string {
    return `${DISK_MEDIA_PATH}${checkedKey(key)}`;
  }
}

import type { Readable } from 'node:stream';

/**
 * Where image files live: the server's own disk (one instance, or a shared volume) or S3-compatible object
 * storage (any number of instances). Keys are ours, never a client's file name:
 *
 * - `originals/<imageId>-<hash>.<ext>`: uploads as received, metadata included; never served.
 * - `images/<imageId>/<width>-<hash>.<format>` and the like: renditions, public, named by their content's
 *   hash so they can be cached for ever (a changed file is a new name).
 */
export interface MediaStore {
  /** Stores an object, replacing any of that key. A reader never sees it half-written. */
  put(key: string, body: MediaBody, contentType: string): Promise<void>;
  /** The object's bytes; rejects when there is none. */
  read(key: string): Promise<Readable>;
  /** Deletes these objects; a missing one is no error. */
  delete(keys: readonly string[]): Promise<void>;
  /** Every object whose key starts with `prefix`, in no particular order. */
  list(prefix: string): AsyncIterable<StoredObject>;
  /** Where a client fetches a public object: an absolute URL, or a path on the API's own origin. */
  src(key: string): string;
}

/** A file already on local disk (an upload's temporary file), or bytes in memory (a rendition). */
export type MediaBody = Buffer | { path: string; size: number };

export interface StoredObject {
  key: string;
  modifiedAt: Date;
}

/** Renditions are public; a client may cache them for a year without asking again. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
export const PUBLIC_PREFIX = 'images/';
export const ORIGINALS_PREFIX = 'originals/';

const KEY = /^(?:images|originals)\/[a-z0-9][a-z0-9._/-]{0,200}$/;

/** Keys are made by us; this refuses anything else (`..`, absolute paths) before it reaches a path. */
export function checkedKey(key: string): string {
  if (!KEY.test(key) || key.includes('..') || key.includes('//')) throw new Error(`bad media key: ${key}`);
  return key;
}

export const originalKey = (imageId: string, hash: string, extension: string) =>
  `${ORIGINALS_PREFIX}${imageId}-${hash}.${extension}`;
export const imagePrefix = (imageId: string) => `${PUBLIC_PREFIX}${imageId}/`;
export const renditionKey = (imageId: string, name: string, hash: string, format: string) =>
  `${imagePrefix(imageId)}${name}-${hash}.${format}`;

const IMAGE_ID = /^(?:images\/|originals\/)([0-9a-f-]{36})/;

/** The image an object belongs to, read from its key; null for a key of no image. */
export function imageIdOf(key: string): string | null {
  return IMAGE_ID.exec(key)?.[1] ?? null;
}

import { z } from 'zod';

/** Largest page any list endpoint returns; bigger exports are streamed, never paged. */
export const MAX_PAGE_SIZE = 100;

/**
 * Keyset (cursor) pagination input. The cursor is opaque to clients: the server encodes the sort key
 * of the last row it returned, so a page costs the same at row 20 and at row 2,000,000 (no OFFSET, no COUNT).
 */
export const pageInput = z.object({
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(24),
  cursor: z.string().min(1).max(512).optional(),
});
export type PageInput = z.infer<typeof pageInput>;

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

// Cursors travel in URLs, so base64url; built on btoa/atob because this module also runs in browsers.
export function encodeCursor(key: readonly (string | number)[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(key));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

/** Returns null for a cursor that is not one of ours, so callers answer 400 rather than 500. */
export function decodeCursor(cursor: string): (string | number)[] | null {
  try {
    const binary = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
    const key: unknown = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))),
    );
    if (Array.isArray(key) && key.every((part) => typeof part === 'string' || typeof part === 'number')) {
      return key;
    }
  } catch {
    // fall through: malformed base64 or JSON
  }
  return null;
}

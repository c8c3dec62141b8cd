/**
 * Keyset cursors of the catalog lists: the order they were given out for, the sort key of the last row and
 * its id. A cursor is only good for the order that gave it out: a price cursor makes no sense in a list
 * sorted by name, and is refused rather than misread.
 */
import { decodeCursor, encodeCursor } from './pagination.js';

/** The key each order sorts on, as it travels in the cursor. */
export interface CursorKeys {
  name: string;
  'price-asc': number;
  'price-desc': number;
  /** ISO 8601 creation time. */
  newest: string;
  /** Full-text search rank, a decimal with six places, as text so that it compares exactly. */
  relevance: string;
  /** Typo-tolerant search closeness, likewise. */
  similarity: string;
}
export type CursorOrder = keyof CursorKeys;

export interface Keyset<O extends CursorOrder> {
  key: CursorKeys[O];
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const RELEVANCE = /^\d{1,6}\.\d{6}$/;

const validKey: { [O in CursorOrder]: (key: unknown) => key is CursorKeys[O] } = {
  name: (key): key is string => typeof key === 'string' && key.length > 0 && key.length <= 160,
  'price-asc': (key): key is number => Number.isSafeInteger(key) && (key as number) >= 0,
  'price-desc': (key): key is number => Number.isSafeInteger(key) && (key as number) >= 0,
  newest: (key): key is string =>
    typeof key === 'string' && ISO_INSTANT.test(key) && !Number.isNaN(Date.parse(key)),
  relevance: (key): key is string => typeof key === 'string' && RELEVANCE.test(key),
  similarity: (key): key is string => typeof key === 'string' && RELEVANCE.test(key),
};

export function encodeKeysetCursor<O extends CursorOrder>(order: O, key: CursorKeys[O], id: string): string {
  return encodeCursor([order, key, id]);
}

/** The keyset of a cursor this order gave out, or null for anything else. */
export function parseKeysetCursor<O extends CursorOrder>(cursor: string, order: O): Keyset<O> | null {
  const parts = decodeCursor(cursor);
  if (parts === null || parts.length !== 3) return null;
  const [given, key, id] = parts;
  if (given !== order || typeof id !== 'string' || !UUID.test(id)) return null;
  return validKey[order](key) ? { key, id } : null;
}

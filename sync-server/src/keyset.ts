import { decodeCursor, encodeCursor, type Page, type PageInput } from '@allure/shared/pagination';
import { InvalidInputError } from './errors.js';

// Cursors of keyset-paginated lists. Each starts with the name of the order it was made for, so a cursor from
// one list (or one sort) handed to another is a 400, not a silently wrong page. Every part is checked for
// the type its column has: a forged cursor is a 400, never a database error.

type Part = 'string' | 'uuid' | 'number' | 'time';
type Value<P extends Part> = P extends 'number' ? number : P extends 'time' ? Date : string;
type Values<P extends readonly Part[]> = { [K in keyof P]: Value<P[K]> };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Numbers in cursors are quantities: a 32-bit integer column. */
const MAX_INT32 = 2_147_483_647;

export function readCursor<const P extends readonly Part[]>(
  cursor: string,
  order: string,
  parts: P,
): Values<P> {
  const key = decodeCursor(cursor);
  const refuse = () => new InvalidInputError('cursor is not one this list gave out');
  if (!key || key.length !== parts.length + 1 || key[0] !== order) throw refuse();
  return parts.map((part, index) => {
    const value = key[index + 1];
    if (part === 'number') {
      if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > MAX_INT32)
        throw refuse();
      return value;
    }
    if (typeof value !== 'string' || value.length > 200 || value.includes('\u0000')) throw refuse();
    if (part === 'uuid' && !uuidPattern.test(value)) throw refuse();
    if (part === 'time') {
      const time = new Date(value);
      const year = time.getUTCFullYear();
      if (Number.isNaN(time.getTime()) || year < 1 || year > 9999) throw refuse();
      return time;
    }
    return value;
  }) as Values<P>;
}

/** The page of `rows` (fetched with limit + 1) and the cursor after its last row. */
export function pageOf<T>(
  rows: T[],
  limit: number,
  order: string,
  key: (row: T) => readonly (string | number | Date)[],
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > limit && last
        ? encodeCursor([
            order,
            ...key(last).map((part) => (part instanceof Date ? part.toISOString() : part)),
          ])
        : null,
  };
}

// Newest-first lists (alerts, dead letters, quarantined documents), on (createdAt, id).

export const newestFirst = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

/** The Prisma `where` fragment for the rows after the cursor of list `order`. */
export function newestFirstAfter(input: PageInput, order: string) {
  if (input.cursor === undefined) return {};
  const [createdAt, id] = readCursor(input.cursor, order, ['time', 'uuid'] as const);
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] };
}

/** A page from `limit + 1` rows fetched in `newestFirst` order. */
export function newestFirstPage<T extends { id: string; createdAt: Date }>(
  rows: T[],
  limit: number,
  order: string,
): Page<T> {
  return pageOf(rows, limit, order, (row) => [row.createdAt, row.id]);
}

import { encodeCursor } from '@allure/shared/pagination';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from './errors.js';
import { pageOf, readCursor } from './keyset.js';

const id = '019b8d2b-8c00-7002-8000-000000000000';

describe('inventory cursors', () => {
  it('round-trip the key of the last row of a page', () => {
    const rows = [
      { at: new Date('2026-01-05T08:02:25.123Z'), id },
      { at: new Date('2026-01-05T08:02:24.000Z'), id },
    ];
    const page = pageOf(rows, 1, 'movements', (row) => [row.at, row.id]);
    expect(page.items).toEqual([rows[0]]);
    expect(readCursor(page.nextCursor ?? '', 'movements', ['time', 'uuid'])).toEqual([rows[0]?.at, id]);
    expect(pageOf(rows, 2, 'movements', (row) => [row.at, row.id]).nextCursor).toBeNull();
  });

  it.each([
    ['another list’s cursor', encodeCursor(['documents', '2026-01-05T08:02:25.123Z', id])],
    ['a cursor with a part missing', encodeCursor(['movements', '2026-01-05T08:02:25.123Z'])],
    ['a time that is not one', encodeCursor(['movements', 'yesterday', id])],
    ['a time the database cannot hold', encodeCursor(['movements', '+275000-01-01T00:00:00Z', id])],
    ['an id that is not a uuid', encodeCursor(['movements', '2026-01-05T08:02:25.123Z', "1' OR '1'='1"])],
    ['a NUL in a string', encodeCursor(['movements', '2026-01-05T08:02:25.123Z', `${id}\u0000`])],
    ['not a cursor at all', 'garbage'],
  ])('refuse %s as bad input', (_, cursor) => {
    expect(() => readCursor(cursor, 'movements', ['time', 'uuid'])).toThrow(InvalidInputError);
  });

  it.each([2 ** 31, 1.5, '3'])('refuse %s where a quantity belongs', (quantity) => {
    const cursor = encodeCursor(['low:quantity', quantity, id, id]);
    expect(() => readCursor(cursor, 'low:quantity', ['number', 'uuid', 'uuid'])).toThrow(InvalidInputError);
  });
});

import { describe, expect, it } from 'vitest';
import { encodeKeysetCursor, parseKeysetCursor } from './catalog-cursor.js';
import { encodeCursor } from './pagination.js';

const id = '0190f0e0-0000-7000-8000-000000000001';

describe('keyset cursors', () => {
  it('round-trips the key and id of every order', () => {
    expect(parseKeysetCursor(encodeKeysetCursor('name', 'Robe wax', id), 'name')).toEqual({
      key: 'Robe wax',
      id,
    });
    expect(parseKeysetCursor(encodeKeysetCursor('price-asc', 15_000, id), 'price-asc')).toEqual({
      key: 15_000,
      id,
    });
    const time = '2026-11-25T09:50:01.123Z';
    expect(parseKeysetCursor(encodeKeysetCursor('newest', time, id), 'newest')).toEqual({ key: time, id });
    expect(parseKeysetCursor(encodeKeysetCursor('relevance', '1.250000', id), 'relevance')).toEqual({
      key: '1.250000',
      id,
    });
  });

  it('refuses a cursor given out for another order', () => {
    const byPrice = encodeKeysetCursor('price-asc', 15_000, id);
    expect(parseKeysetCursor(byPrice, 'price-desc')).toBeNull();
    expect(parseKeysetCursor(byPrice, 'name')).toBeNull();
    expect(parseKeysetCursor(encodeKeysetCursor('name', 'Robe', id), 'relevance')).toBeNull();
    expect(parseKeysetCursor(encodeKeysetCursor('relevance', '0.500000', id), 'similarity')).toBeNull();
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['a bare key', encodeCursor(['Robe', id])],
    ['a non-uuid id', encodeCursor(['name', 'Robe', "1' OR '1'='1"])],
    ['a fractional price', encodeCursor(['price-asc', 12.5, id])],
    ['a negative price', encodeCursor(['price-asc', -1, id])],
    ['a price as text', encodeCursor(['price-asc', '100', id])],
    ['an empty name', encodeCursor(['name', '', id])],
    ['a date that is not ISO', encodeCursor(['newest', 'yesterday', id])],
    ['a relevance that is not a decimal', encodeCursor(['relevance', '1e9', id])],
    ['an extra part', encodeCursor(['name', 'Robe', id, 'x'])],
  ])('refuses %s', (_case, cursor) => {
    const orders = ['name', 'price-asc', 'newest', 'relevance'] as const;
    for (const order of orders) expect(parseKeysetCursor(cursor, order)).toBeNull();
  });
});

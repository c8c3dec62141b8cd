import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE, pageInput } from './pagination.js';

describe('keyset cursors', () => {
  it.each([
    [['2025-03-01T10:15:00.000Z', '3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f']],
    [[42, 'Robe wax Ndèye — été']],
    [[]],
  ])('round-trips %j through a URL-safe string', (key) => {
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]*$/);
    expect(decodeCursor(cursor)).toEqual(key);
  });

  it.each([
    '%%%',
    'bm90IGpzb24',
    encodeCursor([]).concat('x'),
    btoa('{"a":1}'),
    btoa('[true]'),
    btoa('[[1]]'),
  ])('returns null for a cursor that is not ours: %j', (cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });
});

describe('pageInput', () => {
  it.each([
    [{}, { limit: 24 }],
    [
      { limit: MAX_PAGE_SIZE, cursor: 'abc' },
      { limit: MAX_PAGE_SIZE, cursor: 'abc' },
    ],
  ])('parses %j', (input, output) => {
    expect(pageInput.parse(input)).toEqual(output);
  });

  it.each([
    { limit: 0 },
    { limit: MAX_PAGE_SIZE + 1 },
    { limit: 2.5 },
    { cursor: '' },
    { cursor: 'x'.repeat(513) },
  ])('rejects %j', (input) => {
    expect(pageInput.safeParse(input).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { slug } from './common.schema.js';
import { MAX_SLUG_LENGTH, nextFreeSlug, slugify } from './slug.js';

describe('slugify', () => {
  it.each([
    ['Robe wax Indigo', 'robe-wax-indigo'],
    ['Tops & chemisiers', 'tops-et-chemisiers'],
    ['Écharpe brodée – édition Gorée', 'echarpe-brodee-edition-goree'],
    ['  --Sac à dos!!  ', 'sac-a-dos'],
    ['Œuvre n°1', 'oeuvre-n-1'],
    ['★★★', ''],
  ])('%s → %s', (name, expected) => {
    expect(slugify(name)).toBe(expected);
  });

  it('makes slugs the slug schema accepts, short enough to take a suffix', () => {
    const long = slugify(`${'Robe longue en wax hollandais '.repeat(10)}Gorée`);
    expect(long.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH - 8);
    expect(long).not.toMatch(/-$/);
    expect(slug.safeParse(long).success).toBe(true);
    expect(slug.safeParse(`${long}-1234`).success).toBe(true);
    const oneWord = slugify('x'.repeat(300));
    expect(oneWord).toBe('x'.repeat(MAX_SLUG_LENGTH - 8));
  });
});

describe('nextFreeSlug', () => {
  it('keeps a free slug, and numbers a taken one from 2', () => {
    expect(nextFreeSlug('robe-wax', new Set())).toBe('robe-wax');
    expect(nextFreeSlug('robe-wax', new Set(['robe-wax']))).toBe('robe-wax-2');
    expect(nextFreeSlug('robe-wax', new Set(['robe-wax', 'robe-wax-2', 'robe-wax-4']))).toBe('robe-wax-3');
  });
});

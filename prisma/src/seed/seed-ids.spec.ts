import { createRandom } from '@allure/shared/random';
import { describe, expect, it } from 'vitest';
import { idSequence, seedId } from './seed-ids.js';

describe('seed ids', () => {
  it('are uuid v7-shaped, stable, and distinct across kinds', () => {
    expect(seedId('product', 0)).toBe(seedId('product', 0));
    expect(seedId('product', 0)).not.toBe(seedId('variant', 0));
    expect(seedId('variant', 41)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('sort in creation order within a kind', () => {
    const next = idSequence('movement');
    const ids = Array.from({ length: 1000 }, () => next());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('seeded random', () => {
  it('repeats the same sequence for the same seed', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 5 }, () => random.int(0, 1_000_000));
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('samples distinct items', () => {
    const random = createRandom(7);
    const sample = random.sample(['a', 'b', 'c', 'd', 'e'], 3);
    expect(new Set(sample).size).toBe(3);
  });
});

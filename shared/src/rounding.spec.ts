import { describe, expect, it } from 'vitest';
import { createRandom } from './random.js';
import { allocateByWeights, mulDivRound } from './rounding.js';

describe('mulDivRound', () => {
  it.each([
    // value, multiplier, divisor, expected
    [1, 1800, 10_000, 0], // 0.18 → 0
    [3, 1800, 10_000, 1], // 0.54 → 1
    [25, 2000, 10_000, 5], // exact
    [5, 1, 10, 1], // 0.5 → 1 (half away from zero)
    [15, 1, 10, 2], // 1.5 → 2
    [25, 1, 10, 3], // 2.5 → 3 (not banker's 2)
    [-5, 1, 10, -1], // -0.5 → -1 (symmetric)
    [-25, 1, 10, -3],
    [-4, 1, 10, 0],
    [49, 1, 100, 0],
    [50, 1, 100, 1],
    [1_000_000_000_000, 2000, 10_000, 200_000_000_000], // product 2×10^15 needs exact arithmetic
    [1_000_000_000_000, 9999, 10_000, 999_900_000_000],
    [999_999_999_999, 1800, 11_800, 152_542_372_881], // 152542372881.2…
  ])('%i × %i ÷ %i = %i', (value, multiplier, divisor, expected) => {
    expect(mulDivRound(value, multiplier, divisor)).toBe(expected);
  });

  it('never returns negative zero', () => {
    expect(Object.is(mulDivRound(-1, 1, 10), 0)).toBe(true);
  });

  it.each([
    [1.5, 1, 1],
    [1, 1, 0],
    [1, 1, -3],
    [Number.MAX_SAFE_INTEGER + 1, 1, 1],
  ])('rejects mulDivRound(%d, %d, %d)', (value, multiplier, divisor) => {
    expect(() => mulDivRound(value, multiplier, divisor)).toThrow(RangeError);
  });

  it('rejects a result that is not a safe integer', () => {
    expect(() => mulDivRound(Number.MAX_SAFE_INTEGER, 2, 1)).toThrow(RangeError);
  });
});

describe('allocateByWeights', () => {
  it.each([
    { total: 100, weights: [1, 1, 1], expected: [34, 33, 33] },
    { total: 100, weights: [1, 1, 1, 1, 1, 1], expected: [17, 17, 17, 17, 16, 16] },
    { total: 10, weights: [3, 7], expected: [3, 7] },
    { total: 1, weights: [1, 1], expected: [1, 0] }, // tie → earlier index
    { total: 5, weights: [1, 2, 7], expected: [1, 1, 3] }, // 0.5/1.0/3.5: ties at .5 go to the earlier part
    { total: 7, weights: [0, 5, 0, 5], expected: [0, 4, 0, 3] },
    { total: 100, weights: [1000, 2000, 3000], expected: [17, 33, 50] }, // 16.67/33.33/50 → remainder to first
    { total: -100, weights: [1, 1, 1], expected: [-34, -33, -33] },
    { total: 0, weights: [5, 5], expected: [0, 0] },
    { total: 0, weights: [0, 0], expected: [0, 0] },
    { total: 3, weights: [1], expected: [3] },
    { total: 1_000_000_000_000, weights: [999_999_999_999, 1], expected: [999_999_999_999, 1] },
  ])('splits $total over $weights as $expected', ({ total, weights, expected }) => {
    expect(allocateByWeights(total, weights)).toEqual(expected);
  });

  it('gives each part within one unit of its exact share and sums exactly (pseudo-random cases)', () => {
    // mulberry32: a tiny deterministic PRNG, so a failure always reproduces.
    const random = createRandom(42);
    const next = (max: number) => random.int(0, max - 1);
    for (let run = 0; run < 500; run += 1) {
      const weights = Array.from({ length: 1 + next(20) }, () => next(1_000_000));
      const weightSum = weights.reduce((a, b) => a + b, 0);
      if (weightSum === 0) continue;
      const total = next(10_000_000) - 5_000_000;
      const parts = allocateByWeights(total, weights);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
      parts.forEach((part, index) => {
        const exact = (total * (weights[index] ?? 0)) / weightSum;
        expect(Math.abs(part - exact)).toBeLessThan(1);
      });
    }
  });

  it.each([
    { total: 1, weights: [0, 0] },
    { total: 1, weights: [] },
    { total: 1, weights: [-1, 2] },
    { total: 1, weights: [0.5] },
    { total: 1.5, weights: [1] },
  ])('rejects splitting $total over $weights', ({ total, weights }) => {
    expect(() => allocateByWeights(total, weights)).toThrow(RangeError);
  });
});

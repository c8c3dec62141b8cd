import { describe, expect, it } from 'vitest';
import { type Discount, discountAmount, prorateCartDiscount } from './discount.js';
import { createRandom } from './random.js';

const percent = (basisPoints: number): Discount => ({ type: 'percent', basisPoints });
const amount = (value: number): Discount => ({ type: 'amount', amount: value });

describe('discountAmount', () => {
  it.each<[string, number, Discount | undefined, number]>([
    ['10 % of 100.00 EUR', 10_000, percent(1000), 1000],
    ['10 % of 9.99 EUR rounds half away from zero (99.9)', 999, percent(1000), 100],
    ['10 % of 5 XOF (0.5 → 1)', 5, percent(1000), 1],
    ['10 % of 4 XOF (0.4 → 0)', 4, percent(1000), 0],
    ['12.5 % of 1 500 XOF', 1500, percent(1250), 188],
    ['100 % takes the whole line', 4999, percent(10_000), 4999],
    ['a fixed amount', 1500, amount(500), 500],
    ['a fixed amount larger than the line stops at zero', 1500, amount(2000), 1500],
    ['anything off nothing is nothing', 0, amount(100), 0],
    ['no discount', 1500, undefined, 0],
  ])('%s', (_, base, value, expected) => {
    expect(discountAmount(base, value)).toBe(expected);
  });

  it.each([percent(0), percent(10_001), percent(12.5), amount(0), amount(-5), amount(1.5)])(
    'rejects %o',
    (value) => {
      expect(() => discountAmount(100, value)).toThrow(RangeError);
    },
  );

  it('rejects a negative base', () => {
    expect(() => discountAmount(-1, percent(1000))).toThrow(RangeError);
  });
});

describe('prorateCartDiscount', () => {
  it.each<[string, number[], Discount | undefined, number, number[]]>([
    [
      'proportional, leftover unit to the largest remainder',
      [1000, 2000, 3000],
      amount(100),
      100,
      [17, 33, 50],
    ],
    ['10 % of the cart', [1000, 2000, 3000], percent(1000), 600, [100, 200, 300]],
    ['XOF thirds', [1500, 1500, 1500], amount(1000), 1000, [334, 333, 333]],
    ['capped at the cart, free lines get nothing', [100, 0, 50], amount(1000), 150, [100, 0, 50]],
    ['nothing to discount', [0, 0], amount(10), 0, [0, 0]],
    ['half of 3 XOF rounds to 2 and is spread', [1, 1, 1], percent(5000), 2, [1, 1, 0]],
    ['empty cart', [], amount(10), 0, []],
    ['no cart discount', [100, 200], undefined, 0, [0, 0]],
  ])('%s', (_, lines, value, applied, shares) => {
    expect(prorateCartDiscount(lines, value)).toEqual({ applied, shares });
  });

  it('shares sum exactly and never exceed their line, over many pseudo-random carts', () => {
    const random = createRandom(7);
    const next = (max: number) => random.int(0, max - 1);
    for (let run = 0; run < 1000; run += 1) {
      const lines = Array.from({ length: 1 + next(30) }, () => next(100_000));
      const value = next(2) === 0 ? percent(1 + next(10_000)) : amount(1 + next(200_000));
      const { applied, shares } = prorateCartDiscount(lines, value);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(applied);
      expect(applied).toBeLessThanOrEqual(lines.reduce((a, b) => a + b, 0));
      shares.forEach((share, index) => {
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(lines[index] ?? 0);
      });
    }
  });
});

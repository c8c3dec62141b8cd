import { describe, expect, it } from 'vitest';
import { weightedAverageCost } from './stock-cost.js';

describe('weightedAverageCost', () => {
  it.each([
    [
      'averages in proportion to units',
      { onHand: 10, unitCost: 1000 },
      { quantity: 10, unitCost: 2000 },
      1500,
    ],
    ['weighs the larger stock more', { onHand: 30, unitCost: 1000 }, { quantity: 10, unitCost: 2000 }, 1250],
    ['rounds a quarter down', { onHand: 3, unitCost: 1000 }, { quantity: 1, unitCost: 1001 }, 1000],
    ['rounds a half up', { onHand: 3, unitCost: 1000 }, { quantity: 1, unitCost: 1002 }, 1001],
    [
      'takes the received cost with nothing on hand',
      { onHand: 0, unitCost: 1000 },
      { quantity: 5, unitCost: 700 },
      700,
    ],
    [
      'takes the received cost after an oversell',
      { onHand: -4, unitCost: 1000 },
      { quantity: 5, unitCost: 700 },
      700,
    ],
    [
      'takes the received cost when none is known',
      { onHand: 12, unitCost: null },
      { quantity: 5, unitCost: 700 },
      700,
    ],
    ['keeps a free receipt in the average', { onHand: 1, unitCost: 900 }, { quantity: 2, unitCost: 0 }, 300],
  ])('%s', (_, current, received, expected) => {
    expect(weightedAverageCost(current, received)).toBe(expected);
  });

  it('stays exact where plain numbers would not (products beyond 2^53)', () => {
    const current = { onHand: 9_000_000, unitCost: 2_147_483_647 };
    const received = { quantity: 10_000, unitCost: 2_147_483_646 };
    // (9e6 × c + 1e4 × (c − 1)) / (9.01e6) = c − 1e4 / 9.01e6 = c − 0.00111 → rounds to c.
    expect(weightedAverageCost(current, received)).toBe(2_147_483_647);
    expect(weightedAverageCost({ onHand: 1, unitCost: 2_147_483_647 }, { quantity: 1, unitCost: 0 })).toBe(
      1_073_741_824,
    );
  });

  it.each([
    { quantity: 0, unitCost: 100 },
    { quantity: 1.5, unitCost: 100 },
    { quantity: 1, unitCost: -1 },
    { quantity: 1, unitCost: 0.5 },
  ])('refuses a receipt of %j', (received) => {
    expect(() => weightedAverageCost({ onHand: 1, unitCost: 100 }, received)).toThrow(RangeError);
  });
});

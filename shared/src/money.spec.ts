import { describe, expect, it } from 'vitest';
import { minorUnitExponent } from './currency.js';
import {
  addMoney,
  allocateMoney,
  CurrencyMismatchError,
  compareMoney,
  createMoney,
  MAX_MONEY_AMOUNT,
  multiplyMoney,
  subtractMoney,
  sumMoney,
} from './money.js';
import { money } from './money.schema.js';

const xof = (amount: number) => createMoney(amount, 'XOF');
const eur = (amount: number) => createMoney(amount, 'EUR');

describe('minor-unit exponents', () => {
  it.each([
    ['XOF', 0],
    ['EUR', 2],
    ['USD', 2],
    ['GBP', 2],
  ] as const)('%s has %i decimals', (code, exponent) => {
    expect(minorUnitExponent(code)).toBe(exponent);
  });
});

describe('createMoney', () => {
  it.each([0, 1, -1, 1500, MAX_MONEY_AMOUNT, -MAX_MONEY_AMOUNT])('accepts %d minor units', (amount) => {
    expect(createMoney(amount, 'EUR')).toEqual({ amount, currency: 'EUR' });
  });

  it.each([0.5, 12.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_MONEY_AMOUNT + 1, -MAX_MONEY_AMOUNT - 1])(
    'rejects %d minor units',
    (amount) => {
      expect(() => createMoney(amount, 'EUR')).toThrow(RangeError);
    },
  );

  it('normalises negative zero', () => {
    expect(Object.is(createMoney(-0, 'XOF').amount, 0)).toBe(true);
  });
});

describe('arithmetic', () => {
  it.each([
    [xof(1500), xof(500), 2000, 1000],
    [eur(1), eur(99), 100, -98],
    [eur(0), eur(0), 0, 0],
  ])('%o and %o add to %i and subtract to %i', (a, b, sum, difference) => {
    expect(addMoney(a, b).amount).toBe(sum);
    expect(subtractMoney(a, b).amount).toBe(difference);
  });

  it.each([
    [eur(1250), 3, 3750],
    [xof(1500), 10_000, 15_000_000],
    [eur(1), 0, 0],
  ])('%o × %i = %i', (value, quantity, expected) => {
    expect(multiplyMoney(value, quantity).amount).toBe(expected);
  });

  it('rejects a fractional quantity', () => {
    expect(() => multiplyMoney(eur(100), 1.5)).toThrow(RangeError);
  });

  it('refuses to leave the cap', () => {
    expect(() => addMoney(eur(MAX_MONEY_AMOUNT), eur(1))).toThrow(RangeError);
    expect(() => multiplyMoney(eur(MAX_MONEY_AMOUNT / 10), 11)).toThrow(RangeError);
  });

  it('refuses to mix currencies', () => {
    expect(() => addMoney(eur(1), xof(1))).toThrow(CurrencyMismatchError);
    expect(() => compareMoney(eur(1), xof(1))).toThrow(CurrencyMismatchError);
  });

  it('sums a list, zero for an empty one', () => {
    expect(sumMoney('XOF', [xof(100), xof(250), xof(-50)])).toEqual(xof(300));
    expect(sumMoney('EUR', [])).toEqual(eur(0));
  });

  it.each([
    [eur(1), eur(2), -1],
    [eur(2), eur(2), 0],
    [eur(3), eur(2), 1],
    [xof(-5), xof(-6), 1],
  ])('compares %o with %o as %i', (a, b, expected) => {
    expect(compareMoney(a, b)).toBe(expected);
  });
});

describe('allocateMoney', () => {
  it.each([
    { total: eur(1000), weights: [1, 1, 1], expected: [334, 333, 333] },
    { total: xof(1500), weights: [2, 1], expected: [1000, 500] },
    { total: xof(1), weights: [1, 1, 1], expected: [1, 0, 0] },
  ])('splits $total.amount over $weights', ({ total, weights, expected }) => {
    const parts = allocateMoney(total, weights);
    expect(parts.map((part) => part.amount)).toEqual(expected);
    expect(parts.every((part) => part.currency === total.currency)).toBe(true);
  });
});

describe('money schema', () => {
  it.each([
    [{ amount: 1500, currency: 'XOF' }, true],
    [{ amount: -1250, currency: 'EUR' }, true],
    [{ amount: 12.5, currency: 'EUR' }, false],
    [{ amount: MAX_MONEY_AMOUNT + 1, currency: 'EUR' }, false],
    [{ amount: 100, currency: 'JPY' }, false],
    [{ amount: '100', currency: 'EUR' }, false],
  ])('%o valid: %s', (value, valid) => {
    expect(money.safeParse(value).success).toBe(valid);
  });
});

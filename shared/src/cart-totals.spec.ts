import { describe, expect, it } from 'vitest';
import { type Cart, type CartLine, computeCartTotals, MAX_CART_LINES, MAX_QUANTITY } from './cart-totals.js';
import type { Currency } from './currency.js';
import type { Discount } from './discount.js';
import { createRandom } from './random.js';

let variantCounter = 0;
function line(quantity: number, unitPrice: number, vatRate: number, lineDiscount?: Discount): CartLine {
  variantCounter += 1;
  return {
    variantId: `00000000-0000-4000-8000-${String(variantCounter).padStart(12, '0')}`,
    quantity,
    unitPrice,
    vatRate,
    lineDiscount,
  };
}

function cart(
  currency: Currency,
  pricesIncludeTax: boolean,
  lines: CartLine[],
  cartDiscount?: Discount,
): Cart {
  return { currency, pricesIncludeTax, lines, cartDiscount };
}

describe('computeCartTotals, worked examples (checked against an independent rational-arithmetic model)', () => {
  it('Dakar, XOF, prices include 18 % VAT, a line discount, an exempt line and a 1 000 XOF cart discount', () => {
    const totals = computeCartTotals(
      cart(
        'XOF',
        true,
        [
          line(2, 15_000, 1800),
          line(1, 9900, 1800, { type: 'percent', basisPoints: 1000 }),
          line(3, 2500, 0),
        ],
        { type: 'amount', amount: 1000 },
      ),
    );
    expect(totals.lines).toEqual([
      {
        vatRate: 1800,
        gross: 30_000,
        lineDiscount: 0,
        cartDiscount: 646,
        discount: 646,
        net: 24_876,
        tax: 4478,
        total: 29_354,
      },
      {
        vatRate: 1800,
        gross: 9900,
        lineDiscount: 990,
        cartDiscount: 192,
        discount: 1182,
        net: 7388,
        tax: 1330,
        total: 8718,
      },
      {
        vatRate: 0,
        gross: 7500,
        lineDiscount: 0,
        cartDiscount: 162,
        discount: 162,
        net: 7338,
        tax: 0,
        total: 7338,
      },
    ]);
    expect(totals).toMatchObject({
      currency: 'XOF',
      subtotal: 47_400,
      lineDiscountTotal: 990,
      cartDiscountTotal: 1000,
      discountTotal: 1990,
      netTotal: 39_602,
      taxTotal: 5808,
      total: 45_410,
    });
    expect(totals.taxBreakdown).toEqual([
      { vatRate: 1800, net: 32_264, tax: 5808, total: 38_072 },
      { vatRate: 0, net: 7338, tax: 0, total: 7338 },
    ]);
  });

  const parisLines = () => [
    line(1, 4999, 2000),
    line(2, 1250, 550),
    line(3, 1999, 2000, { type: 'amount', amount: 500 }),
  ];

  it('Paris, EUR, prices include VAT at 20 % and 5.5 %, 10 % off the cart', () => {
    const totals = computeCartTotals(cart('EUR', true, parisLines(), { type: 'percent', basisPoints: 1000 }));
    expect(
      totals.lines.map(({ cartDiscount, net, tax, total }) => ({ cartDiscount, net, tax, total })),
    ).toEqual([
      { cartDiscount: 500, net: 3749, tax: 750, total: 4499 },
      { cartDiscount: 250, net: 2133, tax: 117, total: 2250 },
      { cartDiscount: 550, net: 4122, tax: 825, total: 4947 },
    ]);
    expect(totals).toMatchObject({ subtotal: 13_496, discountTotal: 1800, taxTotal: 1692, total: 11_696 });
  });

  it('the same cart with tax added on top', () => {
    const totals = computeCartTotals(
      cart('EUR', false, parisLines(), { type: 'percent', basisPoints: 1000 }),
    );
    expect(totals.lines.map(({ net, tax, total }) => ({ net, tax, total }))).toEqual([
      { net: 4499, tax: 900, total: 5399 },
      { net: 2250, tax: 124, total: 2374 },
      { net: 4947, tax: 989, total: 5936 },
    ]);
    expect(totals).toMatchObject({
      subtotal: 13_496,
      discountTotal: 1800,
      netTotal: 11_696,
      taxTotal: 2013,
      total: 13_709,
    });
  });

  it('an empty cart costs nothing', () => {
    expect(computeCartTotals(cart('EUR', true, [], { type: 'amount', amount: 500 }))).toEqual({
      currency: 'EUR',
      pricesIncludeTax: true,
      lines: [],
      subtotal: 0,
      lineDiscountTotal: 0,
      cartDiscountTotal: 0,
      discountTotal: 0,
      netTotal: 0,
      taxTotal: 0,
      total: 0,
      taxBreakdown: [],
    });
  });

  it('a cart discount larger than the cart makes it free, never negative', () => {
    const totals = computeCartTotals(
      cart('XOF', true, [line(1, 1500, 1800), line(2, 500, 1800)], { type: 'amount', amount: 1_000_000 }),
    );
    expect(totals.cartDiscountTotal).toBe(2500);
    expect(totals.lines.map((l) => l.total)).toEqual([0, 0]);
    expect(totals.total).toBe(0);
  });

  it('rounds tax per line: 200 lines of 1 XOF carry no tax, one line of 200 × 1 XOF carries 36', () => {
    const many = computeCartTotals(
      cart(
        'XOF',
        false,
        Array.from({ length: MAX_CART_LINES }, () => line(1, 1, 1800)),
      ),
    );
    expect(many).toMatchObject({ taxTotal: 0, total: 200 });
    const one = computeCartTotals(cart('XOF', false, [line(MAX_CART_LINES, 1, 1800)]));
    expect(one).toMatchObject({ taxTotal: 36, total: 236 });
  });

  it('handles big amounts exactly: 10 000 × 100 000 000 XOF at 18 % included', () => {
    const totals = computeCartTotals(cart('XOF', true, [line(MAX_QUANTITY, 100_000_000, 1800)]));
    expect(totals).toMatchObject({
      total: 1_000_000_000_000,
      taxTotal: 152_542_372_881,
      netTotal: 847_457_627_119,
    });
  });

  it.each<[string, Cart]>([
    ['quantity 0', cart('EUR', true, [line(0, 100, 2000)])],
    ['quantity above the limit', cart('EUR', true, [line(MAX_QUANTITY + 1, 100, 2000)])],
    ['fractional quantity', cart('EUR', true, [line(1.5, 100, 2000)])],
    ['negative price', cart('EUR', true, [line(1, -100, 2000)])],
    ['fractional price', cart('EUR', true, [line(1, 12.5, 2000)])],
    ['rate above 100 %', cart('EUR', true, [line(1, 100, 10_001)])],
    ['a line beyond the money cap', cart('XOF', true, [line(MAX_QUANTITY, 100_000_001, 1800)])],
    ['a total beyond the money cap', cart('XOF', false, [line(MAX_QUANTITY, 100_000_000, 1800)])],
    [
      'too many lines',
      cart(
        'XOF',
        true,
        Array.from({ length: MAX_CART_LINES + 1 }, () => line(1, 1, 0)),
      ),
    ],
    ['an invalid discount', cart('EUR', true, [line(1, 100, 2000, { type: 'percent', basisPoints: 0 })])],
  ])('rejects %s', (_, input) => {
    expect(() => computeCartTotals(input)).toThrow(RangeError);
  });
});

describe('computeCartTotals invariants over pseudo-random carts', () => {
  // mulberry32 with a fixed seed: the same 3 000 carts on every run, so a failure always reproduces.
  const random = createRandom(20_240_601);
  const next = (max: number) => random.int(0, max - 1);
  const pick = <T>(items: readonly T[]): T => items[next(items.length)] as T;
  const randomDiscount = (maxAmount: number): Discount | undefined =>
    pick([
      undefined,
      undefined,
      { type: 'percent', basisPoints: 1 + next(10_000) },
      { type: 'amount', amount: 1 + next(maxAmount) },
    ]);

  const carts = Array.from({ length: 3000 }, (): Cart => {
    const currency = pick(['XOF', 'EUR'] as const);
    const maxPrice = currency === 'XOF' ? 200_000 : 50_000;
    const lines = Array.from({ length: 1 + next(25) }, () =>
      line(
        1 + next(pick([1, 3, 20, MAX_QUANTITY])),
        next(maxPrice),
        pick([0, 550, 1000, 1800, 2000]),
        randomDiscount(maxPrice),
      ),
    );
    return cart(currency, next(2) === 0, lines, randomDiscount(maxPrice * 10));
  });

  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

  // 3,000 carts × ~13 lines × 11 invariants: checked as plain comparisons and reported together, because
  // half a million `expect` calls take seconds on a busy 2-core machine.
  it('every line adds up and stays within its gross', () => {
    const violations: string[] = [];
    carts.forEach((input, cartIndex) => {
      const totals = computeCartTotals(input);
      if (totals.lines.length !== input.lines.length) violations.push(`cart ${cartIndex}: line count`);
      totals.lines.forEach((l, index) => {
        const source = input.lines[index];
        const exactTax = input.pricesIncludeTax
          ? (l.total * l.vatRate) / (10_000 + l.vatRate)
          : (l.net * l.vatRate) / 10_000;
        const invariants: [string, boolean][] = [
          ['gross = quantity × unit price', l.gross === (source?.quantity ?? 0) * (source?.unitPrice ?? 0)],
          ['discount = line + cart', l.discount === l.lineDiscount + l.cartDiscount],
          ['discounts ≥ 0', l.lineDiscount >= 0 && l.cartDiscount >= 0],
          ['discount ≤ gross', l.discount <= l.gross],
          ['net + tax = total', l.net + l.tax === l.total],
          ['net, tax ≥ 0', l.net >= 0 && l.tax >= 0],
          ['price after discount', (input.pricesIncludeTax ? l.total : l.net) === l.gross - l.discount],
          ['tax within half a unit', Math.abs(l.tax - exactTax) <= 0.5 + 1e-9],
        ];
        for (const [name, holds] of invariants) {
          if (!holds) violations.push(`cart ${cartIndex} line ${index}: ${name}`);
        }
      });
    });
    expect(violations).toEqual([]);
  });

  it('the order totals are exactly the sums of the lines, and the cart discount is fully spread', () => {
    for (const input of carts) {
      const totals = computeCartTotals(input);
      expect(sum(totals.lines.map((l) => l.total))).toBe(totals.total);
      expect(sum(totals.lines.map((l) => l.gross))).toBe(totals.subtotal);
      expect(sum(totals.lines.map((l) => l.tax))).toBe(totals.taxTotal);
      expect(sum(totals.lines.map((l) => l.cartDiscount))).toBe(totals.cartDiscountTotal);
      expect(totals.lineDiscountTotal + totals.cartDiscountTotal).toBe(totals.discountTotal);
      expect(totals.netTotal + totals.taxTotal).toBe(totals.total);
      expect(totals.subtotal - totals.discountTotal).toBe(
        input.pricesIncludeTax ? totals.total : totals.netTotal,
      );
      expect(sum(totals.taxBreakdown.map((rate) => rate.tax))).toBe(totals.taxTotal);
      expect(sum(totals.taxBreakdown.map((rate) => rate.net))).toBe(totals.netTotal);
      expect(sum(totals.taxBreakdown.map((rate) => rate.total))).toBe(totals.total);
    }
  });

  it('is deterministic, and with tax-inclusive prices the total does not depend on line order', () => {
    for (const input of carts.slice(0, 500)) {
      expect(computeCartTotals(input)).toEqual(computeCartTotals(structuredClone(input)));
      if (input.pricesIncludeTax) {
        const reversed = { ...input, lines: [...input.lines].reverse() };
        expect(computeCartTotals(reversed).total).toBe(computeCartTotals(input).total);
      }
    }
  });
});

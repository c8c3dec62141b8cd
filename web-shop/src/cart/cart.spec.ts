import { MAX_CHECKOUT_LINES, MAX_CHECKOUT_QUANTITY } from '@allure/shared/checkout-limits';
import { describe, expect, it } from 'vitest';
import {
  addToCart,
  type Cart,
  type CartLine,
  cartCount,
  cartSubtotal,
  limitQuantities,
  parseCart,
  setQuantity,
  withoutVariants,
} from './cart.js';

/** A v4-shaped id that differs for each `n`. */
function variantId(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

function line(n: number, overrides: Partial<CartLine> = {}): CartLine {
  return {
    variantId: variantId(n),
    quantity: 1,
    productName: `Robe ${n}`,
    slug: `robe-${n}`,
    size: 'M',
    colour: 'Bleu',
    price: 15_000,
    currency: 'XOF',
    image: null,
    ...overrides,
  };
}

function cartOf(count: number): Cart {
  return Array.from({ length: count }, (_, index) => line(index + 1));
}

function added(cart: Cart, newLine: CartLine): Cart {
  const result = addToCart(cart, newLine);
  if (!result.ok) throw new Error(`expected the line to be added, got ${result.reason}`);
  return result.cart;
}

describe('addToCart', () => {
  it('adds a new variant as a new line at the end', () => {
    const cart = added([line(1)], line(2, { quantity: 3 }));
    expect(cart.map((item) => [item.variantId, item.quantity])).toEqual([
      [variantId(1), 1],
      [variantId(2), 3],
    ]);
  });

  it('merges a variant already in the cart into its line, adding the quantities, in place', () => {
    const cart = added([line(1, { quantity: 2 }), line(2)], line(1, { quantity: 3 }));
    expect(cart).toHaveLength(2);
    expect(cart[0]).toMatchObject({ variantId: variantId(1), quantity: 5 });
    expect(cart[1]).toEqual(line(2));
  });

  it('refreshes what the line shows from the line added', () => {
    const cart = added(
      [line(1, { productName: 'Old name', price: 10_000 })],
      line(1, { productName: 'New name', price: 12_000 }),
    );
    expect(cart[0]).toMatchObject({ productName: 'New name', price: 12_000, quantity: 2 });
  });

  it('caps a line at 99 units, whether merged or new', () => {
    expect(added([line(1, { quantity: 98 })], line(1, { quantity: 5 }))[0]?.quantity).toBe(
      MAX_CHECKOUT_QUANTITY,
    );
    expect(added([line(1, { quantity: MAX_CHECKOUT_QUANTITY })], line(1))[0]?.quantity).toBe(
      MAX_CHECKOUT_QUANTITY,
    );
    expect(added([], line(1, { quantity: 150 }))[0]?.quantity).toBe(MAX_CHECKOUT_QUANTITY);
  });

  it('refuses a 51st line: the cart is full', () => {
    const full = cartOf(MAX_CHECKOUT_LINES);
    expect(addToCart(full, line(999))).toEqual({ ok: false, reason: 'full' });
    expect(added(cartOf(MAX_CHECKOUT_LINES - 1), line(999))).toHaveLength(MAX_CHECKOUT_LINES);
  });

  it('still adds to a line already in a full cart', () => {
    const result = addToCart(cartOf(MAX_CHECKOUT_LINES), line(7));
    expect(result.ok && result.cart[6]?.quantity).toBe(2);
  });

  it('leaves the cart it was given unchanged', () => {
    const cart = [line(1)];
    addToCart(cart, line(1, { quantity: 4 }));
    addToCart(cart, line(2));
    expect(cart).toEqual([line(1)]);
  });
});

describe('setQuantity', () => {
  const cart = [line(1, { quantity: 2 }), line(2, { quantity: 5 })];

  it('sets the quantity of that line only', () => {
    expect(setQuantity(cart, variantId(2), 7).map((item) => item.quantity)).toEqual([2, 7]);
  });

  it('removes the line at 0 and below', () => {
    expect(setQuantity(cart, variantId(1), 0).map((item) => item.variantId)).toEqual([variantId(2)]);
    expect(setQuantity(cart, variantId(1), -3).map((item) => item.variantId)).toEqual([variantId(2)]);
    expect(setQuantity(cart, variantId(1), 0.5).map((item) => item.variantId)).toEqual([variantId(2)]);
  });

  it('caps at 99', () => {
    expect(setQuantity(cart, variantId(1), 1000)[0]?.quantity).toBe(MAX_CHECKOUT_QUANTITY);
    expect(setQuantity(cart, variantId(1), Number.POSITIVE_INFINITY)[0]?.quantity).toBe(
      MAX_CHECKOUT_QUANTITY,
    );
  });

  it('drops the fraction of a typed quantity', () => {
    expect(setQuantity(cart, variantId(1), 3.9)[0]?.quantity).toBe(3);
  });

  it('leaves the cart as it was for a quantity that is not a number', () => {
    expect(setQuantity(cart, variantId(1), Number.NaN)).toEqual(cart);
  });

  it('changes nothing for a variant not in the cart', () => {
    expect(setQuantity(cart, variantId(9), 4)).toEqual(cart);
    expect(setQuantity(cart, variantId(9), 0)).toEqual(cart);
  });
});

describe('limitQuantities', () => {
  it('cuts each line to what is left, removes lines with nothing left and keeps the others', () => {
    const cart = [
      line(1, { quantity: 5 }),
      line(2, { quantity: 3 }),
      line(3, { quantity: 2 }),
      line(4, { quantity: 1 }),
    ];
    const available = new Map([
      [variantId(1), 2],
      [variantId(2), 0],
      [variantId(3), 10],
    ]);
    expect(limitQuantities(cart, available).map((item) => [item.variantId, item.quantity])).toEqual([
      [variantId(1), 2],
      [variantId(3), 2],
      [variantId(4), 1],
    ]);
  });
});

describe('withoutVariants', () => {
  it('removes exactly the lines of the variants named', () => {
    const cart = cartOf(4);
    expect(
      withoutVariants(cart, [variantId(2), variantId(4), variantId(9)]).map((item) => item.variantId),
    ).toEqual([variantId(1), variantId(3)]);
    expect(withoutVariants(cart, [])).toEqual(cart);
  });
});

describe('cartCount', () => {
  it('counts units, not lines', () => {
    expect(cartCount([])).toBe(0);
    expect(cartCount([line(1, { quantity: 2 }), line(2, { quantity: 3 })])).toBe(5);
  });
});

describe('cartSubtotal', () => {
  it('sums price × quantity in the lines’ currency', () => {
    expect(
      cartSubtotal([line(1, { quantity: 2, price: 15_000 }), line(2, { quantity: 1, price: 9_900 })]),
    ).toEqual({
      amount: 39_900,
      currency: 'XOF',
    });
    expect(cartSubtotal([line(1, { quantity: 3, price: 1250, currency: 'EUR' })])).toEqual({
      amount: 3750,
      currency: 'EUR',
    });
  });

  it('is null for an empty cart', () => {
    expect(cartSubtotal([])).toBeNull();
  });

  it('is null when the lines mix currencies: no sum of francs and euros', () => {
    expect(cartSubtotal([line(1), line(2, { currency: 'EUR', price: 1250 })])).toBeNull();
  });
});

describe('parseCart', () => {
  it('reads back a stored cart as it was written', () => {
    const cart = [
      line(1, { quantity: 2 }),
      line(2, { size: null, colour: null, currency: 'EUR', price: 1250 }),
    ];
    expect(parseCart(JSON.parse(JSON.stringify(cart)))).toEqual(cart);
  });

  it('is empty for anything that is not an array', () => {
    for (const stored of [null, undefined, 42, 'cart', { 0: line(1) }, true]) {
      expect(parseCart(stored), String(stored)).toEqual([]);
    }
  });

  it('skips items that are not lines', () => {
    expect(parseCart([null, 3, 'x', [], {}, line(1), { variantId: variantId(2) }])).toEqual([line(1)]);
  });

  it('keeps the first line of a variant stored twice', () => {
    expect(parseCart([line(1, { quantity: 2 }), line(2), line(1, { quantity: 7 })])).toEqual([
      line(1, { quantity: 2 }),
      line(2),
    ]);
  });

  it('skips a line whose variant is not a lower-case uuid', () => {
    const bad = [
      'not-a-uuid',
      '0B5F3C1E-8F4A-4C2B-9D7E-1A2B3C4D5E6F',
      `${variantId(1)}0`,
      variantId(1).replaceAll('-', ''),
      '',
      12,
    ];
    expect(parseCart(bad.map((id) => ({ ...line(1), variantId: id })))).toEqual([]);
  });

  it('skips a line whose quantity is not a whole number from 1 to 99', () => {
    const quantities: unknown[] = [0, -1, 100, 1.5, '2', null, Number.NaN];
    expect(parseCart(quantities.map((quantity, index) => ({ ...line(index + 1), quantity })))).toEqual([]);
    expect(parseCart([line(1, { quantity: 1 }), line(2, { quantity: 99 })])).toHaveLength(2);
  });

  it('skips a line without its name, slug or a whole price', () => {
    const broken = [
      { ...line(1), productName: undefined },
      { ...line(2), slug: 3 },
      { ...line(3), price: 12.5 },
      { ...line(4), price: '15000' },
    ];
    expect(parseCart(broken)).toEqual([]);
  });

  it('skips a line in a currency the shop does not sell in, or at a price no shelf has', () => {
    const broken = [
      { ...line(1), currency: 'EURO' },
      { ...line(2), currency: 'eur' },
      { ...line(3), currency: 7 },
      { ...line(4), price: -100 },
      { ...line(5), price: 1e15 },
    ];
    expect(parseCart(broken)).toEqual([]);
  });

  it('reads at most 50 lines', () => {
    expect(parseCart(JSON.parse(JSON.stringify(cartOf(60))))).toEqual(cartOf(MAX_CHECKOUT_LINES));
  });
});

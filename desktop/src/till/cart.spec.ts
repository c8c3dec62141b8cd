import { MAX_CART_LINES, MAX_QUANTITY } from '@allure/shared/cart-totals';
import { describe, expect, it } from 'vitest';
import { cartReducer, cartTotals, emptyCart, itemCount } from './cart.js';

const item = (n: number, unitPrice = 5_000) => ({
  variantId: `variant-${n}`,
  productName: `Pagne ${n}`,
  variantLabel: 'Unique',
  sku: `P-${n}`,
  unitPrice,
  vatRate: 1800,
});

describe('the cart', () => {
  it('adds a second scan of the same variant to its line, and a new variant as a new line', () => {
    let cart = cartReducer(emptyCart, { type: 'add', item: item(1), lineId: 'a' });
    cart = cartReducer(cart, { type: 'add', item: item(1), lineId: 'b' });
    cart = cartReducer(cart, { type: 'add', item: item(2), lineId: 'c', quantity: 3 });
    expect(cart.items.map((line) => [line.lineId, line.quantity])).toEqual([
      ['a', 2],
      ['c', 3],
    ]);
    expect(itemCount(cart)).toBe(5);
    expect(cartTotals(cart, 'XOF', true).total).toBe(25_000);
  });

  it('edits quantities within limits, and a quantity of zero removes the line', () => {
    let cart = cartReducer(emptyCart, { type: 'add', item: item(1), lineId: 'a' });
    cart = cartReducer(cart, { type: 'setQuantity', lineId: 'a', quantity: MAX_QUANTITY + 5 });
    expect(cart.items[0]?.quantity).toBe(MAX_QUANTITY);
    cart = cartReducer(cart, { type: 'setQuantity', lineId: 'a', quantity: 0 });
    expect(cart.items).toEqual([]);
  });

  it('keeps a discounted line apart from a new scan of the same variant', () => {
    let cart = cartReducer(emptyCart, { type: 'add', item: item(1), lineId: 'a' });
    cart = cartReducer(cart, {
      type: 'setLineDiscount',
      lineId: 'a',
      discount: { type: 'percent', basisPoints: 1000 },
    });
    cart = cartReducer(cart, { type: 'add', item: item(1), lineId: 'b' });
    expect(cart.items).toHaveLength(2);
    expect(cartTotals(cart, 'XOF', true).total).toBe(9_500);
  });

  it('takes no line past the most an order may have', () => {
    let cart = emptyCart;
    for (let n = 0; n <= MAX_CART_LINES; n += 1)
      cart = cartReducer(cart, { type: 'add', item: item(n), lineId: `l${n}` });
    expect(cart.items).toHaveLength(MAX_CART_LINES);
  });

  it('empties on clear', () => {
    const cart = cartReducer(emptyCart, { type: 'add', item: item(1), lineId: 'a' });
    expect(cartReducer(cart, { type: 'clear' })).toBe(emptyCart);
  });
});

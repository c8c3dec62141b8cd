import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../data/test-database.js';
import { type CartState, cartReducer, emptyCart } from './cart.js';
import {
  type HeldCart,
  holdCart,
  loadHeldCarts,
  MAX_HELD_CARTS,
  readHeldCarts,
  saveHeldCarts,
  takeHeldCart,
} from './held-carts.js';

const id = (n: number) => `0190a0a0-0000-7000-8000-0000000004${String(n).padStart(2, '0')}`;
const cashierId = id(99);
const heldAt = new Date('2026-12-04T10:00:00Z');

function cartOf(n: number): CartState {
  let cart = cartReducer(emptyCart, {
    type: 'add',
    lineId: id(n),
    item: {
      variantId: id(50 + n),
      productName: `Boubou ${n}`,
      variantLabel: 'L · Bleu',
      sku: `B-${n}`,
      unitPrice: 25_000,
      vatRate: 1800,
    },
    quantity: 2,
  });
  cart = cartReducer(cart, { type: 'setCartDiscount', discount: { type: 'amount', amount: 1_000 } });
  return cartReducer(cart, { type: 'setCustomer', customerId: id(60) });
}

function hold(held: readonly HeldCart[], n: number, label = `client ${n}`): HeldCart[] {
  const outcome = holdCart(held, { id: id(20 + n), label, heldAt, heldById: cashierId, cart: cartOf(n) });
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.held;
}

describe('held carts', () => {
  let handle: TestDatabase | undefined;
  afterEach(async () => {
    await handle?.db.close();
    handle = undefined;
  });

  it('holds a cart with its label, customer and discounts, and gives it back once', () => {
    const held = hold(hold([], 1, '  dame au foulard  '), 2);
    expect(held.map((entry) => entry.label)).toEqual(['dame au foulard', 'client 2']);
    const taken = takeHeldCart(held, id(21));
    expect(taken.cart).toEqual(cartOf(1));
    expect(taken.held.map((entry) => entry.id)).toEqual([id(22)]);
    expect(takeHeldCart(taken.held, id(21)).cart).toBeUndefined();
  });

  it('refuses an empty cart, a label too long, and a cart past the cap', () => {
    expect(holdCart([], { id: id(1), label: '', heldAt, heldById: cashierId, cart: emptyCart })).toEqual({
      ok: false,
      reason: 'empty_cart',
    });
    expect(
      holdCart([], { id: id(1), label: 'x'.repeat(41), heldAt, heldById: cashierId, cart: cartOf(1) }),
    ).toEqual({ ok: false, reason: 'label_too_long' });
    let held: HeldCart[] = [];
    for (let n = 1; n <= MAX_HELD_CARTS; n += 1) held = hold(held, n);
    expect(holdCart(held, { id: id(1), label: '', heldAt, heldById: cashierId, cart: cartOf(1) })).toEqual({
      ok: false,
      reason: 'full',
    });
  });

  it('keeps held carts in the till database across a restart', async () => {
    handle = await openTestDatabase('held-carts');
    expect(await loadHeldCarts(handle.db)).toEqual([]);
    const held = hold(hold([], 1), 2);
    await saveHeldCarts(handle.db, held);
    const db = await handle.reopen();
    expect(await loadHeldCarts(db)).toEqual(held);
    await saveHeldCarts(db, takeHeldCart(held, id(21)).held);
    expect((await loadHeldCarts(await handle.reopen())).map((entry) => entry.id)).toEqual([id(22)]);
  });

  it('leaves out a stored entry that is no longer a valid held cart', () => {
    const [valid] = hold([], 1);
    expect(readHeldCarts({ carts: [valid, { id: 'x' }, { ...valid, cart: { items: [] } }] })).toEqual([
      valid,
    ]);
    expect(readHeldCarts(null)).toEqual([]);
  });
});

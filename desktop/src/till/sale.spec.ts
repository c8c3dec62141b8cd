import { posOrderInput } from '@allure/shared/order.schema';
import { orderDocument } from '@allure/shared/sync.schema';
import { describe, expect, it } from 'vitest';
import { type CartState, cartReducer, emptyCart } from './cart.js';
import { buildSale, nextSequence, type TillIdentity } from './sale.js';

const till: TillIdentity = {
  storeId: '0190a0a0-0000-7000-8000-000000000001',
  storeCode: 'DKR1',
  terminalId: '0190a0a0-0000-7000-8000-000000000002',
  terminalCode: 'T01',
  currency: 'XOF',
  pricesIncludeTax: true,
};
const cashierId = '0190a0a0-0000-7000-8000-000000000003';
const variant = (n: number, price: number) => ({
  variantId: `0190a0a0-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`,
  productName: `Robe ${n}`,
  variantLabel: 'M · Indigo',
  sku: `SKU-${n}`,
  unitPrice: price,
  vatRate: 1800,
});
const lineId = (n: number) => `0190a0a0-0000-7000-8000-0000000002${String(n).padStart(2, '0')}`;

function cartOf(...items: [number, number, number][]): CartState {
  return items.reduce(
    (cart, [n, price, quantity]) =>
      cartReducer(cart, { type: 'add', item: variant(n, price), lineId: lineId(n), quantity }),
    emptyCart,
  );
}

const base = {
  till,
  cashierId,
  sequence: 42,
  orderId: '0190a0a0-0000-7000-8000-000000000009',
  placedAt: new Date('2026-12-04T10:00:00Z'),
};

describe('building a sale', () => {
  it('prices the cart with the shared totals, gives change on cash, and passes the order contract', () => {
    const outcome = buildSale({
      ...base,
      cart: cartOf([1, 12_500, 2], [2, 7_000, 1]),
      tenders: [{ method: 'cash', amount: 35_000 }],
    });
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.sale.total).toBe(32_000);
    expect(outcome.change).toBe(3_000);
    expect(outcome.sale.number).toBe('DKR1-T01-000042');
    expect(outcome.sale.payments).toEqual([{ method: 'cash', amount: 32_000, tendered: 35_000 }]);
    expect(posOrderInput.safeParse(outcome.sale).success).toBe(true);
    const document = {
      ...outcome.sale,
      status: 'completed',
      syncState: 'pending',
      syncError: null,
      updatedAt: base.placedAt.toISOString(),
      _deleted: false,
    };
    expect(orderDocument.safeParse(document).success).toBe(true);
  });

  it('splits between card and cash, change only from cash', () => {
    const outcome = buildSale({
      ...base,
      cart: cartOf([1, 10_000, 1]),
      tenders: [
        { method: 'card', amount: 6_000 },
        { method: 'cash', amount: 5_000 },
      ],
    });
    expect(outcome).toMatchObject({ ok: true, change: 1_000 });
  });

  it('refuses what cannot be a sale: an empty cart, too little paid, change from a card', () => {
    expect(buildSale({ ...base, cart: emptyCart, tenders: [] })).toEqual({ ok: false, reason: 'empty_cart' });
    expect(
      buildSale({ ...base, cart: cartOf([1, 10_000, 1]), tenders: [{ method: 'cash', amount: 9_000 }] }),
    ).toEqual({
      ok: false,
      reason: 'insufficient',
      remaining: 1_000,
    });
    expect(
      buildSale({ ...base, cart: cartOf([1, 10_000, 1]), tenders: [{ method: 'card', amount: 12_000 }] }),
    ).toMatchObject({
      ok: false,
      reason: 'change_from_non_cash',
    });
  });
});

describe('the next order sequence', () => {
  it('follows the highest of this till’s local numbers and the server’s high-water mark', () => {
    expect(nextSequence('T01', [], 0)).toBe(1);
    expect(nextSequence('T01', ['DKR1-T01-000007', 'DKR1-T02-000090', 'DKR1-W-000500'], 3)).toBe(8);
    expect(nextSequence('T01', ['DKR1-T01-000007'], 12)).toBe(13);
  });
});

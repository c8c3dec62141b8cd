import { describe, expect, it } from 'vitest';
import { computeCartTotals, MAX_CART_LINES } from './cart-totals.js';
import {
  type Order,
  type OrderLine,
  order,
  type PosOrderInput,
  posOrderInput,
  refundInput,
} from './order.schema.js';

const testId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function aLine(n: number, overrides: Partial<OrderLine> = {}): OrderLine {
  return {
    id: testId(100 + n),
    variantId: testId(200 + n),
    quantity: 1,
    unitPrice: 15_000,
    vatRate: 1800,
    ...overrides,
  };
}

function aPosOrder(overrides: Partial<PosOrderInput> = {}): PosOrderInput {
  return {
    id: testId(1),
    number: 'DKR1-T02-000123',
    storeId: testId(2),
    terminalId: testId(3),
    cashierId: testId(4),
    approvals: [],
    currency: 'XOF',
    pricesIncludeTax: true,
    lines: [
      aLine(1),
      aLine(2, { quantity: 2, unitPrice: 5000, lineDiscount: { type: 'percent', basisPoints: 1000 } }),
    ],
    cartDiscount: { type: 'amount', amount: 1000 },
    payments: [
      { method: 'mobile_money', amount: 20_000, reference: 'WAVE-T1234' },
      { method: 'cash', amount: 3000, tendered: 5000 },
    ],
    total: 23_000,
    placedAt: '2025-03-01T10:15:00Z',
    ...overrides,
  };
}

function aWebOrder(overrides: Partial<Order> = {}): Order {
  const { terminalId: _, cashierId: __, ...fields } = aPosOrder({ number: 'DKR1-W-000042' });
  return {
    ...fields,
    channel: 'web',
    status: 'paid',
    paymentStatus: 'paid',
    subtotal: 25_000,
    discountTotal: 2000,
    taxTotal: 3509,
    total: 23_000,
    ...overrides,
  };
}

describe('posOrderInput', () => {
  it.each<[string, Partial<PosOrderInput> | Record<string, unknown>, boolean]>([
    ['as built', {}, true],
    ['a free order with no payment', { lines: [aLine(1, { unitPrice: 0 })], payments: [], total: 0 }, true],
    ['payments short of the total', { total: 23_001 }, false],
    ['a web order number', { number: 'DKR1-W-000123' }, false],
    ['a malformed order number', { number: 'DKR1-T02-123' }, false],
    ['no terminal', { terminalId: undefined }, false],
    ['no lines', { lines: [] }, false],
    ['two lines with one id', { lines: [aLine(1), aLine(1)] }, false],
    ['quantity 10 001', { lines: [aLine(1, { quantity: 10_001 })] }, false],
    ['a fractional unit price', { lines: [aLine(1, { unitPrice: 12.5 })] }, false],
    ['a cart discount of 0 %', { cartDiscount: { type: 'percent', basisPoints: 0 } }, false],
    [
      'eleven payments',
      { payments: Array.from({ length: 11 }, () => ({ method: 'card', amount: 1 })) },
      false,
    ],
    ['mobile money without reference', { payments: [{ method: 'mobile_money', amount: 23_000 }] }, false],
    [
      'cash tendered below its amount',
      { payments: [{ method: 'cash', amount: 23_000, tendered: 20_000 }] },
      false,
    ],
    ['a time without zone', { placedAt: '2025-03-01T10:15:00' }, false],
    ['another currency', { currency: 'EUR' }, true],
  ])('%s: valid %s', (_, overrides, valid) => {
    expect(posOrderInput.safeParse({ ...aPosOrder(), ...overrides }).success).toBe(valid);
  });

  it('is priced by computeCartTotals as it stands, which the server does on every push', () => {
    const input = posOrderInput.parse(aPosOrder());
    expect(computeCartTotals(input)).toMatchObject({
      subtotal: 25_000,
      discountTotal: 2000,
      taxTotal: 3509,
      total: input.total,
    });
  });

  it(`accepts ${MAX_CART_LINES} lines and refuses one more`, () => {
    const lines = (count: number) => Array.from({ length: count }, (_, n) => aLine(n, { unitPrice: 0 }));
    const free = { payments: [], total: 0 };
    expect(posOrderInput.safeParse(aPosOrder({ ...free, lines: lines(MAX_CART_LINES) })).success).toBe(true);
    expect(posOrderInput.safeParse(aPosOrder({ ...free, lines: lines(MAX_CART_LINES + 1) })).success).toBe(
      false,
    );
  });
});

describe('order', () => {
  it.each<[string, Partial<Order>, boolean]>([
    ['a web order', {}, true],
    ['a web order with a terminal', { terminalId: testId(3) }, false],
    ['a web order with a till number', { number: 'DKR1-T02-000123' }, false],
    [
      'a till order',
      { channel: 'pos', number: 'DKR1-T02-000123', terminalId: testId(3), status: 'completed' },
      true,
    ],
    [
      'a till order without terminal',
      { channel: 'pos', number: 'DKR1-T02-000123', status: 'completed' },
      false,
    ],
    ['an unknown status', { status: 'shipped' as Order['status'] }, false],
    ['a negative total', { total: -1 }, false],
  ])('%s: valid %s', (_, overrides, valid) => {
    expect(order.safeParse(aWebOrder(overrides)).success).toBe(valid);
  });
});

describe('other order inputs', () => {
  it.each([
    [{ method: 'cash' }, true],
    [{ method: 'mobile_money' }, false],
    [{ method: 'mobile_money', reference: 'OM-1' }, true],
    [{ method: 'cash', lines: [] }, false],
    [
      {
        method: 'cash',
        lines: [
          { orderLineId: testId(101), quantity: 1 },
          { orderLineId: testId(101), quantity: 1 },
        ],
      },
      false,
    ],
  ])('refund %j valid: %s', (overrides, valid) => {
    const refund = {
      id: testId(9),
      orderId: testId(1),
      lines: [{ orderLineId: testId(101), quantity: 1 }],
      refundedAt: '2025-03-02T09:00:00Z',
    };
    expect(refundInput.safeParse({ ...refund, ...overrides }).success).toBe(valid);
  });
});

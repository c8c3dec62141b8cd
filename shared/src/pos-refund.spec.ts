import { describe, expect, it } from 'vitest';
import { priceRefund, type RefundableOrder, refundableQuantities } from './pos-refund.js';
import { posRefundInput } from './pos-refund.schema.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const V = '00000000-0000-4000-8000-0000000000f1';

/** 3 × 1 000 XOF and 1 × 2 500 XOF, VAT 18 % included, 10 % off the cart: 4 950 paid. */
const order: RefundableOrder = {
  currency: 'XOF',
  pricesIncludeTax: true,
  lines: [
    { id: A, variantId: V, quantity: 3, unitPrice: 1000, vatRate: 1800 },
    { id: B, variantId: V, quantity: 1, unitPrice: 2500, vatRate: 1800 },
  ],
  cartDiscount: { type: 'percent', basisPoints: 1000 },
  payments: [{ amount: 4950 }],
};

describe('priceRefund', () => {
  it('gives back a share of what was paid for the line, not the shelf price', () => {
    const result = priceRefund(order, [], [{ orderLineId: A, quantity: 1 }]);
    expect(result).toMatchObject({ ok: true, total: 900, fullyRefunded: false });
  });

  it('counts earlier refunds: partial refunds add up to exactly what was paid', () => {
    const first = priceRefund(order, [], [{ orderLineId: A, quantity: 1 }]);
    if (!first.ok) throw new Error('first refund refused');
    const earlier = [{ total: first.total, lines: first.lines }];
    const rest = priceRefund(order, earlier, [
      { orderLineId: A, quantity: 2 },
      { orderLineId: B, quantity: 1 },
    ]);
    expect(rest).toMatchObject({ ok: true, fullyRefunded: true });
    expect(first.total + (rest.ok ? rest.total : 0)).toBe(4950);
  });

  it('refuses more units than remain after earlier refunds', () => {
    const earlier = [{ total: 1800, lines: [{ orderLineId: A, quantity: 2 }] }];
    expect(priceRefund(order, earlier, [{ orderLineId: A, quantity: 2 }])).toEqual({
      ok: false,
      reason: 'exceeds_remaining',
      orderLineId: A,
      remaining: 1,
    });
  });

  it('never gives back more than is left of the payments', () => {
    const earlier = [{ total: 4900, lines: [{ orderLineId: B, quantity: 1 }] }];
    const result = priceRefund(order, earlier, [{ orderLineId: A, quantity: 1 }]);
    expect(result).toMatchObject({ ok: true, total: 50 });
  });
});

describe('refundableQuantities', () => {
  it('is what was sold less what earlier refunds took back, per line', () => {
    const earlier = [{ total: 900, lines: [{ orderLineId: A, quantity: 1 }] }];
    expect(refundableQuantities(order, earlier)).toEqual(
      new Map([
        [A, 2],
        [B, 1],
      ]),
    );
  });
});

describe('posRefundInput', () => {
  const valid = {
    id: '00000000-0000-4000-8000-000000000001',
    orderId: '00000000-0000-4000-8000-000000000002',
    orderNumber: 'DKR01-T01-000001',
    storeId: '00000000-0000-4000-8000-000000000003',
    terminalId: '00000000-0000-4000-8000-000000000004',
    shiftId: '00000000-0000-4000-8000-000000000005',
    cashierId: '00000000-0000-4000-8000-000000000006',
    lines: [{ orderLineId: A, quantity: 1 }],
    method: 'cash',
    refundedAt: '2026-12-04T10:00:00.000Z',
    total: 900,
  };

  it('takes a cash refund', () => {
    expect(posRefundInput.safeParse(valid).success).toBe(true);
  });

  it('wants the transaction reference of a mobile-money refund', () => {
    expect(posRefundInput.safeParse({ ...valid, method: 'mobile_money' }).success).toBe(false);
  });

  it('takes only a refund approval', () => {
    const approval = {
      action: 'discount',
      approvedById: '00000000-0000-4000-8000-000000000007',
      approvedAt: '2026-12-04T10:00:00.000Z',
    };
    expect(posRefundInput.safeParse({ ...valid, approval }).success).toBe(false);
    expect(posRefundInput.safeParse({ ...valid, approval: { ...approval, action: 'refund' } }).success).toBe(
      true,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { canRefund, previewRefund, type RefundableOrder, unitsLeft } from './refund-preview.js';

// Two lines: 3 shirts that paid 10 000 (1 525 tax) and 1 belt that paid 4 999 (763 tax), paid in cash.
const order: RefundableOrder = {
  lines: [
    { id: 'shirts', quantity: 3, total: 10_000, tax: 1525, refundedQuantity: 0 },
    { id: 'belt', quantity: 1, total: 4999, tax: 763, refundedQuantity: 0 },
  ],
  payments: [{ amount: 14_999, status: 'paid' }],
  refunds: [],
};

describe('refund preview', () => {
  it('gives back a share of what the line paid, rounded half away from zero', () => {
    const one = previewRefund(order, [{ orderLineId: 'shirts', quantity: 1 }]);
    expect(one).toMatchObject({ ok: true, total: 3333, tax: 508, net: 2825, fullyRefunded: false });
  });

  it('adds up to exactly what was paid once every unit is refunded, in any steps', () => {
    const after = {
      ...order,
      lines: order.lines.map((line) => (line.id === 'shirts' ? { ...line, refundedQuantity: 1 } : line)),
      refunds: [{ amount: 3333 }],
    };
    expect(unitsLeft(after)).toEqual([
      { orderLineId: 'shirts', quantity: 2 },
      { orderLineId: 'belt', quantity: 1 },
    ]);
    const rest = previewRefund(after, unitsLeft(after));
    expect(rest).toMatchObject({ ok: true, total: 14_999 - 3333, fullyRefunded: true });
  });

  it('never gives back more than is left of the payments', () => {
    const undercharged = { ...order, payments: [{ amount: 14_000, status: 'paid' as const }] };
    expect(previewRefund(undercharged, unitsLeft(undercharged))).toMatchObject({ ok: true, total: 14_000 });
    const unpaid = { ...order, payments: [{ amount: 14_999, status: 'pending' as const }] };
    expect(previewRefund(unpaid, [{ orderLineId: 'belt', quantity: 1 }])).toMatchObject({
      ok: true,
      total: 0,
    });
  });

  it('refuses more units than are left, and an empty refund', () => {
    expect(previewRefund(order, [{ orderLineId: 'belt', quantity: 2 }])).toEqual({
      ok: false,
      reason: 'exceeds_remaining',
      orderLineId: 'belt',
      remaining: 1,
    });
    expect(previewRefund(order, [])).toEqual({ ok: false, reason: 'empty' });
  });
});

describe('canRefund', () => {
  it('allows paid and partly refunded orders, not unpaid or called-off ones', () => {
    expect(canRefund({ channel: 'pos', status: 'completed', paymentStatus: 'paid' })).toBe(true);
    expect(
      canRefund({ channel: 'web', status: 'partially_refunded', paymentStatus: 'partially_refunded' }),
    ).toBe(true);
    expect(canRefund({ channel: 'web', status: 'pending', paymentStatus: 'pending' })).toBe(false);
    expect(canRefund({ channel: 'pos', status: 'voided', paymentStatus: 'refunded' })).toBe(false);
    expect(canRefund({ channel: 'pos', status: 'refunded', paymentStatus: 'refunded' })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { computeCartTotals } from './cart-totals.js';
import { createRandom } from './random.js';
import {
  type ComputedRefund,
  computeRefund,
  fitRefundToPaid,
  type RefundableLine,
  type RefundQuantity,
  type RefundResult,
  refundableLines,
  remainingRefund,
} from './refund.js';

const paidLine = (orderLineId: string, quantity: number, total: number, tax: number): RefundableLine => ({
  orderLineId,
  quantity,
  net: total - tax,
  tax,
  total,
});

// Three robes at 10.00 EUR with tax 1.52 EUR all told, one jacket, one free gift.
const order = [paidLine('robes', 3, 1000, 152), paidLine('jacket', 1, 8718, 1330), paidLine('gift', 1, 0, 0)];
const ask = (orderLineId: string, quantity: number): RefundQuantity => ({ orderLineId, quantity });

describe('computeRefund', () => {
  it.each<[string, RefundQuantity[], RefundQuantity[], RefundResult]>([
    [
      'one of three robes: a third of what was paid, rounded',
      [],
      [ask('robes', 1)],
      {
        ok: true,
        lines: [{ orderLineId: 'robes', quantity: 1, net: 282, tax: 51, total: 333 }],
        net: 282,
        tax: 51,
        total: 333,
        fullyRefunded: false,
      },
    ],
    [
      'the second robe gets the unit the first one rounded away',
      [ask('robes', 1)],
      [ask('robes', 1)],
      {
        ok: true,
        lines: [{ orderLineId: 'robes', quantity: 1, net: 284, tax: 50, total: 334 }],
        net: 284,
        tax: 50,
        total: 334,
        fullyRefunded: false,
      },
    ],
    [
      'the last robe and the rest of the order complete a full refund',
      [ask('robes', 2)],
      [ask('robes', 1), ask('jacket', 1), ask('gift', 1)],
      {
        ok: true,
        lines: [
          { orderLineId: 'robes', quantity: 1, net: 282, tax: 51, total: 333 },
          { orderLineId: 'jacket', quantity: 1, net: 7388, tax: 1330, total: 8718 },
          { orderLineId: 'gift', quantity: 1, net: 0, tax: 0, total: 0 },
        ],
        net: 7670,
        tax: 1381,
        total: 9051,
        fullyRefunded: true,
      },
    ],
    ['nothing asked', [], [], { ok: false, reason: 'empty' }],
    [
      'a line that is not on the order',
      [],
      [ask('shoes', 1)],
      { ok: false, reason: 'unknown_line', orderLineId: 'shoes' },
    ],
    [
      'the same line twice',
      [],
      [ask('robes', 1), ask('robes', 1)],
      { ok: false, reason: 'duplicate_line', orderLineId: 'robes' },
    ],
    [
      'more than sold',
      [],
      [ask('robes', 4)],
      { ok: false, reason: 'exceeds_remaining', orderLineId: 'robes', remaining: 3 },
    ],
    [
      'more than left after earlier refunds',
      [ask('robes', 2)],
      [ask('robes', 2)],
      { ok: false, reason: 'exceeds_remaining', orderLineId: 'robes', remaining: 1 },
    ],
    [
      'a line already fully refunded',
      [ask('jacket', 1)],
      [ask('jacket', 1)],
      { ok: false, reason: 'exceeds_remaining', orderLineId: 'jacket', remaining: 0 },
    ],
  ])('%s', (_, previous, request, expected) => {
    expect(computeRefund(order, previous, request)).toEqual(expected);
  });

  it.each<[string, RefundQuantity[], RefundQuantity[]]>([
    ['a zero quantity', [], [ask('robes', 0)]],
    ['a fractional quantity', [], [ask('robes', 1.5)]],
    ['a history naming an unknown line', [ask('shoes', 1)], [ask('robes', 1)]],
    ['a history refunding more than sold', [ask('robes', 2), ask('robes', 2)], [ask('jacket', 1)]],
  ])('throws on %s', (_, previous, request) => {
    expect(() => computeRefund(order, previous, request)).toThrow(RangeError);
  });

  it('any sequence of partial refunds returns exactly what was paid, never more', () => {
    const random = createRandom(99);
    const next = (max: number) => random.int(0, max - 1);
    for (let run = 0; run < 300; run += 1) {
      const lines = Array.from({ length: 1 + next(6) }, (_, index) => {
        const total = next(1_000_000);
        return paidLine(`line-${index}`, 1 + next(50), total, Math.floor(total * (next(2000) / 12_000)));
      });
      const history: RefundQuantity[] = [];
      const refunded = { net: 0, tax: 0, total: 0 };
      let pending = remainingRefund(lines, history);
      while (pending.length > 0) {
        const request = pending
          .filter(() => next(2) === 0)
          .map((line) => ask(line.orderLineId, 1 + next(line.quantity)));
        if (request.length === 0) continue;
        const result = computeRefund(lines, history, request);
        if (!result.ok) throw new Error(`unexpected ${result.reason}`);
        for (const line of result.lines) {
          expect(line.total).toBeGreaterThanOrEqual(0);
          expect(line.tax).toBeGreaterThanOrEqual(0);
          expect(line.net + line.tax).toBe(line.total);
        }
        refunded.net += result.net;
        refunded.tax += result.tax;
        refunded.total += result.total;
        history.push(...request);
        pending = remainingRefund(lines, history);
        expect(result.fullyRefunded).toBe(pending.length === 0);
        expect(refunded.total).toBeLessThanOrEqual(lines.reduce((sum, line) => sum + line.total, 0));
      }
      expect(refunded).toEqual({
        net: lines.reduce((sum, line) => sum + line.net, 0),
        tax: lines.reduce((sum, line) => sum + line.tax, 0),
        total: lines.reduce((sum, line) => sum + line.total, 0),
      });
    }
  });
});

describe('refundableLines', () => {
  it('refunds what the customer paid, including the prorated cart discount and tax', () => {
    const orderLines = [
      { id: 'a', variantId: 'v1', quantity: 2, unitPrice: 15_000, vatRate: 1800 },
      { id: 'b', variantId: 'v2', quantity: 1, unitPrice: 9900, vatRate: 1800 },
    ];
    const totals = computeCartTotals({
      currency: 'XOF',
      pricesIncludeTax: true,
      lines: orderLines,
      cartDiscount: { type: 'percent', basisPoints: 1000 },
    });
    const lines = refundableLines(orderLines, totals);
    expect(lines).toEqual([
      { orderLineId: 'a', quantity: 2, net: 22_881, tax: 4119, total: 27_000 },
      { orderLineId: 'b', quantity: 1, net: 7551, tax: 1359, total: 8910 },
    ]);
    const full = computeRefund(lines, [], remainingRefund(lines, []));
    expect(full).toMatchObject({ ok: true, total: totals.total, tax: totals.taxTotal, fullyRefunded: true });
  });

  it('refuses totals computed for another list of lines', () => {
    expect(() => refundableLines([{ id: 'a', quantity: 1 }], { lines: [] })).toThrow(RangeError);
  });
});

describe('fitRefundToPaid', () => {
  const computed = (previous: RefundQuantity[], request: RefundQuantity[]): ComputedRefund => {
    const result = computeRefund(order, previous, request);
    if (!result.ok) throw new Error(result.reason);
    return result;
  };
  const paid = order.reduce((sum, line) => sum + line.total, 0);

  it('leaves a refund alone when the payments cover it', () => {
    const refund = computed([], [ask('robes', 1)]);
    expect(fitRefundToPaid(refund, paid)).toBe(refund);
  });

  it('never returns more than is left of what was paid', () => {
    const refund = computed([], [ask('robes', 1), ask('jacket', 1)]);
    const fitted = fitRefundToPaid(refund, 5000);
    expect(fitted.total).toBe(5000);
    expect(fitted.lines.map((line) => line.total)).toEqual([333, 4667]);
    expect(fitted.lines[1]).toMatchObject({ tax: 1330, net: 4667 - 1330 });
  });

  it('returns exactly what is left when it completes the order, though the till charged more', () => {
    const refund = computed([], remainingRefund(order, []));
    const fitted = fitRefundToPaid(refund, paid + 7);
    expect(fitted.total).toBe(paid + 7);
    expect(fitted.lines.at(-1)?.total).toBe(7);
    expect(fitted.tax).toBe(refund.tax);
  });

  it('takes a shortfall from the last lines up, keeping every line’s tax within its total', () => {
    const refund = computed([], remainingRefund(order, []));
    const fitted = fitRefundToPaid(refund, 900);
    expect(fitted.lines.map((line) => line.total)).toEqual([900, 0, 0]);
    expect(fitted.lines.map((line) => line.tax)).toEqual([152, 0, 0]);
    expect(fitted).toMatchObject({ total: 900, tax: 152, net: 748 });
  });

  it('returns nothing when nothing is left', () => {
    const fitted = fitRefundToPaid(computed([], [ask('jacket', 1)]), 0);
    expect(fitted).toMatchObject({ total: 0, tax: 0, net: 0 });
  });

  it('refuses a negative or fractional amount left', () => {
    const refund = computed([], [ask('robes', 1)]);
    expect(() => fitRefundToPaid(refund, -1)).toThrow(RangeError);
    expect(() => fitRefundToPaid(refund, 1.5)).toThrow(RangeError);
  });
});

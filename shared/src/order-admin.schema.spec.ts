import { describe, expect, it } from 'vitest';
import { orderFilterInput, orderListInput, orderRefundInput } from './order-admin.schema.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('orderFilterInput and orderListInput', () => {
  it.each<[string, Record<string, unknown>, boolean]>([
    ['no filter at all', {}, true],
    [
      'every filter',
      {
        storeId: id(1),
        channel: 'web',
        status: 'paid',
        paymentStatus: 'paid',
        customerId: id(2),
        placedFrom: '2026-11-01T00:00:00Z',
        placedTo: '2026-11-02T00:00:00+01:00',
        numberPrefix: 'DKR1-T01',
      },
      true,
    ],
    ['an empty range', { placedFrom: '2026-11-01T00:00:00Z', placedTo: '2026-11-01T00:00:00Z' }, false],
    ['a range backwards', { placedFrom: '2026-11-02T00:00:00Z', placedTo: '2026-11-01T00:00:00Z' }, false],
    ['a date without a time zone', { placedFrom: '2026-11-01T00:00:00' }, false],
    ['an unknown status', { status: 'lost' }, false],
    ['a store that is not a uuid', { storeId: "1' OR '1'='1" }, false],
    ['a number prefix with a LIKE wildcard', { numberPrefix: 'DKR1%' }, false],
    ['a number prefix with an underscore', { numberPrefix: 'DKR1_T01' }, false],
    ['a one-character number prefix', { numberPrefix: 'D' }, false],
    ['a 33-character number prefix', { numberPrefix: 'D'.repeat(33) }, false],
  ])('%s', (_case, input, valid) => {
    expect(orderFilterInput.safeParse(input).success).toBe(valid);
    expect(orderListInput.safeParse(input).success).toBe(valid);
  });

  it('upper-cases the number prefix, as order numbers are written', () => {
    expect(orderFilterInput.parse({ numberPrefix: ' dkr1-t01 ' }).numberPrefix).toBe('DKR1-T01');
  });

  it('pages the list, at most 100 at a time', () => {
    expect(orderListInput.parse({}).limit).toBe(24);
    expect(orderListInput.safeParse({ limit: 101 }).success).toBe(false);
    expect(orderListInput.safeParse({ limit: 100, cursor: 'abc' }).success).toBe(true);
  });
});

describe('orderRefundInput', () => {
  const refund = { id: id(1), orderId: id(2), method: 'cash' };

  it.each<[string, Record<string, unknown>, boolean]>([
    ['everything left, in cash', {}, true],
    ['some lines', { lines: [{ orderLineId: id(3), quantity: 2 }] }, true],
    ['no lines (an empty list is not "everything")', { lines: [] }, false],
    [
      'a line twice',
      {
        lines: [
          { orderLineId: id(3), quantity: 1 },
          { orderLineId: id(3), quantity: 1 },
        ],
      },
      false,
    ],
    ['a zero quantity', { lines: [{ orderLineId: id(3), quantity: 0 }] }, false],
    ['a fractional quantity', { lines: [{ orderLineId: id(3), quantity: 1.5 }] }, false],
    ['mobile money without its reference', { method: 'mobile_money' }, false],
    ['mobile money with its reference', { method: 'mobile_money', reference: 'WAVE-123' }, true],
    ['cash out of a shift’s drawer', { shiftId: id(9) }, true],
    ['a card refund out of a drawer', { method: 'card', shiftId: id(9) }, false],
    ['a 501-character reason', { reason: 'x'.repeat(501) }, false],
  ])('%s', (_case, overrides, valid) => {
    expect(orderRefundInput.safeParse({ ...refund, ...overrides }).success).toBe(valid);
  });

  it('does not restock unless asked', () => {
    expect(orderRefundInput.parse(refund).restock).toBe(false);
    expect(orderRefundInput.parse({ ...refund, restock: true }).restock).toBe(true);
  });
});

import { describe, expect, expectTypeOf, it } from 'vitest';
import type { PaymentMethod } from './enums.js';
import {
  MAX_TENDERS,
  type Payment,
  payment,
  remainingDue,
  type Settlement,
  settleTenders,
  type Tender,
} from './tender.js';

const cash = (amount: number): Tender => ({ method: 'cash', amount });
const card = (amount: number, reference?: string): Tender => ({ method: 'card', amount, reference });
const wave = (amount: number, reference = 'WAVE-T1234'): Tender => ({
  method: 'mobile_money',
  amount,
  reference,
});

describe('settleTenders', () => {
  it.each<[string, number, Tender[], Settlement]>([
    [
      'exact cash',
      1500,
      [cash(1500)],
      { ok: true, payments: [{ method: 'cash', amount: 1500, tendered: 1500 }], tendered: 1500, change: 0 },
    ],
    [
      'cash with change (XOF)',
      7350,
      [cash(10_000)],
      {
        ok: true,
        payments: [{ method: 'cash', amount: 7350, tendered: 10_000 }],
        tendered: 10_000,
        change: 2650,
      },
    ],
    [
      'two banknotes tendered separately become one cash payment',
      1250,
      [cash(1000), cash(500)],
      { ok: true, payments: [{ method: 'cash', amount: 1250, tendered: 1500 }], tendered: 1500, change: 250 },
    ],
    [
      'card for the exact total',
      4999,
      [card(4999, 'AUTH-81723')],
      {
        ok: true,
        payments: [{ method: 'card', amount: 4999, reference: 'AUTH-81723' }],
        tendered: 4999,
        change: 0,
      },
    ],
    [
      'mobile money then cash for the rest, change from cash',
      25_000,
      [wave(20_000), cash(10_000)],
      {
        ok: true,
        payments: [
          { method: 'mobile_money', amount: 20_000, reference: 'WAVE-T1234' },
          { method: 'cash', amount: 5000, tendered: 10_000 },
        ],
        tendered: 30_000,
        change: 5000,
      },
    ],
    [
      'three-way split, order kept',
      10_000,
      [cash(2000), card(5000), wave(3000)],
      {
        ok: true,
        payments: [
          { method: 'cash', amount: 2000, tendered: 2000 },
          { method: 'card', amount: 5000, reference: undefined },
          { method: 'mobile_money', amount: 3000, reference: 'WAVE-T1234' },
        ],
        tendered: 10_000,
        change: 0,
      },
    ],
    [
      'cash not needed after the card is handed back and not recorded',
      1000,
      [card(1000), cash(500)],
      {
        ok: true,
        payments: [{ method: 'card', amount: 1000, reference: undefined }],
        tendered: 1500,
        change: 500,
      },
    ],
    ['a free order needs no tender', 0, [], { ok: true, payments: [], tendered: 0, change: 0 }],
    ['nothing tendered', 1500, [], { ok: false, reason: 'insufficient', remaining: 1500 }],
    ['one franc short', 1500, [cash(1000), wave(499)], { ok: false, reason: 'insufficient', remaining: 1 }],
    ['card above the total', 1000, [card(1200)], { ok: false, reason: 'change_from_non_cash', excess: 200 }],
    [
      'card above the total even with cash beside it',
      1000,
      [card(1200), cash(500)],
      { ok: false, reason: 'change_from_non_cash', excess: 200 },
    ],
    [
      'change larger than the cash tendered',
      1000,
      [wave(900), card(300), cash(100)],
      { ok: false, reason: 'change_from_non_cash', excess: 200 },
    ],
  ])('%s', (_, total, given, expected) => {
    expect(settleTenders(total, given)).toEqual(expected);
  });

  it('records payments that always sum to the total, over many splits', () => {
    for (let total = 0; total <= 3000; total += 37) {
      for (const given of [
        [cash(total + 1000)],
        [card(Math.floor(total / 2)), cash(total)],
        [wave(total), cash(5)],
      ]) {
        const result = settleTenders(
          total,
          given.filter((item) => item.amount > 0),
        );
        if (!result.ok) throw new Error(`unexpected ${result.reason} for ${total}`);
        expect(result.payments.reduce((sum, item) => sum + item.amount, 0)).toBe(total);
        expect(result.tendered - result.change).toBe(total);
      }
    }
  });

  it.each<[string, number, Tender[]]>([
    ['a zero tender', 100, [cash(0)]],
    ['a fractional tender', 100, [cash(10.5)]],
    ['mobile money without reference', 100, [{ method: 'mobile_money', amount: 100, reference: ' ' }]],
    ['too many tenders', 100, Array.from({ length: MAX_TENDERS + 1 }, () => cash(10))],
    ['a negative total', -1, [cash(10)]],
  ])('throws on %s', (_, total, given) => {
    expect(() => settleTenders(total, given)).toThrow(RangeError);
  });
});

describe('remainingDue', () => {
  it.each([
    [1500, [cash(1000)], 500],
    [1500, [cash(1000), wave(500)], 0],
    [1500, [cash(2000)], 0],
    [1500, [], 1500],
  ])('total %i after %o leaves %i', (total, given, expected) => {
    expect(remainingDue(total, given)).toBe(expected);
  });
});

describe('payment schema', () => {
  it('uses the payment methods of the database enum', () => {
    expectTypeOf<Payment['method']>().toEqualTypeOf<PaymentMethod>();
    expectTypeOf<Tender['method']>().toEqualTypeOf<PaymentMethod>();
  });

  it.each([
    [{ method: 'cash', amount: 1000, tendered: 1500 }, true],
    [{ method: 'cash', amount: 1000, tendered: 900 }, false],
    [{ method: 'card', amount: 1000 }, true],
    [{ method: 'mobile_money', amount: 1000 }, false],
    [{ method: 'mobile_money', amount: 1000, reference: 'OM-778899' }, true],
    [{ method: 'cheque', amount: 1000 }, false],
  ])('%o valid: %s', (value, valid) => {
    expect(payment.safeParse(value).success).toBe(valid);
  });
});

import { describe, expect, it } from 'vitest';
import type { LocalRefund } from '../data/refunds.js';
import type { LocalOrder, LocalShift } from '../data/sales.js';
import { shiftReport } from './shift-report.js';

const terminalId = '0190a0a0-0000-7000-8000-000000000002';
const shift = {
  id: 's1',
  storeId: 'store',
  terminalId,
  openedById: 'awa',
  openedAt: '2026-12-04T08:00:00.000Z',
  openingFloat: 50_000,
  status: 'open',
  closedById: null,
  closedAt: null,
  countedCash: null,
  expectedCash: null,
  updatedAt: '2026-12-04T08:00:00.000Z',
} as LocalShift;

const order = (id: string, placedAt: string, extra: Partial<LocalOrder> = {}) =>
  ({
    id,
    number: `DKR1-T01-00000${id}`,
    storeId: 'store',
    terminalId,
    cashierId: 'awa',
    currency: 'XOF',
    pricesIncludeTax: true,
    lines: [{ id: `${id}-l`, variantId: 'v', quantity: 2, unitPrice: 10_000, vatRate: 1800 }],
    payments: [{ method: 'cash', amount: 20_000, tendered: 25_000 }],
    approvals: [],
    placedAt,
    total: 20_000,
    status: 'completed',
    syncState: 'synced',
    syncError: null,
    updatedAt: placedAt,
    ...extra,
  }) as LocalOrder;

describe('shift reports', () => {
  const orders = [
    order('1', '2026-12-04T09:00:00.000Z'),
    order('2', '2026-12-04T10:00:00.000Z', {
      lines: [
        {
          id: '2-l',
          variantId: 'v',
          quantity: 1,
          unitPrice: 30_000,
          vatRate: 1800,
          lineDiscount: { type: 'amount', amount: 5_000 },
        },
      ],
      payments: [
        { method: 'card', amount: 15_000 },
        { method: 'cash', amount: 10_000, tendered: 10_000 },
      ],
      total: 25_000,
    }),
    order('3', '2026-12-04T07:59:00.000Z'),
    order('4', '2026-12-04T11:00:00.000Z', { terminalId: 'another-till' }),
    order('5', '2026-12-04T11:30:00.000Z', { status: 'voided' }),
  ];

  it('sums the shift’s own completed orders: sales, discounts, VAT and payments by method', () => {
    const report = shiftReport({ shift, orders, currency: 'XOF', to: '2026-12-04T18:00:00.000Z' });
    expect(report).toMatchObject({ orders: 2, items: 3, gross: 50_000, discounts: 5_000, total: 45_000 });
    expect(report.payments).toEqual({ cash: 30_000, card: 15_000, mobile_money: 0 });
    // 18 % contained in 20 000 (3 051) and in 25 000 (3 814).
    expect(report.tax).toEqual([{ vatRate: 1800, net: 38_135, tax: 6_865, total: 45_000 }]);
  });

  it('expects the float plus the cash taken, and tells what is missing at close', () => {
    const x = shiftReport({ shift, orders, currency: 'XOF', to: '2026-12-04T18:00:00.000Z' });
    expect(x).toMatchObject({ expectedCash: 80_000, countedCash: null, difference: null });
    const z = shiftReport({
      shift,
      orders,
      currency: 'XOF',
      to: '2026-12-04T18:00:00.000Z',
      countedCash: 79_500,
    });
    expect(z).toMatchObject({ expectedCash: 80_000, countedCash: 79_500, difference: -500 });
  });

  const refund = (id: string, method: LocalRefund['method'], total: number, shiftId = shift.id) =>
    ({ id, orderId: '1', shiftId, method, total, syncState: 'pending', lines: [] }) as unknown as LocalRefund;

  it('takes the shift’s cash refunds out of the cash expected, and lists every refund by method', () => {
    const refunds = [
      refund('r1', 'cash', 10_000),
      refund('r2', 'card', 15_000),
      refund('r3', 'cash', 4_000, 'another-shift'),
    ];
    const report = shiftReport({ shift, orders, refunds, currency: 'XOF', to: '2026-12-04T18:00:00.000Z' });
    expect(report).toMatchObject({ refunds: 2, expectedCash: 70_000 });
    expect(report.refunded).toEqual({ cash: 10_000, card: 15_000, mobile_money: 0 });
  });

  it('still counts a sale once it has been refunded (the refund counts apart)', () => {
    const refunded = [order('6', '2026-12-04T12:00:00.000Z', { status: 'partially_refunded' })];
    const report = shiftReport({ shift, orders: refunded, currency: 'XOF', to: '2026-12-04T18:00:00.000Z' });
    expect(report).toMatchObject({ orders: 1, total: 20_000 });
  });
});

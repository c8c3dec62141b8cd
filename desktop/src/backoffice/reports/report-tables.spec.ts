import { describe, expect, it } from 'vitest';
import {
  byCashierColumns,
  byPaymentMethodColumns,
  marginColumns,
  percentOfBps,
  salesByDayColumns,
  tableCsv,
} from './report-tables.js';

const words = (key: string) => `«${key}»`;
const figures = {
  orders: 3,
  discounts: 500,
  sales: 125_050,
  refunds: 5,
  netSales: 125_045,
  tax: 18_000,
  total: 143_045,
};

describe('report tables as CSV', () => {
  it('starts with a byte-order mark and a heading row, amounts as decimals of the currency', () => {
    const csv = tableCsv(
      salesByDayColumns,
      [{ day: '2026-12-04', refundCount: 1, ...figures }],
      'EUR',
      words,
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      '«columns.day»,«columns.orders»,«columns.discounts»,«columns.sales»,«columns.refunds»,«columns.netSales»,«columns.tax»,«columns.total»',
      '2026-12-04,3,5.00,1250.50,0.05,1250.45,180.00,1430.45',
      '',
    ]);
  });

  it('keeps XOF whole and names web orders and payment methods in words', () => {
    const cashier = tableCsv(
      byCashierColumns,
      [
        { cashier: { id: 'c1', name: 'Awa, "la patronne"' }, refundCount: 0, ...figures },
        { cashier: null, refundCount: 0, ...figures },
      ],
      'XOF',
      words,
    );
    const lines = cashier.split('\r\n');
    expect(lines[1]).toBe('"Awa, ""la patronne""",3,500,125050,5,125045,18000,143045');
    expect(lines[2]?.startsWith('«webShop»,')).toBe(true);
    const tenders = tableCsv(
      byPaymentMethodColumns,
      [{ method: 'mobile_money', payments: 2, taken: 7000, refundCount: 1, refunded: 1000, net: 6000 }],
      'XOF',
      words,
    );
    expect(tenders.split('\r\n')[1]).toBe('«methods.mobile_money»,2,7000,1,1000,6000');
  });

  it('writes rates as percents, an unknown rate empty, and defuses a formula in a name', () => {
    const margin = {
      netSales: 10_000,
      costedSales: 8000,
      cost: 6000,
      margin: 2000,
      uncostedSales: 2000,
      uncostedShareBps: 2000,
    };
    const csv = tableCsv(
      marginColumns,
      [
        { category: { id: 'k', name: '=HYPERLINK("x")', parentId: null }, marginBps: 2500, ...margin },
        { category: null, marginBps: null, ...margin },
      ],
      'XOF',
      words,
    );
    const lines = csv.split('\r\n');
    expect(lines[1]).toBe(`"'=HYPERLINK(""x"")",10000,8000,6000,2000,25.00,2000`);
    expect(lines[2]).toBe('«allCategories»,10000,8000,6000,2000,,2000');
  });

  it('turns basis points into percents with two decimals', () => {
    expect(percentOfBps(1234)).toBe('12.34');
    expect(percentOfBps(5)).toBe('0.05');
    expect(percentOfBps(-1250)).toBe('-12.50');
    expect(percentOfBps(0)).toBe('0.00');
  });
});

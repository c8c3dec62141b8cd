import { describe, expect, it } from 'vitest';
import { orderStatuses, paymentStatuses } from './enums.js';
import { createRandom } from './random.js';
import {
  addDays,
  addRowsByKey,
  countsAsSale,
  daysInPeriod,
  PERIOD_WINDOW_DAYS,
  periodWindows,
  saleStatuses,
  shareBps,
} from './report.js';

describe('countsAsSale', () => {
  it.each([
    ['a till sale', 'completed', 'paid', true],
    ['a paid web order', 'paid', 'paid', true],
    ['a shipped web order', 'fulfilled', 'paid', true],
    ['a partly refunded sale', 'partially_refunded', 'partially_refunded', true],
    ['a wholly refunded sale (the refund is subtracted on its own day)', 'refunded', 'refunded', true],
    ['a web order waiting for payment', 'pending', 'pending', false],
    ['a declined web order', 'payment_failed', 'failed', false],
    ['a card held, not captured', 'pending', 'authorized', false],
    ['cash on delivery not handed over yet', 'confirmed', 'pending', false],
    ['cash on delivery handed over', 'completed', 'paid', true],
    ['a cancelled paid order (its money went back)', 'cancelled', 'refunded', false],
    ['a voided till sale', 'voided', 'paid', false],
  ] as const)('%s: %s / %s → %s', (_case, status, paymentStatus, expected) => {
    expect(countsAsSale({ status, paymentStatus })).toBe(expected);
  });

  it('decides every status pair, and only called-off orders are never sales', () => {
    for (const status of orderStatuses) {
      const some = paymentStatuses.some((paymentStatus) => countsAsSale({ status, paymentStatus }));
      expect(some).toBe(saleStatuses.includes(status));
    }
    expect(saleStatuses).not.toContain('cancelled');
    expect(saleStatuses).not.toContain('voided');
  });
});

describe('calendar days', () => {
  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-29', 1, '2026-03-30'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-01-01', 365, '2027-01-01'],
  ])('%s plus %i days is %s, whatever the clocks do', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('counts the days of a period, both ends included', () => {
    expect(daysInPeriod('2026-11-01', '2026-11-01')).toBe(1);
    expect(daysInPeriod('2026-01-01', '2026-12-31')).toBe(365);
    expect(daysInPeriod('2028-01-01', '2028-12-31')).toBe(366);
    expect(daysInPeriod('2026-11-02', '2026-11-01')).toBe(0);
  });

  it.each(['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', ''])('refuses %j', (date) => {
    expect(() => addDays(date, 1)).toThrow(RangeError);
  });
});

describe('periodWindows', () => {
  it('covers a period exactly, in order, without overlap, each at most the window size', () => {
    const random = createRandom(31);
    for (let run = 0; run < 200; run += 1) {
      const from = addDays('2025-01-01', random.int(0, 800));
      const to = addDays(from, random.int(0, 400));
      const size = random.int(1, 40);
      const windows = periodWindows(from, to, size);
      expect(windows[0]?.from).toBe(from);
      expect(windows.at(-1)?.until).toBe(addDays(to, 1));
      windows.forEach((window, index) => {
        const days = daysInPeriod(window.from, window.until) - 1;
        expect(days).toBeGreaterThanOrEqual(1);
        expect(days).toBeLessThanOrEqual(size);
        if (index > 0) expect(window.from).toBe(windows[index - 1]?.until);
      });
    }
  });

  it('splits a leap year into twelve windows of 31 days', () => {
    const windows = periodWindows('2028-01-01', '2028-12-31');
    expect(windows).toHaveLength(12);
    expect(windows[0]).toEqual({ from: '2028-01-01', until: addDays('2028-01-01', PERIOD_WINDOW_DAYS) });
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => periodWindows('2026-11-02', '2026-11-01')).toThrow(RangeError);
  });
});

describe('shareBps', () => {
  it.each([
    [1, 3, 3333],
    [2, 3, 6667],
    [-1, 3, -3333],
    [1, -3, -3333],
    [0, 5, 0],
    [5, 5, 10_000],
  ])('%i of %i is %i basis points', (part, whole, expected) => {
    expect(shareBps(part, whole)).toBe(expected);
  });

  it('has no share of nothing', () => {
    expect(shareBps(5, 0)).toBeNull();
  });
});

describe('addRowsByKey', () => {
  it('sums the named fields of rows with the same key and keeps the others of the first', () => {
    const rows = new Map<string, { day: string; label: string; sales: number; units: number }>();
    addRowsByKey(rows, [{ day: 'a', label: 'first', sales: 10, units: 1 }], (row) => row.day, [
      'sales',
      'units',
    ]);
    addRowsByKey(
      rows,
      [
        { day: 'a', label: 'second', sales: 5, units: 2 },
        { day: 'b', label: 'other', sales: 1, units: 1 },
      ],
      (row) => row.day,
      ['sales', 'units'],
    );
    expect([...rows.values()]).toEqual([
      { day: 'a', label: 'first', sales: 15, units: 3 },
      { day: 'b', label: 'other', sales: 1, units: 1 },
    ]);
  });
});

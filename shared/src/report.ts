/**
 * The rules every sales report follows, so that the reports add up with one another.
 *
 * What counts as a sale: an order whose money was taken (payment paid, or since partly or wholly refunded)
 * and that was not called off (cancelled or voided: its money went back with it). A web order waiting for
 * payment, a declined one, or a cash-on-delivery order not yet handed over is not a sale yet.
 *
 * When: a sale on the day (and hour) it was placed, a refund on the day it was given, both in the store's
 * time zone. A refund counts only against an order that counts as a sale, so a called-off order nets to
 * nothing either way.
 *
 * Figures are in minor units of the store's currency, net of discounts, with tax apart: `sales` is what
 * was sold before tax, `refunds` what was given back before tax, `netSales` the difference, `tax` the tax
 * collected less the tax refunded, and `total` = `netSales` + `tax`, the money kept.
 *
 * Periods are split into windows of at most PERIOD_WINDOW_DAYS days, each aggregated by PostgreSQL on its
 * own: every statement stays short, and a report run as a job reports its progress window by window.
 */
import { type OrderStatus, orderStatuses, type PaymentStatus } from './enums.js';
import { BASIS_POINTS, mulDivRound } from './rounding.js';

export const takenPaymentStatuses = [
  'paid',
  'partially_refunded',
  'refunded',
] as const satisfies readonly PaymentStatus[];

export const calledOffStatuses = ['cancelled', 'voided'] as const satisfies readonly OrderStatus[];

/** The order statuses a sale can have (its payment must also be taken). */
export const saleStatuses: readonly OrderStatus[] = orderStatuses.filter(
  (status) => !(calledOffStatuses as readonly OrderStatus[]).includes(status),
);

export function countsAsSale(order: { status: OrderStatus; paymentStatus: PaymentStatus }): boolean {
  return (
    saleStatuses.includes(order.status) &&
    (takenPaymentStatuses as readonly PaymentStatus[]).includes(order.paymentStatus)
  );
}

export const PERIOD_WINDOW_DAYS = 31;

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function dayNumber(date: string): number {
  const time = Date.parse(`${date}T00:00:00Z`);
  if (!ISO_DATE.test(date) || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`not a calendar date: ${JSON.stringify(date)}`);
  }
  return time / DAY_MS;
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar date `days` after `date` (YYYY-MM-DD, no time zone involved). */
export function addDays(date: string, days: number): string {
  return dateOf(dayNumber(date) + days);
}

/** Days from `from` to `to`, both included: 1 for a single day, 0 or less when `to` is before `from`. */
export function daysInPeriod(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from) + 1;
}

export interface PeriodWindow {
  /** First day, included. */
  from: string;
  /** Day after the last, excluded. */
  until: string;
}

/** Consecutive windows of at most `size` days covering `from` to `to` (both included). */
export function periodWindows(from: string, to: string, size = PERIOD_WINDOW_DAYS): PeriodWindow[] {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`window size must be ≥ 1, got ${size}`);
  const first = dayNumber(from);
  const end = dayNumber(to) + 1;
  if (end <= first) throw new RangeError(`the period ends (${to}) before it starts (${from})`);
  const windows: PeriodWindow[] = [];
  for (let start = first; start < end; start += size) {
    windows.push({ from: dateOf(start), until: dateOf(Math.min(start + size, end)) });
  }
  return windows;
}

/** `part` as basis points of `whole` (1234 = 12.34 %), rounded half away from zero; null when `whole` is 0. */
export function shareBps(part: number, whole: number): number | null {
  if (whole === 0) return null;
  const sign = whole < 0 ? -1 : 1;
  return mulDivRound(part * sign, BASIS_POINTS, Math.abs(whole));
}

/**
 * Adds rows into `into` by key, summing the numeric fields named: how the windows of a period are put
 * together (sums of sums; no average or distinct count survives this, so reports carry none).
 */
export type NumericField<R> = { [K in keyof R]: R[K] extends number ? K : never }[keyof R] & string;

export function addRowsByKey<R extends object>(
  into: Map<string, R>,
  rows: readonly R[],
  keyOf: (row: R) => string,
  fields: readonly NumericField<R>[],
): Map<string, R> {
  for (const row of rows) {
    const key = keyOf(row);
    const existing = into.get(key) as Record<string, number> | undefined;
    if (!existing) {
      into.set(key, { ...row });
      continue;
    }
    const added = row as Record<string, number>;
    for (const field of fields) existing[field] = (existing[field] ?? 0) + (added[field] ?? 0);
  }
  return into;
}

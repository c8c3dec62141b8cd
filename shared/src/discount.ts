/**
 * Line and cart discounts, in shelf-price terms (tax-inclusive when the store's prices include tax).
 *
 * - A line discount is a percentage (basis points of the line's gross, rounded half away from zero) or a
 *   fixed amount off the whole line (not per unit). It is capped at the line's gross: a line never goes
 *   below zero.
 * - A cart discount is a percentage of, or a fixed amount off, the sum of the lines after their own
 *   discounts, capped at that sum. It is then PRORATED over the lines in proportion to their
 *   after-line-discount amounts, with the largest-remainder method (rounding.ts): the shares sum EXACTLY to
 *   the cart discount, each share is within one minor unit of its exact proportion and never exceeds its
 *   line's amount. Prorating matters because each line is taxed, and later refunded, on what was really
 *   paid for it.
 */
import { z } from 'zod';
import { MAX_MONEY_AMOUNT } from './money.js';
import { allocateByWeights, BASIS_POINTS, mulDivRound } from './rounding.js';

export const discount = z.discriminatedUnion('type', [
  z.object({ type: z.literal('percent'), basisPoints: z.number().int().min(1).max(BASIS_POINTS) }),
  z.object({ type: z.literal('amount'), amount: z.number().int().min(1).max(MAX_MONEY_AMOUNT) }),
]);
export type Discount = z.infer<typeof discount>;

/** What `discount` takes off `base` (≥ 0): never negative, never more than `base`. */
export function discountAmount(base: number, value: Discount | undefined): number {
  if (!Number.isSafeInteger(base) || base < 0) {
    throw new RangeError(`discount base must be a non-negative integer, got ${base}`);
  }
  if (!value) return 0;
  const parsed = discount.safeParse(value);
  if (!parsed.success) {
    throw new RangeError(`invalid discount ${JSON.stringify(value)}`);
  }
  const off =
    parsed.data.type === 'percent'
      ? mulDivRound(base, parsed.data.basisPoints, BASIS_POINTS)
      : parsed.data.amount;
  return Math.min(off, base);
}

export interface ProratedDiscount {
  /** The cart discount actually granted, after capping at the sum of the lines. */
  applied: number;
  /** One share per line, same order as the input; sums to `applied`. */
  shares: number[];
}

/** Computes a cart discount over line amounts (after line discounts) and spreads it over the lines. */
export function prorateCartDiscount(
  lineAmounts: readonly number[],
  value: Discount | undefined,
): ProratedDiscount {
  const base = lineAmounts.reduce((sum, amount) => sum + amount, 0);
  const applied = discountAmount(base, value);
  return { applied, shares: allocateByWeights(applied, lineAmounts) };
}

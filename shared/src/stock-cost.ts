/**
 * A variant's cost price is the weighted average cost of the units on hand (perpetual average): a receipt
 * at a new unit cost moves it in proportion to the units received. One cost per variant, across every
 * location, because the units are the same goods wherever they sit.
 *
 * - No units on hand (zero, or negative after offline oversells), or no known cost yet: the received cost
 *   becomes the cost; there is nothing to average with.
 * - Amounts are integers in minor units; the average is rounded half up. The products of quantities and
 *   costs can pass 2^53, so the arithmetic is done in BigInt.
 */
export interface CostBasis {
  /** Units on hand across all locations before the receipt. */
  onHand: number;
  /** The current cost price, in minor units; null when unknown. */
  unitCost: number | null;
}

export function weightedAverageCost(
  current: CostBasis,
  received: { quantity: number; unitCost: number },
): number {
  if (!Number.isSafeInteger(received.quantity) || received.quantity <= 0) {
    throw new RangeError(`received quantity must be a positive integer, got ${received.quantity}`);
  }
  if (!Number.isSafeInteger(received.unitCost) || received.unitCost < 0) {
    throw new RangeError(`unit cost must be a non-negative integer, got ${received.unitCost}`);
  }
  if (current.unitCost === null || current.onHand <= 0) return received.unitCost;
  const units = BigInt(current.onHand) + BigInt(received.quantity);
  const value =
    BigInt(current.onHand) * BigInt(current.unitCost) + BigInt(received.quantity) * BigInt(received.unitCost);
  // Half up: floor((2 * value + units) / (2 * units)).
  return Number((2n * value + units) / (2n * units));
}

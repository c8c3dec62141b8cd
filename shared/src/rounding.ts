/**
 * The two integer operations every price computation goes through, so the terminal and the server agree
 * to the last minor unit.
 *
 * - `mulDivRound(a, b, c)` = a × b ÷ c rounded HALF AWAY FROM ZERO (0.5 → 1, -0.5 → -1), computed on BigInt
 *   so the intermediate product never loses precision (10^12 × 10^4 is past 2^53). Half away from zero is the
 *   usual commercial rule and is symmetric, so a refund of a line rounds exactly like its sale.
 * - `allocateByWeights(total, weights)` splits an integer total into integer parts proportional to the
 *   weights with the LARGEST-REMAINDER method: every part gets floor(total × w / Σw); the units left over go
 *   one each to the parts with the largest remainders, ties to the earlier index. The parts always sum to
 *   the total exactly and each part is within one unit of its exact share. A negative total is split like
 *   its absolute value and negated, so splitting is symmetric too.
 */

/** One basis point is 1/100 of a percent: rates are integers, 1800 = 18 %. */
export const BASIS_POINTS = 10_000;

function assertSafeInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${name} must be a safe integer, got ${value}`);
  }
}

function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`result ${value} is not a safe integer`);
  }
  return Number(value);
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

/** value × multiplier ÷ divisor, rounded half away from zero. */
export function mulDivRound(value: number, multiplier: number, divisor: number): number {
  assertSafeInteger(value, 'value');
  assertSafeInteger(multiplier, 'multiplier');
  assertSafeInteger(divisor, 'divisor');
  if (divisor <= 0) {
    throw new RangeError(`divisor must be positive, got ${divisor}`);
  }
  const numerator = BigInt(value) * BigInt(multiplier);
  const denominator = BigInt(divisor);
  const quotient = numerator / denominator; // BigInt division truncates toward zero
  const remainder = abs(numerator % denominator);
  if (remainder * 2n >= denominator) {
    return toSafeNumber(quotient + (numerator < 0n ? -1n : 1n));
  }
  return toSafeNumber(quotient);
}

/** Splits `total` into `weights.length` integer parts proportional to the weights (largest remainder). */
export function allocateByWeights(total: number, weights: readonly number[]): number[] {
  assertSafeInteger(total, 'total');
  let weightSum = 0n;
  for (const weight of weights) {
    assertSafeInteger(weight, 'weight');
    if (weight < 0) {
      throw new RangeError(`weights must not be negative, got ${weight}`);
    }
    weightSum += BigInt(weight);
  }
  if (total === 0) {
    return weights.map(() => 0);
  }
  if (weightSum === 0n) {
    throw new RangeError(`cannot allocate ${total} over weights that sum to zero`);
  }
  const magnitude = BigInt(Math.abs(total));
  const parts = weights.map((weight) => (magnitude * BigInt(weight)) / weightSum);
  const remainders = weights.map((weight, index) => ({
    index,
    remainder: (magnitude * BigInt(weight)) % weightSum,
  }));
  let leftover = magnitude - parts.reduce((sum, part) => sum + part, 0n);
  remainders.sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (const { index } of remainders) {
    if (leftover === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return parts.map((part) => (total < 0 && part !== 0n ? -Number(part) : Number(part)));
}

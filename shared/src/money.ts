/**
 * Money: an integer number of minor units (cents, or whole francs for XOF) and an ISO 4217 currency.
 *
 * Why integers: binary floating point cannot hold 0.10 exactly, and a POS and a server that disagree by one
 * cent on a total cannot reconcile. Every amount is a safe integer; non-integers are rejected, never rounded.
 *
 * Why a cap: |amount| ≤ MAX_MONEY_AMOUNT = 10^12 minor units (10 billion EUR, 1,000 billion XOF). It is far
 * above any retail order yet ~9,000 times below 2^53, so sums of a few thousand capped amounts stay exact in
 * plain numbers. Arithmetic that would leave the cap throws a RangeError: such an amount is a bug or an
 * attack, not a sale.
 */
import type { Currency } from './currency.js';
import { allocateByWeights } from './rounding.js';

export const MAX_MONEY_AMOUNT = 1_000_000_000_000;

export interface Money {
  amount: number;
  currency: Currency;
}

export class CurrencyMismatchError extends Error {
  readonly code = 'CURRENCY_MISMATCH';
  constructor(expected: Currency, actual: Currency) {
    super(`expected ${expected} but got ${actual}`);
    this.name = 'CurrencyMismatchError';
  }
}

export function isMoneyAmount(amount: number): boolean {
  return Number.isInteger(amount) && Math.abs(amount) <= MAX_MONEY_AMOUNT;
}

/** Throws a RangeError unless `amount` is an integer within ±MAX_MONEY_AMOUNT; returns it otherwise. */
export function assertMoneyAmount(amount: number): number {
  if (!isMoneyAmount(amount)) {
    throw new RangeError(
      `amount must be an integer number of minor units within ±${MAX_MONEY_AMOUNT}, got ${amount}`,
    );
  }
  // Normalise -0 so that Object.is-based equality (and JSON round trips) never see two zeros.
  return amount === 0 ? 0 : amount;
}

export function createMoney(amount: number, code: Currency): Money {
  return { amount: assertMoneyAmount(amount), currency: code };
}

export function zeroMoney(code: Currency): Money {
  return { amount: 0, currency: code };
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new CurrencyMismatchError(a.currency, b.currency);
  }
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return createMoney(a.amount + b.amount, a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return createMoney(a.amount - b.amount, a.currency);
}

/** Multiplies by an integer quantity (units of a variant); fractional quantities do not exist in this shop. */
export function multiplyMoney(value: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity)) {
    throw new RangeError(`quantity must be an integer, got ${quantity}`);
  }
  return createMoney(value.amount * quantity, value.currency);
}

export function sumMoney(code: Currency, values: readonly Money[]): Money {
  return values.reduce((sum, value) => addMoney(sum, value), zeroMoney(code));
}

/** -1, 0 or 1, for sorting and for "is the payment enough" checks. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b);
  return a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0;
}

export function isSameMoney(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amount === b.amount;
}

/**
 * Splits `total` proportionally to non-negative integer `weights` (largest remainder, see rounding.ts):
 * the parts always sum to `total` exactly. Equal weights split evenly, earlier parts taking the extra units:
 * 100 over [1, 1, 1] is [34, 33, 33].
 */
export function allocateMoney(total: Money, weights: readonly number[]): Money[] {
  assertMoneyAmount(total.amount);
  return allocateByWeights(total.amount, weights).map((amount) => createMoney(amount, total.currency));
}

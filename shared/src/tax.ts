/**
 * VAT on a line, and the per-rate breakdown printed on receipts.
 *
 * Rates are integer basis points: 1800 = 18 % (Senegal), 2000 = 20 %, 550 = 5.5 % (France), 0.
 *
 * Rounding rule (the retail norm, and the one both the terminal and the server apply):
 * - tax is computed PER LINE, on the line amount AFTER all discounts (line and prorated cart discount);
 * - it is rounded HALF AWAY FROM ZERO to the currency's minor unit (1 XOF, 0.01 EUR);
 * - prices include tax (`pricesIncludeTax`, shelf prices are what the customer pays): the tax is extracted,
 *   tax = round(total × rate ÷ (10000 + rate)), net = total − tax;
 * - prices exclude tax: tax is added, tax = round(net × rate ÷ 10000), total = net + tax;
 * - the order's tax is the sum of its line taxes, never a rounding of the summed bases, so what the receipt
 *   shows per line adds up to what it shows per rate and in total. Consequence worth knowing: 999 lines of
 *   1 XOF at 18 % carry no tax at all, while one line of 999 × 1 XOF carries 180 XOF.
 */
import { z } from 'zod';
import { BASIS_POINTS, mulDivRound } from './rounding.js';

/** 100 %: no real VAT is this high; the cap only keeps arithmetic and input sane. */
export const MAX_VAT_RATE = BASIS_POINTS;

export const vatRate = z.number().int().min(0).max(MAX_VAT_RATE);
export type VatRate = z.infer<typeof vatRate>;

/** Rates in force at the time of writing, for seeds and admin pick lists; products store their own rate. */
export const commonVatRates = {
  senegalStandard: 1800,
  franceStandard: 2000,
  franceIntermediate: 1000,
  franceReduced: 550,
  franceSuperReduced: 210,
  exempt: 0,
} as const satisfies Record<string, VatRate>;

export interface TaxedAmount {
  /** Excluding tax. */
  net: number;
  tax: number;
  /** Including tax: net + tax. */
  total: number;
}

function assertRate(rate: number): void {
  if (!vatRate.safeParse(rate).success) {
    throw new RangeError(
      `VAT rate must be an integer number of basis points in 0..${MAX_VAT_RATE}, got ${rate}`,
    );
  }
}

/** Tax to add on top of a tax-exclusive amount. */
export function taxOnNet(net: number, rate: number): number {
  assertRate(rate);
  return mulDivRound(net, rate, BASIS_POINTS);
}

/** Tax contained in a tax-inclusive amount. */
export function taxIncludedIn(total: number, rate: number): number {
  assertRate(rate);
  return mulDivRound(total, rate, BASIS_POINTS + rate);
}

/**
 * Splits a line amount (after discounts, in shelf-price terms) into net, tax and total.
 * `amount` is the tax-inclusive total when `pricesIncludeTax`, the net otherwise.
 */
export function applyTax(amount: number, rate: number, pricesIncludeTax: boolean): TaxedAmount {
  if (pricesIncludeTax) {
    const tax = taxIncludedIn(amount, rate);
    return { net: amount - tax, tax, total: amount };
  }
  const tax = taxOnNet(amount, rate);
  return { net: amount, tax, total: amount + tax };
}

export interface TaxRateSummary extends TaxedAmount {
  vatRate: number;
}

/** Sums taxed lines per VAT rate, highest rate first (receipt order). Rates with no line do not appear. */
export function summarizeTaxByRate(
  lines: readonly (TaxedAmount & { readonly vatRate: number })[],
): TaxRateSummary[] {
  const byRate = new Map<number, TaxRateSummary>();
  for (const line of lines) {
    const summary = byRate.get(line.vatRate) ?? { vatRate: line.vatRate, net: 0, tax: 0, total: 0 };
    summary.net += line.net;
    summary.tax += line.tax;
    summary.total += line.total;
    byRate.set(line.vatRate, summary);
  }
  return [...byRate.values()].sort((a, b) => b.vatRate - a.vatRate);
}

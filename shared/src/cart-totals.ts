/**
 * THE pricing function. The terminal runs it to show and charge a cart; the server runs it again on every
 * order a terminal pushes and trusts its own result. Same input, same output, on any machine: integers
 * only, no floats, no clock, no locale.
 *
 * Per line, in this order (shelf-price terms: tax-inclusive when `pricesIncludeTax`):
 *   gross        = quantity × unitPrice
 *   lineDiscount = the line's own discount, capped at gross                       (discount.ts)
 *   cartDiscount = the line's share of the cart discount, prorated by the lines'
 *                  after-line-discount amounts with largest remainder             (discount.ts)
 *   discount     = lineDiscount + cartDiscount
 *   net, tax, total = VAT on (gross − discount), per line, half away from zero   (tax.ts)
 * so `gross − discount` is `total` when prices include tax and `net` when they do not, and always
 * `net + tax = total`.
 *
 * Order totals are plain sums of the line fields, hence the invariants the specs check on thousands of
 * random carts: Σ line totals = total, netTotal + taxTotal = total, Σ cart shares = cartDiscountTotal,
 * and the per-rate breakdown adds up to netTotal / taxTotal / total.
 */
import type { Currency } from './currency.js';
import { type Discount, discountAmount, prorateCartDiscount } from './discount.js';
import { assertMoneyAmount, MAX_MONEY_AMOUNT } from './money.js';
import { applyTax, MAX_VAT_RATE, summarizeTaxByRate, type TaxedAmount, type TaxRateSummary } from './tax.js';

/** Units of one variant on one line. */
export const MAX_QUANTITY = 10_000;
/** Lines in one cart or order. */
export const MAX_CART_LINES = 200;

export interface CartLine {
  variantId: string;
  /** Positive integer, at most MAX_QUANTITY. */
  quantity: number;
  /** Minor units of the cart currency, at shelf price (tax-inclusive when the store's prices include tax). */
  unitPrice: number;
  /** Basis points. */
  vatRate: number;
  lineDiscount?: Discount | undefined;
}

export interface Cart {
  currency: Currency;
  pricesIncludeTax: boolean;
  lines: readonly CartLine[];
  cartDiscount?: Discount | undefined;
}

export interface LineTotals extends TaxedAmount {
  vatRate: number;
  gross: number;
  lineDiscount: number;
  cartDiscount: number;
  discount: number;
}

export interface CartTotals {
  currency: Currency;
  pricesIncludeTax: boolean;
  /** Same order and length as the cart's lines. */
  lines: LineTotals[];
  /** Σ gross: before any discount. */
  subtotal: number;
  lineDiscountTotal: number;
  cartDiscountTotal: number;
  discountTotal: number;
  netTotal: number;
  taxTotal: number;
  /** What the customer pays: Σ line totals. */
  total: number;
  /** One entry per VAT rate present, highest first. */
  taxBreakdown: TaxRateSummary[];
}

function assertLine(line: CartLine, index: number): void {
  const problems = [
    Number.isInteger(line.quantity) && line.quantity >= 1 && line.quantity <= MAX_QUANTITY
      ? null
      : `quantity must be an integer in 1..${MAX_QUANTITY}`,
    Number.isInteger(line.unitPrice) && line.unitPrice >= 0 && line.unitPrice <= MAX_MONEY_AMOUNT
      ? null
      : `unitPrice must be an integer in 0..${MAX_MONEY_AMOUNT}`,
    Number.isInteger(line.vatRate) && line.vatRate >= 0 && line.vatRate <= MAX_VAT_RATE
      ? null
      : `vatRate must be an integer in 0..${MAX_VAT_RATE}`,
  ].filter((problem) => problem !== null);
  if (problems.length > 0) {
    throw new RangeError(`line ${index}: ${problems.join('; ')}`);
  }
}

function sum<T>(items: readonly T[], pick: (item: T) => number): number {
  return assertMoneyAmount(items.reduce((total, item) => total + pick(item), 0));
}

/**
 * Prices a cart. Throws a RangeError on input a schema should already have rejected (bad quantity, price,
 * rate, too many lines, amounts beyond MAX_MONEY_AMOUNT); it has no business outcome to report.
 */
export function computeCartTotals(cart: Cart): CartTotals {
  if (cart.lines.length > MAX_CART_LINES) {
    throw new RangeError(`a cart has at most ${MAX_CART_LINES} lines, got ${cart.lines.length}`);
  }
  const discounted = cart.lines.map((line, index) => {
    assertLine(line, index);
    const gross = assertMoneyAmount(line.quantity * line.unitPrice);
    const lineDiscount = discountAmount(gross, line.lineDiscount);
    return { vatRate: line.vatRate, gross, lineDiscount, amount: gross - lineDiscount };
  });

  const cartDiscount = prorateCartDiscount(
    discounted.map((line) => line.amount),
    cart.cartDiscount,
  );

  const lines = discounted.map(({ vatRate, gross, lineDiscount, amount }, index): LineTotals => {
    const share = cartDiscount.shares[index] ?? 0;
    const taxed = applyTax(amount - share, vatRate, cart.pricesIncludeTax);
    return {
      vatRate,
      gross,
      lineDiscount,
      cartDiscount: share,
      discount: lineDiscount + share,
      net: taxed.net,
      tax: taxed.tax,
      total: assertMoneyAmount(taxed.total),
    };
  });

  return {
    currency: cart.currency,
    pricesIncludeTax: cart.pricesIncludeTax,
    lines,
    subtotal: sum(lines, (line) => line.gross),
    lineDiscountTotal: sum(lines, (line) => line.lineDiscount),
    cartDiscountTotal: cartDiscount.applied,
    discountTotal: sum(lines, (line) => line.discount),
    netTotal: sum(lines, (line) => line.net),
    taxTotal: sum(lines, (line) => line.tax),
    total: sum(lines, (line) => line.total),
    taxBreakdown: summarizeTaxByRate(lines),
  };
}

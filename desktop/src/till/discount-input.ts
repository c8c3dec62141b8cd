/**
 * What the cashier types in the discount box, read as a discount (discount.ts): "10 %" or "12,5%" is a
 * percentage, anything else an amount in the store's currency ("2 000", "1,50"). An empty box takes the
 * discount off.
 */
import { type Currency, minorUnitExponent } from '@allure/shared/currency';
import type { Discount } from '@allure/shared/discount';
import { parseMoney } from '@allure/shared/money-format';
import { BASIS_POINTS } from '@allure/shared/rounding';

export type DiscountInput =
  | { ok: true; discount: Discount | undefined }
  | { ok: false; reason: 'invalid' | 'percent_too_large' | 'zero' | 'too_many_decimals' | 'too_large' };

export function parseDiscountInput(text: string, currency: Currency, locale: string): DiscountInput {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, discount: undefined };
  if (trimmed.endsWith('%')) {
    const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(trimmed.slice(0, -1).trim());
    if (!match) return { ok: false, reason: 'invalid' };
    const basisPoints = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
    if (basisPoints === 0) return { ok: false, reason: 'zero' };
    if (basisPoints > BASIS_POINTS) return { ok: false, reason: 'percent_too_large' };
    return { ok: true, discount: { type: 'percent', basisPoints } };
  }
  const parsed = parseMoney(trimmed, currency, locale);
  if (!parsed.ok) return { ok: false, reason: parsed.reason === 'empty' ? 'invalid' : parsed.reason };
  if (parsed.money.amount === 0) return { ok: false, reason: 'zero' };
  return { ok: true, discount: { type: 'amount', amount: parsed.money.amount } };
}

/** The discount as the box shows it again, readable by parseDiscountInput: "12.5 %" or "1500". */
export function discountText(discount: Discount | undefined, currency: Currency, locale: string): string {
  if (!discount) return '';
  if (discount.type === 'percent') return `${formatNumber(discount.basisPoints / 100, 2, locale)} %`;
  const exponent = minorUnitExponent(currency);
  return formatNumber(discount.amount / 10 ** exponent, exponent, locale);
}

function formatNumber(value: number, decimals: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: decimals, useGrouping: false }).format(value);
}

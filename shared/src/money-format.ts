/**
 * Showing amounts to people and reading amounts typed by them.
 *
 * Formatting goes through Intl.NumberFormat with the currency's exact exponent, so XOF never shows decimals
 * ("1 500 F CFA" in French) and EUR always shows two ("12,50 €"). Output follows the runtime's CLDR data.
 *
 * Parsing is deliberately strict, because a misread amount is money lost at the till:
 * - the locale's decimal separator is accepted; where it is a comma ("fr"), a dot is accepted as well,
 *   because numeric keypads type dots;
 * - grouping is accepted only in well-formed groups of three (spaces, or the locale's grouping character
 *   when it is not a decimal separator): "1 500" and "1,500" (en) are 1500; "12,50" (en) is invalid;
 * - more fraction digits than the currency has are rejected, even zeros: "1.500" XOF is never silently
 *   read as 1.5 or 1500, the cashier retypes it;
 * - signs, currency symbols and letters are rejected; amounts above MAX_MONEY_AMOUNT are "too_large".
 */
import { type Currency, minorUnitExponent } from './currency.js';
import { assertMoneyAmount, MAX_MONEY_AMOUNT, type Money } from './money.js';

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(locale: string, code: Currency): Intl.NumberFormat {
  const key = `${locale}|${code}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const digits = minorUnitExponent(code);
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: code,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** "1 500 F CFA" (fr-FR, XOF), "12,50 €" (fr-FR, EUR), "€12.50" (en-GB, EUR). Spaces are CLDR's (NBSP). */
export function formatMoney(amount: number, code: Currency, locale: string): string {
  assertMoneyAmount(amount);
  // Exact for |amount| ≤ 10^12: the nearest double to amount / 10^e rounds back to the same digits.
  return formatterFor(locale, code).format(amount / 10 ** minorUnitExponent(code));
}

export type ParseMoneyResult =
  | { ok: true; money: Money }
  | { ok: false; reason: 'empty' | 'invalid' | 'too_many_decimals' | 'too_large' };

interface Separators {
  decimalMarks: readonly string[];
  groupMarks: readonly string[];
}

const separatorsByLocale = new Map<string, Separators>();

function separatorsFor(locale: string): Separators {
  let separators = separatorsByLocale.get(locale);
  if (!separators) {
    const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
    const decimal = parts.find((part) => part.type === 'decimal')?.value ?? '.';
    const group = normaliseSpaces(parts.find((part) => part.type === 'group')?.value ?? ',');
    const decimalMarks = decimal === ',' && group !== '.' ? [',', '.'] : [decimal];
    const groupMarks = [...new Set([' ', group])].filter((mark) => !decimalMarks.includes(mark));
    separators = { decimalMarks, groupMarks };
    separatorsByLocale.set(locale, separators);
  }
  return separators;
}

function normaliseSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f\u2007\u2009]/g, ' ');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isWellFormedInteger(text: string, groupMarks: readonly string[]): boolean {
  if (/^\d+$/.test(text)) return true;
  return groupMarks.some((mark) => new RegExp(`^\\d{1,3}(?:${escapeRegExp(mark)}\\d{3})+$`).test(text));
}

/** Reads what a person typed ("12,50", "1 500", "1,500.75") as minor units of `code`. */
export function parseMoney(input: string, code: Currency, locale: string): ParseMoneyResult {
  const text = normaliseSpaces(input).trim();
  if (text === '') return { ok: false, reason: 'empty' };

  const { decimalMarks, groupMarks } = separatorsFor(locale);
  const markPositions = text.split('').flatMap((char, index) => (decimalMarks.includes(char) ? [index] : []));
  if (markPositions.length > 1) return { ok: false, reason: 'invalid' };
  const markAt = markPositions[0];
  const integerPart = markAt === undefined ? text : text.slice(0, markAt);
  const fractionPart = markAt === undefined ? '' : text.slice(markAt + 1);

  if (markAt !== undefined && !/^\d+$/.test(fractionPart)) return { ok: false, reason: 'invalid' };
  if (!(integerPart === '' && markAt !== undefined) && !isWellFormedInteger(integerPart, groupMarks)) {
    return { ok: false, reason: 'invalid' };
  }
  const exponent = minorUnitExponent(code);
  if (fractionPart.length > exponent) return { ok: false, reason: 'too_many_decimals' };

  const digits = (integerPart.replace(/\D/g, '') + fractionPart.padEnd(exponent, '0')).replace(
    /^0+(?=\d)/,
    '',
  );
  if (digits.length > String(MAX_MONEY_AMOUNT).length) return { ok: false, reason: 'too_large' };
  const amount = Number(digits);
  if (amount > MAX_MONEY_AMOUNT) return { ok: false, reason: 'too_large' };
  return { ok: true, money: { amount, currency: code } };
}

import { describe, expect, it } from 'vitest';
import type { Currency } from './currency.js';
import { MAX_MONEY_AMOUNT } from './money.js';
import { formatMoney, parseMoney } from './money-format.js';

// CLDR puts no-break spaces (U+00A0, U+202F) in French groups and around symbols; which one goes where
// changes between ICU versions, so expectations are written with plain spaces and compared after mapping.
const NNBSP = '\u202f';
const NBSP = '\u00a0';
const plainSpaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it.each<[number, Currency, string, string]>([
    [1500, 'XOF', 'fr-FR', '1 500 F CFA'],
    [0, 'XOF', 'fr-FR', '0 F CFA'],
    [1_234_567, 'XOF', 'fr-FR', '1 234 567 F CFA'],
    [1250, 'EUR', 'fr-FR', '12,50 €'],
    [1, 'EUR', 'fr-FR', '0,01 €'],
    [-1250, 'EUR', 'fr-FR', '-12,50 €'],
    [123_456_789_012, 'EUR', 'fr-FR', '1 234 567 890,12 €'],
    [1250, 'EUR', 'en-GB', '€12.50'],
    [1500, 'XOF', 'en-GB', 'F CFA 1,500'],
    [1999, 'GBP', 'en-GB', '£19.99'],
    [1999, 'USD', 'en-US', '$19.99'],
    [100_000, 'USD', 'en-US', '$1,000.00'],
  ])('formats %i %s in %s as %j', (amount, code, locale, expected) => {
    expect(plainSpaces(formatMoney(amount, code, locale))).toBe(expected);
  });

  it('never shows decimals for XOF, whatever the locale', () => {
    expect(formatMoney(1501, 'XOF', 'en-US')).not.toMatch(/\.\d/);
    expect(formatMoney(1501, 'XOF', 'fr-FR')).not.toMatch(/,\d/);
  });

  it('rejects an amount that is not integer minor units', () => {
    expect(() => formatMoney(12.5, 'EUR', 'fr-FR')).toThrow(RangeError);
  });
});

describe('parseMoney', () => {
  it.each<[string, Currency, string, number]>([
    ['12,50', 'EUR', 'fr-FR', 1250],
    ['12.50', 'EUR', 'fr-FR', 1250], // keypad dot
    ['12,5', 'EUR', 'fr-FR', 1250],
    ['12', 'EUR', 'fr-FR', 1200],
    [',5', 'EUR', 'fr-FR', 50],
    ['0,01', 'EUR', 'fr-FR', 1],
    ['1 234,56', 'EUR', 'fr-FR', 123_456],
    [`1${NNBSP}234,56`, 'EUR', 'fr-FR', 123_456],
    [`  1${NBSP}500  `, 'XOF', 'fr-FR', 1500],
    ['1500', 'XOF', 'fr-FR', 1500],
    ['1 000 000', 'XOF', 'fr-FR', 1_000_000],
    ['007', 'XOF', 'fr-FR', 7],
    ['0', 'XOF', 'fr-FR', 0],
    ['12.50', 'EUR', 'en-GB', 1250],
    ['1,234.56', 'GBP', 'en-GB', 123_456],
    ['1,500', 'XOF', 'en-GB', 1500],
    ['1 500', 'XOF', 'en-US', 1500],
    ['10000000000', 'EUR', 'fr-FR', MAX_MONEY_AMOUNT],
    ['1000000000000', 'XOF', 'fr-FR', MAX_MONEY_AMOUNT],
  ])('reads %j in %s (%s) as %i', (input, code, locale, amount) => {
    expect(parseMoney(input, code, locale)).toEqual({ ok: true, money: { amount, currency: code } });
  });

  it.each<[string, Currency, string, string]>([
    ['', 'EUR', 'fr-FR', 'empty'],
    ['   ', 'EUR', 'fr-FR', 'empty'],
    ['12,505', 'EUR', 'fr-FR', 'too_many_decimals'],
    ['12,500', 'EUR', 'fr-FR', 'too_many_decimals'], // even zeros: the cashier meant something else
    ['1.500', 'XOF', 'fr-FR', 'too_many_decimals'], // never 1.5 nor 1500 by guesswork
    ['1500,00', 'XOF', 'fr-FR', 'too_many_decimals'],
    ['12,50', 'EUR', 'en-GB', 'invalid'], // comma groups thousands in English
    ['1,50,000', 'XOF', 'en-GB', 'invalid'],
    ['1,2,3', 'EUR', 'fr-FR', 'invalid'],
    ['12,', 'EUR', 'fr-FR', 'invalid'],
    ['1 50', 'XOF', 'fr-FR', 'invalid'],
    ['1  500', 'XOF', 'fr-FR', 'invalid'],
    ['-12', 'EUR', 'fr-FR', 'invalid'],
    ['+12', 'EUR', 'fr-FR', 'invalid'],
    ['12 €', 'EUR', 'fr-FR', 'invalid'],
    ['1e3', 'XOF', 'fr-FR', 'invalid'],
    ['١٢', 'XOF', 'fr-FR', 'invalid'], // non-ASCII digits
    ['0x10', 'XOF', 'fr-FR', 'invalid'],
    ['10000000000,01', 'EUR', 'fr-FR', 'too_large'],
    ['99999999999999999999', 'XOF', 'fr-FR', 'too_large'],
  ])('rejects %j in %s (%s) as %s', (input, code, locale, reason) => {
    expect(parseMoney(input, code, locale)).toEqual({ ok: false, reason });
  });

  it.each<[number, Currency, string]>([
    [1250, 'EUR', 'fr-FR'],
    [123_456_789, 'EUR', 'en-GB'],
    [1_500_000, 'XOF', 'fr-FR'],
    [1999, 'USD', 'en-US'],
  ])('reads back the number part of what formatMoney shows (%i %s %s)', (amount, code, locale) => {
    const shown = formatMoney(amount, code, locale).replace(/[^\d.,\s\u00a0\u202f]/g, '');
    expect(parseMoney(shown, code, locale)).toEqual({ ok: true, money: { amount, currency: code } });
  });
});

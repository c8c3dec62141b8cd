import { describe, expect, it } from 'vitest';
import { discountText, parseDiscountInput } from './discount-input.js';

describe('reading the discount the cashier types', () => {
  it('reads a trailing % as a percentage, to the hundredth of a percent', () => {
    expect(parseDiscountInput('10 %', 'XOF', 'fr-FR')).toEqual({
      ok: true,
      discount: { type: 'percent', basisPoints: 1000 },
    });
    expect(parseDiscountInput('12,5%', 'XOF', 'fr-FR')).toEqual({
      ok: true,
      discount: { type: 'percent', basisPoints: 1250 },
    });
    expect(parseDiscountInput('100%', 'EUR', 'en-GB')).toEqual({
      ok: true,
      discount: { type: 'percent', basisPoints: 10_000 },
    });
    expect(parseDiscountInput('100.01%', 'EUR', 'en-GB')).toEqual({ ok: false, reason: 'percent_too_large' });
    expect(parseDiscountInput('0 %', 'XOF', 'fr-FR')).toEqual({ ok: false, reason: 'zero' });
    expect(parseDiscountInput('1,255 %', 'XOF', 'fr-FR')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseDiscountInput('dix %', 'XOF', 'fr-FR')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('reads anything else as an amount in minor units of the store currency', () => {
    expect(parseDiscountInput('2 000', 'XOF', 'fr-FR')).toEqual({
      ok: true,
      discount: { type: 'amount', amount: 2_000 },
    });
    expect(parseDiscountInput('1,50', 'EUR', 'fr-FR')).toEqual({
      ok: true,
      discount: { type: 'amount', amount: 150 },
    });
    expect(parseDiscountInput('1,5', 'XOF', 'fr-FR')).toEqual({ ok: false, reason: 'too_many_decimals' });
    expect(parseDiscountInput('0', 'XOF', 'fr-FR')).toEqual({ ok: false, reason: 'zero' });
    expect(parseDiscountInput('abc', 'XOF', 'fr-FR')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('takes the discount off when the box is emptied', () => {
    expect(parseDiscountInput('  ', 'XOF', 'fr-FR')).toEqual({ ok: true, discount: undefined });
  });

  it('shows a discount again as text it reads back the same', () => {
    for (const [discount, currency, locale] of [
      [{ type: 'percent', basisPoints: 1250 }, 'XOF', 'fr-FR'],
      [{ type: 'percent', basisPoints: 500 }, 'EUR', 'en-GB'],
      [{ type: 'amount', amount: 150_000 }, 'XOF', 'fr-FR'],
      [{ type: 'amount', amount: 1_299 }, 'EUR', 'fr-FR'],
      [{ type: 'amount', amount: 1_299 }, 'EUR', 'en-GB'],
    ] as const) {
      const text = discountText(discount, currency, locale);
      expect(parseDiscountInput(text, currency, locale)).toEqual({ ok: true, discount });
    }
    expect(discountText(undefined, 'XOF', 'fr-FR')).toBe('');
  });
});

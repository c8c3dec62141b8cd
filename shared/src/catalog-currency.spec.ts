import { describe, expect, it } from 'vitest';
import { catalogCurrency } from './catalog-currency.js';

describe('catalogCurrency', () => {
  it('is the currency every store sells in, when none or the same is asked for', () => {
    expect(catalogCurrency(['XOF', 'XOF'], undefined)).toEqual({ ok: true, currency: 'XOF' });
    expect(catalogCurrency(['XOF'], 'XOF')).toEqual({ ok: true, currency: 'XOF' });
  });

  it('refuses another currency than the stores’', () => {
    const result = catalogCurrency(['XOF'], 'EUR');
    expect(result).toEqual({ ok: false, cause: 'asked', reason: expect.stringMatching(/XOF.*not EUR/) });
  });

  it('has no answer before the first store, or when stores sell in several currencies', () => {
    expect(catalogCurrency([], 'XOF')).toMatchObject({ ok: false, cause: 'stores' });
    expect(catalogCurrency(['XOF', 'EUR'], undefined)).toEqual({
      ok: false,
      cause: 'stores',
      reason: expect.stringContaining('EUR and XOF'),
    });
    expect(catalogCurrency(['NGN'], undefined)).toMatchObject({ ok: false, cause: 'stores' });
  });
});

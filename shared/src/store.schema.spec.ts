import { describe, expect, it } from 'vitest';
import { createStoreInput, store, terminal, updateStoreInput } from './store.schema.js';

const testId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('store and terminal', () => {
  const dakar = {
    id: testId(1),
    code: 'DKR1',
    name: 'Allure Plateau',
    currency: 'XOF',
    pricesIncludeTax: true,
    locale: 'fr',
  };

  it.each([
    ['as built', {}, true],
    ['an English store in GBP', { code: 'LDN1', currency: 'GBP', locale: 'en' }, true],
    ['a lowercase code', { code: 'dkr1' }, false],
    ['a code of 9 characters', { code: 'DAKARPLAT' }, false],
    ['an unsupported locale', { locale: 'wo' }, false],
    ['an unsupported currency', { currency: 'XAF' }, false],
    ['no tax setting', { pricesIncludeTax: undefined }, false],
  ])('store %s: valid %s', (_, overrides, valid) => {
    expect(store.safeParse({ ...dakar, ...overrides }).success).toBe(valid);
  });

  it('never changes a store code or currency after creation', () => {
    expect(createStoreInput.safeParse(dakar).success).toBe(true);
    expect(
      updateStoreInput.parse({ id: testId(1), code: 'DKR2', currency: 'EUR', pricesIncludeTax: false }),
    ).toEqual({
      id: testId(1),
      pricesIncludeTax: false,
    });
  });

  it.each([
    ['T01', true],
    ['T999', true],
    ['T1', false],
    ['T001', false],
    ['W', false],
  ])('terminal code %s valid: %s', (code, valid) => {
    expect(terminal.safeParse({ id: testId(2), storeId: testId(1), code, name: 'Caisse 1' }).success).toBe(
      valid,
    );
  });
});

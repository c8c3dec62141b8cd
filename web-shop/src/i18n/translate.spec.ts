import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { fr } from './fr.js';
import { translator } from './translate.js';

describe('translator', () => {
  it('gives the message in the language asked for', () => {
    expect(translator('en')('nav.cart')).toBe('Cart');
    expect(translator('fr')('nav.cart')).toBe('Panier');
  });

  it('fills each blank with its value, numbers included', () => {
    expect(translator('en')('shop.tagline', { store: 'Allure Dakar' })).toBe(
      'Fashion from Allure Dakar, delivered or ready to pick up at the boutique.',
    );
    expect(translator('fr')('cart.count', { count: 3 })).toBe('Panier, 3 articles');
    expect(translator('en')('cart.full', { max: 0 })).toContain(' 0 ');
  });

  it('fills every occurrence of a blank, and leaves values that look like blanks as they are', () => {
    expect(translator('en')('search.title', { q: '{q} {store} $&' })).toBe('Search: {q} {store} $&');
  });

  it('keeps a blank it has no value for, so the gap shows instead of vanishing', () => {
    expect(translator('en')('search.title')).toBe('Search: {q}');
    expect(translator('en')('shop.tagline', { shop: 'Allure' })).toBe(en['shop.tagline']);
  });
});

describe('catalogues', () => {
  const blanks = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

  it('have exactly the same keys in English and French', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('have no empty message', () => {
    for (const [language, messages] of Object.entries({ en, fr })) {
      for (const [key, message] of Object.entries(messages))
        expect(message.trim(), `${language} ${key}`).not.toBe('');
    }
  });

  it('have the same blanks in each language', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[])
      expect(blanks(fr[key]), key).toEqual(blanks(en[key]));
  });
});

import { describe, expect, it } from 'vitest';
import {
  filtersOf,
  hrefOf,
  type Locale,
  NO_FILTERS,
  placeOf,
  preferredLocale,
  type Route,
} from './routes.js';

/** placeOf takes the path and the query apart, as a browser's URL gives them. */
function placeAt(href: string) {
  const url = new URL(href, 'https://shop.example');
  return placeOf(url.pathname, url.search);
}

const VARIANT_ID = '0b5f3c1e-8f4a-4c2b-9d7e-1a2b3c4d5e6f';
const TRACKING_TOKEN = `${VARIANT_ID}.1767225600.${'A'.repeat(20)}_${'b'.repeat(18)}-9z`;

describe('hrefOf and placeOf, round trip', () => {
  const routes: Route[] = [
    { page: 'home' },
    { page: 'category', slug: 'robes', filters: NO_FILTERS },
    {
      page: 'category',
      slug: 'robes-ete-2025',
      filters: {
        sizes: ['M', 'XL'],
        colours: ['Bleu nuit', 'rouge & or'],
        inStock: true,
        sort: 'price-desc',
      },
    },
    {
      page: 'category',
      slug: 'chemises',
      filters: { sizes: [], colours: [], inStock: false, sort: 'newest' },
    },
    { page: 'search', q: 'robe lin bleu' },
    { page: 'search', q: 'a+b & c=d?' },
    { page: 'search', q: '' },
    { page: 'product', slug: 'robe-wax', variantId: null },
    { page: 'product', slug: 'robe-wax', variantId: VARIANT_ID },
    { page: 'cart' },
    { page: 'checkout' },
    { page: 'order', token: TRACKING_TOKEN },
    { page: 'track' },
    { page: 'account' },
    { page: 'not-found' },
  ];
  const locales: Locale[] = ['fr', 'en'];

  for (const locale of locales) {
    for (const route of routes) {
      it(`${locale} ${JSON.stringify(route)} comes back from its address`, () => {
        expect(placeAt(hrefOf(locale, route))).toEqual({ locale, route });
      });
    }
  }

  it('writes plain addresses: no query for a listing without filters, none for the default sort', () => {
    expect(hrefOf('fr', { page: 'home' })).toBe('/fr');
    expect(hrefOf('en', { page: 'category', slug: 'robes', filters: NO_FILTERS })).toBe('/en/c/robes');
    expect(
      hrefOf('fr', {
        page: 'category',
        slug: 'robes',
        filters: { ...NO_FILTERS, sizes: ['M'], inStock: true },
      }),
    ).toBe('/fr/c/robes?size=M&stock=1');
    expect(hrefOf('fr', { page: 'product', slug: 'robe-wax', variantId: VARIANT_ID })).toBe(
      `/fr/p/robe-wax?variant=${VARIANT_ID}`,
    );
    expect(hrefOf('en', { page: 'cart' })).toBe('/en/cart');
  });

  it('reads a trailing slash as the same page', () => {
    expect(placeOf('/fr/')).toEqual({ locale: 'fr', route: { page: 'home' } });
    expect(placeOf('/en/cart/')).toEqual({ locale: 'en', route: { page: 'cart' } });
  });
});

describe('placeOf, addresses that are not pages', () => {
  it('is null without a language we speak, so the server picks one', () => {
    expect(placeOf('/')).toBeNull();
    expect(placeOf('')).toBeNull();
    expect(placeOf('/c/robes')).toBeNull();
    expect(placeOf('/de/c/robes')).toBeNull();
    expect(placeOf('/FR/c/robes')).toBeNull();
  });

  it('is not-found for a slug that is not lower-case words joined by single hyphens', () => {
    for (const slug of ['Robes', 'robe_ete', '-robe', 'robe-', 'robe--ete', 'robé', 'robe%20ete']) {
      expect(placeOf(`/fr/c/${slug}`)?.route, `category ${slug}`).toEqual({ page: 'not-found' });
      expect(placeOf(`/fr/p/${slug}`)?.route, `product ${slug}`).toEqual({ page: 'not-found' });
    }
  });

  it('is not-found for extra segments after a page', () => {
    for (const path of [
      '/fr/c/robes/m',
      '/fr/p/robe-wax/avis',
      '/fr/cart/x',
      '/fr/orders/abc/def',
      '/fr/search/robe',
    ]) {
      expect(placeOf(path)?.route, path).toEqual({ page: 'not-found' });
    }
  });

  it('is not-found for an unknown section, and for a listing or product without its slug', () => {
    for (const path of ['/fr/panier', '/fr/c', '/fr/p', '/fr/orders', '/fr/x/robes']) {
      expect(placeOf(path)?.route, path).toEqual({ page: 'not-found' });
    }
  });

  it('is not-found for an order token longer than 200 characters', () => {
    expect(placeOf(`/fr/orders/${'a'.repeat(200)}`)?.route).toEqual({
      page: 'order',
      token: 'a'.repeat(200),
    });
    expect(placeOf(`/fr/orders/${'a'.repeat(201)}`)?.route).toEqual({ page: 'not-found' });
  });

  it('drops a variant that is not an id, keeping the product', () => {
    expect(placeAt('/fr/p/robe-wax?variant=<script>')?.route).toEqual({
      page: 'product',
      slug: 'robe-wax',
      variantId: null,
    });
    expect(placeAt(`/fr/p/robe-wax?variant=${VARIANT_ID}0`)?.route).toEqual({
      page: 'product',
      slug: 'robe-wax',
      variantId: null,
    });
  });

  it('trims the search and cuts it at 120 characters', () => {
    expect(placeAt('/fr/search?q=%20%20robe%20%20')?.route).toEqual({ page: 'search', q: 'robe' });
    expect(placeAt(`/fr/search?q=${'x'.repeat(500)}`)?.route).toEqual({ page: 'search', q: 'x'.repeat(120) });
    expect(placeAt('/fr/search')?.route).toEqual({ page: 'search', q: '' });
  });
});

describe('filtersOf', () => {
  const filters = (query: string) => filtersOf(new URLSearchParams(query));

  it('is no filter for an empty query', () => {
    expect(filters('')).toEqual(NO_FILTERS);
  });

  it('keeps each value once, trimmed, in the order given', () => {
    expect(filters('size=M&size=S&size=%20M%20&size=M&colour=Bleu&colour=Bleu').sizes).toEqual(['M', 'S']);
    expect(filters('colour=Bleu&colour=Bleu').colours).toEqual(['Bleu']);
  });

  it('keeps at most 20 values of each filter', () => {
    const many = Array.from({ length: 30 }, (_, index) => `size=${index}`).join('&');
    const sizes = filters(many).sizes;
    expect(sizes).toHaveLength(20);
    expect(sizes).toEqual(Array.from({ length: 20 }, (_, index) => String(index)));
  });

  it('counts the 20 after dropping duplicates', () => {
    const repeated = Array.from({ length: 25 }, () => 'size=M').join('&');
    const many = Array.from({ length: 19 }, (_, index) => `size=${index}`).join('&');
    expect(filters(`${repeated}&${many}`).sizes).toHaveLength(20);
  });

  it('drops empty values and values longer than 40 characters', () => {
    const result = filters(`colour=${'a'.repeat(40)}&colour=${'b'.repeat(41)}&colour=&colour=%20%20&size=M`);
    expect(result.colours).toEqual(['a'.repeat(40)]);
    expect(result.sizes).toEqual(['M']);
  });

  it('is in stock only for stock=1', () => {
    expect(filters('stock=1').inStock).toBe(true);
    expect(filters('stock=true').inStock).toBe(false);
    expect(filters('stock=0').inStock).toBe(false);
  });

  it('sorts by name unless the sort is one the API knows', () => {
    expect(filters('sort=price-asc').sort).toBe('price-asc');
    expect(filters('sort=newest').sort).toBe('newest');
    expect(filters('sort=popular').sort).toBe('name');
    expect(filters('sort=').sort).toBe('name');
    expect(filters('sort=PRICE-ASC').sort).toBe('name');
  });
});

describe('preferredLocale', () => {
  it('is French when the visitor says nothing or speaks neither language', () => {
    expect(preferredLocale(undefined)).toBe('fr');
    expect(preferredLocale('')).toBe('fr');
    expect(preferredLocale('de-DE,de;q=0.9,es;q=0.5')).toBe('fr');
    expect(preferredLocale('*')).toBe('fr');
  });

  it('reads region tags by their language', () => {
    expect(preferredLocale('en-GB')).toBe('en');
    expect(preferredLocale('en-US,en;q=0.9')).toBe('en');
    expect(preferredLocale('fr-SN')).toBe('fr');
    expect(preferredLocale('EN-gb')).toBe('en');
  });

  it('takes the first language we speak in the visitor’s order of preference', () => {
    expect(preferredLocale('de,en;q=0.8,fr;q=0.5')).toBe('en');
    expect(preferredLocale('de,fr;q=0.8,en;q=0.5')).toBe('fr');
  });

  it('follows the q weights, not the order they are written in', () => {
    expect(preferredLocale('fr;q=0.3,en;q=0.9')).toBe('en');
    expect(preferredLocale('en;q=0.5, fr')).toBe('fr');
  });

  it('keeps the written order between equal weights', () => {
    expect(preferredLocale('en,fr')).toBe('en');
    expect(preferredLocale('fr;q=0.7,en;q=0.7')).toBe('fr');
  });

  it('never picks a language weighted q=0 (“not this one”), nor one with an unreadable weight', () => {
    expect(preferredLocale('en;q=0')).toBe('fr');
    expect(preferredLocale('en;q=0.0,de')).toBe('fr');
    expect(preferredLocale('fr;q=0,en;q=0.1')).toBe('en');
    expect(preferredLocale('en;q=abc')).toBe('fr');
  });

  it('allows spaces around the weight’s separator', () => {
    expect(preferredLocale('de, en ; q=0.8')).toBe('en');
    expect(preferredLocale('fr ;q=0.1, en ;q=0.9')).toBe('en');
  });
});

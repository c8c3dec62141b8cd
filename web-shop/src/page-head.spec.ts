import type { Currency } from '@allure/shared/currency';
import type { ProductImage, Rendition } from '@allure/shared/product-image';
import { describe, expect, it } from 'vitest';
import type { Category, ProductDetail, ProductPage, ProductSummary, Variant } from './api/shop-types.js';
import type { ShopBoot } from './app/boot.js';
import { translator } from './i18n/translate.js';
import type { PageData } from './page-data.js';
import { pageHead } from './page-head.js';
import { type Locale, NO_FILTERS, type Place, type Route } from './routes.js';

const API_URL = 'https://api.allure.example';

function boot(currency: Currency = 'XOF') {
  return {
    apiUrl: API_URL,
    store: { id: '7c6b5a49-3827-4165-8a4b-3c2d1e0f9a8b', name: 'Allure Dakar', currency, country: 'SN' },
  } satisfies Pick<ShopBoot, 'apiUrl' | 'store'>;
}

const tagline = (locale: Locale) => translator(locale)('shop.tagline', { store: 'Allure Dakar' });

function place(route: Route, locale: Locale = 'fr'): Place {
  return { locale, route };
}

let nextId = 0;
function id(): string {
  nextId += 1;
  return `00000000-0000-4000-8000-${String(nextId).padStart(12, '0')}`;
}

const category = { id: id(), slug: 'robes', name: 'Robes', parentId: null } satisfies Category;

function rendition(
  format: Rendition['format'],
  width: number,
  src = `/media/images/a-${width}.${format}`,
): Rendition {
  return { format, width, height: Math.round(width * 1.5), src };
}

function image(renditions: Rendition[]): ProductImage {
  return {
    id: id(),
    variantId: null,
    position: 0,
    width: 1920,
    height: 2880,
    placeholder: 'data:image/webp;base64,AA',
    renditions,
  };
}

/** Every standard width in both formats, as the server makes them of a large upload. */
function fullImage(name: string): ProductImage {
  return image(
    [320, 640, 1280, 1920].flatMap((width) => [
      rendition('avif', width, `/media/images/${name}-${width}.avif`),
      rendition('webp', width, `/media/images/${name}-${width}.webp`),
    ]),
  );
}

function variant(overrides: Partial<Variant> = {}): Variant {
  return {
    id: id(),
    sku: 'ROBE-WAX-M',
    barcode: null,
    size: 'M',
    colour: 'Bleu',
    price: 15_000,
    currency: 'XOF',
    ...overrides,
  };
}

function summary(name: string, images: ProductImage[] = []): ProductSummary {
  return {
    id: id(),
    slug: name.toLowerCase().replace(/\s+/g, '-'),
    name,
    brand: null,
    category: { id: category.id, slug: category.slug, name: category.name },
    variants: [variant()],
    images,
  };
}

function product(overrides: Partial<ProductDetail> = {}): ProductDetail {
  return {
    ...summary('Robe wax'),
    description: 'Robe longue en wax, coupe ample.',
    vatRate: 1800,
    brand: 'Maison Awa',
    ...overrides,
  };
}

function productPage(items: ProductSummary[]): ProductPage {
  return { items, nextCursor: null };
}

describe('pageHead, every page', () => {
  it('lists the page in each language, the current one first, at the same route', () => {
    const route: Route = {
      page: 'category',
      slug: 'robes',
      filters: { ...NO_FILTERS, sizes: ['M'], sort: 'newest' },
    };
    const data: PageData = { page: 'category', category, products: productPage([]) };
    expect(pageHead(place(route, 'en'), data, boot()).alternates).toEqual([
      { locale: 'en', path: '/en/c/robes?size=M&sort=newest' },
      { locale: 'fr', path: '/fr/c/robes?size=M&sort=newest' },
    ]);
    expect(
      pageHead(place(route, 'fr'), data, boot()).alternates.map((alternate) => alternate.locale),
    ).toEqual(['fr', 'en']);
  });

  it('names the shop and the language in Open Graph', () => {
    const data: PageData = { page: 'home', newest: productPage([]) };
    expect(pageHead(place({ page: 'home' }, 'fr'), data, boot()).openGraph).toMatchObject({
      'og:site_name': 'Allure Dakar',
      'og:locale': 'fr_FR',
      'og:type': 'website',
    });
    expect(pageHead(place({ page: 'home' }, 'en'), data, boot()).openGraph['og:locale']).toBe('en_GB');
  });
});

describe('pageHead, home', () => {
  it('is titled by the shop and described by its tagline, for search engines', () => {
    const head = pageHead(
      place({ page: 'home' }, 'en'),
      { page: 'home', newest: productPage([summary('Robe')]) },
      boot(),
    );
    expect(head.title).toBe('Allure Dakar');
    expect(head.description).toBe(tagline('en'));
    expect(head.description).toContain('Allure Dakar');
    expect(head.openGraph).toMatchObject({ 'og:title': 'Allure Dakar', 'og:description': tagline('en') });
    expect(head.jsonLd).toBeNull();
    expect(head.noIndex).toBe(false);
  });
});

describe('pageHead, category', () => {
  const route: Route = { page: 'category', slug: 'robes', filters: NO_FILTERS };

  it('is titled by the category and described by its first six products', () => {
    const names = ['Robe 1', 'Robe 2', 'Robe 3', 'Robe 4', 'Robe 5', 'Robe 6', 'Robe 7'];
    const head = pageHead(
      place(route),
      { page: 'category', category, products: productPage(names.map((name) => summary(name))) },
      boot(),
    );
    expect(head.title).toBe('Robes · Allure Dakar');
    expect(head.description).toBe(`Robes: Robe 1, Robe 2, Robe 3, Robe 4, Robe 5, Robe 6. ${tagline('fr')}`);
    expect(head.description).not.toContain('Robe 7');
    expect(head.openGraph).toMatchObject({
      'og:title': 'Robes · Allure Dakar',
      'og:description': head.description,
    });
    expect(head.noIndex).toBe(false);
  });

  it('previews with the first picture among the products, as an absolute address', () => {
    const head = pageHead(
      place(route),
      {
        page: 'category',
        category,
        products: productPage([summary('Sans photo'), summary('Robe', [fullImage('robe')])]),
      },
      boot(),
    );
    expect(head.openGraph['og:image']).toBe(`${API_URL}/media/images/robe-1280.webp`);
  });

  it('has no preview picture when no product has one', () => {
    const head = pageHead(
      place(route),
      { page: 'category', category, products: productPage([summary('Robe')]) },
      boot(),
    );
    expect(head.openGraph).not.toHaveProperty('og:image');
  });

  it('clips a long description to 200 characters, ending in an ellipsis', () => {
    const names = Array.from({ length: 6 }, (_, index) => `Robe longue en wax numéro ${index} à motifs`);
    const head = pageHead(
      place(route),
      { page: 'category', category, products: productPage(names.map((name) => summary(name))) },
      boot(),
    );
    expect(head.description).toHaveLength(200);
    expect(head.description.endsWith('…')).toBe(true);
    expect(head.description.startsWith('Robes: Robe longue en wax numéro 0 à motifs, ')).toBe(true);
  });
});

describe('pageHead, product', () => {
  const route: Route = { page: 'product', slug: 'robe-wax', variantId: null };
  const head = (detail: ProductDetail, currency: Currency = 'XOF', locale: Locale = 'fr') =>
    pageHead(place(route, locale), { page: 'product', product: detail }, boot(currency));

  it('is titled by the product and described by its description', () => {
    const result = head(product());
    expect(result.title).toBe('Robe wax · Allure Dakar');
    expect(result.description).toBe('Robe longue en wax, coupe ample.');
    expect(result.openGraph).toMatchObject({
      'og:type': 'product',
      'og:title': 'Robe wax',
      'og:description': 'Robe longue en wax, coupe ample.',
    });
    expect(result.noIndex).toBe(false);
  });

  it('is described by its name, brand and the tagline when it has no description', () => {
    expect(head(product({ description: '' })).description).toBe(`Robe wax, Maison Awa. ${tagline('fr')}`);
    expect(head(product({ description: '', brand: null }), 'XOF', 'en').description).toBe(
      `Robe wax. ${tagline('en')}`,
    );
  });

  it('flattens the description’s line breaks and clips it at 200 characters with an ellipsis', () => {
    const exact = 'a'.repeat(200);
    expect(head(product({ description: exact })).description).toBe(exact);
    const long = `${'Un wax léger,\n\n  cousu main. '.repeat(20)}`;
    const clipped = head(product({ description: long })).description;
    expect(clipped).toHaveLength(200);
    expect(clipped.endsWith('…')).toBe(true);
    expect(clipped).not.toMatch(/\s{2}|\n/);
    expect(clipped.startsWith('Un wax léger, cousu main. Un wax léger,')).toBe(true);
  });

  it('does not leave a space before the ellipsis', () => {
    const description = `${'a'.repeat(198)} bbbbbb`;
    expect(head(product({ description })).description).toBe(`${'a'.repeat(198)}…`);
  });

  it('previews with the widest WebP of the first picture up to 1280 pixels', () => {
    const result = head(product({ images: [fullImage('face'), fullImage('dos')] }));
    expect(result.openGraph).toMatchObject({
      'og:image': `${API_URL}/media/images/face-1280.webp`,
      'og:image:width': '1280',
      'og:image:height': '1920',
      'og:image:type': 'image/webp',
    });
  });

  it('previews with the narrowest WebP when every one is wider than 1280, and keeps an absolute address', () => {
    const cdn = 'https://cdn.example/a-1920.webp';
    const result = head(
      product({
        images: [image([rendition('webp', 2400), rendition('webp', 1920, cdn), rendition('avif', 640)])],
      }),
    );
    expect(result.openGraph['og:image']).toBe(cdn);
  });

  it('previews with the widest up to 1280 whatever the order the renditions come in', () => {
    const result = head(
      product({
        images: [
          image([
            rendition('webp', 640),
            rendition('webp', 1920),
            rendition('webp', 320),
            rendition('webp', 1000),
          ]),
        ],
      }),
    );
    expect(result.openGraph['og:image:width']).toBe('1000');
  });

  it('has no preview picture without a WebP', () => {
    expect(head(product({ images: [image([rendition('avif', 640)])] })).openGraph).not.toHaveProperty(
      'og:image',
    );
  });

  it('describes the product for search engines, one offer per variant, prices in major units', () => {
    const variants = [
      variant({ sku: 'ROBE-M', barcode: '4006381333931', price: 15_000 }),
      variant({ sku: 'ROBE-L', price: 17_500 }),
    ];
    const result = head(product({ variants, images: [fullImage('face'), image([rendition('avif', 640)])] }));
    expect(result.jsonLd).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: 'Robe wax',
      description: 'Robe longue en wax, coupe ample.',
      brand: { '@type': 'Brand', name: 'Maison Awa' },
      image: [`${API_URL}/media/images/face-1920.webp`],
      offers: [
        { '@type': 'Offer', sku: 'ROBE-M', gtin: '4006381333931', price: '15000', priceCurrency: 'XOF' },
        { '@type': 'Offer', sku: 'ROBE-L', price: '17500', priceCurrency: 'XOF' },
      ],
    });
  });

  it('writes prices of currencies with cents with two decimals', () => {
    const variants = [
      variant({ price: 1250, currency: 'EUR' }),
      variant({ price: 5, currency: 'EUR' }),
      variant({ price: 1_999_900, currency: 'EUR' }),
    ];
    const offers = (
      head(product({ variants }), 'EUR').jsonLd as { offers: { price: string; priceCurrency: string }[] }
    ).offers;
    expect(offers).toEqual([
      expect.objectContaining({ price: '12.50', priceCurrency: 'EUR' }),
      expect.objectContaining({ price: '0.05', priceCurrency: 'EUR' }),
      expect.objectContaining({ price: '19999.00', priceCurrency: 'EUR' }),
    ]);
  });

  it('leaves out the description and brand it does not have', () => {
    const jsonLd = head(product({ description: '', brand: null, images: [] })).jsonLd;
    expect(jsonLd).not.toHaveProperty('description');
    expect(jsonLd).not.toHaveProperty('brand');
    expect(jsonLd).toHaveProperty('image', []);
  });
});

describe('pageHead, pages not for search engines', () => {
  it('keeps a search out of the index, titled by what was searched', () => {
    const head = pageHead(
      place({ page: 'search', q: 'lin bleu' }, 'en'),
      { page: 'search', q: 'lin bleu', products: null },
      boot(),
    );
    expect(head.title).toBe('Search: lin bleu · Allure Dakar');
    expect(head.noIndex).toBe(true);
    expect(head.jsonLd).toBeNull();
  });

  it('keeps the not-found page out of the index', () => {
    const head = pageHead(place({ page: 'not-found' }, 'fr'), { page: 'not-found' }, boot());
    expect(head.title).toBe('Page introuvable · Allure Dakar');
    expect(head.description).toBe(translator('fr')('notFound.text'));
    expect(head.noIndex).toBe(true);
  });

  it('keeps every page about one shopper out of the index', () => {
    for (const route of [
      { page: 'cart' },
      { page: 'checkout' },
      { page: 'account' },
      { page: 'track' },
      { page: 'order', token: 'abc' },
    ] as const) {
      const head = pageHead(place(route), { page: 'shopper' }, boot());
      expect(head.noIndex, route.page).toBe(true);
      expect(head.title).toBe('Allure Dakar');
      expect(head.jsonLd).toBeNull();
    }
  });
});

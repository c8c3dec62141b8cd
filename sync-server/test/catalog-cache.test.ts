import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import type { ProductSummary } from '../src/catalog/product-summaries.js';
import { call, dataOf } from './auth-helper.js';
import { type Catalog, catalogFixtures, loadsOf } from './catalog-helper.js';
import { buildTestApp } from './helper.js';

// A catalog write invalidates exactly the cached reads that show what it changed: reads of the changed
// product, of the listings it moves in, out of or within, of search when what it matches changed; never
// the pages of other categories. Each case warms a set of reads, writes once, reads them all again and
// counts which kinds of read the cache had to load again.

interface Page {
  items: ProductSummary[];
  nextCursor: string | null;
}

let app: App;
let catalog: Catalog;

/**
 * Two active products of the demo catalog: the oldest in "robes" (under "femme", so never among the newest
 * of "femme"), and one in "chemises" (under "homme").
 */
let robe: { id: string; name: string; slug: string; variantId: string; price: number };
let chemise: { slug: string };
let ids: { robes: string; femme: string; chemises: string };

beforeAll(async () => {
  app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  catalog = await catalogFixtures(app);
  const [robes, femme, chemises] = await Promise.all(
    ['robes', 'femme', 'chemises'].map((slug) => catalog.category(slug)),
  );
  if (!robes || !femme || !chemises) throw new Error('fixtures');
  ids = { robes: robes.id, femme: femme.id, chemises: chemises.id };
  const oldest = (categoryId: string) =>
    app.db.prisma.product.findFirstOrThrow({
      where: { categoryId, status: 'active', variants: { some: { active: true } } },
      select: {
        id: true,
        name: true,
        slug: true,
        variants: { where: { active: true }, select: { id: true, price: true }, take: 1 },
      },
      orderBy: { createdAt: 'asc' },
    });
  const [r, c] = [await oldest(robes.id), await oldest(chemises.id)];
  const variant = r.variants[0];
  if (!variant) throw new Error('fixtures');
  robe = { id: r.id, name: r.name, slug: r.slug, variantId: variant.id, price: variant.price };
  chemise = { slug: c.slug };
});
afterAll(async () => {
  await catalog?.remove();
  await app?.close();
});

const reads = {
  robesByName: () => ['catalog.products.list', { categoryId: ids.robes, limit: 100 }] as const,
  /** Robes cheaper than the robe: never shows it, but a new price of it may change what it holds. */
  robesCheaper: () =>
    [
      'catalog.products.list',
      { categoryId: ids.robes, sort: 'price-desc', priceMax: robe.price - 1, limit: 3 },
    ] as const,
  femmeNewest: () => ['catalog.products.list', { categoryId: ids.femme, sort: 'newest', limit: 3 }] as const,
  chemisesByName: () => ['catalog.products.list', { categoryId: ids.chemises, limit: 100 }] as const,
  chemisesByPrice: () =>
    ['catalog.products.list', { categoryId: ids.chemises, sort: 'price-asc', limit: 3 }] as const,
  robeDetail: () => ['catalog.products.bySlug', { slug: robe.slug }] as const,
  chemiseDetail: () => ['catalog.products.bySlug', { slug: chemise.slug }] as const,
  searchChemise: () => ['catalog.products.search', { q: 'chemise col mao' }] as const,
};
type Read = keyof typeof reads;

/** Reads each once, and returns the answers by name. */
async function readAll(): Promise<Record<Read, Page>> {
  const answers = {} as Record<Read, Page>;
  for (const [name, read] of Object.entries(reads) as [Read, () => readonly [string, unknown]][]) {
    const [path, input] = read();
    answers[name] = dataOf(await call(app, path, input));
  }
  return answers;
}

const kinds = ['product-page', 'product-detail', 'product-search'] as const;
type Loads = Record<(typeof kinds)[number], number>;
async function loads(): Promise<Loads> {
  const counts = await Promise.all(kinds.map(async (kind) => [kind, await loadsOf(app, kind)] as const));
  return Object.fromEntries(counts) as Loads;
}

/** The loads per kind that reading everything again cost after `write`, and the answers then. */
async function reloadsAfter(write: () => Promise<unknown>) {
  await readAll();
  const before = await loads();
  await readAll();
  expect(await loads(), 'everything was cached').toEqual(before);
  await write();
  const answers = await readAll();
  const after = await loads();
  const reloads = Object.fromEntries(kinds.map((kind) => [kind, after[kind] - before[kind]])) as Loads;
  return { answers, reloads };
}

const manager = (path: string, input: unknown) =>
  call(app, path, input, { token: catalog.token, type: 'mutation' }).then((answer) => dataOf(answer));

describe('what a catalog write invalidates', () => {
  it('a price: the product’s page, the pages showing it and its category’s price orders', async () => {
    const price = robe.price + 500;
    const { answers, reloads } = await reloadsAfter(() =>
      manager('catalog.variants.setPrice', { id: robe.variantId, price }),
    );
    expect(answers.femmeNewest.items.map((item) => item.id)).not.toContain(robe.id);
    expect(answers.robesCheaper.items.map((item) => item.id)).not.toContain(robe.id);
    // robesByName shows it, robesCheaper selects its category's products by price; robeDetail is its page.
    expect(reloads).toEqual({ 'product-page': 2, 'product-detail': 1, 'product-search': 0 });
    const shown = answers.robesByName.items.find((item) => item.id === robe.id);
    expect(shown?.variants.find((variant) => variant.id === robe.variantId)?.price).toBe(price);
  });

  it('a product’s name: its page, every listing of its category and above, and search', async () => {
    try {
      const { answers, reloads } = await reloadsAfter(() =>
        manager('catalog.admin.products.update', { id: robe.id, name: `${robe.name} (édition)` }),
      );
      expect(reloads).toEqual({ 'product-page': 3, 'product-detail': 1, 'product-search': 1 });
      expect(answers.robesByName.items.find((item) => item.id === robe.id)?.name).toBe(
        `${robe.name} (édition)`,
      );
    } finally {
      await manager('catalog.admin.products.update', { id: robe.id, name: robe.name });
    }
  });

  it('a category’s name: the pages showing its products, and search; not the other categories’', async () => {
    const chemises = await catalog.category('chemises');
    try {
      const { answers, reloads } = await reloadsAfter(() =>
        manager('catalog.admin.categories.update', { id: chemises.id, name: 'Chemises homme' }),
      );
      expect(reloads).toEqual({ 'product-page': 2, 'product-detail': 1, 'product-search': 1 });
      expect(answers.chemisesByName.items.every((item) => item.category.name === 'Chemises homme')).toBe(
        true,
      );
    } finally {
      await manager('catalog.admin.categories.update', { id: chemises.id, name: chemises.name });
    }
  });

  it('a draft’s writes: nothing the shop shows', async () => {
    const { reloads } = await reloadsAfter(() =>
      catalog.product({ name: 'Brouillon', categoryId: ids.robes, status: 'draft' }),
    );
    expect(reloads).toEqual({ 'product-page': 0, 'product-detail': 0, 'product-search': 0 });
  });
});

describe('HTTP caching of search', () => {
  it.each([
    ['catalog.products.search', { q: 'robe' }, 30],
    ['catalog.products.suggest', { q: 'rob' }, 60],
  ])(
    '%s answers with an ETag, Cache-Control and 304 to a matching If-None-Match',
    async (path, input, maxAge) => {
      const url = `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
      const first = await app.inject({ method: 'GET', url });
      expect(first.statusCode).toBe(200);
      expect(first.headers['cache-control']).toBe(
        `public, max-age=${maxAge}, stale-while-revalidate=${maxAge * 10}`,
      );
      const again = await app.inject({
        method: 'GET',
        url,
        headers: { 'if-none-match': String(first.headers.etag) },
      });
      expect(again.statusCode).toBe(304);
    },
  );

  it('the back office is never cached by HTTP', async () => {
    const url = `/trpc/catalog.admin.products.list?input=${encodeURIComponent(JSON.stringify({ limit: 1 }))}`;
    const answer = await app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${catalog.token}` },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['cache-control']).toBeUndefined();
    expect(answer.headers.etag).toBeUndefined();
  });
});

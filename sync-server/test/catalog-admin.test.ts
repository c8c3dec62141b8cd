import type { SyncCheckpoint, SyncCollection } from '@allure/shared/sync.schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import type {
  AdminProductSummary,
  ProductForEditing,
  VariantForEditing,
} from '../src/catalog/catalog-admin-read.service.js';
import type { ProductSummary } from '../src/catalog/product-summaries.js';
import { type Call, call, dataOf } from './auth-helper.js';
import { type Catalog, catalogFixtures, freshBarcode, freshSku } from './catalog-helper.js';
import { buildTestApp } from './helper.js';
import { demoStore, pullAll, pullAllUntil, type Till } from './sync-helper.js';

// The back office's catalog: categories, products and variants written by a manager, refused with the
// field named when they clash, and every write on its way to the tills (sync.pull) and to the shop.

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface Category {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
  position: number;
}

let app: App;
let catalog: Catalog;
let till: Till;

beforeAll(async () => {
  app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  catalog = await catalogFixtures(app);
  const store = await demoStore(app);
  const first = store.tills[0];
  if (!first) throw new Error('the demo store has no till');
  till = first;
});
afterAll(async () => {
  await catalog?.remove();
  await app?.close();
});

const admin = (path: string, input: unknown, type?: 'query' | 'mutation') => catalog.admin(path, input, type);

/** A refusal: its status and message. */
function refusal(answer: Call) {
  return { status: answer.status, message: answer.body.error?.message ?? '' };
}

async function makeCategory(input: Record<string, unknown>): Promise<Category> {
  const category = dataOf<Category>(await admin('categories.create', input));
  catalog.madeCategory(category.id);
  return category;
}

async function publicList(input: Record<string, unknown>): Promise<string[]> {
  const page = dataOf<Page<ProductSummary>>(
    await call(app, 'catalog.products.list', { limit: 100, ...input }),
  );
  return page.items.map((item) => item.id);
}

/** Where the till stands in a collection now. */
async function head(collection: SyncCollection): Promise<SyncCheckpoint | null> {
  return (await pullAll(app, till, collection)).checkpoint;
}

/**
 * The till pulls `collection` from `from` until `check` passes: a pull holds back changes behind any open
 * transaction on the database server (docs/sync.md), another test run's seed included.
 */
async function tillSees(
  collection: SyncCollection,
  from: SyncCheckpoint | null,
  check: (documents: Map<string, unknown>) => void,
) {
  await pullAllUntil(app, till, collection, from, ({ documents }) =>
    check(documents as Map<string, unknown>),
  );
}

describe('categories', () => {
  it('are created with a slug made from the name, unique, and reach the tills and the shop', async () => {
    const femme = await catalog.category('femme');
    const from = await head('categories');
    dataOf(await call(app, 'catalog.categories', undefined));
    const first = await makeCategory({ name: 'Robes de cérémonie', parentId: femme.id });
    const second = await makeCategory({ name: 'Robes de cérémonie', parentId: femme.id });
    expect([first.slug, second.slug]).toEqual(['robes-de-ceremonie', 'robes-de-ceremonie-2']);
    expect(second.position).toBe(first.position + 1);
    const tree = dataOf<Category[]>(await call(app, 'catalog.categories', undefined));
    expect(tree.map((category) => category.id)).toEqual(expect.arrayContaining([first.id, second.id]));
    await tillSees('categories', from, (documents) => {
      expect(documents.get(first.id)).toMatchObject({ slug: 'robes-de-ceremonie', parentId: femme.id });
    });
  });

  it('refuse a slug in use, naming it, and an unknown parent', async () => {
    const taken = await admin('categories.create', { name: 'Robes bis', slug: 'robes' });
    expect(refusal(taken)).toEqual({
      status: 409,
      message: 'slug "robes" is already used by another category',
    });
    const orphan = await admin('categories.create', {
      name: 'Orphan',
      parentId: '0190f0e0-0000-7000-8000-00000000dead',
    });
    expect(orphan.status).toBe(404);
  });

  it('renamed: the tree, the pages of their products and search show the new name', async () => {
    const parent = await makeCategory({ name: 'Capsule Saly' });
    const product = await catalog.product({ name: 'Tunique capsule', categoryId: parent.id });
    const before = dataOf<ProductSummary>(await call(app, 'catalog.products.bySlug', { slug: product.slug }));
    expect(before.category.name).toBe('Capsule Saly');
    dataOf(await admin('categories.update', { id: parent.id, name: 'Capsule Ngor' }));
    const after = dataOf<ProductSummary>(await call(app, 'catalog.products.bySlug', { slug: product.slug }));
    expect(after.category.name).toBe('Capsule Ngor');
    const found = dataOf<Page<ProductSummary>>(
      await call(app, 'catalog.products.search', { q: 'capsule ngor' }),
    );
    expect(found.items.map((item) => item.id)).toContain(product.id);
    const tree = dataOf<Category[]>(await call(app, 'catalog.categories', undefined));
    expect(tree.find((category) => category.id === parent.id)?.name).toBe('Capsule Ngor');
  });

  it('move with their products between listings, never under themselves', async () => {
    const top = await makeCategory({ name: 'Atelier' });
    const middle = await makeCategory({ name: 'Atelier lin', parentId: top.id });
    const leaf = await makeCategory({ name: 'Atelier lin brut', parentId: middle.id });
    const product = await catalog.product({ name: 'Chemise atelier lin brut', categoryId: leaf.id });
    const homme = await catalog.category('homme');
    expect(await publicList({ categoryId: top.id })).toContain(product.id);
    expect(await publicList({ categoryId: homme.id })).not.toContain(product.id);

    for (const parentId of [leaf.id, middle.id]) {
      const loop = await admin('categories.move', { id: top.id, parentId });
      expect(refusal(loop)).toEqual({
        status: 409,
        message: 'a category cannot move under itself or one of its subcategories',
      });
    }
    expect((await admin('categories.move', { id: top.id, parentId: top.id })).status).toBe(400);
    expect(
      (await admin('categories.move', { id: top.id, parentId: '0190f0e0-0000-7000-8000-00000000dead' }))
        .status,
    ).toBe(404);

    const moved = dataOf<Category>(await admin('categories.move', { id: middle.id, parentId: homme.id }));
    expect(moved.parentId).toBe(homme.id);
    expect(await publicList({ categoryId: top.id })).not.toContain(product.id);
    expect(await publicList({ categoryId: homme.id })).toContain(product.id);
    const found = dataOf<Page<ProductSummary>>(
      await call(app, 'catalog.products.search', { q: 'homme atelier' }),
    );
    expect(found.items.map((item) => item.id)).toContain(product.id);
  });

  it('are deleted only when empty', async () => {
    const parent = await makeCategory({ name: 'Éphémère' });
    const child = await makeCategory({ name: 'Éphémère enfant', parentId: parent.id });
    const refused = await admin('categories.delete', { id: parent.id });
    expect(refusal(refused)).toEqual({
      status: 409,
      message: 'category "ephemere" still holds 1 subcategory and 0 products: move or delete them first',
    });
    await catalog.product({ name: 'Pièce éphémère', categoryId: child.id, status: 'draft' });
    expect((await admin('categories.delete', { id: child.id })).status).toBe(409);
    const from = await head('categories');
    const empty = await makeCategory({ name: 'Vide' });
    dataOf(await admin('categories.delete', { id: empty.id }));
    const tree = dataOf<Category[]>(await call(app, 'catalog.categories', undefined));
    expect(tree.map((category) => category.id)).not.toContain(empty.id);
    await tillSees('categories', from, (documents) => {
      expect(documents.get(empty.id)).toMatchObject({ _deleted: true });
    });
    expect((await admin('categories.delete', { id: empty.id })).status).toBe(404);
  });
});

describe('products', () => {
  it('are created with their variants, priced in the stores’ currency, and reach the tills and the shop', async () => {
    const robes = await catalog.category('robes');
    const from = { products: await head('products'), variants: await head('variants') };
    const barcode = freshBarcode();
    const product = await catalog.product({
      name: 'Robe bogolan Ndar Édition',
      categoryId: robes.id,
      brand: 'Sahel Studio',
      description: 'Coton teint à la main.',
      variants: [
        { sku: freshSku(), size: 'S', colour: 'Ocre', price: 30_000, costPrice: 12_000, barcode },
        { sku: freshSku(), size: 'M', colour: 'Ocre', price: 32_000, currency: 'XOF' },
      ],
    });
    expect(product).toMatchObject({
      slug: 'robe-bogolan-ndar-edition',
      status: 'active',
      brand: 'Sahel Studio',
    });
    expect(product.variants.map((variant) => [variant.size, variant.currency, variant.position])).toEqual([
      ['S', 'XOF', 0],
      ['M', 'XOF', 1],
    ]);
    const again = await catalog.product({
      name: 'Robe bogolan Ndar Édition',
      categoryId: robes.id,
      status: 'draft',
    });
    expect(again.slug).toBe('robe-bogolan-ndar-edition-2');

    const page = dataOf<ProductSummary>(await call(app, 'catalog.products.bySlug', { slug: product.slug }));
    expect(page.variants.map((variant) => variant.barcode)).toEqual([barcode, null]);
    expect(await publicList({ categoryId: robes.id, sort: 'newest' })).toContain(product.id);
    await tillSees('products', from.products, (documents) => {
      expect(documents.get(product.id)).toMatchObject({
        name: 'Robe bogolan Ndar Édition',
        status: 'active',
      });
    });
    await tillSees('variants', from.variants, (documents) => {
      for (const variant of product.variants)
        expect(documents.get(variant.id)).toMatchObject({ price: variant.price });
    });
  });

  it.each<[string, Record<string, unknown>, number, RegExp]>([
    ['on sale with no active variant', { status: 'active', variants: [] }, 409, /active variant/],
    [
      'priced in another currency',
      { variants: [{ sku: 'X-EUR-1', price: 100, currency: 'EUR' }] },
      400,
      /XOF.*not EUR/,
    ],
    [
      'with a SKU in use',
      { variants: [{ sku: 'SEEDED', price: 100 }] },
      409,
      /^SKU ".*" is already used by a variant of ".*"$/,
    ],
    [
      'with a barcode in use',
      { variants: [{ sku: 'X-BAR-1', barcode: 'SEEDED', price: 100 }] },
      409,
      /^barcode ".*" is already used/,
    ],
    ['with a slug in use', { slug: 'SEEDED' }, 409, /^slug ".*" is already used by another product$/],
    [
      'in a category that does not exist',
      { categoryId: '0190f0e0-0000-7000-8000-00000000dead' },
      404,
      /Category/,
    ],
  ])('are refused %s', async (_case, fields, status, message) => {
    const seeded = await app.db.prisma.variant.findFirstOrThrow({
      select: { sku: true, barcode: true, product: { select: { slug: true, categoryId: true } } },
      where: { barcode: { not: null } },
    });
    const replaced = JSON.parse(
      JSON.stringify(fields)
        .replace('"sku":"SEEDED"', `"sku":"${seeded.sku}"`)
        .replace('"barcode":"SEEDED"', `"barcode":"${seeded.barcode}"`)
        .replace('"slug":"SEEDED"', `"slug":"${seeded.product.slug}"`),
    );
    const answer = await admin('products.create', {
      name: 'Refusée',
      categoryId: seeded.product.categoryId,
      vatRate: 1800,
      status: 'draft',
      ...replaced,
    });
    expect(answer.status).toBe(status);
    expect(answer.body.error?.message).toMatch(message);
  });

  it('moved to another category or renamed, leave and join the right listings', async () => {
    const [robes, jupes] = [await catalog.category('robes'), await catalog.category('jupes')];
    const product = await catalog.product({ name: 'Robe à renommer', categoryId: robes.id });
    expect(await publicList({ categoryId: robes.id })).toContain(product.id);
    const updated = dataOf<ProductForEditing>(
      await admin('products.update', {
        id: product.id,
        name: 'Jupe renommée',
        categoryId: jupes.id,
        brand: null,
      }),
    );
    expect(updated).toMatchObject({ name: 'Jupe renommée', brand: null, category: { id: jupes.id } });
    expect(updated.slug).toBe(product.slug);
    expect(await publicList({ categoryId: robes.id })).not.toContain(product.id);
    expect(await publicList({ categoryId: jupes.id })).toContain(product.id);
    const taken = await admin('products.update', { id: product.id, slug: 'robe-bogolan-ndar-edition' });
    expect(refusal(taken)).toEqual({
      status: 409,
      message: 'slug "robe-bogolan-ndar-edition" is already used by another product',
    });
    expect(
      (await admin('products.update', { id: '0190f0e0-0000-7000-8000-00000000dead', name: 'x' })).status,
    ).toBe(404);
  });

  it('go off sale when archived, and back on sale only with an active variant', async () => {
    const sacs = await catalog.category('sacs');
    const product = await catalog.product({ name: 'Cabas à archiver', categoryId: sacs.id });
    const from = await head('products');
    dataOf(await admin('products.setStatus', { id: product.id, status: 'archived' }));
    expect((await call(app, 'catalog.products.bySlug', { slug: product.slug })).status).toBe(404);
    expect(await publicList({ categoryId: sacs.id })).not.toContain(product.id);
    await tillSees('products', from, (documents) => {
      expect(documents.get(product.id)).toMatchObject({ status: 'archived' });
    });
    const [variant] = product.variants;
    if (!variant) throw new Error('no variant');
    dataOf(await admin('variants.setActive', { id: variant.id, active: false }));
    expect(refusal(await admin('products.setStatus', { id: product.id, status: 'active' }))).toEqual({
      status: 409,
      message: 'a product goes on sale with an active variant: add or activate one first',
    });
    dataOf(await admin('variants.setActive', { id: variant.id, active: true }));
    dataOf(await admin('products.setStatus', { id: product.id, status: 'active' }));
    expect(await publicList({ categoryId: sacs.id })).toContain(product.id);
  });
});

describe('variants', () => {
  it('are added, changed and switched off, and each change reaches the tills', async () => {
    const chaussures = await catalog.category('chaussures');
    const product = await catalog.product({ name: 'Sandales tressées Joal', categoryId: chaussures.id });
    const from = await head('variants');
    const added = dataOf<VariantForEditing>(
      await admin('variants.create', {
        productId: product.id,
        sku: freshSku(),
        size: '38',
        colour: 'Camel',
        price: 25_000,
      }),
    );
    expect(added).toMatchObject({
      currency: 'XOF',
      position: 1,
      active: true,
      barcode: null,
      costPrice: null,
    });
    const barcode = freshBarcode();
    const changed = dataOf<VariantForEditing>(
      await admin('variants.update', { id: added.id, barcode, costPrice: 9_000, colour: 'Or' }),
    );
    expect(changed).toMatchObject({ barcode, costPrice: 9_000, colour: 'Or', size: '38' });
    const cleared = dataOf<VariantForEditing>(
      await admin('variants.update', { id: added.id, barcode: null, colour: null }),
    );
    expect(cleared).toMatchObject({ barcode: null, colour: '' });
    dataOf(await admin('variants.setActive', { id: added.id, active: false }));
    await tillSees('variants', from, (documents) => {
      expect(documents.get(added.id)).toMatchObject({ active: false, colour: '', barcode: null });
    });
    const page = dataOf<ProductSummary>(await call(app, 'catalog.products.bySlug', { slug: product.slug }));
    expect(page.variants.map((variant) => variant.id)).not.toContain(added.id);
  });

  it('are refused with the clashing field named', async () => {
    const chaussures = await catalog.category('chaussures');
    const product = await catalog.product({ name: 'Mocassins Fann', categoryId: chaussures.id });
    const [first] = product.variants;
    if (!first) throw new Error('no variant');
    const twin = await admin('variants.create', {
      productId: product.id,
      sku: freshSku(),
      size: 'M',
      colour: 'Indigo',
      price: 1,
    });
    expect(refusal(twin)).toEqual({
      status: 409,
      message: 'size and colour: the product already has a variant in this size and colour',
    });
    const second = dataOf<VariantForEditing>(
      await admin('variants.create', {
        productId: product.id,
        sku: freshSku(),
        size: 'L',
        colour: 'Indigo',
        price: 1,
      }),
    );
    const sku = await admin('variants.update', { id: second.id, sku: first.sku });
    expect(sku.status).toBe(409);
    expect(sku.body.error?.message).toBe(
      `SKU "${first.sku}" is already used by a variant of "Mocassins Fann"`,
    );
    const size = await admin('variants.update', { id: second.id, size: 'M' });
    expect(refusal(size).status).toBe(409);
    expect(
      (await admin('variants.create', { productId: product.id, sku: freshSku(), price: 1, currency: 'USD' }))
        .status,
    ).toBe(400);
    expect(
      (
        await admin('variants.create', {
          productId: '0190f0e0-0000-7000-8000-00000000dead',
          sku: freshSku(),
          price: 1,
        })
      ).status,
    ).toBe(404);
    expect(
      (await admin('variants.update', { id: '0190f0e0-0000-7000-8000-00000000dead', price: 1 })).status,
    ).toBe(404);
    const tooDear = await call(
      app,
      'catalog.variants.setPrice',
      { id: second.id, price: 2_147_483_648 },
      {
        token: catalog.token,
        type: 'mutation',
      },
    );
    expect(tooDear.status).toBe(400);
  });
});

describe('the back office’s reads', () => {
  it('lists every status in name order, each product once, with variant counts and price ranges', async () => {
    const { rows } = await app.db.pool.query<{ id: string }>('SELECT id FROM product ORDER BY name, id');
    const seen: AdminProductSummary[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<AdminProductSummary> = dataOf(
        await admin('products.list', { limit: 100, ...(cursor ? { cursor } : {}) }, 'query'),
      );
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((item) => item.id)).toEqual(rows.map((row) => row.id));
    expect(new Set(seen.map((item) => item.status))).toEqual(new Set(['draft', 'active', 'archived']));
    const sample = seen.find((item) => item.variants.total > 1);
    if (!sample) throw new Error('no product with variants');
    const prices = await app.db.pool.query<{
      total: number;
      active: number;
      min: number | null;
      max: number | null;
    }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE active)::int AS active,
              min(price) FILTER (WHERE active) AS min, max(price) FILTER (WHERE active) AS max
         FROM variant WHERE product_id = $1`,
      [sample.id],
    );
    const expected = prices.rows[0];
    expect(sample.variants).toEqual({ total: expected?.total, active: expected?.active });
    expect(sample.priceRange).toEqual(
      expected?.min == null ? null : { min: expected.min, max: expected.max },
    );
  });

  it('filter by status and category, and find by name words, SKU or barcode', async () => {
    const list = async (input: Record<string, unknown>) =>
      dataOf<Page<AdminProductSummary>>(await admin('products.list', { limit: 100, ...input }, 'query'))
        .items;
    const drafts = await list({ status: 'draft' });
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((item) => item.status === 'draft')).toBe(true);
    const femme = await catalog.category('femme');
    const women = await list({ categoryId: femme.id });
    expect(women.length).toBeGreaterThan(30);

    const seeded = await app.db.prisma.variant.findFirstOrThrow({
      where: { barcode: { not: null }, product: { status: 'draft' } },
      select: { sku: true, barcode: true, product: { select: { id: true, name: true } } },
    });
    expect((await list({ search: seeded.sku.toLowerCase() })).map((item) => item.id)).toContain(
      seeded.product.id,
    );
    expect((await list({ search: seeded.sku.slice(0, -2) })).map((item) => item.id)).toContain(
      seeded.product.id,
    );
    expect((await list({ search: seeded.barcode })).map((item) => item.id)).toEqual([seeded.product.id]);
    const byName = await list({ search: seeded.product.name.toUpperCase() });
    expect(byName.map((item) => item.id)).toContain(seeded.product.id);
    expect(
      byName.every((item) =>
        item.name.toLowerCase().includes(seeded.product.name.split(' ')[0]?.toLowerCase() ?? ''),
      ),
    ).toBe(true);
  });

  it('name the currency prices are typed in: the stores’', async () => {
    const stores = await app.db.prisma.store.findMany({ distinct: ['currency'], select: { currency: true } });
    expect(stores).toHaveLength(1);
    expect(dataOf(await admin('currency', undefined, 'query'))).toEqual({ currency: stores[0]?.currency });
  });

  it('open any product by id or slug, drafts too, with every variant and its cost price', async () => {
    const draft = await app.db.prisma.product.findFirstOrThrow({
      where: { status: 'draft' },
      select: { id: true, slug: true },
    });
    const byId = dataOf<ProductForEditing>(await admin('products.get', { id: draft.id }, 'query'));
    const bySlug = dataOf<ProductForEditing>(await admin('products.get', { slug: draft.slug }, 'query'));
    expect(bySlug).toEqual(byId);
    expect(byId.status).toBe('draft');
    expect(byId.variants.length).toBeGreaterThan(0);
    expect(byId.variants.every((variant) => 'costPrice' in variant && 'active' in variant)).toBe(true);
    expect((await call(app, 'catalog.products.bySlug', { slug: draft.slug })).status).toBe(404);
    expect((await admin('products.get', { slug: 'no-such-product' }, 'query')).status).toBe(404);
  });
});

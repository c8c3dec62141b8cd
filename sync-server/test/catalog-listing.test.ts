import { encodeKeysetCursor } from '@allure/shared/catalog-cursor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import type { ProductSummary } from '../src/catalog/product-summaries.js';
import { call, dataOf, sessionFor } from './auth-helper.js';
import { buildTestApp } from './helper.js';

// The shop's listing against the demo catalog: every order walks every product once with keyset cursors,
// filters select exactly the products a plain query over the tables selects, and bad input is a 400
// naming the field. What each order and filter must give is written here as SQL over the tables, in the
// plainest form (GROUP BY, no keyset), not as the service computes it.

interface Page {
  items: ProductSummary[];
  nextCursor: string | null;
}

let app: App;

beforeAll(async () => {
  app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
});
afterAll(() => app?.close());

async function list(input: Record<string, unknown>): Promise<Page> {
  return dataOf<Page>(await call(app, 'catalog.products.list', input));
}

/** Every page of a listing, in order, following the cursors. */
async function walk(input: Record<string, unknown>): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Page = await list({ ...input, limit: 37, ...(cursor ? { cursor } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(37);
    seen.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

async function ids(sql: string, values: unknown[] = []): Promise<string[]> {
  const { rows } = await app.db.pool.query<{ id: string }>(sql, values);
  return rows.map((row) => row.id);
}

/** Active products with an active variant, each with the lowest price among its active variants. */
const sellable = `SELECT p.id, p.name, p.created_at, min(v.price) AS price
                    FROM product p JOIN variant v ON v.product_id = p.id AND v.active
                   WHERE p.status = 'active' GROUP BY p.id`;

describe('orders', () => {
  it.each([
    ['name', `SELECT id FROM (${sellable}) s ORDER BY name, id`],
    ['price-asc', `SELECT id FROM (${sellable}) s ORDER BY price, id`],
    ['price-desc', `SELECT id FROM (${sellable}) s ORDER BY price DESC, id DESC`],
    ['newest', `SELECT id FROM (${sellable}) s ORDER BY created_at DESC, id DESC`],
  ])('%s walks every sellable product once, in order', async (sort, expected) => {
    const want = await ids(expected);
    expect(want.length).toBeGreaterThan(150);
    expect(await walk({ sort })).toEqual(want);
  });

  it('leaves out products with no active variant: nobody can buy them', async () => {
    const { accessToken } = await sessionFor(app, 'manager@allure.test');
    const setActive = async (id: string, active: boolean) =>
      dataOf(
        await call(
          app,
          'catalog.admin.variants.setActive',
          { id, active },
          { token: accessToken, type: 'mutation' },
        ),
      );
    const [product] = (await list({ limit: 1, sort: 'price-asc' })).items;
    if (!product) throw new Error('no product');
    expect(await walk({ sort: 'newest' })).toContain(product.id);
    for (const variant of product.variants) await setActive(variant.id, false);
    try {
      expect(await walk({ sort: 'price-asc' })).not.toContain(product.id);
      expect(await walk({ sort: 'newest' })).not.toContain(product.id);
    } finally {
      for (const variant of product.variants) await setActive(variant.id, true);
    }
    expect((await list({ limit: 1, sort: 'price-asc' })).items[0]?.id).toBe(product.id);
  });
});

describe('filters', () => {
  async function subtree(slug: string): Promise<string[]> {
    const categories = dataOf<{ id: string; slug: string; parentId: string | null }[]>(
      await call(app, 'catalog.categories', undefined),
    );
    const root = categories.find((category) => category.slug === slug);
    if (!root) throw new Error(`no category ${slug}`);
    const found = [root.id];
    for (let i = 0; i < found.length; i += 1) {
      found.push(
        ...categories.filter((category) => category.parentId === found[i]).map((category) => category.id),
      );
    }
    return found;
  }

  it('takes a category with everything under it', async () => {
    const femme = await subtree('femme');
    expect(femme.length).toBeGreaterThan(1);
    const want = await ids(
      `SELECT id FROM (${sellable}) s JOIN product p USING (id)
                             WHERE p.category_id = ANY($1::uuid[]) ORDER BY s.name, id`,
      [femme],
    );
    expect(want.length).toBeGreaterThan(30);
    const root = await app.db.prisma.category.findUniqueOrThrow({
      where: { slug: 'femme' },
      select: { id: true },
    });
    expect(await walk({ categoryId: root.id })).toEqual(want);
  });

  it('applies size, colour, price and stock to one variant together, priced at the cheapest that passes', async () => {
    const filters = {
      sizes: ['M', 'XS'],
      colours: ['Noir', 'Écru', 'Indigo'],
      priceMin: 10_000,
      priceMax: 45_000,
    };
    const matching = `SELECT p.id, min(v.price) AS price
                        FROM product p JOIN variant v ON v.product_id = p.id AND v.active
                       WHERE p.status = 'active' AND v.size = ANY($1) AND v.colour = ANY($2)
                         AND v.price BETWEEN $3 AND $4
                         AND EXISTS (SELECT 1 FROM stock_level s JOIN stock_location l ON l.id = s.location_id
                                      WHERE s.variant_id = v.id AND l.kind = 'web' AND s.quantity > 0)
                       GROUP BY p.id`;
    const values = [filters.sizes, filters.colours, filters.priceMin, filters.priceMax];
    const ascending = await ids(`SELECT id FROM (${matching}) m ORDER BY price, id`, values);
    expect(ascending.length).toBeGreaterThan(5);
    expect(await walk({ ...filters, inStock: true, sort: 'price-asc' })).toEqual(ascending);
    const descending = await ids(`SELECT id FROM (${matching}) m ORDER BY price DESC, id DESC`, values);
    expect(await walk({ ...filters, inStock: true, sort: 'price-desc' })).toEqual(descending);
    const byName = await ids(
      `SELECT m.id FROM (${matching}) m JOIN product p USING (id) ORDER BY p.name, m.id`,
      values,
    );
    expect(await walk({ ...filters, inStock: true })).toEqual(byName);
  });

  it('finds nothing for values no variant has, and 404 for a category that does not exist', async () => {
    expect((await list({ colours: ['Arc-en-ciel'] })).items).toEqual([]);
    const missing = await call(app, 'catalog.products.list', {
      categoryId: '0190f0e0-0000-7000-8000-00000000dead',
    });
    expect(missing.status).toBe(404);
  });
});

describe('bad input is a 400 naming the field', () => {
  const id = '0190f0e0-0000-7000-8000-000000000001';
  it.each<[string, Record<string, unknown>, string]>([
    [
      'a cursor from another order',
      { sort: 'name', cursor: encodeKeysetCursor('price-asc', 100, id) },
      'cursor',
    ],
    [
      'a price cursor with no order given (by name)',
      { cursor: encodeKeysetCursor('price-asc', 100, id) },
      'cursor',
    ],
    [
      'a price cursor for the other direction',
      { sort: 'price-desc', cursor: encodeKeysetCursor('price-asc', 1, id) },
      'cursor',
    ],
    ['a cursor that is not ours', { cursor: 'bm90LW91cnM' }, 'cursor'],
    ['an unknown order', { sort: 'popularity' }, 'sort'],
    ['a price range upside down', { priceMin: 20_000, priceMax: 10_000 }, 'priceMin'],
    ['a negative price', { priceMin: -1 }, 'priceMin'],
    ['21 sizes', { sizes: Array.from({ length: 21 }, (_, n) => `T${n}`) }, 'sizes'],
    ['an empty colour list', { colours: [] }, 'colours'],
    ['a colour of 41 characters', { colours: ['x'.repeat(41)] }, 'colours'],
    ['inStock as text', { inStock: 'yes' }, 'inStock'],
  ])('%s', async (_case, input, field) => {
    const answer = await call(app, 'catalog.products.list', input);
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.error?.data.zodError?.fieldErrors ?? {})).toContain(field);
  });

  it('a cursor works only with the order it came from', async () => {
    const first = await list({ limit: 3, sort: 'newest' });
    expect(first.nextCursor).not.toBeNull();
    expect(
      (await call(app, 'catalog.products.list', { limit: 3, sort: 'newest', cursor: first.nextCursor }))
        .status,
    ).toBe(200);
    expect(
      (await call(app, 'catalog.products.list', { limit: 3, sort: 'name', cursor: first.nextCursor })).status,
    ).toBe(400);
  });
});

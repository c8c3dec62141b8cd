import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { call, dataOf, sessionFor } from './auth-helper.js';
import { buildTestApp } from './helper.js';
import { statementCounter } from './statements.js';

// No N+1: every catalog list issues as many SQL statements for a page of 5 products as for a page of 50.
// Variants and categories come in one query per relation for the whole page. The two pages are different
// cache keys, so both are loaded from the database; the cache itself is Redis, not counted.

let app: App;
let counter: ReturnType<typeof statementCounter>;
let managerToken: string;
let femme: string;

beforeAll(async () => {
  // No queue workers: their sweeps share the pool and would be counted.
  app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000', WORKERS: 'off' });
  managerToken = (await sessionFor(app, 'manager@allure.test')).accessToken;
  femme = (await app.db.prisma.category.findUniqueOrThrow({ where: { slug: 'femme' }, select: { id: true } }))
    .id;
  counter = statementCounter(app.db.pool);
});
afterAll(async () => {
  counter?.stop();
  await app?.close();
});

/** Statements one call issues; the call must return `rows` items (a full page). */
async function statementsFor(path: string, input: Record<string, unknown>, rows: number, token?: string) {
  const { result, statements } = await counter.measure(() => call(app, path, input, { token }));
  const data = dataOf<{ items: unknown[] } | unknown[]>(result);
  expect(Array.isArray(data) ? data : data.items, `${path} returns a full page`).toHaveLength(rows);
  return statements;
}

describe('statements per page do not grow with the products returned', () => {
  it.each<[string, Record<string, unknown>]>([
    ['catalog.products.list', {}],
    ['catalog.products.list', { sort: 'price-asc', inStock: true }],
    ['catalog.products.list', { sort: 'price-desc', sizes: ['M', 'L', 'XL', 'TU', '42'] }],
    ['catalog.products.list', { sort: 'newest', categoryId: 'femme' }],
    ['catalog.products.list', { colours: ['Noir', 'Camel', 'Indigo', 'Écru', 'Or'], priceMax: 100_000 }],
    ['catalog.products.search', { q: 'femme' }],
    ['catalog.products.search', { q: 'en' }],
    ['catalog.admin.products.list', {}],
    ['catalog.admin.products.list', { categoryId: 'femme' }],
    ['catalog.admin.products.list', { search: 'en' }],
  ])('%s %j', async (path, filters) => {
    const input = { ...filters, ...(filters.categoryId ? { categoryId: femme } : {}) };
    const token = path.startsWith('catalog.admin.') ? managerToken : undefined;
    const [few, many] = [
      await statementsFor(path, { ...input, limit: 5 }, 5, token),
      await statementsFor(path, { ...input, limit: 50 }, 50, token),
    ];
    expect(many).toBe(few);
    // And few at that: the page, then one query per relation (or the search's transaction around it).
    expect(few).toBeLessThanOrEqual(8);
  });

  it('catalog.categories: one statement for the whole tree', async () => {
    await app.cache.invalidate(['categories']);
    const { result, statements } = await counter.measure(() => call(app, 'catalog.categories', undefined));
    expect(dataOf<unknown[]>(result).length).toBeGreaterThan(10);
    expect(statements).toBe(1);
  });

  it('catalog.products.suggest', async () => {
    const [few, many] = [
      await statementsFor('catalog.products.suggest', { q: 'ro', limit: 1 }, 1),
      await statementsFor('catalog.products.suggest', { q: 'ro', limit: 10 }, 10),
    ];
    expect(many).toBe(few);
    expect(few).toBe(1);
  });
});

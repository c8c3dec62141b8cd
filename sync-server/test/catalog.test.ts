import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import type { AppRouter } from '../src/trpc/app.router.js';
import { buildTestApp } from './helper.js';

interface ErrorBody {
  error: {
    message: string;
    data: { code: string; zodError: { fieldErrors: Record<string, string[]> } | null };
  };
}

describe('public catalog over tRPC (demo seed)', () => {
  let app: App;
  let base: string;
  let trpc: ReturnType<typeof createTRPCClient<AppRouter>>;

  beforeAll(async () => {
    app = await buildTestApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    base = `http://127.0.0.1:${address.port}`;
    trpc = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${base}/trpc` })] });
  });
  afterAll(() => app.close());

  it('walks every product on sale exactly once, in name order, with keyset cursors', async () => {
    // On sale: active, with an active variant to sell.
    const { rows } = await app.db.pool.query<{ id: string }>(
      `SELECT id FROM product p WHERE status = 'active'
          AND EXISTS (SELECT 1 FROM variant v WHERE v.product_id = p.id AND v.active) ORDER BY name, id`,
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await trpc.catalog.products.list.query({ limit: 50, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(50);
      seen.push(...page.items.map((product) => product.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(rows.length).toBeGreaterThan(150);
    expect(seen).toEqual(rows.map((row) => row.id));
  });

  it('filters by category', async () => {
    const categories = await trpc.catalog.categories.query();
    const category = categories.find((candidate) => candidate.parentId !== null) ?? categories[0];
    if (!category) throw new Error('no category seeded');
    const page = await trpc.catalog.products.list.query({ limit: 100, categoryId: category.id });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((product) => product.category.slug === category.slug)).toBe(true);
  });

  it('returns a product with its variants by slug, and NOT_FOUND for an unknown slug', async () => {
    const [first] = (await trpc.catalog.products.list.query({ limit: 1 })).items;
    if (!first) throw new Error('no product seeded');
    const product = await trpc.catalog.products.bySlug.query({ slug: first.slug });
    expect(product.id).toBe(first.id);
    expect(product.variants.length).toBeGreaterThan(0);
    for (const variant of product.variants) {
      expect(Number.isInteger(variant.price)).toBe(true);
      expect(variant.currency).toBe('XOF');
    }
    const missing = await trpc.catalog.products.bySlug
      .query({ slug: 'no-such-product' })
      .catch((error) => error);
    expect(missing).toBeInstanceOf(TRPCClientError);
    expect(missing.data.httpStatus).toBe(404);
  });

  it.each([
    ['a page size over the limit', { limit: 1000 }],
    ['a negative page size', { limit: -1 }],
    ['a cursor that is not ours', { limit: 5, cursor: 'not-a-cursor' }],
    ['a category id that is not a uuid', { limit: 5, categoryId: "1' OR '1'='1" }],
  ])('answers 400 with a clear message for %s', async (_case, input) => {
    const response = await fetch(
      `${base}/trpc/catalog.products.list?input=${encodeURIComponent(JSON.stringify(input))}`,
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.message).toEqual(expect.any(String));
    expect(body.error.data.code).toBe('BAD_REQUEST');
  });

  it('reports which field is wrong', async () => {
    const response = await fetch(
      `${base}/trpc/catalog.products.list?input=${encodeURIComponent(JSON.stringify({ limit: 1000 }))}`,
    );
    const body = (await response.json()) as ErrorBody;
    expect(body.error.data.zodError?.fieldErrors.limit).toEqual([expect.stringMatching(/100/)]);
  });

  it('answers 400 to malformed JSON, 404 to an unknown procedure and 413 to an oversized body, never 5xx', async () => {
    const malformed = await fetch(`${base}/trpc/catalog.products.list?input=%7Bnot-json`);
    expect(malformed.status).toBe(400);
    const unknown = await fetch(`${base}/trpc/catalog.nothing`);
    expect(unknown.status).toBe(404);
    const oversized = await fetch(`${base}/trpc/catalog.products.list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(oversized.status).toBe(413);
  });
});

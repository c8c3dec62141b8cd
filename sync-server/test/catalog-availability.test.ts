import { randomUUID } from 'node:crypto';
import type { VariantAvailability } from '@allure/shared/catalog.schema';
import type { CheckoutResult } from '@allure/shared/checkout.schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { call, dataOf } from './auth-helper.js';
import {
  checkoutOf,
  fastPayments,
  placeCheckout,
  settledProgress,
  setWebLevel,
  type WebStock,
  webLevel,
  webStock,
  webVariants,
} from './checkout-helper.js';
import { buildTestApp } from './helper.js';
import { statementCounter } from './statements.js';

// `catalog.products.availability`: what the shop may offer of each variant is exactly what one web checkout
// would accept (the same location, the same on-sale rules, reservations included), so the shop never shows
// a unit that checkout refuses.

describe('catalog.products.availability', () => {
  let app: App;
  let web: WebStock;
  /** Web levels this file changed, put back afterwards for the files that share the database. */
  const levelsBefore = new Map<string, number>();

  beforeAll(async () => {
    app = await buildTestApp(fastPayments);
    web = await webStock(app);
  });
  afterAll(async () => {
    for (const [variantId, quantity] of levelsBefore) await setWebLevel(app, web, variantId, quantity);
    await app?.close();
  });

  /**
   * Web variants of their own for one test, each of a product no other test here touches (one test takes a
   * product off sale), with no web order yet, brought to the levels given. `inShop`: with units in the store
   * or warehouse too.
   */
  async function variantsAt(levels: number[], inShop = false): Promise<string[]> {
    const { rows } = await app.db.pool.query<{ id: string }>(
      `SELECT DISTINCT ON (v.product_id) v.id
         FROM stock_level s JOIN variant v ON v.id = s.variant_id JOIN product p ON p.id = v.product_id
        WHERE s.location_id = $1 AND s.quantity >= 3 AND v.active AND p.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM stock_movement m WHERE m.variant_id = v.id AND m.order_id IS NOT NULL)
          AND NOT EXISTS (SELECT 1 FROM variant w WHERE w.product_id = v.product_id AND w.id = ANY($2::uuid[]))
          AND (NOT $4 OR EXISTS (SELECT 1 FROM stock_level t JOIN stock_location l ON l.id = t.location_id
                                  WHERE t.variant_id = v.id AND l.kind <> 'web' AND t.quantity > 0))
        ORDER BY v.product_id, v.id LIMIT $3`,
      [web.locationId, [...levelsBefore.keys()], levels.length, inShop],
    );
    if (rows.length < levels.length) throw new Error(`only ${rows.length} variants to test with`);
    for (const [index, { id }] of rows.entries()) {
      levelsBefore.set(id, await webLevel(app, web, id));
      await setWebLevel(app, web, id, levels[index] ?? 0);
    }
    return rows.map((row) => row.id);
  }

  const availability = (variantIds: string[]) => call(app, 'catalog.products.availability', { variantIds });
  const availableOf = async (variantIds: string[]) =>
    dataOf<VariantAvailability[]>(await availability(variantIds));

  it('answers each variant once, in the order asked, with its units at the web location', async () => {
    const [a, b, c] = await variantsAt([7, 1, 0]);
    if (!a || !b || !c) throw new Error('no variants');
    expect(await availableOf([b, c, a])).toEqual([
      { variantId: b, available: 1 },
      { variantId: c, available: 0 },
      { variantId: a, available: 7 },
    ]);
  });

  it('answers 0 for a variant that is unknown, switched off, of a product not on sale, or under 0', async () => {
    const [off, archived, negative] = await variantsAt([4, 4, 4]);
    if (!off || !archived || !negative) throw new Error('no variants');
    const unknown = randomUUID();
    const { productId } = await app.db.prisma.variant.findUniqueOrThrow({
      where: { id: archived },
      select: { productId: true },
    });
    // A forced adjustment can take a level under 0; checkout then has nothing to sell, and neither has the shop.
    await setWebLevel(app, web, negative, -2);
    await app.db.prisma.variant.update({ where: { id: off }, data: { active: false } });
    await app.db.prisma.product.update({ where: { id: productId }, data: { status: 'archived' } });
    try {
      const answer = await availableOf([unknown, off, archived, negative]);
      expect(answer).toEqual([
        { variantId: unknown, available: 0 },
        { variantId: off, available: 0 },
        { variantId: archived, available: 0 },
        { variantId: negative, available: 0 },
      ]);
      // And checkout agrees: none of them can be bought.
      const result = await placeCheckout(app, checkoutOf(web, [{ variantId: off, quantity: 1 }]));
      expect(result).toEqual({ outcome: 'unavailable', variantIds: [off] });
    } finally {
      await app.db.prisma.variant.update({ where: { id: off }, data: { active: true } });
      await app.db.prisma.product.update({ where: { id: productId }, data: { status: 'active' } });
    }
  });

  it('counts only the web location: units in the store or the warehouse cannot be shipped', async () => {
    const [variantId] = await variantsAt([0], true);
    if (!variantId) throw new Error('no variant');
    const { rows } = await app.db.pool.query<{ quantity: number }>(
      `SELECT coalesce(sum(s.quantity), 0)::int AS quantity
         FROM stock_level s JOIN stock_location l ON l.id = s.location_id
        WHERE s.variant_id = $1 AND l.kind <> 'web'`,
      [variantId],
    );
    expect(rows[0]?.quantity, 'the seed keeps stock in the shop too').toBeGreaterThan(0);
    expect(await availableOf([variantId])).toEqual([{ variantId, available: 0 }]);
  });

  it('takes reserved units off at once, and checkout accepts exactly what it answered', async () => {
    const [variantId] = await variantsAt([3]);
    if (!variantId) throw new Error('no variant');
    const cash = { method: 'cash' } as const;
    const first = await placeCheckout(app, checkoutOf(web, [{ variantId, quantity: 2 }], cash));
    expect(first.outcome).toBe('accepted');
    // The pending order holds 2: the shop offers the 1 left.
    expect(await availableOf([variantId])).toEqual([{ variantId, available: 1 }]);

    const tooMany = await placeCheckout(app, checkoutOf(web, [{ variantId, quantity: 2 }], cash));
    expect(tooMany).toEqual<CheckoutResult>({
      outcome: 'out_of_stock',
      lines: [{ variantId, requested: 2, available: 1 }],
    });
    const exactly = await placeCheckout(app, checkoutOf(web, [{ variantId, quantity: 1 }], cash));
    expect(exactly.outcome).toBe('accepted');
    expect(await availableOf([variantId])).toEqual([{ variantId, available: 0 }]);
  });

  it('offers the units again when the payment that held them fails', async () => {
    const [variantId] = await variantsAt([3]);
    if (!variantId) throw new Error('no variant');
    const declined = { method: 'card', token: 'tok_sim_declined' } as const;
    const placed = await placeCheckout(app, checkoutOf(web, [{ variantId, quantity: 2 }], declined));
    if (placed.outcome !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(placed)}`);
    expect(await availableOf([variantId])).toEqual([{ variantId, available: 1 }]);
    expect((await settledProgress(app, placed.order.trackingToken)).paymentStatus).toBe('failed');
    expect(await availableOf([variantId])).toEqual([{ variantId, available: 3 }]);
  });

  it('is one SQL statement, however many variants are asked about', async () => {
    // Its own app without queue workers, whose sweeps would share the pool and be counted.
    const quiet = await buildTestApp({ WORKERS: 'off', RATE_LIMIT_PER_MINUTE: '100000' });
    const counter = statementCounter(quiet.db.pool);
    try {
      const ids = await webVariants(quiet, web, 40, 1);
      const ask = (variantIds: string[]) =>
        counter.measure(() => call(quiet, 'catalog.products.availability', { variantIds }));
      for (const variantIds of [ids.slice(0, 1), ids, [...ids, ...Array.from({ length: 60 }, randomUUID)]]) {
        const { result, statements } = await ask(variantIds);
        expect(dataOf<VariantAvailability[]>(result)).toHaveLength(variantIds.length);
        expect(statements, `${variantIds.length} variants`).toBe(1);
      }
    } finally {
      counter.stop();
      await quiet.close();
    }
  });

  it('may be kept a few seconds by browsers and CDNs, and revalidated with its ETag', async () => {
    const [variantId] = await variantsAt([2]);
    if (!variantId) throw new Error('no variant');
    const url = `/trpc/catalog.products.availability?input=${encodeURIComponent(JSON.stringify({ variantIds: [variantId] }))}`;
    const first = await app.inject({ method: 'GET', url });
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=5, stale-while-revalidate=50');
    const etag = String(first.headers.etag);
    const again = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    // A unit sold changes the answer, so the ETag no longer matches.
    await setWebLevel(app, web, variantId, 1);
    const changed = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ result: { data: [{ variantId, available: 1 }] } });
  });

  it.each([
    ['no variant', []],
    ['101 variants', Array.from({ length: 101 }, () => randomUUID())],
    ['a variant twice', ['0199a1b2-0000-7000-8000-000000000001', '0199a1b2-0000-7000-8000-000000000001']],
    ['something that is not an id', ['robe-wax']],
  ])('refuses %s with a 400 naming variantIds', async (_case, variantIds) => {
    const refused = await availability(variantIds);
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.error?.data.zodError?.fieldErrors ?? {})).toEqual(['variantIds']);
  });
});

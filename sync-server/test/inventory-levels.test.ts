import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { call } from './auth-helper.js';
import { buildTestApp } from './helper.js';
import { type InventoryWorld, inventoryWorld, levelOf, mutate, query, setLevel } from './inventory-helper.js';

// Levels per location, low-stock thresholds and the low-stock list, against the demo seed.

let app: App;
let world: InventoryWorld;

beforeAll(async () => {
  app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  world = await inventoryWorld(app);
});
afterAll(async () => {
  await world?.remove();
  await app?.close();
});

interface Level {
  variantId: string;
  locationId: string;
  quantity: number;
  available: number;
  lowStockThreshold: number | null;
  low: boolean;
  lowSince: string | null;
  variant: { sku: string; barcode: string | null; productId: string; productName: string };
  location: { code: string };
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const levels = (input: object, token = world.tokens.manager) =>
  query<Page<Level>>(app, token, 'inventory.levels.list', input);

async function walk(path: string, input: object, token = world.tokens.manager) {
  const seen: Level[] = [];
  let cursor: string | undefined;
  do {
    const page = await query<Page<Level>>(app, token, path, { ...input, ...(cursor ? { cursor } : {}) });
    seen.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return seen;
}

describe('inventory.levels.list', () => {
  it('walks a location’s levels once each, in SKU order, with their variant and product', async () => {
    const { rows } = await app.db.pool.query<{ variant_id: string; sku: string; quantity: number }>(
      `SELECT s.variant_id, v.sku, s.quantity FROM stock_level s JOIN variant v ON v.id = s.variant_id
        WHERE s.location_id = $1 ORDER BY v.sku`,
      [world.web],
    );
    const seen = await walk('inventory.levels.list', { locationId: world.web, limit: 37 });
    expect(rows.length).toBeGreaterThan(37);
    expect(seen.map((level) => [level.variantId, level.variant.sku, level.quantity])).toEqual(
      rows.map((row) => [row.variant_id, row.sku, row.quantity]),
    );
    expect(seen[0]).toMatchObject({
      locationId: world.web,
      location: { code: 'DKR1-WEB' },
      variant: { productName: expect.any(String) },
    });
  });

  it('filters by variant, by product, by SKU prefix in any case and by whole barcode', async () => {
    const [variant] = await world.freshVariants(1);
    if (!variant) throw new Error('fixtures');
    await setLevel(app, world, variant.id, world.shop, 4);

    const byVariant = await levels({ variantId: variant.id });
    expect(byVariant.items.map((level) => level.locationId)).toContain(world.shop);
    expect(new Set(byVariant.items.map((level) => level.variantId))).toEqual(new Set([variant.id]));

    const byProduct = await levels({ productId: variant.productId, limit: 100 });
    expect(byProduct.items.length).toBeGreaterThan(0);
    expect(new Set(byProduct.items.map((level) => level.variant.productId))).toEqual(
      new Set([variant.productId]),
    );

    const bySku = await levels({ search: variant.sku.toLowerCase(), locationId: world.shop });
    expect(bySku.items.map((level) => level.variantId)).toContain(variant.id);
    expect(bySku.items.every((level) => level.variant.sku.startsWith(variant.sku))).toBe(true);

    if (variant.barcode) {
      const byBarcode = await levels({ search: variant.barcode });
      expect(new Set(byBarcode.items.map((level) => level.variantId))).toEqual(new Set([variant.id]));
    }
  });

  it.each([
    ['a cursor that is not ours', { cursor: 'garbage' }],
    ['a page size over 100', { limit: 101 }],
    ['a search of 65 characters', { search: 'X'.repeat(65) }],
    ['a search with a LIKE wildcard', { search: 'JUP%' }],
    ['a location id that is not a uuid', { locationId: 'shop' }],
  ])('answers 400 to %s', async (_case, input) => {
    const answer = await call(app, 'inventory.levels.list', input, { token: world.tokens.manager });
    expect(answer.status).toBe(400);
  });

  it('refuses a cursor made by another list', async () => {
    const movements = await query<Page<unknown>>(app, world.tokens.manager, 'inventory.movements.list', {
      limit: 1,
    });
    const answer = await call(
      app,
      'inventory.levels.list',
      { cursor: movements.nextCursor },
      { token: world.tokens.manager },
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toMatch(/cursor/);
  });
});

describe('low-stock thresholds', () => {
  async function lowStockMessages(variantId: string) {
    const { rows } = await app.db.pool.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM outbox_message
        WHERE topic = 'email.low_stock_alert' AND payload->>'variantId' = $1 ORDER BY created_at, id`,
      [variantId],
    );
    return rows.map((row) => row.payload);
  }

  it('put a level on the low-stock list when it goes at or under its threshold, and tell the managers once', async () => {
    const [variant] = await world.freshVariants(1);
    if (!variant) throw new Error('fixtures');
    await setLevel(app, world, variant.id, world.shop, 5);
    const set = await mutate(app, world.tokens.manager, 'inventory.levels.setThreshold', {
      variantId: variant.id,
      locationId: world.shop,
      threshold: 3,
    });
    expect(set.status).toBe(200);
    expect(set.body.result?.data).toMatchObject({ quantity: 5, lowStockThreshold: 3, low: false });

    const lowList = async () =>
      (await walk('inventory.lowStock.list', { locationId: world.shop, limit: 100 })).map(
        (level) => level.variantId,
      );
    expect(await lowList()).not.toContain(variant.id);

    // A sale-like movement takes it to the threshold: on the list, one notification in the outbox.
    await setLevel(app, world, variant.id, world.shop, 3);
    expect(await lowList()).toContain(variant.id);
    expect(await lowStockMessages(variant.id)).toEqual([
      expect.objectContaining({
        to: 'manager@allure.test',
        locationId: world.shop,
        storeId: world.storeId,
        quantity: 3,
        threshold: 3,
      }),
    ]);
    const [level] = (await levels({ variantId: variant.id, locationId: world.shop })).items;
    expect(level).toMatchObject({ low: true, lowSince: expect.any(String) });

    // Further down while already low: no second notification. Back above: off the list.
    await setLevel(app, world, variant.id, world.shop, 1);
    expect(await lowStockMessages(variant.id)).toHaveLength(1);
    await setLevel(app, world, variant.id, world.shop, 4);
    expect(await lowList()).not.toContain(variant.id);
    // Low again later: a new notification.
    await setLevel(app, world, variant.id, world.shop, 2);
    expect(await lowStockMessages(variant.id)).toHaveLength(2);

    // A threshold that makes the level low puts it on the list, without telling whoever just set it.
    await mutate(app, world.tokens.manager, 'inventory.levels.setThreshold', {
      variantId: variant.id,
      locationId: world.shop,
      threshold: null,
    });
    expect(await lowList()).not.toContain(variant.id);
    await mutate(app, world.tokens.manager, 'inventory.levels.setThreshold', {
      variantId: variant.id,
      locationId: world.shop,
      threshold: 2,
    });
    expect(await lowList()).toContain(variant.id);
    expect(await lowStockMessages(variant.id)).toHaveLength(2);
  });

  it('are set for many levels of a location at once, creating the levels a variant never had there', async () => {
    const variants = await world.freshVariants(3);
    const ids = variants.map((variant) => variant.id);
    const other = world.tokens.otherManager;
    const listed = await mutate(app, other, 'inventory.levels.setLocationThreshold', {
      locationId: world.otherShop,
      threshold: 2,
      variantIds: ids,
    });
    expect(listed.body.result?.data).toEqual({ updated: 3 });
    const page = await levels({ locationId: world.otherShop, limit: 100 }, other);
    expect(
      page.items.map((level) => [level.variantId, level.quantity, level.lowStockThreshold, level.low]).sort(),
    ).toEqual(ids.map((id) => [id, 0, 2, true]).sort());

    const everything = await mutate(app, other, 'inventory.levels.setLocationThreshold', {
      locationId: world.otherShop,
      threshold: 5,
    });
    expect(everything.body.result?.data).toEqual({ updated: 3 });
    const again = await mutate(app, other, 'inventory.levels.setLocationThreshold', {
      locationId: world.otherShop,
      threshold: 5,
    });
    expect(again.body.result?.data).toEqual({ updated: 0 });

    const unknown = await mutate(app, other, 'inventory.levels.setLocationThreshold', {
      locationId: world.otherShop,
      threshold: 1,
      variantIds: [randomUUID()],
    });
    expect(unknown.status).toBe(400);
    // This store's levels are not theirs to set; nor is the central warehouse a manager's.
    const foreign = await mutate(app, other, 'inventory.levels.setLocationThreshold', {
      locationId: world.shop,
      threshold: 1,
    });
    expect(foreign.status).toBe(404);
    const central = await mutate(app, world.tokens.manager, 'inventory.levels.setThreshold', {
      variantId: ids[0],
      locationId: world.central,
      threshold: 1,
    });
    expect(central.status).toBe(404);
    const byAdmin = await mutate(app, world.tokens.admin, 'inventory.levels.setThreshold', {
      variantId: ids[0],
      locationId: world.central,
      threshold: 1,
    });
    expect(byAdmin.status).toBe(200);
    expect(await levelOf(app, ids[0] ?? '', world.central)).toBe(0);
  });

  it('reach the store’s terminals through the change log', async () => {
    const [variant] = await world.freshVariants(1);
    if (!variant) throw new Error('fixtures');
    const { rows: before } = await app.db.pool.query<{ seq: string }>(
      'SELECT max(seq)::text AS seq FROM change_log',
    );
    await mutate(app, world.tokens.manager, 'inventory.levels.setThreshold', {
      variantId: variant.id,
      locationId: world.shop,
      threshold: 4,
    });
    const { rows } = await app.db.pool.query<{ store_id: string }>(
      `SELECT store_id FROM change_log WHERE collection = 'stock' AND document_id = $1 AND seq > $2::bigint`,
      [`${variant.id}:${world.shop}`, before[0]?.seq ?? '0'],
    );
    expect(rows).toEqual([{ store_id: world.storeId }]);
  });
});

describe('inventory.lowStock.list', () => {
  it('walks every low level once, most recently low first or fewest units first', async () => {
    const { rows } = await app.db.pool.query<{ variant_id: string; location_id: string }>(
      `SELECT s.variant_id, s.location_id FROM stock_level s JOIN stock_location l ON l.id = s.location_id
        WHERE l.store_id = $1 AND s.quantity <= s.low_stock_threshold`,
      [world.storeId],
    );
    expect(rows.length).toBeGreaterThan(30);
    const key = (level: { variantId: string; locationId: string }) =>
      `${level.variantId}:${level.locationId}`;
    const expected = rows.map((row) => `${row.variant_id}:${row.location_id}`).sort();

    const recent = await walk('inventory.lowStock.list', { order: 'recent', limit: 13 });
    expect(recent.map(key).sort()).toEqual(expected);
    const times = recent.map((level) => Date.parse(level.lowSince ?? ''));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const fewest = await walk('inventory.lowStock.list', { order: 'quantity', limit: 13 });
    expect(fewest.map(key).sort()).toEqual(expected);
    const quantities = fewest.map((level) => level.quantity);
    expect(quantities).toEqual([...quantities].sort((a, b) => a - b));
    expect(
      fewest.every((level) => level.low && level.quantity <= (level.lowStockThreshold ?? -Infinity)),
    ).toBe(true);

    const first = await query<Page<Level>>(app, world.tokens.manager, 'inventory.lowStock.list', {
      order: 'recent',
      limit: 1,
    });
    const mixed = await call(
      app,
      'inventory.lowStock.list',
      { order: 'quantity', cursor: first.nextCursor },
      { token: world.tokens.manager },
    );
    expect(mixed.status).toBe(400);
  });

  it('is read from the partial index of low levels', async () => {
    const client = await app.db.pool.connect();
    try {
      // The demo seed is small: make sequential scans unattractive so the plan shows what the index allows.
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      for (const [order, index] of [
        ['s.low_since DESC, s.variant_id DESC, s.location_id DESC', 'stock_level_low_recent_idx'],
        ['s.quantity, s.variant_id, s.location_id', 'stock_level_low_quantity_idx'],
      ] as const) {
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT s.variant_id FROM stock_level s WHERE s.quantity <= s.low_stock_threshold
            ORDER BY ${order} LIMIT 25`,
        );
        const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
        expect(plan).toContain(index);
        expect(plan).not.toMatch(/\bSort\b/);
      }
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});

import { randomUUID } from 'node:crypto';
import { ledgerDrift } from '@allure/db/fixtures/till-sales';
import { MAX_STOCK_LINES } from '@allure/shared/inventory.schema';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../src/app.js';
import type { ChangeScope } from '../src/sync/change-feed.js';
import { call, dataOf } from './auth-helper.js';
import { buildTestApp } from './helper.js';
import {
  type DocumentAnswer,
  type InventoryWorld,
  inventoryWorld,
  levelOf,
  mutate,
  query,
  setLevel,
  stockUp,
} from './inventory-helper.js';

// Stock documents end to end against the real database: each kind moves the levels through the ledger,
// is kept as a document with its lines, reaches the store's terminals through the change log, answers a
// replay with the first result, and refuses what would take a location below zero.

let app: App;
let world: InventoryWorld;
const heard: ChangeScope[] = [];

beforeAll(async () => {
  app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  world = await inventoryWorld(app);
  app.changeFeed.listen((scopes) => heard.push(...scopes));
});
afterAll(async () => {
  await world?.remove();
  await app?.close();
});

async function record(path: string, input: object, token = world.tokens.manager): Promise<DocumentAnswer> {
  return dataOf<DocumentAnswer>(await mutate(app, token, path, input));
}

async function lastSeq(): Promise<string> {
  const { rows } = await app.db.pool.query<{ seq: string }>(
    'SELECT coalesce(max(seq), 0)::text AS seq FROM change_log',
  );
  return rows[0]?.seq ?? '0';
}

async function stockChangesSince(seq: string) {
  const { rows } = await app.db.pool.query<{ document_id: string; store_id: string | null }>(
    `SELECT document_id, store_id FROM change_log WHERE collection = 'stock' AND seq > $1::bigint`,
    [seq],
  );
  return rows;
}

async function movementsOf(documentId: string) {
  const { rows } = await app.db.pool.query<{
    variant_id: string;
    location_id: string;
    kind: string;
    quantity: number;
    unit_cost: number | null;
    currency: string | null;
    user_id: string;
    created_at: Date;
    xmin: string;
  }>(
    `SELECT variant_id, location_id, kind::text, quantity, unit_cost, currency, user_id, created_at, xmin::text
       FROM stock_movement WHERE document_id = $1 ORDER BY variant_id, kind`,
    [documentId],
  );
  return rows;
}

async function totalOnHand(variantId: string): Promise<number> {
  const { rows } = await app.db.pool.query<{ total: number }>(
    'SELECT coalesce(sum(quantity), 0)::int AS total FROM stock_level WHERE variant_id = $1',
    [variantId],
  );
  return rows[0]?.total ?? 0;
}

async function costOf(variantId: string): Promise<number | null> {
  const variant = await app.db.prisma.variant.findUniqueOrThrow({
    where: { id: variantId },
    select: { costPrice: true },
  });
  return variant.costPrice;
}

describe('goods receipts', () => {
  it('raise the levels, keep the receipt with its unit costs, and move the cost price to the weighted average', async () => {
    const [costed, uncosted] = await world.freshVariants(2);
    if (!costed || !uncosted) throw new Error('fixtures');
    const before = {
      costed: await levelOf(app, costed.id, world.warehouse),
      uncosted: await levelOf(app, uncosted.id, world.warehouse),
      onHand: await totalOnHand(costed.id),
      cost: await costOf(costed.id),
      uncostedCost: await costOf(uncosted.id),
    };
    const since = await lastSeq();
    heard.length = 0;

    const answer = await record('inventory.receive', {
      id: randomUUID(),
      locationId: world.warehouse,
      supplierReference: 'BL-2026-0042',
      note: 'livraison du matin',
      lines: [
        { variantId: uncosted.id, quantity: 5 },
        { variantId: costed.id, quantity: 10, unitCost: 1000 },
      ],
    });

    expect(answer.status).toBe('recorded');
    expect(answer.document).toMatchObject({
      kind: 'receipt',
      supplierReference: 'BL-2026-0042',
      note: 'livraison du matin',
      reason: null,
      allowNegative: false,
      location: { id: world.warehouse },
      toLocation: null,
      createdBy: { id: world.managerId },
    });
    expect(answer.document?.lines).toEqual(
      [
        { variantId: costed.id, sku: costed.sku, quantity: 10, unitCost: 1000, currency: 'XOF' },
        { variantId: uncosted.id, sku: uncosted.sku, quantity: 5, unitCost: null, currency: null },
      ]
        .sort((a, b) => (a.sku < b.sku ? -1 : 1))
        .map((line) => expect.objectContaining(line)),
    );
    expect(await levelOf(app, costed.id, world.warehouse)).toBe(before.costed + 10);
    expect(await levelOf(app, uncosted.id, world.warehouse)).toBe(before.uncosted + 5);

    const movements = await movementsOf(answer.document?.id ?? '');
    expect(movements.map((m) => [m.variant_id, m.location_id, m.kind, m.quantity, m.unit_cost])).toEqual(
      [
        [costed.id, world.warehouse, 'receipt', 10, 1000],
        [uncosted.id, world.warehouse, 'receipt', 5, null],
      ].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
    );
    expect(new Set(movements.map((m) => m.user_id))).toEqual(new Set([world.managerId]));

    const expectedCost =
      before.cost === null || before.onHand <= 0
        ? 1000
        : Math.round((before.onHand * before.cost + 10 * 1000) / (before.onHand + 10));
    expect(await costOf(costed.id)).toBe(expectedCost);
    expect(await costOf(uncosted.id)).toBe(before.uncostedCost);

    const changes = await stockChangesSince(since);
    expect(changes).toEqual(
      expect.arrayContaining([
        { document_id: `${costed.id}:${world.warehouse}`, store_id: world.storeId },
        { document_id: `${uncosted.id}:${world.warehouse}`, store_id: world.storeId },
      ]),
    );
    await vi.waitFor(() => {
      expect(heard).toEqual(
        expect.arrayContaining([
          { collection: 'stock', storeId: world.storeId },
          { collection: 'variants', storeId: null },
        ]),
      );
    });
    expect(await ledgerDrift(app.db.pool)).toEqual([]);
  });

  it('average each receipt of a variant after the one before it', async () => {
    const [variant] = await world.freshVariants(1);
    if (!variant) throw new Error('fixtures');
    // From a known state: nothing on hand anywhere, so the first receipt's cost is the cost.
    for (const location of [world.shop, world.warehouse, world.web])
      await setLevel(app, world, variant.id, location, 0);
    const receive = (locationId: string, quantity: number, unitCost: number) =>
      record('inventory.receive', {
        id: randomUUID(),
        locationId,
        lines: [{ variantId: variant.id, quantity, unitCost }],
      });
    await receive(world.warehouse, 4, 2500);
    expect(await costOf(variant.id)).toBe(2500);
    // Two receipts at once, at two locations: they share no stock level, only the variant's cost.
    await Promise.all([receive(world.warehouse, 4, 3500), receive(world.web, 2, 1000)]);
    // 4 @ 2500, then 4 @ 3500 and 2 @ 1000 in either order: 3000 then 2600, or 2000 then 2600. A receipt
    // averaging with a cost the other had already replaced would end at 3000 or 2000.
    expect(await costOf(variant.id)).toBe(2600);
    expect(await levelOf(app, variant.id, world.warehouse)).toBe(8);
    expect(await levelOf(app, variant.id, world.web)).toBe(2);
  });
});

describe('adjustments', () => {
  it('record the reason and note, and may not take a level below zero unless the manager allows it', async () => {
    const [variant] = await world.freshVariants(1);
    if (!variant) throw new Error('fixtures');
    await setLevel(app, world, variant.id, world.shop, 2);

    const damaged = {
      id: randomUUID(),
      locationId: world.shop,
      reason: 'damaged',
      note: 'taché en cabine',
      lines: [{ variantId: variant.id, quantity: -3 }],
    };
    const refused = await record('inventory.adjust', damaged);
    expect(refused).toEqual({
      status: 'insufficient_stock',
      shortages: [
        { variantId: variant.id, sku: variant.sku, locationId: world.shop, requested: 3, available: 2 },
      ],
    });
    expect(await levelOf(app, variant.id, world.shop)).toBe(2);
    const nothing = await call(
      app,
      'inventory.documents.get',
      { id: damaged.id },
      { token: world.tokens.manager },
    );
    expect(nothing.status).toBe(404);

    const allowed = await record('inventory.adjust', { ...damaged, allowNegative: true });
    expect(allowed.status).toBe('recorded');
    expect(allowed.document).toMatchObject({
      id: damaged.id,
      kind: 'adjustment',
      reason: 'damaged',
      note: 'taché en cabine',
      allowNegative: true,
      lines: [expect.objectContaining({ variantId: variant.id, quantity: -3 })],
    });
    expect(await levelOf(app, variant.id, world.shop)).toBe(-1);

    const found = await record('inventory.adjust', {
      id: randomUUID(),
      locationId: world.shop,
      reason: 'found',
      lines: [{ variantId: variant.id, quantity: 4 }],
    });
    expect(found.status).toBe('recorded');
    expect(await levelOf(app, variant.id, world.shop)).toBe(3);
    const movements = await movementsOf(found.document?.id ?? '');
    expect(movements.map((m) => [m.kind, m.quantity])).toEqual([['adjustment', 4]]);
    expect(await ledgerDrift(app.db.pool)).toEqual([]);
  });
});

describe('transfers', () => {
  it('move units out of one location and into the other, one movement each way per line, in one statement', async () => {
    const [a, b] = await world.freshVariants(2);
    if (!a || !b) throw new Error('fixtures');
    await setLevel(app, world, a.id, world.warehouse, 6);
    await setLevel(app, world, b.id, world.warehouse, 4);
    const shopBefore = [await levelOf(app, a.id, world.shop), await levelOf(app, b.id, world.shop)];
    const since = await lastSeq();

    const answer = await record('inventory.transfer', {
      id: randomUUID(),
      fromLocationId: world.warehouse,
      toLocationId: world.shop,
      note: 'réassort vitrine',
      lines: [
        { variantId: a.id, quantity: 6 },
        { variantId: b.id, quantity: 1 },
      ],
    });
    expect(answer.status).toBe('recorded');
    expect(answer.document).toMatchObject({
      kind: 'transfer',
      location: { id: world.warehouse },
      toLocation: { id: world.shop },
      note: 'réassort vitrine',
    });
    expect(answer.document?.lines.map((line) => [line.variantId, line.quantity]).sort()).toEqual(
      [
        [a.id, 6],
        [b.id, 1],
      ].sort(),
    );
    expect(await levelOf(app, a.id, world.warehouse)).toBe(0);
    expect(await levelOf(app, b.id, world.warehouse)).toBe(3);
    expect(await levelOf(app, a.id, world.shop)).toBe((shopBefore[0] ?? 0) + 6);
    expect(await levelOf(app, b.id, world.shop)).toBe((shopBefore[1] ?? 0) + 1);

    const movements = await movementsOf(answer.document?.id ?? '');
    expect(movements.map((m) => [m.variant_id, m.location_id, m.kind, m.quantity])).toEqual(
      [
        [a.id, world.shop, 'transfer_in', 6],
        [a.id, world.warehouse, 'transfer_out', -6],
        [b.id, world.shop, 'transfer_in', 1],
        [b.id, world.warehouse, 'transfer_out', -1],
      ].sort((x, y) => (String(x[0]) === String(y[0]) ? 0 : String(x[0]) < String(y[0]) ? -1 : 1)),
    );
    // Written together: one transaction, one timestamp.
    expect(new Set(movements.map((m) => m.created_at.getTime())).size).toBe(1);
    expect(new Set(movements.map((m) => m.xmin)).size).toBe(1);

    expect(await stockChangesSince(since)).toEqual(
      expect.arrayContaining(
        [a.id, b.id].flatMap((variant) =>
          [world.warehouse, world.shop].map((location) => ({
            document_id: `${variant}:${location}`,
            store_id: world.storeId,
          })),
        ),
      ),
    );
    expect(await ledgerDrift(app.db.pool)).toEqual([]);
  });

  it('refuse units the source does not have, and units it holds for web orders', async () => {
    const [a, b] = await world.freshVariants(2);
    if (!a || !b) throw new Error('fixtures');
    await setLevel(app, world, a.id, world.web, 5);
    await setLevel(app, world, b.id, world.web, 1);
    await app.db.pool.query(
      'UPDATE stock_level SET reserved = 3 WHERE variant_id = $1 AND location_id = $2',
      [a.id, world.web],
    );
    try {
      const transfer = {
        id: randomUUID(),
        fromLocationId: world.web,
        toLocationId: world.shop,
        lines: [
          { variantId: a.id, quantity: 3 },
          { variantId: b.id, quantity: 2 },
        ],
      };
      const refused = await record('inventory.transfer', transfer);
      expect(refused.status).toBe('insufficient_stock');
      expect(refused.shortages).toEqual(
        expect.arrayContaining([
          { variantId: a.id, sku: a.sku, locationId: world.web, requested: 3, available: 2 },
          { variantId: b.id, sku: b.sku, locationId: world.web, requested: 2, available: 1 },
        ]),
      );
      expect(refused.shortages).toHaveLength(2);
      expect([await levelOf(app, a.id, world.web), await levelOf(app, b.id, world.web)]).toEqual([5, 1]);

      // The manager knows better (units on the shelf not yet counted in): the same document, allowed.
      const allowed = await record('inventory.transfer', { ...transfer, allowNegative: true });
      expect(allowed.status).toBe('recorded');
      expect([await levelOf(app, a.id, world.web), await levelOf(app, b.id, world.web)]).toEqual([2, -1]);
    } finally {
      await app.db.pool.query(
        'UPDATE stock_level SET reserved = 0 WHERE variant_id = $1 AND location_id = $2',
        [a.id, world.web],
      );
    }
  });
});

describe('a document id', () => {
  it('answers a replay with the first result, once however many arrive together, and refuses other content', async () => {
    const [variant] = await world.freshVariants(1);
    if (!variant) throw new Error('fixtures');
    await stockUp(app, world, world.shop, [variant], 3);
    const before = await levelOf(app, variant.id, world.shop);
    const adjustment = {
      id: randomUUID(),
      locationId: world.shop,
      reason: 'stocktake',
      lines: [{ variantId: variant.id, quantity: -1 }],
    };

    const answers = await Promise.all([1, 2, 3].map(() => record('inventory.adjust', adjustment)));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]?.status).toBe('recorded');
    // The response was lost; the back office sends it again later, lines reordered, defaults spelled out.
    const replay = await record('inventory.adjust', { ...adjustment, allowNegative: false, note: '' });
    expect(replay).toEqual(answers[0]);
    expect(await levelOf(app, variant.id, world.shop)).toBe(before - 1);
    expect(await movementsOf(adjustment.id)).toHaveLength(1);

    const other = await mutate(app, world.tokens.manager, 'inventory.adjust', {
      ...adjustment,
      lines: [{ variantId: variant.id, quantity: -2 }],
    });
    expect(other.status).toBe(409);
    expect(other.body.error?.message).toMatch(/already recorded with other content/);
    const otherKind = await mutate(app, world.tokens.manager, 'inventory.receive', {
      id: adjustment.id,
      locationId: world.shop,
      lines: [{ variantId: variant.id, quantity: 1 }],
    });
    expect(otherKind.status).toBe(409);
    expect(await levelOf(app, variant.id, world.shop)).toBe(before - 1);
  });
});

describe('bad input', () => {
  it.each([
    [
      'an unknown variant',
      'inventory.adjust',
      () => ({ lines: [{ variantId: randomUUID(), quantity: 1 }] }),
      /unknown variant/,
    ],
    [
      'a zero quantity',
      'inventory.adjust',
      (v: string) => ({ lines: [{ variantId: v, quantity: 0 }] }),
      /zero/,
    ],
    [
      'an unknown reason',
      'inventory.adjust',
      (v: string) => ({ reason: 'gift', lines: [{ variantId: v, quantity: 1 }] }),
      /reason|Invalid/,
    ],
    [
      `${MAX_STOCK_LINES + 1} lines`,
      'inventory.adjust',
      () => ({
        lines: Array.from({ length: MAX_STOCK_LINES + 1 }, () => ({ variantId: randomUUID(), quantity: 1 })),
      }),
      /500/,
    ],
    [
      'a transfer to where it comes from',
      'inventory.transfer',
      (v: string) => ({ toLocationId: world.shop, lines: [{ variantId: v, quantity: 1 }] }),
      /another location/,
    ],
    [
      'a unit cost beyond the cost column',
      'inventory.receive',
      (v: string) => ({ lines: [{ variantId: v, quantity: 1, unitCost: 2 ** 31 }] }),
      /2147483647|too big/i,
    ],
  ])('refuses %s with 400 and says why', async (_case, path, change, message) => {
    const [variant] = await world.freshVariants(1);
    if (!variant) throw new Error('fixtures');
    const base = {
      id: randomUUID(),
      locationId: world.shop,
      fromLocationId: world.shop,
      toLocationId: world.warehouse,
      reason: 'correction',
    };
    const answer = await mutate(app, world.tokens.manager, path, { ...base, ...change(variant.id) });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body.error)).toMatch(message);
  });

  it('answers 404 for a location that does not exist', async () => {
    const [variant] = await world.freshVariants(1);
    if (!variant) throw new Error('fixtures');
    const answer = await mutate(app, world.tokens.manager, 'inventory.receive', {
      id: randomUUID(),
      locationId: randomUUID(),
      lines: [{ variantId: variant.id, quantity: 1 }],
    });
    expect(answer.status).toBe(404);
  });
});

describe('store scoping', () => {
  it('keeps another store’s manager away from this store’s stock, and this manager away from theirs', async () => {
    const [variant] = await world.freshVariants(1);
    if (!variant) throw new Error('fixtures');
    await stockUp(app, world, world.shop, [variant], 2);
    const mine = await record('inventory.adjust', {
      id: randomUUID(),
      locationId: world.shop,
      reason: 'lost',
      lines: [{ variantId: variant.id, quantity: -1 }],
    });
    const before = await levelOf(app, variant.id, world.shop);
    const other = world.tokens.otherManager;
    const line = [{ variantId: variant.id, quantity: 1 }];

    const refusals = await Promise.all([
      mutate(app, other, 'inventory.adjust', {
        id: randomUUID(),
        locationId: world.shop,
        reason: 'found',
        lines: line,
      }),
      mutate(app, other, 'inventory.transfer', {
        id: randomUUID(),
        fromLocationId: world.shop,
        toLocationId: world.otherShop,
        lines: line,
      }),
      mutate(app, other, 'inventory.receive', { id: randomUUID(), locationId: world.warehouse, lines: line }),
      call(app, 'inventory.documents.get', { id: mine.document?.id }, { token: other }),
      call(app, 'inventory.levels.list', { locationId: world.shop }, { token: other }),
      call(app, 'inventory.movements.list', { locationId: world.shop }, { token: other }),
      // Between stores, and into a warehouse of no store, only admins move stock.
      mutate(app, world.tokens.manager, 'inventory.transfer', {
        id: randomUUID(),
        fromLocationId: world.shop,
        toLocationId: world.otherShop,
        lines: line,
      }),
      mutate(app, world.tokens.manager, 'inventory.receive', {
        id: randomUUID(),
        locationId: world.central,
        lines: line,
      }),
    ]);
    expect(refusals.map((answer) => answer.status)).toEqual([404, 404, 404, 404, 404, 404, 404, 404]);
    expect(await levelOf(app, variant.id, world.shop)).toBe(before);

    // Unfiltered lists show them nothing of this store.
    const documents = await query<{ items: { id: string }[] }>(app, other, 'inventory.documents.list', {
      limit: 100,
    });
    expect(documents.items.map((item) => item.id)).not.toContain(mine.document?.id);
    const movements = await query<{ items: { location: { id: string } }[] }>(
      app,
      other,
      'inventory.movements.list',
      {
        limit: 100,
      },
    );
    expect(movements.items.filter((item) => item.location.id !== world.otherShop)).toEqual([]);
    const locations = await query<{ id: string }[]>(app, other, 'inventory.locations.list', undefined);
    expect(locations.map((location) => location.id)).toEqual([world.otherShop]);
    const adminSees = await query<{ id: string }[]>(
      app,
      world.tokens.admin,
      'inventory.locations.list',
      undefined,
    );
    expect(adminSees.map((location) => location.id)).toEqual(
      expect.arrayContaining([world.shop, world.warehouse, world.web, world.otherShop, world.central]),
    );

    const cashier = await mutate(app, world.tokens.cashier, 'inventory.adjust', {
      id: randomUUID(),
      locationId: world.shop,
      reason: 'found',
      lines: line,
    });
    expect(cashier.status).toBe(403);
  });
});

describe('the public catalog cache', () => {
  async function detailLoads(): Promise<number> {
    const metric = await app.metrics.registry.getSingleMetric('cache_load_duration_seconds')?.get();
    return (
      metric?.values.find(
        (value) =>
          (value as { metricName?: string }).metricName?.endsWith('_count') &&
          value.labels.kind === 'product-detail',
      )?.value ?? 0
    );
  }

  it('forgets the pages of the products whose stock changed, and only those', async () => {
    const [changed, untouched] = await world.freshVariants(2);
    if (!changed || !untouched) throw new Error('fixtures');
    const reads = () =>
      Promise.all([
        call(app, 'catalog.products.bySlug', { slug: changed.slug }),
        call(app, 'catalog.products.bySlug', { slug: untouched.slug }),
      ]);
    await reads();
    const loads = await detailLoads();
    await reads();
    expect(await detailLoads()).toBe(loads);

    await stockUp(app, world, world.web, [changed], 2);
    await reads();
    expect(await detailLoads()).toBe(loads + 1);
  });
});

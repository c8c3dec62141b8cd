import { randomUUID } from 'node:crypto';
import { ledgerDrift } from '@allure/db/fixtures/till-sales';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { dataOf } from './auth-helper.js';
import { buildTestApp } from './helper.js';
import {
  type DocumentAnswer,
  type InventoryWorld,
  inventoryWorld,
  levelOf,
  mutate,
  setLevel,
} from './inventory-helper.js';
import { type DemoStore, demoStore, pushOrders, saleOrder } from './sync-helper.js';

// Stock documents racing each other and till sales over the same levels: the levels are locked in one
// order by every writer, so they queue instead of deadlocking, no unit is moved twice, and every level
// still equals the sum of its movements.

let app: App;
let world: InventoryWorld;
let store: DemoStore;

beforeAll(async () => {
  app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  // Before the world adds its second store: the sync helper takes the first store it finds.
  store = await demoStore(app);
  world = await inventoryWorld(app);
});
afterAll(async () => {
  await world?.remove();
  await app?.close();
});

const transfer = (
  token: string,
  from: string,
  to: string,
  lines: { variantId: string; quantity: number }[],
) =>
  mutate(app, token, 'inventory.transfer', {
    id: randomUUID(),
    fromLocationId: from,
    toLocationId: to,
    lines,
  });

describe('concurrent transfers of the same units', () => {
  it('let one win and tell the other what is left, round after round', async () => {
    const [variant] = await world.freshVariants(1);
    if (!variant) throw new Error('fixtures');
    for (let round = 0; round < 8; round += 1) {
      await setLevel(app, world, variant.id, world.warehouse, 5);
      const [shopBefore, webBefore] = [
        await levelOf(app, variant.id, world.shop),
        await levelOf(app, variant.id, world.web),
      ];
      const line = [{ variantId: variant.id, quantity: 4 }];
      const answers = (
        await Promise.all([
          transfer(world.tokens.manager, world.warehouse, world.shop, line),
          transfer(world.tokens.admin, world.warehouse, world.web, line),
        ])
      ).map((answer) => dataOf<DocumentAnswer>(answer));

      expect(answers.map((answer) => answer.status).sort()).toEqual(['insufficient_stock', 'recorded']);
      const refused = answers.find((answer) => answer.status === 'insufficient_stock');
      expect(refused?.shortages).toEqual([
        { variantId: variant.id, sku: variant.sku, locationId: world.warehouse, requested: 4, available: 1 },
      ]);
      expect(await levelOf(app, variant.id, world.warehouse)).toBe(1);
      const moved =
        (await levelOf(app, variant.id, world.shop)) -
        shopBefore +
        (await levelOf(app, variant.id, world.web)) -
        webBefore;
      expect(moved).toBe(4);
    }
    expect(await ledgerDrift(app.db.pool)).toEqual([]);
  });
});

describe('documents and till sales over the same levels', () => {
  it('all complete, in opposite directions too, and the ledger adds up', async () => {
    const variants = await world.freshVariants(3);
    const facts = await app.db.pool.query<{ id: string; price: number; vat_rate: number }>(
      `SELECT v.id, v.price, p.vat_rate FROM variant v JOIN product p ON p.id = v.product_id WHERE v.id = ANY($1::uuid[])`,
      [variants.map((variant) => variant.id)],
    );
    const sellable = facts.rows.map((row) => ({
      id: row.id,
      price: row.price,
      vatRate: row.vat_rate,
      quantity: 50,
    }));
    for (const variant of variants) {
      await setLevel(app, world, variant.id, world.shop, 50);
      await setLevel(app, world, variant.id, world.warehouse, 50);
    }
    const forward = variants.map((variant) => ({ variantId: variant.id, quantity: 1 }));
    const backward = [...forward].reverse();
    const till = store.tills[0];
    if (!till) throw new Error('no till');
    const orders = Array.from({ length: 4 }, () =>
      saleOrder(
        store,
        till,
        sellable.map((variant) => ({ variant, quantity: 1 })),
      ),
    );

    const [answers, pushed] = await Promise.all([
      Promise.all(
        Array.from({ length: 4 }, () => [
          transfer(world.tokens.manager, world.shop, world.warehouse, forward),
          transfer(world.tokens.admin, world.warehouse, world.shop, backward),
          mutate(app, world.tokens.manager, 'inventory.adjust', {
            id: randomUUID(),
            locationId: world.shop,
            reason: 'stocktake',
            lines: backward.map((line) => ({ ...line, quantity: -1 })),
          }),
        ]).flat(),
      ),
      Promise.all(orders.map((order) => pushOrders(app, till, [order]))),
    ]);
    expect(answers.map((answer) => dataOf<DocumentAnswer>(answer).status)).toEqual(
      answers.map(() => 'recorded'),
    );
    expect(pushed).toEqual(orders.map(() => []));

    // Per variant: the transfers cancel out; 4 adjustments and 4 sales of one unit each at the shop.
    for (const variant of variants) {
      expect(await levelOf(app, variant.id, world.shop)).toBe(50 - 4 - 4);
      expect(await levelOf(app, variant.id, world.warehouse)).toBe(50);
    }
    expect(await ledgerDrift(app.db.pool)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { call } from './auth-helper.js';
import { buildTestApp } from './helper.js';
import { type InventoryWorld, inventoryWorld, mutate, query, setLevel } from './inventory-helper.js';
import { type DemoStore, demoStore, pushOrders, saleOrder } from './sync-helper.js';

// Oversell alerts as a manager meets them: raised by sync when two offline tills sold the last unit,
// listed for the store's managers only, resolved once with a note and who resolved it.

let app: App;
let world: InventoryWorld;
let store: DemoStore;

beforeAll(async () => {
  app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  store = await demoStore(app);
  world = await inventoryWorld(app);
});
afterAll(async () => {
  await world?.remove();
  await app?.close();
});

interface Alert {
  id: string;
  orderIds: string[];
  quantityShort: number;
  createdAt: string;
  resolvedAt: string | null;
  resolutionNote: string | null;
  resolvedBy: { id: string; name: string } | null;
  variant: { id: string; sku: string };
  location: { id: string; code: string };
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Two tills, both offline, each sell the last unit of the variant; both sales are pushed. */
async function oversell(variantId: string): Promise<string[]> {
  await setLevel(app, world, variantId, world.shop, 1);
  const { rows } = await app.db.pool.query<{ price: number; vat_rate: number }>(
    'SELECT v.price, p.vat_rate FROM variant v JOIN product p ON p.id = v.product_id WHERE v.id = $1',
    [variantId],
  );
  const row = rows[0];
  const [t1, t2] = store.tills;
  if (!row || !t1 || !t2) throw new Error('fixtures');
  const variant = { id: variantId, price: row.price, vatRate: row.vat_rate, quantity: 1 };
  const first = saleOrder(store, t1, [{ variant, quantity: 1 }]);
  const second = saleOrder(store, t2, [{ variant, quantity: 1 }]);
  expect(await pushOrders(app, t1, [first])).toEqual([]);
  expect(await pushOrders(app, t2, [second])).toEqual([]);
  return [first.id, second.id];
}

const openAlerts = (token = world.tokens.manager) =>
  query<Page<Alert>>(app, token, 'inventory.oversellAlerts.list', { locationId: world.shop, limit: 100 });

describe('inventory.oversellAlerts', () => {
  it('lists an oversold level for the store’s managers and lets one of them resolve it with a note', async () => {
    const [variant] = await world.freshVariants(1);
    if (!variant) throw new Error('fixtures');
    const orderIds = await oversell(variant.id);

    const alert = (await openAlerts()).items.find((item) => item.variant.id === variant.id);
    expect(alert).toMatchObject({
      orderIds,
      quantityShort: 1,
      resolvedAt: null,
      resolvedBy: null,
      variant: { sku: variant.sku },
      location: { id: world.shop, code: 'DKR1-STORE' },
    });
    if (!alert) throw new Error('no alert');

    // Another store's manager neither sees it nor resolves it.
    const theirs = await query<Page<Alert>>(app, world.tokens.otherManager, 'inventory.oversellAlerts.list', {
      limit: 100,
    });
    expect(theirs.items.map((item) => item.id)).not.toContain(alert.id);
    const foreign = await mutate(app, world.tokens.otherManager, 'inventory.oversellAlerts.resolve', {
      id: alert.id,
      note: 'not mine',
    });
    expect(foreign.status).toBe(404);

    const note = 'recompté : 1 pièce retrouvée en réserve';
    const resolved = await mutate(app, world.tokens.manager, 'inventory.oversellAlerts.resolve', {
      id: alert.id,
      note,
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.result?.data).toMatchObject({
      id: alert.id,
      resolutionNote: note,
      resolvedBy: { id: world.managerId },
      resolvedAt: expect.any(String),
    });
    // A retried request answers the same; anything else on a resolved alert is a conflict.
    const retried = await mutate(app, world.tokens.manager, 'inventory.oversellAlerts.resolve', {
      id: alert.id,
      note,
    });
    expect(retried.body.result?.data).toEqual(resolved.body.result?.data);
    const overwrite = await mutate(app, world.tokens.admin, 'inventory.oversellAlerts.resolve', {
      id: alert.id,
      note: 'autre chose',
    });
    expect(overwrite.status).toBe(409);
    expect(overwrite.body.error?.message).toMatch(/already resolved by Moussa Diop/);

    expect((await openAlerts()).items.map((item) => item.id)).not.toContain(alert.id);
    const done = await query<Page<Alert>>(app, world.tokens.manager, 'inventory.oversellAlerts.list', {
      status: 'resolved',
      limit: 5,
    });
    expect(done.items[0]?.id).toBe(alert.id);

    // The level oversold again later: a new alert, not the resolved one reopened.
    const again = await oversell(variant.id);
    const reopened = (await openAlerts()).items.filter((item) => item.variant.id === variant.id);
    expect(reopened).toHaveLength(1);
    expect(reopened[0]?.id).not.toBe(alert.id);
    expect(reopened[0]?.orderIds).toEqual(expect.arrayContaining([again[1]]));
  });

  it('pages open alerts newest first without repeating one', async () => {
    const variants = await world.freshVariants(3);
    for (const variant of variants) await oversell(variant.id);
    const seen: Alert[] = [];
    let cursor: string | undefined;
    do {
      const page = await query<Page<Alert>>(app, world.tokens.manager, 'inventory.oversellAlerts.list', {
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen.map((item) => item.id)).size).toBe(seen.length);
    const times = seen.map((item) => Date.parse(item.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(seen.map((item) => item.variant.id)).toEqual(
      expect.arrayContaining(variants.map((variant) => variant.id)),
    );

    const bad = await call(
      app,
      'inventory.oversellAlerts.list',
      { status: 'resolved', cursor: 'garbage' },
      { token: world.tokens.manager },
    );
    expect(bad.status).toBe(400);
  });
});

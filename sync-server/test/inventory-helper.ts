import { randomUUID } from 'node:crypto';
import { hashPassword } from '@allure/db/credentials';
import type { App } from '../src/app.js';
import { type Call, call, dataOf, sessionFor } from './auth-helper.js';

// The places and people inventory tests act with: the demo store (DKR1) and its three locations, a second
// store with a location and a manager of its own, and a central warehouse that belongs to no store. The
// additions are removed afterwards (tests never record stock at them, so nothing in the append-only ledger
// holds on to them).

export interface InventoryWorld {
  storeId: string;
  shop: string;
  warehouse: string;
  web: string;
  otherStoreId: string;
  otherShop: string;
  central: string;
  tokens: { admin: string; manager: string; otherManager: string; cashier: string };
  managerId: string;
  /** Active variants no other test of the file has been handed yet. */
  freshVariants(count: number): Promise<TestVariant[]>;
  remove(): Promise<void>;
}

export interface TestVariant {
  id: string;
  sku: string;
  barcode: string | null;
  productId: string;
  slug: string;
  costPrice: number | null;
}

const suffix = randomUUID().slice(0, 4).toUpperCase();

export async function inventoryWorld(app: App): Promise<InventoryWorld> {
  const prisma = app.db.prisma;
  const store = await prisma.store.findUniqueOrThrow({
    where: { code: 'DKR1' },
    select: { id: true, locations: { select: { id: true, kind: true } } },
  });
  const locationOf = (kind: string) => {
    const found = store.locations.find((location) => location.kind === kind);
    if (!found) throw new Error(`the demo store has no ${kind} location`);
    return found.id;
  };
  const other = await prisma.store.create({
    data: { code: `I${suffix}`, name: 'Allure Thiès', currency: 'XOF', timezone: 'Africa/Dakar' },
    select: { id: true },
  });
  const otherShop = await prisma.stockLocation.create({
    data: { storeId: other.id, code: `I${suffix}-STORE`, name: 'Boutique Thiès', kind: 'store' },
    select: { id: true },
  });
  const central = await prisma.stockLocation.create({
    data: { storeId: null, code: `C${suffix}-WH`, name: 'Entrepôt central', kind: 'warehouse' },
    select: { id: true },
  });
  const otherManagerEmail = `manager.${suffix.toLowerCase()}@allure.test`;
  const otherManager = await prisma.user.create({
    data: {
      email: otherManagerEmail,
      name: 'Mame Diarra Faye',
      role: 'manager',
      passwordHash: await hashPassword(randomUUID()),
      storeId: other.id,
    },
    select: { id: true },
  });
  const [admin, manager, otherManagerSession, cashier] = await Promise.all([
    sessionFor(app, 'admin@allure.test'),
    sessionFor(app, 'manager@allure.test'),
    sessionFor(app, otherManagerEmail),
    sessionFor(app, 'cashier@allure.test'),
  ]);

  const pool = await app.db.pool.query<{
    id: string;
    sku: string;
    barcode: string | null;
    product_id: string;
    slug: string;
    cost_price: number | null;
  }>(
    `SELECT v.id, v.sku, v.barcode, v.product_id, p.slug, v.cost_price
       FROM variant v JOIN product p ON p.id = v.product_id
      WHERE p.status = 'active' AND v.active
        -- Untouched by the test files that ran before in this database (files run one at a time): no sale
        -- or alert of theirs can show up in this file's assertions.
        AND NOT EXISTS (SELECT 1 FROM order_line l WHERE l.variant_id = v.id)
        AND NOT EXISTS (SELECT 1 FROM oversell_alert a WHERE a.variant_id = v.id)
      ORDER BY md5(v.id::text || $1) LIMIT 600`,
    [suffix],
  );
  const available = pool.rows.map((row) => ({
    id: row.id,
    sku: row.sku,
    barcode: row.barcode,
    productId: row.product_id,
    slug: row.slug,
    costPrice: row.cost_price,
  }));
  const usedProducts = new Set<string>();

  return {
    storeId: store.id,
    shop: locationOf('store'),
    warehouse: locationOf('warehouse'),
    web: locationOf('web'),
    otherStoreId: other.id,
    otherShop: otherShop.id,
    central: central.id,
    tokens: {
      admin: admin.accessToken,
      manager: manager.accessToken,
      otherManager: otherManagerSession.accessToken,
      cashier: cashier.accessToken,
    },
    managerId: manager.userId,
    async freshVariants(count) {
      // One variant per product, so cache and listing assertions about one product are not disturbed.
      const picked: TestVariant[] = [];
      while (picked.length < count) {
        const index = available.findIndex((variant) => !usedProducts.has(variant.productId));
        if (index < 0) throw new Error('out of test variants');
        const [variant] = available.splice(index, 1);
        if (!variant) break;
        usedProducts.add(variant.productId);
        picked.push(variant);
      }
      return picked;
    },
    async remove() {
      await prisma.session.deleteMany({ where: { userId: otherManager.id } });
      await prisma.user.delete({ where: { id: otherManager.id } });
      await prisma.stockLevel.deleteMany({ where: { locationId: { in: [otherShop.id, central.id] } } });
      await prisma.stockLocation.deleteMany({ where: { id: { in: [otherShop.id, central.id] } } });
      await prisma.store.delete({ where: { id: other.id } });
    },
  };
}

/** A mutation as the holder of `token`. */
export function mutate(app: App, token: string, path: string, input: unknown): Promise<Call> {
  return call(app, path, input, { token, type: 'mutation' });
}

/** A query as the holder of `token`; its data, or a thrown error with the status. */
export async function query<T>(app: App, token: string, path: string, input: unknown): Promise<T> {
  return dataOf<T>(await call(app, path, input, { token }));
}

/** A location's on-hand units of a variant (0 when it has no level there). */
export async function levelOf(app: App, variantId: string, locationId: string): Promise<number> {
  const { rows } = await app.db.pool.query<{ quantity: number }>(
    'SELECT quantity FROM stock_level WHERE variant_id = $1 AND location_id = $2',
    [variantId, locationId],
  );
  return rows[0]?.quantity ?? 0;
}

export interface DocumentAnswer {
  status: 'recorded' | 'insufficient_stock';
  document?: {
    id: string;
    kind: string;
    reason: string | null;
    note: string | null;
    supplierReference: string | null;
    allowNegative: boolean;
    createdAt: string;
    location: { id: string; code: string };
    toLocation: { id: string; code: string } | null;
    createdBy: { id: string; name: string };
    lines: {
      variantId: string;
      sku: string;
      quantity: number;
      unitCost: number | null;
      currency: string | null;
    }[];
  };
  shortages?: { variantId: string; sku: string; locationId: string; requested: number; available: number }[];
}

/** Receives `quantity` units of each variant at a location (as the admin), so a test starts from known stock. */
export async function stockUp(
  app: App,
  world: InventoryWorld,
  locationId: string,
  variants: readonly { id: string }[],
  quantity: number,
): Promise<void> {
  const answer = dataOf<DocumentAnswer>(
    await mutate(app, world.tokens.admin, 'inventory.receive', {
      id: randomUUID(),
      locationId,
      supplierReference: 'TEST-STOCK',
      lines: variants.map((variant) => ({ variantId: variant.id, quantity })),
    }),
  );
  if (answer.status !== 'recorded') throw new Error('stocking up was refused');
}

/** Takes a level to exactly `quantity` units with one adjustment (allowed below zero if need be). */
export async function setLevel(
  app: App,
  world: InventoryWorld,
  variantId: string,
  locationId: string,
  quantity: number,
): Promise<void> {
  const delta = quantity - (await levelOf(app, variantId, locationId));
  if (delta === 0) return;
  const answer = dataOf<DocumentAnswer>(
    await mutate(app, world.tokens.admin, 'inventory.adjust', {
      id: randomUUID(),
      locationId,
      reason: 'correction',
      allowNegative: true,
      lines: [{ variantId, quantity: delta }],
    }),
  );
  if (answer.status !== 'recorded') throw new Error('setting the level was refused');
}

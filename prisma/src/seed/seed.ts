import { createRandom } from '@allure/shared/random';
import type pg from 'pg';
import { pendingMigrations } from '../migrate.js';
import { type Column, insertRows } from './bulk-insert.js';
import {
  buildCatalog,
  type CatalogShape,
  type CategoryRow,
  type ProductRow,
  type VariantRow,
} from './catalog.js';
import { type DemoStore, type DemoStoreName, demoStores } from './demo-stores.js';
import { seedEpoch } from './seed-ids.js';
import { buildStock, type LevelRow, type MovementRow } from './stock.js';
import {
  buildStoreFixtures,
  type CustomerRow,
  type LocationRow,
  type StoreRow,
  type TerminalRow,
  type UserRow,
} from './store.js';

export type SeedSize = 'demo' | 'large';

export interface SeedOptions {
  size: SeedSize;
  /** The store to create: Dakar in CFA francs (default) or Paris in euros. */
  store?: DemoStoreName;
  /** Empty every application table first (all but _prisma_migrations). */
  reset?: boolean;
  /** Progress messages (one line each). */
  log?: (message: string) => void;
}

export interface SeedResult {
  /** `skipped` when the demo store was already there and `reset` was not asked for. */
  status: 'seeded' | 'skipped';
  size: SeedSize;
  /** Rows per table after the run. */
  counts: Record<SeedTable, number>;
  durationMs: number;
}

export const seedShapes: Record<SeedSize, CatalogShape> = {
  demo: { products: 200 },
  /** 50,000 variants, for benchmarks. */
  large: { products: 5_000, variantsPerProduct: 10 },
};

const seedTables = [
  'store',
  'stock_location',
  'terminal',
  'user',
  'customer',
  'category',
  'product',
  'variant',
  'stock_movement',
  'stock_level',
] as const;
export type SeedTable = (typeof seedTables)[number];

/** Seeds are serialised by this advisory lock, so two concurrent runs cannot both insert the store. */
const SEED_LOCK_KEY = 72_707_370;
/** One PRNG stream per concern, so changing one part of the seed does not reshuffle the others. */
const streams = { catalog: 0x5eed_0001, stock: 0x5eed_0002 } as const;

/**
 * Seeds a demo fashion store (deterministic: same size and store, same rows, except credential salts) in
 * one transaction. Does nothing when the database has a store already (demo or not: the catalog is one
 * price list, in the stores' currency), unless `reset`.
 */
export async function seed(pool: pg.Pool, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const pending = await pendingMigrations(pool);
  if (pending.length > 0) {
    throw new Error(
      `The database has pending migrations (${pending.join(', ')}): run "pnpm --filter @allure/db migrate" first.`,
    );
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL statement_timeout = 0');
    await client.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
    const existing = await client.query<{ code: string }>(
      'SELECT "code" FROM "store" ORDER BY "code" LIMIT 1',
    );
    const store = demoStores[options.store ?? 'dakar'];
    let status: SeedResult['status'] = 'skipped';
    if (options.reset || existing.rows.length === 0) {
      if (options.reset) {
        log('Emptying every application table (reset).');
        await truncateAppTables(client);
      }
      log(`Seeding the ${options.size} data set for ${store.name} (${store.currency})…`);
      await insertSeed(client, options.size, store);
      status = 'seeded';
    }
    await client.query('COMMIT');
    // Fresh statistics now rather than whenever autovacuum gets to it: right after a bulk load the planner
    // believes the tables are nearly empty and picks sort-everything plans (27x slower catalog pages).
    if (status === 'seeded') await client.query('ANALYZE');
    const counts = await countRows(client);
    const durationMs = Math.round(performance.now() - started);
    log(
      status === 'seeded'
        ? `Seeded ${counts.product} products, ${counts.variant} variants, ${counts.stock_movement} stock movements in ${durationMs} ms.`
        : `The database has store ${existing.rows[0]?.code} already: nothing done (reset to start over).`,
    );
    return { status, size: options.size, counts, durationMs };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function insertSeed(client: pg.ClientBase, size: SeedSize, store: DemoStore): Promise<void> {
  const fixtures = await buildStoreFixtures(store);
  const catalog = buildCatalog(createRandom(streams.catalog), seedShapes[size], store);
  const admin = fixtures.users.find((user) => user.role === 'admin');
  if (!admin) throw new Error('seed: the fixtures have no admin');
  const stock = buildStock(
    createRandom(streams.stock),
    catalog.products,
    catalog.variants,
    fixtures.locations,
    admin.id,
  );

  await insertRows(client, 'store', storeColumns, [fixtures.store]);
  await insertRows(client, 'stock_location', locationColumns, Object.values(fixtures.locations));
  await insertRows(client, 'terminal', terminalColumns, fixtures.terminals);
  await insertRows(client, 'user', userColumns, fixtures.users);
  await insertRows(client, 'customer', customerColumns, fixtures.customers);
  await insertRows(client, 'category', categoryColumns, catalog.categories);
  await insertRows(client, 'product', productColumns, catalog.products);
  await insertRows(client, 'variant', variantColumns, catalog.variants);
  // Levels first, empty: the ledger's projection trigger adds the movements to them.
  await insertRows(client, 'stock_level', levelColumns, stock.levels);
  await insertRows(client, 'stock_movement', movementColumns, stock.movements);
}

/** Empties every table but Prisma's migration history, in one statement. */
export async function truncateAppTables(client: pg.ClientBase): Promise<void> {
  const result = await client.query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables
      WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`,
  );
  if (result.rows.length === 0) return;
  await client.query(
    `TRUNCATE TABLE ${result.rows.map((row) => row.name).join(', ')} RESTART IDENTITY CASCADE`,
  );
}

async function countRows(client: pg.ClientBase): Promise<Record<SeedTable, number>> {
  const selects = seedTables.map((table) => `(SELECT count(*) FROM "${table}")::int AS "${table}"`);
  const result = await client.query<Record<SeedTable, number>>(`SELECT ${selects.join(', ')}`);
  const row = result.rows[0];
  if (!row) throw new Error('seed: count query returned no row');
  return row;
}

// ---------------------------------------------------------------------------------------------------
// Column lists (database names and the element types the unnest arrays are cast to)

const createdAt = { name: 'created_at', type: 'timestamptz', value: () => seedEpoch };
const updatedAt = { name: 'updated_at', type: 'timestamptz', value: () => seedEpoch };

const storeColumns: Column<StoreRow>[] = [
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'code', type: 'text', value: (r) => r.code },
  { name: 'name', type: 'text', value: (r) => r.name },
  { name: 'currency', type: 'text', value: (r) => r.currency },
  { name: 'prices_include_tax', type: 'bool', value: (r) => r.pricesIncludeTax },
  { name: 'locale', type: 'text', value: (r) => r.locale },
  { name: 'timezone', type: 'text', value: (r) => r.timezone },
  { name: 'address_line1', type: 'text', value: (r) => r.addressLine1 },
  { name: 'city', type: 'text', value: (r) => r.city },
  { name: 'country', type: 'text', value: (r) => r.country },
  { name: 'phone', type: 'text', value: (r) => r.phone },
  createdAt,
  updatedAt,
];

const locationColumns: Column<LocationRow>[] = [
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'store_id', type: 'uuid', value: (r) => r.storeId },
  { name: 'code', type: 'text', value: (r) => r.code },
  { name: 'name', type: 'text', value: (r) => r.name },
  { name: 'kind', type: '"location_kind"', value: (r) => r.kind },
  createdAt,
  updatedAt,
];

const terminalColumns: Column<TerminalRow>[] = [
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'store_id', type: 'uuid', value: (r) => r.storeId },
  { name: 'code', type: 'text', value: (r) => r.code },
  { name: 'name', type: 'text', value: (r) => r.name },
  createdAt,
  updatedAt,
];

const userColumns: Column<UserRow>[] = [
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'email', type: 'text', value: (r) => r.email },
  { name: 'name', type: 'text', value: (r) => r.name },
  { name: 'role', type: '"role"', value: (r) => r.role },
  { name: 'password_hash', type: 'text', value: (r) => r.passwordHash },
  { name: 'pin_verifier', type: 'text', value: (r) => r.pinVerifier },
  { name: 'store_id', type: 'uuid', value: (r) => r.storeId },
  { name: 'discount_limit_bps', type: 'int4', value: (r) => r.discountLimitBps },
  createdAt,
  updatedAt,
];

const customerColumns: Column<CustomerRow>[] = [
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'name', type: 'text', value: (r) => r.name },
  { name: 'email', type: 'text', value: (r) => r.email },
  { name: 'phone', type: 'text', value: (r) => r.phone },
  { name: 'store_id', type: 'uuid', value: (r) => r.storeId },
  { name: 'user_id', type: 'uuid', value: (r) => r.userId },
  createdAt,
  updatedAt,
];

const categoryColumns: Column<CategoryRow>[] = [
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'parent_id', type: 'uuid', value: (r) => r.parentId },
  { name: 'slug', type: 'text', value: (r) => r.slug },
  { name: 'name', type: 'text', value: (r) => r.name },
  { name: 'position', type: 'int4', value: (r) => r.position },
  createdAt,
  updatedAt,
];

const productColumns: Column<ProductRow>[] = [
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'slug', type: 'text', value: (r) => r.slug },
  { name: 'name', type: 'text', value: (r) => r.name },
  { name: 'description', type: 'text', value: (r) => r.description },
  { name: 'category_id', type: 'uuid', value: (r) => r.categoryId },
  { name: 'brand', type: 'text', value: (r) => r.brand },
  { name: 'vat_rate', type: 'int4', value: (r) => r.vatRate },
  { name: 'status', type: '"product_status"', value: (r) => r.status },
  { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt },
  { name: 'updated_at', type: 'timestamptz', value: (r) => r.createdAt },
];

const variantColumns: Column<VariantRow>[] = [
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'product_id', type: 'uuid', value: (r) => r.productId },
  { name: 'sku', type: 'text', value: (r) => r.sku },
  { name: 'barcode', type: 'text', value: (r) => r.barcode },
  { name: 'size', type: 'text', value: (r) => r.size },
  { name: 'colour', type: 'text', value: (r) => r.colour },
  { name: 'price', type: 'int4', value: (r) => r.price },
  { name: 'cost_price', type: 'int4', value: (r) => r.costPrice },
  { name: 'currency', type: 'text', value: (r) => r.currency },
  { name: 'position', type: 'int4', value: (r) => r.position },
  createdAt,
  updatedAt,
];

const movementColumns: Column<MovementRow>[] = [
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'variant_id', type: 'uuid', value: (r) => r.variantId },
  { name: 'location_id', type: 'uuid', value: (r) => r.locationId },
  { name: 'quantity', type: 'int4', value: (r) => r.quantity },
  { name: 'kind', type: '"stock_movement_kind"', value: (r) => r.kind },
  { name: 'reason', type: 'text', value: (r) => r.reason },
  { name: 'user_id', type: 'uuid', value: (r) => r.userId },
  { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt },
];

const levelColumns: Column<LevelRow>[] = [
  { name: 'variant_id', type: 'uuid', value: (r) => r.variantId },
  { name: 'location_id', type: 'uuid', value: (r) => r.locationId },
  { name: 'low_stock_threshold', type: 'int4', value: (r) => r.lowStockThreshold },
  updatedAt,
];

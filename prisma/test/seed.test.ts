import { isValidBarcode } from '@allure/shared/barcode';
import { pinVerifierNeedsUpgrade, verifyPin } from '@allure/shared/pin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/credentials.js';
import { demoStores } from '../src/seed/demo-stores.js';
import { seed } from '../src/seed/seed.js';
import { demoPassword } from '../src/seed/store.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

// Row order by id: seeded ids are deterministic, so two seeds must produce byte-identical dumps.
const productDump = `SELECT p.*, c.slug AS category_slug FROM product p JOIN category c ON c.id = p.category_id ORDER BY p.id`;
const variantDump = 'SELECT * FROM variant ORDER BY id';
const stockDump = `SELECT id, variant_id, location_id, quantity, kind, reason, created_at FROM stock_movement ORDER BY id`;

describe('demo seed', () => {
  let first: TestDatabase;
  let second: TestDatabase;

  beforeAll(async () => {
    [first, second] = await Promise.all([createTestDatabase('seed_a'), createTestDatabase('seed_b')]);
    await Promise.all([seed(first.pool, { size: 'demo' }), seed(second.pool, { size: 'demo' })]);
  });
  afterAll(async () => {
    await Promise.all([first?.drop(), second?.drop()]);
  });

  it('is deterministic: two fresh databases get identical products, variants and stock', async () => {
    for (const sql of [productDump, variantDump, stockDump]) {
      const [a, b] = await Promise.all([first.pool.query(sql), second.pool.query(sql)]);
      expect(a.rows.length).toBeGreaterThan(0);
      expect(b.rows).toEqual(a.rows);
    }
  });

  it('creates the Dakar store with its locations, terminals and staff', async () => {
    const store = await first.pool.query(
      `SELECT code, name, currency, prices_include_tax, locale, timezone FROM store`,
    );
    expect(store.rows).toEqual([
      {
        code: 'DKR1',
        name: 'Allure Dakar Plateau',
        currency: 'XOF',
        prices_include_tax: true,
        locale: 'fr',
        timezone: 'Africa/Dakar',
      },
    ]);
    const locations = await first.pool.query('SELECT kind FROM stock_location ORDER BY kind');
    expect(locations.rows.map((row) => row.kind)).toEqual(['store', 'warehouse', 'web']);
    const terminals = await first.pool.query('SELECT code FROM terminal ORDER BY code');
    expect(terminals.rows.map((row) => row.code)).toEqual(['T01', 'T02']);
  });

  it('gives the demo accounts the demo password and the staff their PINs', async () => {
    const users = await first.pool.query<{
      email: string;
      role: string;
      password_hash: string;
      pin_verifier: string | null;
    }>('SELECT email, role, password_hash, pin_verifier FROM "user" ORDER BY email');
    const byEmail = new Map(users.rows.map((user) => [user.email, user]));
    expect([...byEmail.keys()]).toEqual(
      expect.arrayContaining([
        'admin@allure.test',
        'manager@allure.test',
        'cashier@allure.test',
        'cashier2@allure.test',
      ]),
    );
    for (const user of users.rows) expect(await verifyPassword(user.password_hash, demoPassword)).toBe(true);
    const pins: Record<string, string> = {
      'manager@allure.test': '2468',
      'cashier@allure.test': '1234',
      'cashier2@allure.test': '5678',
    };
    for (const [email, pin] of Object.entries(pins)) {
      const verifier = byEmail.get(email)?.pin_verifier ?? '';
      expect(pinVerifierNeedsUpgrade(verifier)).toBe(false);
      expect(await verifyPin(pin, verifier)).toBe(true);
      expect(await verifyPin('0000', verifier)).toBe(false);
    }
  });

  it('builds a realistic catalog: ~200 products over ~12 categories, prices in XOF rounded to 500', async () => {
    const counts = await first.pool.query(
      `SELECT (SELECT count(*) FROM category)::int AS categories, (SELECT count(*) FROM product)::int AS products,
              (SELECT count(*) FROM variant)::int AS variants`,
    );
    expect(counts.rows[0]).toMatchObject({ categories: 12, products: 200 });
    expect(counts.rows[0].variants).toBeGreaterThan(800);
    const prices = await first.pool.query(
      `SELECT min(price)::int AS min, max(price)::int AS max, bool_and(price % 500 = 0) AS rounded,
              bool_and(cost_price < price) AS margin, bool_and(currency = 'XOF') AS xof FROM variant`,
    );
    expect(prices.rows[0]).toMatchObject({ rounded: true, margin: true, xof: true });
    expect(prices.rows[0].min).toBeGreaterThanOrEqual(5_000);
    expect(prices.rows[0].max).toBeLessThanOrEqual(150_000);
    const vat = await first.pool.query('SELECT DISTINCT vat_rate FROM product');
    expect(vat.rows).toEqual([{ vat_rate: 1800 }]);
  });

  it('gives every variant a unique SKU and a valid, unique EAN-13', async () => {
    const result = await first.pool.query<{ sku: string; barcode: string }>(
      'SELECT sku, barcode FROM variant',
    );
    expect(result.rows.every((row) => isValidBarcode(row.barcode) && row.barcode.length === 13)).toBe(true);
    expect(new Set(result.rows.map((row) => row.barcode)).size).toBe(result.rows.length);
    expect(new Set(result.rows.map((row) => row.sku)).size).toBe(result.rows.length);
  });

  it('keeps every stock level equal to the sum of its ledger movements', async () => {
    const mismatches = await first.pool.query(
      `SELECT coalesce(l.variant_id, m.variant_id) AS variant_id, l.quantity, m.total
         FROM stock_level l
         FULL JOIN (SELECT variant_id, location_id, sum(quantity)::int AS total
                      FROM stock_movement GROUP BY variant_id, location_id) m
           ON m.variant_id = l.variant_id AND m.location_id = l.location_id
        WHERE l.quantity IS DISTINCT FROM m.total`,
    );
    expect(mismatches.rows).toEqual([]);
    const kinds = await first.pool.query('SELECT DISTINCT kind::text FROM stock_movement ORDER BY 1');
    expect(kinds.rows.map((row) => row.kind)).toContain('receipt');
  });

  it('does nothing on a second run, even for another store, and starts over with reset', async () => {
    const before = await first.pool.query(variantDump);

    const again = await seed(first.pool, { size: 'demo' });
    expect(again.status).toBe('skipped');
    expect(again.counts.variant).toBe(before.rows.length);
    // A second store would need a second price list: the database keeps its one store.
    const paris = await seed(first.pool, { size: 'demo', store: 'paris' });
    expect(paris.status).toBe('skipped');
    expect(paris.counts.store).toBe(1);

    const reset = await seed(first.pool, { size: 'demo', reset: true });
    expect(reset.status).toBe('seeded');
    expect(reset.counts.store).toBe(1);
    expect((await first.pool.query(variantDump)).rows).toEqual(before.rows);
    const history = await first.pool.query('SELECT count(*)::int AS n FROM _prisma_migrations');
    expect(history.rows[0].n).toBeGreaterThan(0);
  });

  it('refuses to seed a database that is not migrated', async () => {
    const bare = await createTestDatabase('seed_bare', { migrated: false });
    try {
      await expect(seed(bare.pool, { size: 'demo' })).rejects.toThrow(/pending migrations/);
    } finally {
      await bare.drop();
    }
  });
});

describe('demo seed of the Paris store', () => {
  let dakar: TestDatabase;
  let paris: TestDatabase;

  beforeAll(async () => {
    [dakar, paris] = await Promise.all([createTestDatabase('seed_dkr'), createTestDatabase('seed_par')]);
    await Promise.all([
      seed(dakar.pool, { size: 'demo' }),
      seed(paris.pool, { size: 'demo', store: 'paris' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([dakar?.drop(), paris?.drop()]);
  });

  it('sells in euros with French VAT, from its own locations', async () => {
    const store = await paris.pool.query(`SELECT code, name, currency, locale, timezone, country FROM store`);
    expect(store.rows).toEqual([
      {
        code: 'PAR1',
        name: 'Allure Paris Marais',
        currency: 'EUR',
        locale: 'fr',
        timezone: 'Europe/Paris',
        country: 'FR',
      },
    ]);
    const locations = await paris.pool.query('SELECT code FROM stock_location ORDER BY code');
    expect(locations.rows.map((row) => row.code)).toEqual(['PAR1-STORE', 'PAR1-WEB', 'PAR1-WH']);
    const vat = await paris.pool.query('SELECT DISTINCT vat_rate FROM product');
    expect(vat.rows).toEqual([{ vat_rate: 2000 }]);
  });

  it('has the Dakar catalog at the parity price, in cents ending in 90', async () => {
    const variants = `SELECT v.sku, v.size, v.colour, v.price, v.cost_price, v.currency, p.slug
                        FROM variant v JOIN product p ON p.id = v.product_id ORDER BY v.sku`;
    const [inDakar, inParis] = await Promise.all([dakar.pool.query(variants), paris.pool.query(variants)]);
    expect(inParis.rows.length).toBe(inDakar.rows.length);
    inParis.rows.forEach((row, index) => {
      const twin = inDakar.rows[index];
      expect([row.sku, row.size, row.colour, row.slug]).toEqual([
        twin.sku,
        twin.size,
        twin.colour,
        twin.slug,
      ]);
      expect(row.currency).toBe('EUR');
      expect(row.price % 100).toBe(90);
      expect(row.cost_price).toBeLessThan(row.price);
      // The same draw at 655.957 francs to the euro: Paris rounds it to the euro (50 cents at most), Dakar
      // to 500 francs (250 francs, 39 cents, at most).
      expect(Math.abs(row.price + 10 - (twin.price / 655.957) * 100)).toBeLessThan(50 + 39);
    });
    expect(demoStores.paris.shelfPrice(15_000)).toBe(2_290);
  });

  it('has the same stock as the Dakar store', async () => {
    const levels = `SELECT v.sku, l.kind::text AS kind, s.quantity FROM stock_level s
                      JOIN variant v ON v.id = s.variant_id JOIN stock_location l ON l.id = s.location_id
                     ORDER BY v.sku, l.kind`;
    const [inDakar, inParis] = await Promise.all([dakar.pool.query(levels), paris.pool.query(levels)]);
    expect(inParis.rows.length).toBeGreaterThan(0);
    expect(inParis.rows).toEqual(inDakar.rows);
  });
});

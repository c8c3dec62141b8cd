import { ledgerDrift, type SellableVariant, tillIdentity } from '@allure/db/fixtures/till-sales';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  dropTestDatabase,
  enrollTerminals,
  freshDatabaseUrl,
  type ServerProcess,
  startServer,
} from '../support/server.js';
import { Till } from '../support/till.js';

// Three tills of one store, each a real RxDB replica in a thread of its own, against the real server,
// PostgreSQL and Redis. Two go offline and sell the same shelf empty (and beyond) while the third sells
// online; one of the offline tills is restarted before the network returns. Afterwards the server holds
// every sale once, the ledger adds up, the oversell is reported, and every till shows the server's state.
describe('three tills, two of them offline, selling overlapping stock', () => {
  const databaseUrl = freshDatabaseUrl();
  let server: ServerProcess;
  let pool: pg.Pool;
  const tills: Till[] = [];

  beforeAll(async () => {
    server = await startServer(databaseUrl);
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    for (const enrolled of await enrollTerminals(server.baseUrl, ['T01', 'T02', 'T03'])) {
      tills.push(
        await Till.start({
          baseUrl: server.baseUrl,
          terminalId: enrolled.terminalId,
          credential: enrolled.credential,
          identity: await tillIdentity(pool, enrolled.terminalId),
        }),
      );
    }
  });
  afterAll(async () => {
    await Promise.all(tills.map((till) => till.close()));
    await server?.stop();
    await pool?.end();
    await dropTestDatabase(databaseUrl);
  });

  async function shelf(count: number): Promise<(SellableVariant & { stockId: string; quantity: number })[]> {
    const { rows } = await pool.query<{
      id: string;
      price: number;
      vat_rate: number;
      location_id: string;
      quantity: number;
    }>(
      `SELECT v.id, v.price, p.vat_rate, s.location_id, s.quantity
         FROM stock_level s JOIN stock_location l ON l.id = s.location_id AND l.kind = 'store'
         JOIN variant v ON v.id = s.variant_id JOIN product p ON p.id = v.product_id
        WHERE p.status = 'active' AND v.active AND s.quantity BETWEEN 2 AND 5
        ORDER BY v.sku LIMIT $1`,
      [count],
    );
    return rows.map((row) => ({
      id: row.id,
      price: row.price,
      vatRate: row.vat_rate,
      stockId: `${row.id}:${row.location_id}`,
      quantity: row.quantity,
    }));
  }

  it('converges: every sale stored once, ledger exact, oversell reported, each till equal to the server', async () => {
    const [t1, t2, t3] = tills;
    if (!t1 || !t2 || !t3) throw new Error('tills');
    await Promise.all(tills.map((till) => till.sync()));
    const first = await t1.snapshot();
    expect(first.variants).toBeGreaterThan(1000);

    const [contested, other] = await shelf(2);
    if (!contested || !other) throw new Error('no stock');
    expect(first.stock[contested.stockId]).toBe(contested.quantity);

    await t1.setOnline(false);
    await t2.setOnline(false);
    // T01 sells the whole shelf of the contested variant, T02 two more of it, T03 (online) one more.
    const sold: string[] = [];
    for (let unit = 0; unit < contested.quantity; unit += 1) {
      sold.push(
        await t1.sell([
          { variant: contested, quantity: 1 },
          { variant: other, quantity: 1 },
        ]),
      );
    }
    sold.push(await t2.sell([{ variant: contested, quantity: 2 }]));
    sold.push(await t3.sell([{ variant: contested, quantity: 1 }]));
    await t3.sync();

    const offline = await t1.snapshot();
    expect(offline.status?.online).toBe(false);
    expect(offline.status?.pendingOrders).toBe(contested.quantity);
    // The till is closed and opened again while still offline: its sales are still there, still pending.
    await t1.restart();
    const restarted = await t1.snapshot();
    expect(restarted.orders.filter((order) => order.syncState === 'pending')).toHaveLength(
      contested.quantity,
    );
    await t1.setOnline(true);
    await t2.setOnline(true);
    await Promise.all(tills.map((till) => till.sync()));
    // What one till pushed reaches the others through the server: sync until nothing is pending anywhere.
    await expect
      .poll(
        async () => {
          await Promise.all(tills.map((till) => till.sync()));
          const states = await Promise.all(tills.map((till) => till.snapshot()));
          return states.map((state) => state.orders.filter((order) => order.syncState === 'synced').length);
        },
        { timeout: 30_000, interval: 500 },
      )
      .toEqual([sold.length, sold.length, sold.length]);
    const stored = await pool.query<{ id: string }>('SELECT id FROM "order" WHERE id = ANY($1::uuid[])', [
      sold,
    ]);
    expect(stored.rows.map((row) => row.id).sort()).toEqual([...sold].sort());
    const movements = await pool.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM stock_movement WHERE order_id = ANY($1::uuid[]) AND variant_id = $2`,
      [sold, contested.id],
    );
    expect(movements.rows[0]?.count).toBe(sold.length);
    expect(await ledgerDrift(pool)).toEqual([]);

    const expectedLevel = contested.quantity - (contested.quantity + 2 + 1);
    const alert = await pool.query<{ order_ids: string[]; quantity_short: number }>(
      `SELECT order_ids, quantity_short FROM oversell_alert WHERE variant_id = $1 AND resolved_at IS NULL`,
      [contested.id],
    );
    expect(alert.rows).toHaveLength(1);
    expect(alert.rows[0]?.quantity_short).toBe(-expectedLevel);
    expect(alert.rows[0]?.order_ids.length).toBeGreaterThanOrEqual(2);

    for (const till of tills) {
      const state = await till.snapshot();
      expect(state.stock[contested.stockId]).toBe(expectedLevel);
      expect(state.stock[`${other.id}:${contested.stockId.split(':')[1]}`]).toBe(
        other.quantity - contested.quantity,
      );
      expect(state.status?.pendingOrders).toBe(0);
      expect(state.status?.online).toBe(true);
    }
  });
});

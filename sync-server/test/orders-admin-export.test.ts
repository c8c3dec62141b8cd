import { randomUUID } from 'node:crypto';
import http from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';
import { dropDatabase, ensureDatabase } from '@allure/db/database-admin';
import { migrate } from '@allure/db/migrate';
import { seed } from '@allure/db/seed/seed';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type App, buildApp } from '../src/app.js';
import { MAX_CONCURRENT_EXPORTS } from '../src/orders/order-export.route.js';
import { listen, sessionFor, tokenFor } from './auth-helper.js';
import { testConfig } from './helper.js';

// The CSV export against 100,000 orders, in a database of its own (so many orders would weigh on every later
// test file): streamed row by row in constant memory, exact, scoped, and giving its connection back when the
// client goes away. Requests go over plain node:http, one socket each, so a test can drop one mid-stream.

const ORDERS = 100_000;
const EVIL = '=HYPERLINK("http://evil.example","click")';

let databaseUrl: string;
let admin: pg.Pool;
let app: App;
let base: string;
let storeId: string;
let otherStoreId: string;
const tokens = { admin: '', manager: '', cashier: '' };

async function bulkLoad(pool: pg.Pool) {
  const client = await pool.connect();
  try {
    // Loaded set-based with triggers and FK checks off: the change log and the ledger are not the subject.
    await client.query('SET session_replication_role = replica');
    const store = await client.query<{ id: string }>("SELECT id FROM store WHERE code = 'DKR1'");
    storeId = store.rows[0]?.id ?? '';
    otherStoreId = randomUUID();
    await client.query(
      `INSERT INTO store (id, code, name, currency, timezone) VALUES ($1, 'OTHR', 'Other', 'EUR', 'Europe/Paris')`,
      [otherStoreId],
    );
    await client.query(
      `INSERT INTO customer (id, name, store_id)
       SELECT gen_random_uuid(), 'Client ' || g, $1::uuid FROM generate_series(1, 1000) g
       UNION ALL SELECT gen_random_uuid(), $2, $1::uuid`,
      [storeId, EVIL],
    );
    await client.query(
      `INSERT INTO "order" (id, number, channel, status, payment_status, store_id, customer_id, currency, subtotal,
                            discount_total, tax_total, total, prices_include_tax, placed_at)
       SELECT gen_random_uuid(), 'DKR1-W-' || lpad(g::text, 6, '0'), 'web',
              (ARRAY['paid', 'fulfilled', 'completed', 'pending'])[g % 4 + 1]::order_status,
              CASE WHEN g % 4 = 3 THEN 'pending' ELSE 'paid' END::payment_status,
              $1::uuid, (ARRAY(SELECT id FROM customer WHERE name LIKE 'Client %' ORDER BY name))[g % 1000 + 1],
              'XOF', 12000 + g % 500, 500, 1754, 11500 + g % 500, true,
              timestamptz '2026-01-01' + g * interval '1 minute'
         FROM generate_series(1, $2::int) g`,
      [storeId, ORDERS],
    );
    await client.query(
      `UPDATE "order" SET customer_id = (SELECT id FROM customer WHERE name = $1) WHERE number = 'DKR1-W-050000'`,
      [EVIL],
    );
    await client.query(
      `INSERT INTO "order" (id, number, channel, status, payment_status, store_id, currency, subtotal, tax_total,
                            total, prices_include_tax, placed_at)
       SELECT gen_random_uuid(), 'OTHR-W-' || lpad(g::text, 6, '0'), 'web', 'paid', 'paid', $1, 'EUR', 1999, 333,
              1999, true, timestamptz '2026-01-01' + g * interval '1 hour'
         FROM generate_series(1, 25) g`,
      [otherStoreId],
    );
    await client.query(
      `INSERT INTO order_line (id, order_id, position, variant_id, product_name, variant_label, sku, quantity,
                               unit_price, vat_rate, discount, tax, total)
       SELECT gen_random_uuid(), o.id, 0, v.id, 'Robe', 'M / Rouge', v.sku, 1 + o.total % 3, o.subtotal, 1800,
              o.discount_total, o.tax_total, o.total
         FROM "order" o, (SELECT id, sku FROM variant ORDER BY sku LIMIT 1) v`,
    );
    await client.query(
      `INSERT INTO payment (id, order_id, position, method, status, amount)
       SELECT gen_random_uuid(), o.id, 0,
              CASE WHEN o.total % 2 = 0 THEN 'card' ELSE 'mobile_money' END::payment_method, 'paid', o.total
         FROM "order" o`,
    );
    await client.query('RESET session_replication_role');
    await client.query('VACUUM ANALYZE "order"');
  } finally {
    client.release();
  }
}

beforeAll(async () => {
  const url = new URL(testConfig().database.url);
  url.pathname = `/allure_test_export_${randomUUID().slice(0, 8)}`;
  databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  admin = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  admin.on('error', () => {});
  await migrate(admin);
  await seed(admin, { size: 'demo' });
  await bulkLoad(admin);
  app = await buildApp(
    testConfig({ DATABASE_URL: databaseUrl, RATE_LIMIT_PER_MINUTE: '100000', WORKERS: 'off' }),
    false,
  );
  base = await listen(app);
  tokens.admin = await tokenFor(app, 'admin');
  tokens.manager = await tokenFor(app, 'manager');
  tokens.cashier = await tokenFor(app, 'cashier');
}, 180_000);

afterAll(async () => {
  await app?.close();
  await admin?.end();
  if (databaseUrl) await dropDatabase(databaseUrl);
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: http.IncomingMessage;
  /** Drops the connection, as a client that goes away does. */
  hangUp(): void;
}

/** GET /exports/orders.csv on a socket of its own (no keep-alive). */
function get(filter: Record<string, string>, token: string | undefined): Promise<Answer> {
  const url = `${base}/exports/orders.csv?${new URLSearchParams(filter).toString()}`;
  return new Promise((resolve, reject) => {
    const request = http.get(
      url,
      { agent: false, headers: token ? { authorization: `Bearer ${token}` } : {} },
      (response) =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: response,
          hangUp: () => request.destroy(),
        }),
    );
    request.on('error', reject);
  });
}

async function text(answer: Answer): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of answer.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const records = (csv: string) => csv.split('\r\n').slice(1, -1);

/** Connections the app's pool has handed out and not had back. */
const inUse = () => app.db.pool.totalCount - app.db.pool.idleCount;

/** Sessions of the app doing something (a query running, or a transaction left open). */
async function busySessions(): Promise<number> {
  const { rows } = await admin.query<{ busy: number }>(
    `SELECT count(*)::int AS busy FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = 'allure-sync-server' AND state <> 'idle'`,
  );
  return rows[0]?.busy ?? -1;
}

async function countOrders(where: string, values: unknown[]): Promise<number> {
  const { rows } = await admin.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM "order" o WHERE ${where}`,
    values,
  );
  return rows[0]?.count ?? -1;
}

describe('GET /exports/orders.csv', () => {
  it('streams 100,000 orders row by row, each once, in memory that does not grow with them', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    const live = () => {
      const usage = process.memoryUsage();
      return usage.heapUsed + usage.arrayBuffers;
    };
    const baseline = live();

    const answer = await get({}, tokens.admin);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(answer.headers['content-disposition']).toMatch(
      /^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    let bytes = 0;
    let lineEnds = 0;
    let head = Buffer.alloc(0);
    let nextSample = 1_000_000;
    const growth: number[] = [];
    for await (const chunk of answer.body) {
      const data = chunk as Buffer;
      bytes += data.byteLength;
      for (const byte of data) if (byte === 0x0a) lineEnds += 1;
      if (head.byteLength < 2_000) head = Buffer.concat([head, data]);
      if (bytes >= nextSample) {
        nextSample += 1_000_000;
        gc();
        growth.push(live() - baseline);
      }
    }

    const expected = await countOrders('true', []);
    expect(expected).toBe(ORDERS + 25);
    // The header and one line per order (no cell of this data holds a line break).
    expect(lineEnds).toBe(expected + 1);
    expect([...head.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, newest] = head.toString('utf8').split('\r\n');
    expect(header).toBe(
      '\uFEFFnumber,placed_at,store,channel,status,payment_status,customer,cashier,terminal,currency,units,subtotal,discount,tax,total,refunded,payment_methods',
    );
    const { rows } = await admin.query<{
      number: string;
      placed_at: Date;
      total: number;
      tax_total: number;
      subtotal: number;
    }>(
      'SELECT number, placed_at, total, tax_total, subtotal FROM "order" ORDER BY placed_at DESC, id DESC LIMIT 1',
    );
    const top = rows[0];
    if (!top) throw new Error('no order');
    const cells = newest?.split(',') ?? [];
    expect(cells.slice(0, 4)).toEqual([top.number, top.placed_at.toISOString(), 'DKR1', 'web']);
    expect(cells.slice(11, 15)).toEqual([
      String(top.subtotal),
      '500',
      String(top.tax_total),
      String(top.total),
    ]);

    // Holding the export would take at least its text (11 MB); sampled after a full collection every
    // megabyte, the memory the export retained stayed a small constant.
    expect(bytes).toBeGreaterThan(10_000_000);
    expect(growth.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...growth)).toBeLessThan(bytes / 2);
    expect(inUse()).toBe(0);
  });

  it('exports what the list shows: the same filters, and a manager’s own store only', async () => {
    const fulfilled = records(
      await text(await get({ status: 'fulfilled', placedFrom: '2026-02-01T00:00:00Z' }, tokens.manager)),
    );
    expect(fulfilled).toHaveLength(
      await countOrders(
        "o.status = 'fulfilled' AND o.placed_at >= '2026-02-01T00:00:00Z' AND o.store_id = $1",
        [storeId],
      ),
    );
    expect(fulfilled.every((line) => line.split(',')[4] === 'fulfilled')).toBe(true);

    expect(records(await text(await get({ storeId: otherStoreId }, tokens.manager)))).toEqual([]);
    const other = records(await text(await get({ storeId: otherStoreId }, tokens.admin)));
    expect(other).toHaveLength(25);
    // Money in the currency's exponent: euros with cents, francs without.
    expect(other[0]?.split(',').slice(9, 15)).toEqual(['EUR', '2', '19.99', '0.00', '3.33', '19.99']);
  });

  it('defuses a customer name that a spreadsheet would run as a formula', async () => {
    const [line] = records(await text(await get({ numberPrefix: 'DKR1-W-050000' }, tokens.admin)));
    expect(line).toContain(`,"'=HYPERLINK(""http://evil.example"",""click"")",`);
  });

  it.each([
    ['an unknown status', { status: 'lost' }, /status/],
    ['a store that is not a uuid', { storeId: "1' OR '1'='1" }, /storeId/],
    [
      'a range backwards',
      { placedFrom: '2026-02-02T00:00:00Z', placedTo: '2026-02-01T00:00:00Z' },
      /placedFrom must be before placedTo/,
    ],
  ])('refuses %s with 400, like the list', async (_case, filter, message) => {
    const answer = await get(filter, tokens.admin);
    expect(answer.status).toBe(400);
    expect((JSON.parse(await text(answer)) as { message: string }).message).toMatch(message);
  });

  it('refuses a caller without a token (401), and a cashier or a customer (403)', async () => {
    const anonymous = await get({}, undefined);
    expect(anonymous.status).toBe(401);
    await text(anonymous);
    for (const token of [tokens.cashier, (await sessionFor(app, 'client@allure.test')).accessToken]) {
      const answer = await get({}, token);
      expect(answer.status).toBe(403);
      expect((JSON.parse(await text(answer)) as { message: string }).message).toBe(
        'your role may not do this',
      );
    }
  });

  it('gives its connection back when the client goes away halfway', async () => {
    const answer = await get({}, tokens.admin);
    let received = 0;
    for await (const chunk of answer.body) {
      received += (chunk as Buffer).byteLength;
      if (received > 500_000) break;
    }
    answer.hangUp();
    await vi.waitFor(
      async () => {
        expect(inUse()).toBe(0);
        expect(await busySessions()).toBe(0);
      },
      { timeout: 10_000 },
    );
    // The connection is sound: the next export runs to its end.
    expect(records(await text(await get({ storeId: otherStoreId }, tokens.admin)))).toHaveLength(25);
  });

  it(`runs ${MAX_CONCURRENT_EXPORTS} exports at once and asks another to come back later`, async () => {
    const running = await Promise.all(
      Array.from({ length: MAX_CONCURRENT_EXPORTS }, () => get({}, tokens.admin)),
    );
    expect(running.map((answer) => answer.status)).toEqual(running.map(() => 200));
    const busy = await get({}, tokens.admin);
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toBe('30');
    await text(busy);
    for (const answer of running) answer.hangUp();
    await vi.waitFor(() => expect(inUse()).toBe(0), { timeout: 10_000 });
    expect(records(await text(await get({ storeId: otherStoreId }, tokens.admin)))).toHaveLength(25);
  });
});

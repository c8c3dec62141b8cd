import { randomUUID } from 'node:crypto';
import type { Database } from '@allure/db/client';
import { dropDatabase, ensureDatabase } from '@allure/db/database-admin';
import { migrate } from '@allure/db/migrate';
import { type OrderListInput, orderListInput } from '@allure/shared/order-admin.schema';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '../src/auth/store-scope.js';
import { countOrders, EXACT_COUNT_LIMIT, orderPageQuery } from '../src/orders/order-admin.service.js';
import { encodeOrderCursor } from '../src/orders/order-admin-filter.js';
import { createRedis } from '../src/plugins/redis.plugin.js';
import { windowParameters } from '../src/reports/report-period.js';
import { byLocalDay, orderSumsStatement } from '../src/reports/sales-report.service.js';
import { testConfig } from './helper.js';
import { statementCounter } from './statements.js';

// "Fast with 1,000,000 orders", shown on the plans rather than on a stopwatch: with a million orders in a
// database of its own, the statement the list runs (built by the service itself) reads its first page and a
// page a million rows deep through an index, without scanning or sorting the table, touching a few dozen
// buffers. Three stores of very different sizes, so a filter on the small one cannot hide behind the big one.

const ORDERS = 1_000_000;

let databaseUrl: string;
let pool: pg.Pool;
const stores = { big: '', medium: '', small: '' };
let customerId: string;
let tablePages: number;

async function bulkLoad() {
  const client = await pool.connect();
  try {
    // Loaded set-based with triggers and FK checks off, and the order indexes rebuilt after the load from
    // their own definitions (faster than maintaining a dozen indexes row by row, and the same indexes).
    await client.query('SET session_replication_role = replica');
    for (const [name, code] of [
      ['big', 'BIG'],
      ['medium', 'MED'],
      ['small', 'SML'],
    ] as const) {
      stores[name] = randomUUID();
      await client.query(
        `INSERT INTO store (id, code, name, currency, timezone) VALUES ($1, $2, $2, 'XOF', 'Africa/Dakar')`,
        [stores[name], code],
      );
    }
    await client.query(
      `INSERT INTO customer (id, name, store_id) SELECT gen_random_uuid(), 'Client ' || g, $1 FROM generate_series(1, 1000) g`,
      [stores.big],
    );
    customerId =
      (await client.query<{ id: string }>("SELECT id FROM customer WHERE name = 'Client 77'")).rows[0]?.id ??
      '';
    const indexes = await client.query<{ name: string; definition: string }>(
      `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS definition
         FROM pg_index WHERE indrelid = '"order"'::regclass AND NOT indisprimary AND NOT indisunique`,
    );
    for (const index of indexes.rows) await client.query(`DROP INDEX ${index.name}`);
    // 70 % of the orders in the big store, 29 % in the medium one, 1 % in the small one; one in 50 refunded;
    // one in five from a till; a customer on a third of them; an order every 30 s for a year.
    await client.query(
      `INSERT INTO "order" (id, number, channel, status, payment_status, store_id, customer_id, currency, subtotal,
                            discount_total, tax_total, total, prices_include_tax, placed_at)
       SELECT gen_random_uuid(), s.code || CASE WHEN g % 5 = 0 THEN '-T01-' ELSE '-W-' END || lpad(g::text, 7, '0'),
              CASE WHEN g % 5 = 0 THEN 'pos' ELSE 'web' END::order_channel,
              CASE WHEN g % 50 = 7 THEN 'refunded' WHEN g % 5 = 0 THEN 'completed' ELSE 'paid' END::order_status,
              CASE WHEN g % 50 = 7 THEN 'refunded' ELSE 'paid' END::payment_status,
              s.id, CASE WHEN g % 3 = 0 THEN c.ids[g / 3 % 1000 + 1] END, 'XOF', 15000, 0, 2288, 15000, true,
              timestamptz '2026-01-01' + g * interval '30 seconds'
         FROM generate_series(1, $1::int) g
         CROSS JOIN LATERAL (SELECT CASE WHEN g % 100 < 70 THEN 'BIG' WHEN g % 100 < 99 THEN 'MED' ELSE 'SML' END AS code) k
         JOIN store s ON s.code = k.code
         CROSS JOIN (SELECT array_agg(id ORDER BY name) AS ids FROM customer) c`,
      [ORDERS],
    );
    await client.query("SET maintenance_work_mem = '256MB'");
    for (const index of indexes.rows) await client.query(index.definition);
    await client.query('RESET session_replication_role');
    await client.query('VACUUM ANALYZE');
    tablePages =
      (
        await client.query<{ pages: number }>(
          `SELECT relpages AS pages FROM pg_class WHERE oid = '"order"'::regclass`,
        )
      ).rows[0]?.pages ?? 0;
  } finally {
    client.release();
  }
}

beforeAll(async () => {
  const url = new URL(testConfig().database.url);
  url.pathname = `/allure_test_scale_${randomUUID().slice(0, 8)}`;
  databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', () => {});
  await migrate(pool);
  await bulkLoad();
}, 300_000);

afterAll(async () => {
  await pool?.end();
  if (databaseUrl) await dropDatabase(databaseUrl);
});

const admin: StaffPrincipal = {
  kind: 'user',
  userId: randomUUID(),
  role: 'admin',
  sessionId: randomUUID(),
  storeId: null,
  terminalId: null,
};
const managerOf = (storeId: string): StaffPrincipal => ({ ...admin, role: 'manager', storeId });

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** The most rows any Sort of the plan was given: the matching orders, or the table. */
function mostSorted(plan: PlanNode): number {
  const sorts = nodes(plan).filter((node) => node['Node Type'].endsWith('Sort'));
  return Math.max(0, ...sorts.flatMap((sort) => (sort.Plans ?? []).map((input) => input['Actual Rows'])));
}

async function explain(principal: StaffPrincipal, input: OrderListInput) {
  const query = orderPageQuery(principal, input);
  const { rows } = await pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query.text}`,
    query.values,
  );
  const plan = rows[0]?.['QUERY PLAN'][0].Plan;
  if (!plan) throw new Error('no plan');
  return {
    plan,
    kinds: nodes(plan).map((node) => node['Node Type']),
    /** Tables read whole (the people and tills joined to a page may be, when they are few). */
    scanned: nodes(plan).flatMap((node) => (node['Node Type'] === 'Seq Scan' ? [node['Relation Name']] : [])),
    indexes: nodes(plan).flatMap((node) => (node['Index Name'] ? [node['Index Name']] : [])),
    sorted: mostSorted(plan),
    buffers: plan['Shared Hit Blocks'] + plan['Shared Read Blocks'],
  };
}

/** The cursor of the row `depth` rows into a filtered list (found with OFFSET: the test may, the API never). */
async function cursorAt(where: string, values: unknown[], depth: number): Promise<string> {
  const { rows } = await pool.query<{ placed_at: Date; id: string }>(
    `SELECT placed_at, id FROM "order" o WHERE ${where} ORDER BY placed_at DESC, id DESC OFFSET $${values.length + 1} LIMIT 1`,
    [...values, depth],
  );
  const row = rows[0];
  if (!row) throw new Error(`no row ${depth} deep`);
  return encodeOrderCursor({ placedAt: row.placed_at, id: row.id });
}

describe('the order list with 1,000,000 orders', () => {
  it('has them all', async () => {
    const { rows } = await pool.query<{ count: number }>('SELECT count(*)::int AS count FROM "order"');
    expect(rows[0]?.count).toBe(ORDERS);
    expect(tablePages).toBeGreaterThan(10_000);
  });

  const cases: [string, () => StaffPrincipal, () => Record<string, unknown>, () => [string, unknown[]]][] = [
    ['everything (an admin)', () => admin, () => ({}), () => ['true', []]],
    [
      'the small store (its manager)',
      () => managerOf(stores.small),
      () => ({}),
      () => ['store_id = $1', [stores.small]],
    ],
    [
      'the big store’s refunded orders',
      () => managerOf(stores.big),
      () => ({ status: 'refunded' }),
      () => ['store_id = $1 AND status = $2', [stores.big, 'refunded']],
    ],
    [
      'the medium store’s till orders',
      () => admin,
      () => ({ storeId: stores.medium, channel: 'pos' }),
      () => ['store_id = $1 AND channel = $2', [stores.medium, 'pos']],
    ],
    [
      'refunded orders of every store',
      () => admin,
      () => ({ status: 'refunded' }),
      () => ['status = $1', ['refunded']],
    ],
    ['one customer', () => admin, () => ({ customerId }), () => ['customer_id = $1', [customerId]]],
    [
      'one day of the big store',
      () => managerOf(stores.big),
      () => ({ placedFrom: '2026-06-01T00:00:00Z', placedTo: '2026-06-02T00:00:00Z' }),
      () => [
        'store_id = $1 AND placed_at >= $2 AND placed_at < $3',
        [stores.big, '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z'],
      ],
    ],
  ];

  it.each(cases)(
    'pages %s through an index, first page and deep, without sorting the matches',
    async (_case, who, filter, sql) => {
      const [where, values] = sql();
      const { rows } = await pool.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM "order" o WHERE ${where}`,
        values,
      );
      const matching = rows[0]?.count ?? 0;
      expect(matching).toBeGreaterThan(50);
      const pages = [
        orderListInput.parse({ ...filter(), limit: 50 }),
        orderListInput.parse({
          ...filter(),
          limit: 50,
          cursor: await cursorAt(where, values, Math.min(Math.floor(matching * 0.9), matching - 52)),
        }),
      ];
      const cost: number[] = [];
      for (const input of pages) {
        const { plan, scanned, sorted, indexes, buffers } = await explain(who(), input);
        expect(plan['Actual Rows']).toBe(51);
        expect(scanned).not.toContain('order');
        // Rows come in index order; at most the few rows left at the very end of a short list get sorted.
        expect(sorted).toBeLessThanOrEqual(51);
        expect(indexes.some((name) => name.startsWith('order_') && name.endsWith('_idx'))).toBe(true);
        // A page touches a few dozen of the table's tens of thousands of pages.
        expect(buffers).toBeLessThan(200);
        expect(buffers).toBeLessThan(tablePages / 50);
        cost.push(buffers);
      }
      // A page 90 % of the way down costs what the first one does.
      const [first = 0, deep = 0] = cost;
      expect(deep).toBeLessThanOrEqual(first * 2);
    },
  );

  it('finds an order by the start of its number without reading the table', async () => {
    const { scanned, sorted, indexes, buffers } = await explain(
      admin,
      orderListInput.parse({ numberPrefix: 'SML-W-00012', limit: 50 }),
    );
    expect(indexes).toContain('order_number_prefix_idx');
    expect(scanned).not.toContain('order');
    // The matches are sorted, not the table: the handful of numbers with that prefix.
    expect(sorted).toBeLessThanOrEqual(100);
    expect(buffers).toBeLessThan(500);
  });

  it('sums a month of a store’s sales for the day report from the store’s index range', async () => {
    const store = { id: stores.medium, currency: 'XOF', timezone: 'Africa/Dakar' };
    const { rows } = await pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${orderSumsStatement(byLocalDay)}`,
      windowParameters(store, { from: '2026-06-01', until: '2026-07-02' }, undefined),
    );
    const plan = rows[0]?.['QUERY PLAN'][0].Plan;
    if (!plan) throw new Error('no plan');
    const all = nodes(plan);
    expect(
      all.filter((node) => node['Node Type'] === 'Seq Scan').map((node) => node['Relation Name']),
    ).not.toContain('order');
    expect(all.flatMap((node) => (node['Index Name'] ? [node['Index Name']] : []))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^order_store_id_(status_)?placed_at_id_idx$/)]),
    );
    // One row per day of the window, from the month's orders of that store only.
    expect(plan['Actual Rows']).toBe(31);
  });

  it('counts large sets from the planner’s estimate and small ones exactly', async () => {
    const config = testConfig();
    const redis = createRedis(config.redis, 'allure-scale-test');
    await redis.connect();
    const ctx = { db: { pool } as Database, redis, log: pino({ level: 'silent' }) };
    try {
      const counter = statementCounter(pool);
      const big = await counter.measure(() => countOrders(ctx, managerOf(stores.big), {}));
      counter.stop();
      expect(big.result.exact).toBe(false);
      expect(Math.abs(big.result.value - 700_000) / 700_000).toBeLessThan(0.1);
      // The estimate alone: no count ran over 700,000 rows.
      expect(big.statements).toBe(1);

      const small = await countOrders(ctx, managerOf(stores.small), { status: 'refunded' });
      const { rows } = await pool.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM "order" WHERE store_id = $1 AND status = \'refunded\'',
        [stores.small],
      );
      expect(rows[0]?.count).toBeLessThan(EXACT_COUNT_LIMIT);
      expect(small).toEqual({ value: rows[0]?.count, exact: true });
    } finally {
      redis.disconnect();
    }
  });
});

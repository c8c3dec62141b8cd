import { randomUUID } from 'node:crypto';
import type { Channel, OrderStatus, PaymentMethod, PaymentStatus } from '@allure/shared/enums';
import { createRandom } from '@allure/shared/random';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import type { StaffPrincipal } from '../src/auth/store-scope.js';
import type { RefundOutcome } from '../src/orders/order-refund.service.js';
import { salesByDay } from '../src/reports/sales-report.service.js';
import { call, dataOf, sessionFor, tokenFor } from './auth-helper.js';
import { buildTestApp } from './helper.js';
import { createStore, type InsertedOrder, insertOrder, type TestStore } from './orders-admin-helper.js';

// The reports against figures this file works out on its own, from orders it creates in a store of its own
// in Paris time, over the days the clocks go forward (29 March 2026): sales on the day and hour they were
// placed, refunds on the day they were given, only orders whose money was taken and kept.

let app: App;
let store: TestStore;
let manager: string;
let admin: string;
const variants: { id: string; price: number; cost: number | null; productId: string; categoryId: string }[] =
  [];

const ZONE = 'Europe/Paris';
const FROM = '2026-03-27';
const TO = '2026-03-31';
const DAYS = ['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31'];

interface Sale {
  order: InsertedOrder;
  channel: Channel;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  cashierId: string | null;
  placedAt: Date;
  payments: { method: PaymentMethod; amount: number }[];
}
interface Given {
  orderId: string;
  at: Date;
  method: PaymentMethod;
  amount: number;
  tax: number;
  lines: { orderLineId: string; quantity: number; amount: number; tax: number }[];
}
const sales: Sale[] = [];
const refunds: Given[] = [];

const localDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const localHour = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', hourCycle: 'h23' });
const dayOf = (at: Date) => localDay.format(at);
const hourOf = (at: Date) => Number(localHour.format(at));

/** The rule, written out again: money taken, order not called off. */
const isSale = (sale: Sale) =>
  !['cancelled', 'voided'].includes(sale.status) &&
  ['paid', 'partially_refunded', 'refunded'].includes(sale.paymentStatus);
const saleOf = (orderId: string) => sales.find((sale) => sale.order.id === orderId);

async function catalog() {
  const categories = await app.db.pool.query<{ id: string }>('SELECT id FROM category ORDER BY slug LIMIT 2');
  const specs = [
    { price: 10_000, cost: 4_000, category: 0 },
    { price: 7_000, cost: null, category: 0 },
    { price: 3_000, cost: 1_500, category: 1 },
  ];
  for (const [index, spec] of specs.entries()) {
    const productId = randomUUID();
    const categoryId = categories.rows[spec.category]?.id ?? '';
    const tag = randomUUID().slice(0, 8);
    await app.db.pool.query(
      `INSERT INTO product (id, slug, name, category_id, vat_rate, status) VALUES ($1, $2, $3, $4, 1800, 'draft')`,
      [productId, `report-product-${tag}`, `Report product ${index}`, categoryId],
    );
    const id = randomUUID();
    await app.db.pool.query(
      `INSERT INTO variant (id, product_id, sku, size, colour, price, cost_price, currency)
       VALUES ($1, $2, $3, 'M', 'Noir', $4, $5, 'XOF')`,
      [id, productId, `REPORT-${tag.toUpperCase()}`, spec.price, spec.cost],
    );
    variants.push({ id, price: spec.price, cost: spec.cost, productId, categoryId });
  }
}

async function refund(
  sale: Sale,
  lines: { orderLineId: string; quantity: number }[] | undefined,
  method: PaymentMethod,
  at: Date,
) {
  const outcome = dataOf<RefundOutcome>(
    await call(
      app,
      'orders.admin.refund',
      {
        id: randomUUID(),
        orderId: sale.order.id,
        method,
        ...(method === 'mobile_money' ? { reference: 'OM-1' } : {}),
        ...(lines ? { lines } : {}),
      },
      { token: manager, type: 'mutation' },
    ),
  );
  // Given on a day of the period: the refund API stamps the server's clock.
  await app.db.pool.query('UPDATE refund SET created_at = $2 WHERE id = $1', [outcome.refund.id, at]);
  sale.status = outcome.order.status;
  sale.paymentStatus = outcome.order.paymentStatus;
  refunds.push({
    orderId: sale.order.id,
    at,
    method,
    amount: outcome.refund.amount,
    tax: outcome.refund.tax,
    lines: outcome.refund.lines,
  });
}

beforeAll(async () => {
  app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000', WORKERS: 'off' });
  store = await createStore(app.db.pool, { timezone: ZONE });
  manager = (await sessionFor(app, store.managerEmail)).accessToken;
  admin = await tokenFor(app, 'admin');
  await catalog();

  const random = createRandom(2903);
  const kinds: [Channel, OrderStatus, PaymentStatus][] = [
    ['pos', 'completed', 'paid'],
    ['pos', 'completed', 'paid'],
    ['pos', 'voided', 'paid'],
    ['web', 'paid', 'paid'],
    ['web', 'fulfilled', 'paid'],
    ['web', 'pending', 'pending'],
    ['web', 'payment_failed', 'failed'],
    ['web', 'cancelled', 'refunded'],
    ['web', 'confirmed', 'pending'],
  ];
  // From the evening before the period to the morning after, with some orders minutes around midnight.
  const start = Date.parse('2026-03-26T20:00:00Z');
  for (let index = 0; index < 90; index += 1) {
    const [channel, status, paymentStatus] = random.pick(kinds);
    const near = random.chance(0.3);
    const day = random.int(0, 5);
    const placedAt = new Date(
      near
        ? Date.parse(`2026-03-${String(27 + Math.min(day, 4)).padStart(2, '0')}T00:00:00+01:00`) +
            random.int(-1800, 1800) * 1000
        : start + random.int(0, 5.5 * 86_400) * 1000,
    );
    const lines = random.sample(variants, random.int(1, 3)).map((variant) => ({
      variantId: variant.id,
      quantity: random.int(1, 4),
      unitPrice: variant.price,
      discountBps: random.chance(0.3) ? 1000 : 0,
    }));
    const cashierId = channel === 'pos' ? random.pick(store.cashierIds) : null;
    const priced = await insertOrder(app.db.pool, store, {
      channel,
      status,
      paymentStatus,
      placedAt,
      lines,
      cashierId,
      cartDiscountBps: random.chance(0.2) ? 500 : 0,
    });
    // Till sales paid in cash, card or both; web orders by card or mobile money.
    const split = channel === 'pos' && random.chance(0.3) && priced.total > 1;
    const method: PaymentMethod =
      channel === 'pos'
        ? random.pick(['cash', 'card'] as const)
        : random.pick(['card', 'mobile_money'] as const);
    const payments = split
      ? [
          { method: 'cash' as const, amount: Math.floor(priced.total / 2) },
          { method: 'card' as const, amount: priced.total - Math.floor(priced.total / 2) },
        ]
      : [{ method, amount: priced.total }];
    await app.db.pool.query('DELETE FROM payment WHERE order_id = $1', [priced.id]);
    for (const [position, payment] of payments.entries()) {
      await app.db.pool.query(
        `INSERT INTO payment (id, order_id, position, method, status, amount, reference)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6)`,
        [
          priced.id,
          position,
          payment.method,
          ['pending', 'failed'].includes(paymentStatus) ? paymentStatus : 'paid',
          payment.amount,
          payment.method === 'mobile_money' ? 'OM-1' : null,
        ],
      );
    }
    sales.push({ order: priced, channel, status, paymentStatus, cashierId, placedAt, payments });
  }

  // Either side of the period's first and last local midnights (Paris is UTC+1 then UTC+2).
  for (const at of [
    '2026-03-26T23:50:00+01:00',
    '2026-03-27T00:10:00+01:00',
    '2026-03-31T23:50:00+02:00',
    '2026-04-01T00:10:00+02:00',
  ]) {
    const variant = variants[0];
    if (!variant) throw new Error('variant');
    const placedAt = new Date(at);
    const order = await insertOrder(app.db.pool, store, {
      channel: 'pos',
      placedAt,
      lines: [{ variantId: variant.id, quantity: 1, unitPrice: variant.price }],
      cashierId: store.cashierIds[1],
    });
    sales.push({
      order,
      channel: 'pos',
      status: 'completed',
      paymentStatus: 'paid',
      cashierId: store.cashierIds[1] ?? null,
      placedAt,
      payments: [{ method: 'cash', amount: order.total }],
    });
  }

  // Refunds given during the period (and one the day after it), some in part, some of everything.
  const refundable = sales.filter((sale) => isSale(sale) && sale.order.total > 0);
  for (const [index, sale] of refundable.slice(0, 14).entries()) {
    const at = new Date(Date.parse('2026-03-27T09:00:00+01:00') + index * 9 * 3_600_000 + 1_234_000);
    const first = sale.order.lines[0];
    const partial = index % 3 !== 0 && first && first.quantity > 1;
    await refund(
      sale,
      partial ? [{ orderLineId: first.id, quantity: 1 }] : undefined,
      (['cash', 'card', 'mobile_money'] as const)[index % 3] ?? 'cash',
      at,
    );
  }
  // A refund recorded against a voided sale does not count: the void already undid the sale.
  const voided = sales.find((sale) => sale.status === 'voided');
  if (!voided) throw new Error('no voided sale');
  await app.db.pool.query(
    `INSERT INTO refund (id, order_id, amount, tax, method, created_at) VALUES (gen_random_uuid(), $1, 1000, 153, 'cash', '2026-03-28T12:00:00+01:00')`,
    [voided.order.id],
  );
});
afterAll(async () => {
  await app?.close();
});

function report<T>(name: string, input: Record<string, unknown>, token = manager): Promise<T> {
  return call(app, `reports.${name}`, input, { token }).then((answer) => dataOf<T>(answer));
}

interface Figures {
  orders: number;
  discounts: number;
  sales: number;
  refundCount: number;
  refunds: number;
  netSales: number;
  tax: number;
  total: number;
}

/** The order-level figures of every bucket `keyOfSale`/`keyOfRefund` put sales and refunds in. */
function expectedFigures(
  keyOfSale: (sale: Sale) => string,
  keyOfRefund: (refund: Given, sale: Sale) => string,
) {
  const buckets = new Map<string, Figures & { salesTax: number; refundedTax: number }>();
  const bucket = (key: string) => {
    const found = buckets.get(key);
    if (found) return found;
    const created = {
      orders: 0,
      discounts: 0,
      sales: 0,
      refundCount: 0,
      refunds: 0,
      netSales: 0,
      tax: 0,
      total: 0,
      salesTax: 0,
      refundedTax: 0,
    };
    buckets.set(key, created);
    return created;
  };
  for (const sale of sales) {
    if (!isSale(sale) || !DAYS.includes(dayOf(sale.placedAt))) continue;
    const row = bucket(keyOfSale(sale));
    row.orders += 1;
    row.discounts += sale.order.discountTotal;
    row.sales += sale.order.total - sale.order.taxTotal;
    row.salesTax += sale.order.taxTotal;
  }
  for (const given of refunds) {
    const sale = saleOf(given.orderId);
    if (!sale || !isSale(sale) || !DAYS.includes(dayOf(given.at))) continue;
    const row = bucket(keyOfRefund(given, sale));
    row.refundCount += 1;
    row.refunds += given.amount - given.tax;
    row.refundedTax += given.tax;
  }
  const result = new Map<string, Figures>();
  for (const [key, { salesTax, refundedTax, ...row }] of buckets) {
    const netSales = row.sales - row.refunds;
    const tax = salesTax - refundedTax;
    result.set(key, { ...row, netSales, tax, total: netSales + tax });
  }
  return result;
}

const zero: Figures = {
  orders: 0,
  discounts: 0,
  sales: 0,
  refundCount: 0,
  refunds: 0,
  netSales: 0,
  tax: 0,
  total: 0,
};

describe('sales reports of a store in Paris over the spring clock change', () => {
  it('has data that exercises them', () => {
    expect(sales.filter(isSale).length).toBeGreaterThan(20);
    expect(sales.filter((sale) => !isSale(sale)).length).toBeGreaterThan(20);
    expect(refunds.filter((given) => DAYS.includes(dayOf(given.at))).length).toBeGreaterThan(10);
    expect(sales.some((sale) => sale.placedAt.toISOString().slice(0, 10) !== dayOf(sale.placedAt))).toBe(
      true,
    );
  });

  it('salesByDay: every local day, sales by when placed, refunds by when given', async () => {
    const expected = expectedFigures(
      (sale) => dayOf(sale.placedAt),
      (given) => dayOf(given.at),
    );
    const result = await report<{ store: { timezone: string }; rows: (Figures & { day: string })[] }>(
      'salesByDay',
      { from: FROM, to: TO },
    );
    expect(result.store.timezone).toBe(ZONE);
    expect(result.rows).toEqual(DAYS.map((day) => ({ day, ...(expected.get(day) ?? zero) })));
  });

  it('salesByHour: the 24 local hours, the missing 2 a.m. of the clock change included', async () => {
    const expected = expectedFigures(
      (sale) => String(hourOf(sale.placedAt)),
      (given) => String(hourOf(given.at)),
    );
    const result = await report<{ rows: (Figures & { hour: number })[] }>('salesByHour', {
      from: FROM,
      to: TO,
    });
    expect(result.rows).toEqual(
      Array.from({ length: 24 }, (_, hour) => ({ hour, ...(expected.get(String(hour)) ?? zero) })),
    );
  });

  it('byCashier: till sales by who rang them up, web sales apart', async () => {
    const expected = expectedFigures(
      (sale) => sale.cashierId ?? 'web',
      (_given, sale) => sale.cashierId ?? 'web',
    );
    const result = await report<{ rows: (Figures & { cashier: { id: string; name: string } | null })[] }>(
      'byCashier',
      { from: FROM, to: TO },
    );
    const byKey = new Map(result.rows.map(({ cashier, ...figures }) => [cashier?.id ?? 'web', figures]));
    expect(byKey).toEqual(expected);
    expect(result.rows.find((row) => row.cashier?.id === store.cashierIds[0])?.cashier?.name).toBe(
      'Awa Cashier',
    );
  });

  it('byPaymentMethod: money taken and given back by tender', async () => {
    const expected = new Map<
      string,
      { payments: number; taken: number; refundCount: number; refunded: number }
    >();
    const row = (method: string) => {
      const found = expected.get(method) ?? { payments: 0, taken: 0, refundCount: 0, refunded: 0 };
      expected.set(method, found);
      return found;
    };
    for (const sale of sales.filter(
      (candidate) => isSale(candidate) && DAYS.includes(dayOf(candidate.placedAt)),
    )) {
      for (const payment of sale.payments) {
        row(payment.method).payments += 1;
        row(payment.method).taken += payment.amount;
      }
    }
    for (const given of refunds.filter((candidate) => DAYS.includes(dayOf(candidate.at)))) {
      const sale = saleOf(given.orderId);
      if (!sale || !isSale(sale)) continue;
      row(given.method).refundCount += 1;
      row(given.method).refunded += given.amount;
    }
    const result = await report<{
      rows: {
        method: string;
        payments: number;
        taken: number;
        refundCount: number;
        refunded: number;
        net: number;
      }[];
    }>('byPaymentMethod', { from: FROM, to: TO });
    expect(
      new Map(
        result.rows.map(({ method, net, ...figures }) => {
          expect(net).toBe(figures.taken - figures.refunded);
          return [method, figures];
        }),
      ),
    ).toEqual(expected);
  });

  /** Line figures per key: units, net sales before tax (refunds deducted), cost where known. */
  function expectedLines(keyOf: (variant: (typeof variants)[number]) => string) {
    const rows = new Map<
      string,
      {
        units: number;
        unitsRefunded: number;
        sales: number;
        refunds: number;
        costed: number;
        cost: number;
        uncosted: number;
      }
    >();
    const row = (key: string) => {
      const found = rows.get(key) ?? {
        units: 0,
        unitsRefunded: 0,
        sales: 0,
        refunds: 0,
        costed: 0,
        cost: 0,
        uncosted: 0,
      };
      rows.set(key, found);
      return found;
    };
    const variantOf = (id: string) => variants.find((variant) => variant.id === id);
    for (const sale of sales.filter(
      (candidate) => isSale(candidate) && DAYS.includes(dayOf(candidate.placedAt)),
    )) {
      for (const line of sale.order.lines) {
        const variant = variantOf(line.variantId);
        if (!variant) throw new Error('variant');
        const entry = row(keyOf(variant));
        entry.units += line.quantity;
        entry.sales += line.total - line.tax;
        if (variant.cost === null) entry.uncosted += line.total - line.tax;
        else {
          entry.costed += line.total - line.tax;
          entry.cost += variant.cost * line.quantity;
        }
      }
    }
    for (const given of refunds.filter((candidate) => DAYS.includes(dayOf(candidate.at)))) {
      const sale = saleOf(given.orderId);
      if (!sale || !isSale(sale)) continue;
      for (const line of given.lines) {
        const sold = sale.order.lines.find((candidate) => candidate.id === line.orderLineId);
        const variant = sold && variantOf(sold.variantId);
        if (!variant) throw new Error('variant');
        const entry = row(keyOf(variant));
        entry.unitsRefunded += line.quantity;
        entry.refunds += line.amount - line.tax;
        if (variant.cost === null) entry.uncosted -= line.amount - line.tax;
        else {
          entry.costed -= line.amount - line.tax;
          entry.cost -= variant.cost * line.quantity;
        }
      }
    }
    return rows;
  }

  it('byCategory: units and net sales of each category, refunded lines deducted', async () => {
    const expected = expectedLines((variant) => variant.categoryId);
    const result = await report<{
      rows: {
        category: { id: string };
        units: number;
        unitsRefunded: number;
        sales: number;
        refunds: number;
        netSales: number;
      }[];
    }>('byCategory', { from: FROM, to: TO });
    expect(
      new Map(
        result.rows.map((row) => [
          row.category.id,
          [row.units, row.unitsRefunded, row.sales, row.refunds, row.netSales],
        ]),
      ),
    ).toEqual(
      new Map(
        [...expected].map(([key, row]) => [
          key,
          [row.units, row.unitsRefunded, row.sales, row.refunds, row.sales - row.refunds],
        ]),
      ),
    );
  });

  it('topProducts: ranked by net sales or by units, cut at the limit', async () => {
    const expected = [...expectedLines((variant) => variant.productId)].map(([id, row]) => ({
      id,
      netSales: row.sales - row.refunds,
      netUnits: row.units - row.unitsRefunded,
    }));
    const bySales = await report<{ rows: { product: { id: string }; netSales: number; netUnits: number }[] }>(
      'topProducts',
      { from: FROM, to: TO, limit: 2 },
    );
    const rankedBySales = [...expected].sort((a, b) => b.netSales - a.netSales).slice(0, 2);
    expect(
      bySales.rows.map((row) => ({ id: row.product.id, netSales: row.netSales, netUnits: row.netUnits })),
    ).toEqual(rankedBySales);
    const byUnits = await report<{ rows: { product: { id: string }; netUnits: number }[] }>('topProducts', {
      from: FROM,
      to: TO,
      rankBy: 'units',
    });
    expect(byUnits.rows.map((row) => row.netUnits)).toEqual(
      [...expected].map((row) => row.netUnits).sort((a, b) => b - a),
    );
  });

  it('margins: on lines whose cost is known, with the share of sales whose cost is not', async () => {
    const expected = [...expectedLines(() => 'all').values()][0];
    if (!expected) throw new Error('no lines');
    const result = await report<{ totals: Record<string, number | null> }>('margins', { from: FROM, to: TO });
    const margin = expected.costed - expected.cost;
    const netSales = expected.costed + expected.uncosted;
    expect(result.totals).toEqual({
      netSales,
      costedSales: expected.costed,
      cost: expected.cost,
      margin,
      marginBps: Math.round((margin * 10_000) / expected.costed),
      uncostedSales: expected.uncosted,
      uncostedShareBps: Math.round((expected.uncosted * 10_000) / netSales),
    });
    expect(expected.uncosted).toBeGreaterThan(0);
  });

  it('splits a long period into windows, reports progress after each, and adds up to the same figures', async () => {
    const principal: StaffPrincipal = {
      kind: 'user',
      userId: store.managerId,
      role: 'manager',
      sessionId: randomUUID(),
      storeId: store.id,
      terminalId: null,
    };
    const progress: number[] = [];
    const year = await salesByDay(app, principal, { from: '2026-01-01', to: '2026-12-31' }, (fraction) =>
      progress.push(fraction),
    );
    expect(progress).toEqual(Array.from({ length: 12 }, (_, index) => (index + 1) / 12));
    const week = await report<{ rows: unknown[] }>('salesByDay', { from: FROM, to: TO });
    expect(year.rows).toHaveLength(365);
    expect(year.rows.filter((row) => DAYS.includes(row.day))).toEqual(week.rows);
  });

  it('keeps to the caller’s store and refuses a period it cannot report on', async () => {
    const demoManager = await tokenFor(app, 'manager');
    const foreign = await call(
      app,
      'reports.salesByDay',
      { storeId: store.id, from: FROM, to: TO },
      { token: demoManager },
    );
    expect(foreign.status).toBe(404);
    const unnamed = await call(app, 'reports.salesByDay', { from: FROM, to: TO }, { token: admin });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error?.message).toMatch(/name the store/);
    expect(
      (await report<{ rows: unknown[] }>('salesByDay', { storeId: store.id, from: FROM, to: TO }, admin))
        .rows,
    ).toHaveLength(5);
    const long = await call(
      app,
      'reports.salesByDay',
      { from: '2026-01-01', to: '2027-01-02' },
      { token: manager },
    );
    expect(long.status).toBe(400);
    expect(long.body.error?.data.zodError?.fieldErrors.to).toEqual(['a report covers at most 366 days']);
  });
});

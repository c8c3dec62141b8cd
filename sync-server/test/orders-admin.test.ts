import { randomUUID } from 'node:crypto';
import type { Channel, OrderStatus, PaymentStatus } from '@allure/shared/enums';
import type { Page } from '@allure/shared/pagination';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import type { OrderCount, OrderDetail, OrderSummary } from '../src/orders/order-admin.service.js';
import { call, dataOf, sessionFor, tokenFor } from './auth-helper.js';
import { buildTestApp } from './helper.js';
import { createStore, insertOrder, someVariants, type TestStore } from './orders-admin-helper.js';
import { statementCounter } from './statements.js';

let app: App;
let store: TestStore;
let other: TestStore;
let variants: Awaited<ReturnType<typeof someVariants>>;
const tokens = { admin: '', manager: '', otherManager: '', demoManager: '' };

interface Made {
  id: string;
  number: string;
  storeId: string;
  channel: Channel;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  customerId: string | null;
  placedAt: Date;
}
const made: Made[] = [];
let customerId: string;

const DAY = 86_400_000;
const start = Date.parse('2026-06-01T08:00:00Z');

async function make(target: TestStore, spec: Omit<Made, 'id' | 'number' | 'storeId'>, lines = 1) {
  const order = await insertOrder(app.db.pool, target, {
    channel: spec.channel,
    status: spec.status,
    paymentStatus: spec.paymentStatus,
    customerId: spec.customerId,
    placedAt: spec.placedAt,
    lines: variants
      .slice(0, lines)
      .map((variant) => ({ variantId: variant.id, quantity: 2, unitPrice: variant.price })),
  });
  const row = { ...spec, id: order.id, number: order.number, storeId: target.id };
  made.push(row);
  return { ...row, order };
}

/** The expected list: newest first, then by id, as PostgreSQL orders uuids (lowercase hex, bytewise). */
const newestFirst = (a: Made, b: Made) =>
  b.placedAt.getTime() - a.placedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

async function listAll(token: string, filter: Record<string, unknown>, limit = 100): Promise<OrderSummary[]> {
  const items: OrderSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = dataOf<Page<OrderSummary>>(
      await call(app, 'orders.admin.list', { ...filter, limit, ...(cursor ? { cursor } : {}) }, { token }),
    );
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

beforeAll(async () => {
  // No inline workers: their sweeps would share the pool the statement counts are taken on.
  app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000', WORKERS: 'off' });
  variants = await someVariants(app.db.pool, 40);
  [store, other] = [await createStore(app.db.pool), await createStore(app.db.pool)];
  customerId = randomUUID();
  await app.db.pool.query(`INSERT INTO customer (id, name, store_id) VALUES ($1, 'Khady Faye', $2)`, [
    customerId,
    store.id,
  ]);
  tokens.admin = await tokenFor(app, 'admin');
  tokens.demoManager = await tokenFor(app, 'manager');
  tokens.manager = (await sessionFor(app, store.managerEmail)).accessToken;
  tokens.otherManager = (await sessionFor(app, other.managerEmail)).accessToken;

  const statuses: [Channel, OrderStatus, PaymentStatus][] = [
    ['pos', 'completed', 'paid'],
    ['web', 'paid', 'paid'],
    ['web', 'pending', 'pending'],
    ['web', 'fulfilled', 'paid'],
    ['pos', 'voided', 'paid'],
    ['web', 'payment_failed', 'failed'],
    ['web', 'cancelled', 'refunded'],
  ];
  for (let index = 0; index < 42; index += 1) {
    const [channel, status, paymentStatus] = statuses[index % statuses.length] as [
      Channel,
      OrderStatus,
      PaymentStatus,
    ];
    // Every fifth pair shares a timestamp: the id breaks the tie.
    const placedAt = new Date(
      start + Math.floor(index / 2) * (DAY / 3) + (index % 5 === 0 ? 0 : index * 1000),
    );
    await make(store, {
      channel,
      status,
      paymentStatus,
      customerId: index % 4 === 0 ? customerId : null,
      placedAt,
    });
  }
  for (let index = 0; index < 6; index += 1) {
    await make(other, {
      channel: 'web',
      status: 'paid',
      paymentStatus: 'paid',
      customerId: null,
      placedAt: new Date(start + index * DAY),
    });
  }
});
afterAll(async () => {
  await app?.close();
});

describe('orders.admin.list', () => {
  it('walks a store’s orders newest first, each exactly once, a page at a time in one statement', async () => {
    const expected = made.filter((order) => order.storeId === store.id).sort(newestFirst);
    const seen = await listAll(tokens.admin, { storeId: store.id }, 5);
    expect(seen.map((order) => order.id)).toEqual(expected.map((order) => order.id));

    const counter = statementCounter(app.db.pool);
    const { statements } = await counter.measure(() =>
      call(app, 'orders.admin.list', { storeId: store.id, limit: 10 }, { token: tokens.admin }),
    );
    counter.stop();
    expect(statements).toBe(1);
  });

  it('shows what a manager needs on each row', async () => {
    const [first] = await listAll(tokens.admin, { storeId: store.id, customerId, channel: 'pos' });
    expect(first).toMatchObject({
      storeId: store.id,
      channel: 'pos',
      customer: { id: customerId, name: 'Khady Faye' },
      cashier: { id: store.cashierIds[0], name: 'Awa Cashier' },
      terminal: { id: store.terminalId, code: 'T01' },
      currency: 'XOF',
    });
    expect(first?.total).toBeGreaterThan(0);
  });

  const inStore = (order: Made) => order.storeId === store.id;
  const cases: [string, () => Record<string, unknown>, (order: Made) => boolean][] = [
    ['by channel', () => ({ channel: 'web' }), (order) => order.channel === 'web'],
    ['by status', () => ({ status: 'voided' }), (order) => order.status === 'voided'],
    ['by payment status', () => ({ paymentStatus: 'pending' }), (order) => order.paymentStatus === 'pending'],
    ['by customer', () => ({ customerId }), (order) => order.customerId === customerId],
    [
      'by placing time, from included, to excluded',
      () => ({
        placedFrom: new Date(start + 2 * DAY).toISOString(),
        placedTo: new Date(start + 4 * DAY).toISOString(),
      }),
      (order) => order.placedAt.getTime() >= start + 2 * DAY && order.placedAt.getTime() < start + 4 * DAY,
    ],
    [
      'by the start of the order number, in any case',
      () => ({ numberPrefix: `${store.code.toLowerCase()}-w` }),
      (order) => order.number.startsWith(`${store.code}-W-`),
    ],
    [
      'by several filters at once',
      () => ({ channel: 'web', status: 'paid', customerId }),
      (order) => order.channel === 'web' && order.status === 'paid' && order.customerId === customerId,
    ],
  ];
  it.each(cases)('filters %s', async (_case, filter, keep) => {
    const expected = made.filter((order) => inStore(order) && keep(order)).sort(newestFirst);
    expect(expected.length).toBeGreaterThan(0);
    const seen = await listAll(tokens.admin, { storeId: store.id, ...filter() }, 4);
    expect(seen.map((order) => order.id)).toEqual(expected.map((order) => order.id));
  });

  it('shows a manager the orders of their store only, whatever they ask', async () => {
    const own = await listAll(tokens.manager, {});
    expect(own.map((order) => order.id)).toEqual(
      made
        .filter(inStore)
        .sort(newestFirst)
        .map((order) => order.id),
    );
    expect(await listAll(tokens.manager, { storeId: other.id })).toEqual([]);
    const demo = await listAll(tokens.demoManager, { storeId: store.id });
    expect(demo).toEqual([]);
  });

  it.each([
    ['a cursor this list did not give out', { cursor: 'bm90LWEtY3Vyc29y' }],
    ['a page over 100', { limit: 101 }],
    ['a wildcard in the number', { numberPrefix: 'DKR1%' }],
    ['a range backwards', { placedFrom: '2026-06-02T00:00:00Z', placedTo: '2026-06-01T00:00:00Z' }],
  ])('refuses %s with 400 and a message', async (_case, input) => {
    const answer = await call(app, 'orders.admin.list', input, { token: tokens.admin });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toEqual(expect.any(String));
  });
});

describe('orders.admin.count', () => {
  it('counts exactly below the estimate threshold, in the caller’s scope', async () => {
    const all = made.filter((order) => order.storeId === store.id).length;
    const web = made.filter((order) => order.storeId === store.id && order.channel === 'web').length;
    expect(
      dataOf<OrderCount>(
        await call(app, 'orders.admin.count', { storeId: store.id }, { token: tokens.admin }),
      ),
    ).toEqual({
      value: all,
      exact: true,
    });
    expect(
      dataOf<OrderCount>(
        await call(app, 'orders.admin.count', { channel: 'web' }, { token: tokens.manager }),
      ),
    ).toEqual({
      value: web,
      exact: true,
    });
    expect(
      dataOf<OrderCount>(await call(app, 'orders.admin.count', {}, { token: tokens.otherManager })),
    ).toEqual({
      value: 6,
      exact: true,
    });
  });

  it('serves a count from the cache for a short while', async () => {
    const filter = { storeId: other.id, status: 'paid' };
    const before = dataOf<OrderCount>(await call(app, 'orders.admin.count', filter, { token: tokens.admin }));
    await make(other, {
      channel: 'web',
      status: 'paid',
      paymentStatus: 'paid',
      customerId: null,
      placedAt: new Date(start),
    });
    const cached = dataOf<OrderCount>(await call(app, 'orders.admin.count', filter, { token: tokens.admin }));
    expect(cached).toEqual(before);
    const fresh = dataOf<OrderCount>(
      await call(app, 'orders.admin.count', { ...filter, channel: 'web' }, { token: tokens.admin }),
    );
    expect(fresh).toEqual({ value: before.value + 1, exact: true });
  });
});

describe('orders.admin.get', () => {
  it('shows an order with its lines, payments, refunds, history, approvals, discrepancies and people', async () => {
    const { id, order } = await make(
      store,
      { channel: 'pos', status: 'completed', paymentStatus: 'paid', customerId, placedAt: new Date(start) },
      2,
    );
    const [first, second] = order.lines;
    if (!first || !second) throw new Error('two lines expected');
    await app.db.pool.query(
      `INSERT INTO order_approval (id, order_id, action, order_line_id, approved_by_id, reason, approved_at)
       VALUES (gen_random_uuid(), $1, 'price_override', $2, $3, 'damaged hem', now())`,
      [id, second.id, store.managerId],
    );
    await app.db.pool.query(
      `INSERT INTO order_discrepancy (id, order_id, kind, order_line_id, variant_id, expected, actual, detail)
       VALUES (gen_random_uuid(), $1, 'price', $2, $3, 100, 90, 'sold under the shelf price')`,
      [id, second.id, second.variantId],
    );
    const refunded = await call(
      app,
      'orders.admin.refund',
      { id: randomUUID(), orderId: id, lines: [{ orderLineId: first.id, quantity: 1 }], method: 'cash' },
      { token: tokens.manager, type: 'mutation' },
    );
    expect(refunded.status).toBe(200);

    const detail = dataOf<OrderDetail>(
      await call(app, 'orders.admin.get', { id }, { token: tokens.manager }),
    );
    expect(detail).toMatchObject({
      id,
      status: 'partially_refunded',
      store: { id: store.id, code: store.code },
      customer: { id: customerId, name: 'Khady Faye' },
      cashier: { id: store.cashierIds[0] },
      terminal: { id: store.terminalId, code: 'T01' },
    });
    expect(detail.lines.map((line) => [line.id, line.quantity, line.refundedQuantity])).toEqual([
      [first.id, 2, 1],
      [second.id, 2, 0],
    ]);
    expect(detail.payments).toEqual([expect.objectContaining({ method: 'cash', amount: order.total })]);
    expect(detail.refunds).toEqual([
      expect.objectContaining({
        amount: Math.round(first.total / 2),
        lines: [expect.objectContaining({ orderLineId: first.id, quantity: 1 })],
      }),
    ]);
    expect(detail.statusHistory.map((entry) => [entry.fromStatus, entry.toStatus])).toEqual([
      ['completed', 'partially_refunded'],
    ]);
    expect(detail.approvals).toEqual([
      expect.objectContaining({ action: 'price_override', orderLineId: second.id }),
    ]);
    expect(detail.discrepancies).toEqual([
      expect.objectContaining({ kind: 'price', expected: 100, actual: 90 }),
    ]);
  });

  it('issues the same number of statements for 2 lines as for 40 (no N+1)', async () => {
    const small = await make(
      store,
      { channel: 'pos', status: 'completed', paymentStatus: 'paid', customerId, placedAt: new Date(start) },
      2,
    );
    const large = await make(
      store,
      { channel: 'pos', status: 'completed', paymentStatus: 'paid', customerId, placedAt: new Date(start) },
      40,
    );
    expect(large.order.lines).toHaveLength(40);
    for (const { id, order } of [small, large]) {
      await call(
        app,
        'orders.admin.refund',
        {
          id: randomUUID(),
          orderId: id,
          lines: order.lines.map((line) => ({ orderLineId: line.id, quantity: 1 })),
          method: 'card',
        },
        { token: tokens.admin, type: 'mutation' },
      );
    }
    const counter = statementCounter(app.db.pool);
    const measure = (id: string) =>
      counter.measure(async () =>
        dataOf<OrderDetail>(await call(app, 'orders.admin.get', { id }, { token: tokens.admin })),
      );
    const two = await measure(small.id);
    const forty = await measure(large.id);
    counter.stop();
    expect(two.result.lines).toHaveLength(2);
    expect(forty.result.lines).toHaveLength(40);
    expect(forty.result.refunds[0]?.lines).toHaveLength(40);
    expect(forty.statements).toBe(two.statements);
  });

  it('is not found for a manager of another store, nor for an unknown id', async () => {
    const [mine] = made.filter((order) => order.storeId === store.id);
    if (!mine) throw new Error('no order');
    expect(
      (await call(app, 'orders.admin.get', { id: mine.id }, { token: tokens.otherManager })).status,
    ).toBe(404);
    expect((await call(app, 'orders.admin.get', { id: randomUUID() }, { token: tokens.admin })).status).toBe(
      404,
    );
    expect((await call(app, 'orders.admin.get', { id: 'nope' }, { token: tokens.admin })).status).toBe(400);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import type { RefundOutcome } from '../src/orders/order-refund.service.js';
import type { ZReport } from '../src/reports/z-report.service.js';
import { call, dataOf, sessionFor, tokenFor } from './auth-helper.js';
import { buildTestApp } from './helper.js';
import { createStore, insertOrder, someVariants, type TestStore } from './orders-admin-helper.js';

// The Z-report of one shift, against figures worked out here from the shift's own orders: those recorded
// with the shift, those its till placed while it was open, none of another time or channel.

let app: App;
let store: TestStore;
let manager: string;
let shiftId: string;
const OPENED = new Date('2026-04-10T08:00:00Z');
const CLOSED = new Date('2026-04-10T18:00:00Z');
const FLOAT = 50_000;

const expected = {
  orders: 0,
  sales: 0,
  tax: 0,
  discounts: 0,
  cash: { payments: 0, amount: 0, tendered: 0, change: 0 },
  card: { payments: 0, amount: 0, tendered: 0, change: 0 },
  voids: { orders: 0, amount: 0 },
  cashRefunded: 0,
};

beforeAll(async () => {
  app = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000', WORKERS: 'off' });
  store = await createStore(app.db.pool);
  manager = (await sessionFor(app, store.managerEmail)).accessToken;
  const [robe, scarf] = await someVariants(app.db.pool, 2);
  if (!robe || !scarf) throw new Error('variants');
  shiftId = randomUUID();
  await app.db.pool.query(
    `INSERT INTO shift (id, store_id, terminal_id, opened_by_id, opened_at, opening_float, status)
     VALUES ($1, $2, $3, $4, $5, $6, 'open')`,
    [shiftId, store.id, store.terminalId, store.cashierIds[0], OPENED, FLOAT],
  );
  const at = (hours: number) => new Date(OPENED.getTime() + hours * 3_600_000);
  const lines = [
    { variantId: robe.id, quantity: 2, unitPrice: robe.price },
    { variantId: scarf.id, quantity: 1, unitPrice: scarf.price },
  ];
  const count = (order: Awaited<ReturnType<typeof insertOrder>>) => {
    expected.orders += 1;
    expected.sales += order.total;
    expected.tax += order.taxTotal;
    expected.discounts += order.discountTotal;
  };

  // Cash with change, recorded with the shift.
  const withChange = await insertOrder(app.db.pool, store, {
    channel: 'pos',
    placedAt: at(1),
    lines,
    shiftId,
    cartDiscountBps: 500,
  });
  await app.db.pool.query(`UPDATE payment SET tendered = amount + 3500, change = 3500 WHERE order_id = $1`, [
    withChange.id,
  ]);
  count(withChange);
  Object.assign(expected.cash, {
    payments: 1,
    amount: withChange.total,
    tendered: withChange.total + 3500,
    change: 3500,
  });
  // Card, from the till while the shift was open but sent without it (as tills do today).
  const byCard = await insertOrder(app.db.pool, store, {
    channel: 'pos',
    placedAt: at(2),
    lines,
    payments: undefined,
  });
  await app.db.pool.query(
    `UPDATE payment SET method = 'card', tendered = NULL, change = NULL WHERE order_id = $1`,
    [byCard.id],
  );
  count(byCard);
  Object.assign(expected.card, { payments: 1, amount: byCard.total });
  // Half cash, half card.
  const split = await insertOrder(app.db.pool, store, {
    channel: 'pos',
    placedAt: at(3),
    lines: [lines[1] as (typeof lines)[number]],
    shiftId,
  });
  const half = Math.floor(split.total / 2);
  await app.db.pool.query('DELETE FROM payment WHERE order_id = $1', [split.id]);
  await app.db.pool.query(
    `INSERT INTO payment (id, order_id, position, method, status, amount, tendered, change)
     VALUES (gen_random_uuid(), $1, 0, 'cash', 'paid', $2, $2, 0), (gen_random_uuid(), $1, 1, 'card', 'paid', $3, NULL, NULL)`,
    [split.id, half, split.total - half],
  );
  count(split);
  expected.cash.payments += 1;
  expected.cash.amount += half;
  expected.cash.tendered += half;
  expected.card.payments += 1;
  expected.card.amount += split.total - half;
  // Voided on the till: listed apart, its cash went back.
  const voided = await insertOrder(app.db.pool, store, {
    channel: 'pos',
    status: 'voided',
    placedAt: at(4),
    lines,
    shiftId,
  });
  expected.voids = { orders: 1, amount: voided.total };
  // Not this shift's: the till before it opened, and a web order of the same store.
  await insertOrder(app.db.pool, store, { channel: 'pos', placedAt: at(-1), lines });
  await insertOrder(app.db.pool, store, { channel: 'web', placedAt: at(2), lines });

  // One robe given back in cash out of this drawer; a card refund elsewhere does not touch it.
  const cashBack = dataOf<RefundOutcome>(
    await call(
      app,
      'orders.admin.refund',
      {
        id: randomUUID(),
        orderId: withChange.id,
        lines: [{ orderLineId: withChange.lines[0]?.id, quantity: 1 }],
        method: 'cash',
        shiftId,
      },
      { token: manager, type: 'mutation' },
    ),
  );
  expected.cashRefunded = cashBack.refund.amount;
  expect(
    (
      await call(
        app,
        'orders.admin.refund',
        { id: randomUUID(), orderId: byCard.id, method: 'card' },
        { token: manager, type: 'mutation' },
      )
    ).status,
  ).toBe(200);
});
afterAll(async () => {
  await app?.close();
});

const expectedCash = () => FLOAT + expected.cash.tendered - expected.cash.change - expected.cashRefunded;

describe('reports.zReport', () => {
  it('reads an open shift as far as it has got (an X-report), without counted cash', async () => {
    const report = dataOf<ZReport>(await call(app, 'reports.zReport', { shiftId }, { token: manager }));
    expect(report.shift).toMatchObject({
      id: shiftId,
      status: 'open',
      closedAt: null,
      terminal: { code: 'T01' },
    });
    expect(report.expectedCash).toBe(expectedCash());
    expect(report).toMatchObject({ countedCash: null, difference: null });
  });

  it('closes with sales by tender, voids and refunds apart, and the drawer’s difference', async () => {
    await app.db.pool.query(
      `UPDATE shift SET status = 'closed', closed_at = $2, closed_by_id = $3, counted_cash = $4, expected_cash = $5
        WHERE id = $1`,
      [shiftId, CLOSED, store.cashierIds[0], expectedCash() - 500, expectedCash() - 200],
    );
    // Sold after the close: the next shift's.
    const [robe] = await someVariants(app.db.pool, 1);
    if (!robe) throw new Error('variant');
    await insertOrder(app.db.pool, store, {
      channel: 'pos',
      placedAt: new Date(CLOSED.getTime() + 60_000),
      lines: [{ variantId: robe.id, quantity: 1, unitPrice: robe.price }],
    });

    const report = dataOf<ZReport>(await call(app, 'reports.zReport', { shiftId }, { token: manager }));
    expect(report).toEqual({
      shift: {
        id: shiftId,
        status: 'closed',
        openedAt: OPENED.toISOString(),
        closedAt: CLOSED.toISOString(),
        terminal: { id: store.terminalId, code: 'T01' },
        openedBy: { id: store.cashierIds[0], name: 'Awa Cashier' },
        closedBy: { id: store.cashierIds[0], name: 'Awa Cashier' },
      },
      currency: 'XOF',
      orders: expected.orders,
      discounts: expected.discounts,
      sales: expected.sales,
      tax: expected.tax,
      tenders: [
        { method: 'cash', ...expected.cash },
        { method: 'card', ...expected.card, tendered: expected.card.amount },
      ],
      voids: expected.voids,
      refunds: {
        count: 1,
        amount: expected.cashRefunded,
        byMethod: [{ method: 'cash', count: 1, amount: expected.cashRefunded }],
      },
      openingFloat: FLOAT,
      expectedCash: expectedCash(),
      countedCash: expectedCash() - 500,
      difference: -500,
      tillExpectedCash: expectedCash() - 200,
    });
  });

  it('is another store’s shift to no one but its managers and admins', async () => {
    const demoManager = await tokenFor(app, 'manager');
    expect((await call(app, 'reports.zReport', { shiftId }, { token: demoManager })).status).toBe(404);
    expect(
      (await call(app, 'reports.zReport', { shiftId }, { token: await tokenFor(app, 'admin') })).status,
    ).toBe(200);
    expect((await call(app, 'reports.zReport', { shiftId: randomUUID() }, { token: manager })).status).toBe(
      404,
    );
  });
});
